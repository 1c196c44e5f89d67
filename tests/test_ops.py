"""Each op: its forward value, and its backward against central finite differences.

An op's backward turns dJ/d(out) into dJ/d(input). To check it, take J = sum(out * R) for a
random R: then dJ/d(out) = R, and dJ/d(input) can be estimated by nudging each input entry.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numeric import numeric_gradient, relative_difference

import tinygraph as tg
from tinygraph.ops import AddBias, CrossEntropy, MatMul, Relu, Sigmoid, SigmoidCrossEntropy

sizes = st.integers(min_value=1, max_value=6)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def check_op(op, inputs: list[np.ndarray], which: list[int]) -> None:
    """backward(R) equals the finite-difference gradient of sum(forward(*inputs) * R)."""
    out, saved = op.forward(*inputs)
    R = np.random.default_rng(0).normal(size=np.shape(out))
    needs = tuple(i in which for i in range(len(inputs)))
    grads = op.backward(R, saved, needs)
    for i in which:
        numeric = numeric_gradient(lambda: float(np.sum(op.forward(*inputs)[0] * R)), inputs[i])
        assert grads[i].shape == inputs[i].shape
        assert relative_difference(grads[i], numeric) < 1e-7, (op.name, i)
    for i, need in enumerate(needs):
        if not need:
            assert grads[i] is None, f"{op.name} computed a gradient nobody asked for"


@settings(max_examples=25, deadline=None)
@given(n=sizes, n_prev=sizes, m=sizes, seed=seeds)
def test_matmul_is_W_times_A_and_its_gradients_match_finite_differences(n, n_prev, m, seed):
    rng = np.random.default_rng(seed)
    W, A = rng.normal(size=(n, n_prev)), rng.normal(size=(n_prev, m))
    np.testing.assert_allclose(MatMul.forward(W, A)[0], np.einsum("ik,kj->ij", W, A))
    check_op(MatMul, [W, A], which=[0, 1])
    check_op(MatMul, [W, A], which=[0])  # no dA_prev when A_prev needs none (X)


@settings(max_examples=25, deadline=None)
@given(n=sizes, m=sizes, seed=seeds)
def test_add_bias_broadcasts_b_over_columns_and_sums_it_back(n, m, seed):
    rng = np.random.default_rng(seed)
    Z, b = rng.normal(size=(n, m)), rng.normal(size=(n, 1))
    expected = np.array([[Z[i, j] + b[i, 0] for j in range(m)] for i in range(n)])
    np.testing.assert_allclose(AddBias.forward(Z, b)[0], expected)
    check_op(AddBias, [Z, b], which=[0, 1])


@settings(max_examples=25, deadline=None)
@given(n=sizes, m=sizes, seed=seeds)
def test_relu_and_sigmoid_forward_and_backward(n, m, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, m))
    Z[np.abs(Z) < 1e-3] = 0.5  # finite differences cannot straddle relu's kink
    np.testing.assert_array_equal(Relu.forward(Z)[0], np.where(Z > 0, Z, 0.0))
    np.testing.assert_allclose(Sigmoid.forward(Z)[0], 1 / (1 + np.exp(-Z)))
    check_op(Relu, [Z], which=[0])
    check_op(Sigmoid, [Z], which=[0])


@settings(max_examples=25, deadline=None)
@given(m=sizes, seed=seeds)
def test_cross_entropy_is_equation_7_and_its_gradient_matches(m, seed):
    rng = np.random.default_rng(seed)
    AL = rng.uniform(0.05, 0.95, size=(1, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    course = -(1 / m) * (Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T)
    np.testing.assert_allclose(CrossEntropy.forward(AL, Y)[0], course.item(), rtol=1e-12)
    check_op(CrossEntropy, [AL, Y], which=[0])


@settings(max_examples=25, deadline=None)
@given(m=sizes, seed=seeds)
def test_cost_from_Z_equals_cost_from_AL_and_sends_dZ(m, seed):
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=3, size=(1, m))
    AL = 1 / (1 + np.exp(-Z))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    # log(1 + e^z) - y z, written out; the course's formula from AL agrees to fewer digits,
    # since 1 - AL loses them when AL is close to 1.
    exact = (np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z))) - Y * Z).sum() / m
    J, saved = SigmoidCrossEntropy.forward(AL, Y, Z)
    np.testing.assert_allclose(J, exact, rtol=1e-13)
    np.testing.assert_allclose(CrossEntropy.forward(AL, Y)[0], exact, rtol=1e-9)
    # The gradient goes to Z (input 2): check it with AL following Z as the graph would.
    R = np.ones(())
    (_, _, dZ) = SigmoidCrossEntropy.backward(R, saved, (False, False, True))
    numeric = numeric_gradient(
        lambda: float(SigmoidCrossEntropy.forward(1 / (1 + np.exp(-Z)), Y, Z)[0]), Z)
    assert relative_difference(dZ, numeric) < 1e-7


def test_ops_record_their_inputs_and_layer_on_the_node():
    W = tg.parameter(np.ones((2, 3)), name="W2", layer=2)
    A = tg.tensor(np.ones((3, 4)), name="A1", layer=1)
    WA = tg.matmul(W, A)
    assert WA.inputs == (W, A)
    assert WA.op is MatMul
    assert WA.name == "W2@A1"
    assert WA.layer == 2  # the deepest layer among its inputs
    assert WA.requires_grad and not A.requires_grad


def test_a_node_whose_inputs_need_no_gradient_saves_nothing():
    Z = tg.relu(tg.tensor(np.ones((2, 2)), name="X"))
    assert Z.saved == () and not Z.requires_grad


def test_float32_stays_float32_through_every_op():
    rng = np.random.default_rng(1)
    f32 = np.float32
    W = tg.parameter(rng.normal(size=(3, 4)).astype(f32), name="W1", layer=1)
    b = tg.parameter(np.zeros((3, 1), f32), name="b1", layer=1)
    X = tg.tensor(rng.normal(size=(4, 5)).astype(f32), name="X")
    A = tg.relu(tg.add_bias(tg.matmul(W, X), b))
    W2 = tg.parameter(rng.normal(size=(1, 3)).astype(f32), name="W2", layer=2)
    AL = tg.sigmoid(tg.matmul(W2, A))
    cost = tg.backward(tg.cross_entropy(AL, np.array([[1, 0, 1, 0, 1]], f32)))
    for node in tg.topological_order(cost):
        assert node.value.dtype == f32, node.name
        assert node.grad is None or node.grad.dtype == f32, node.name
