"""The course's own NumPy code on tinygraph's tensors: NumPy's functions record the same ops as
the operators, any other one is a clear error, and a graph whose parameters changed since it
was built refuses to give gradients."""

from __future__ import annotations

import numpy as np
import pytest
from course_reference import L_model_backward, L_model_forward, compute_cost

import tinygraph as tg
from tinygraph import render
from tinygraph.errors import NotAnOpError, StaleGraphError


def leaves(seed=0):
    rng = np.random.default_rng(seed)
    A = tg.parameter(rng.normal(size=(3, 4)), name="A")
    B = tg.parameter(rng.uniform(0.5, 2.0, size=(3, 4)), name="B")
    return A, B, rng


NUMPY_AND_OPERATORS = [
    ("np.add", lambda A, B, C: np.add(A, C), lambda A, B, C: A + C),
    ("np.subtract", lambda A, B, C: np.subtract(C, A), lambda A, B, C: C - A),
    ("np.multiply", lambda A, B, C: np.multiply(A, B), lambda A, B, C: A * B),
    ("np.divide", lambda A, B, C: np.divide(A, B), lambda A, B, C: A / B),
    ("np.negative", lambda A, B, C: np.negative(A), lambda A, B, C: -A),
    ("np.power", lambda A, B, C: np.power(B, 3), lambda A, B, C: B ** 3),
    ("np.square", lambda A, B, C: np.square(A), lambda A, B, C: A ** 2),
    ("np.exp", lambda A, B, C: np.exp(A), lambda A, B, C: A.exp()),
    ("np.log", lambda A, B, C: np.log(B), lambda A, B, C: B.log()),
    ("np.tanh", lambda A, B, C: np.tanh(A), lambda A, B, C: A.tanh()),
    ("np.maximum(0, Z)", lambda A, B, C: np.maximum(0, A), lambda A, B, C: A.relu()),
    ("np.dot", lambda A, B, C: np.dot(A, B.T), lambda A, B, C: A @ B.T),
    ("np.matmul", lambda A, B, C: np.matmul(A, B.T), lambda A, B, C: A @ B.T),
    ("np.sum axis 1", lambda A, B, C: np.sum(A, axis=1, keepdims=True),
     lambda A, B, C: A.sum(axis=1, keepdims=True)),
    ("np.mean", lambda A, B, C: np.mean(A * 2.0), lambda A, B, C: (A * 2.0).mean()),
    ("np.transpose", lambda A, B, C: np.transpose(A), lambda A, B, C: A.T),
    ("an array on the left", lambda A, B, C: C * np.log(B), lambda A, B, C: C * B.log()),
    ("a scalar on the left", lambda A, B, C: 1 - np.exp(A), lambda A, B, C: 1 - A.exp()),
]


@pytest.mark.parametrize("what, written_with_numpy, written_with_operators",
                         NUMPY_AND_OPERATORS, ids=[n for n, _, _ in NUMPY_AND_OPERATORS])
def test_numpys_functions_record_the_ops_the_operators_record(
        what, written_with_numpy, written_with_operators):
    A, B, rng = leaves()
    C = rng.normal(size=(3, 4))  # a plain array, mixed in
    ours, theirs = written_with_numpy(A, B, C), written_with_operators(A, B, C)
    assert isinstance(ours, tg.Tensor), what
    assert [n.kind for n in tg.topological_order(ours)] == \
           [n.kind for n in tg.topological_order(theirs)]
    assert ours.name == theirs.name
    np.testing.assert_array_equal(ours.value, theirs.value)
    R = rng.normal(size=ours.shape)
    tg.backward(ours, R)
    grads = A.grad, B.grad
    tg.backward(theirs, R)
    for ours_grad, theirs_grad in zip(grads, (A.grad, B.grad), strict=True):
        np.testing.assert_array_equal(ours_grad, theirs_grad)


def test_squeeze_and_reshape_keep_the_numbers_and_send_the_gradient_back():
    A, _, _ = leaves()
    J = np.squeeze(np.sum(A, axis=None, keepdims=True))  # (1, 1) -> (): the course's cost
    assert J.shape == () and J.item() == pytest.approx(A.value.sum())
    tg.backward(J)
    np.testing.assert_array_equal(A.grad, np.ones((3, 4)))
    flat = np.reshape(A, (1, -1))
    assert flat.shape == (1, 12)
    tg.backward(flat, np.arange(12.0).reshape(1, 12))
    np.testing.assert_array_equal(A.grad, np.arange(12.0).reshape(3, 4))


@pytest.mark.parametrize("call, name", [
    (lambda A: np.sqrt(A), "np.sqrt"),
    (lambda A: np.abs(A), "np.abs"),
    (lambda A: np.clip(A, 0, 1), "np.clip"),
    (lambda A: np.concatenate([A, A]), "np.concatenate"),
    (lambda A: np.maximum(A, A), "np.maximum"),
    (lambda A: np.sum(A, out=np.empty(())), "np.sum"),
    (lambda A: np.exp(A, out=np.empty((3, 4))), "np.exp"),
    (lambda A: np.add.reduce(A), "np.add.reduce"),
    (lambda A: np.zeros((3, 4)) > A, "np.greater"),
])
def test_any_other_numpy_function_is_an_error_that_names_it(call, name):
    A, _, _ = leaves()
    with pytest.raises(NotAnOpError) as raised:
        call(A)
    assert name in str(raised.value) and isinstance(raised.value, tg.TinygraphError)


def test_np_asarray_is_the_way_out_of_the_graph():
    A, _, _ = leaves()
    assert np.asarray(A) is A.value and np.shape(A) == (3, 4) and np.ndim(A) == 2


# ------------------------------------------------------- the course's code, as it is written


def test_the_courses_own_forward_code_builds_the_courses_graph_and_grads():
    """tests/course_reference.py is the course's NumPy code, verbatim: given tinygraph's
    parameters, it builds the graph, which gives the course's dW, db, dA for every layer."""
    rng = np.random.default_rng(5)
    net = tg.Network([5, 4, 3, 1], init="app")
    X = rng.normal(size=(5, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    AL, caches = L_model_forward(tg.tensor(X), net.parameters)   # the course's code
    cost = compute_cost(AL, Y)                                    # np.dot, np.log, np.squeeze
    tg.backward(cost)
    grads = tg.course_grads(cost)
    values = net.values()
    AL_np, caches_np = L_model_forward(X, values)                 # the same code on arrays
    assert cost.item() == pytest.approx(float(compute_cost(AL_np, Y)), rel=1e-12)
    expected = L_model_backward(AL_np, Y, caches_np)
    del expected["dA0"]  # the gradient for X, which is data here: it needs none
    assert sorted(grads) == sorted(expected)
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-9, atol=1e-14)
    names = {render.course_name(n) for n in tg.topological_order(cost)}
    assert {"X = A[0]", "W[1]", "Z[1]", "A[1]", "W[3] @ A[2]", "Z[3]"} <= names
    picture = render.to_dot(cost).source
    assert "Layer 3: LINEAR -> SIGMOID" in picture and "Layer 1: LINEAR -> RELU" in picture
    assert "AL = A[L]" in picture


# ----------------------------------------------------------------------------- stale graphs


def test_a_cost_built_once_and_stepped_again_is_a_stale_graph():
    net = tg.Network([4, 3, 1], init="app")
    X, Y = np.random.default_rng(1).normal(size=(4, 6)), [[1, 0, 1, 1, 0, 0]]
    cost = net.cost(X, Y)                             # built once, outside the loop
    tg.backward(cost)
    tg.optim.GradientDescent(net, 0.1).step()
    with pytest.raises(StaleGraphError) as raised:
        tg.backward(cost)                             # the graph of the old parameters
    message = str(raised.value)
    assert "W" in message and "test_numpy_functions.py" in message
    assert "build the cost again inside the loop" in message
    tg.backward(net.cost(X, Y))                       # built again: fine


@pytest.mark.parametrize("update", [
    lambda W: W.__isub__(0.1),                       # W -= 0.1
    lambda W: setattr(W, "value", W.value * 2),       # W.value = ...
    lambda W: setattr(W, "value", W.value - 1.0),     # W.value -= 1.0 sets it too
])
def test_every_update_of_a_parameter_makes_a_new_version(update):
    W = tg.parameter([[1.0, 2.0]], name="W")
    J = (W * 3).sum()
    before = W.version
    update(W)
    assert W.version == before + 1
    with pytest.raises(StaleGraphError, match="W"):
        tg.backward(J)


def test_an_in_place_update_changes_a_leaf_in_place_and_a_nodes_name_is_rebound():
    W = tg.parameter([[1.0, 2.0]], name="W")
    kept = W.value
    W -= np.array([[0.5, 0.5]])
    assert W.value is kept and W.value.tolist() == [[0.5, 1.5]] and W.op is None
    Z = W * 2
    Z -= 1                                            # Z = Z - 1: a new node, as in Python
    assert Z.op is tg.ops.Sub and Z.inputs[0].op is tg.ops.Mul
