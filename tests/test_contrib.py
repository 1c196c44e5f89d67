"""tanh and leaky_relu, ops made the way a learner makes their own (tinygraph.contrib), and
gradcheck on every shipped op and on a learner's op with a wrong backward."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import contrib, ops, render
from tinygraph.contrib import leaky_relu, tanh
from tinygraph.debug import Debugger, gradcheck

Z_VALUES = [[-2.0, -0.5, 0.25, 3.0]]


def test_tanh_forward_is_numpys_tanh_and_backward_is_one_minus_tanh_squared():
    Z = tg.parameter(Z_VALUES, name="Z1")
    A = tanh(Z, name="A1")
    assert np.allclose(A.value, np.tanh(Z_VALUES))
    (dZ,) = contrib.Tanh.backward(np.ones((1, 4)), A.saved, (True,))
    t = np.tanh(np.array(Z_VALUES))
    assert np.allclose(dZ, 1 - t**2)
    assert np.allclose(dZ, 1 / np.cosh(Z_VALUES) ** 2)  # the same derivative, another way


def test_leaky_relu_passes_a_hundredth_of_the_negative_side():
    Z = tg.parameter(Z_VALUES, name="Z1")
    A = leaky_relu(Z)
    assert np.allclose(A.value, [[-0.02, -0.005, 0.25, 3.0]])
    dA = np.array([[1.0, 2.0, 3.0, 4.0]])
    (dZ,) = contrib.LeakyRelu.backward(dA, A.saved, (True,))
    assert np.allclose(dZ, [[0.01, 0.02, 3.0, 4.0]])
    assert A.name == "leaky_relu(Z1)"


def test_no_gradient_is_computed_where_none_is_needed():
    Z = tg.tensor(Z_VALUES, name="Z")
    A = tanh(Z)
    assert A.saved == () and not A.requires_grad  # data needs no gradient: nothing is kept,
    assert [step.node for step in tg.backward_steps(tg.sum(A * tg.parameter([[1.0]])))][-1] \
        is not A  # and the walk never runs tanh's rule


def network(hidden, stable=True, dtype=np.float64):
    """X -> [LINEAR -> hidden op] x 2 -> LINEAR -> SIGMOID -> cost, by hand with the ops."""
    rng = np.random.default_rng(7)
    dims = [4, 5, 3, 1]
    X = tg.tensor(rng.normal(size=(4, 6)).astype(dtype), name="X")
    A = X
    for l in range(1, 4):
        W = tg.parameter(rng.normal(size=(dims[l], dims[l - 1])).astype(dtype) / 2, name=f"W{l}",
                         layer=l)
        b = tg.parameter(rng.normal(size=(dims[l], 1)).astype(dtype) * 0.1, name=f"b{l}",
                         layer=l)
        Z = tg.add_bias(tg.matmul(W, A, name=f"W{l}@{A.name}"), b, name=f"Z{l}")
        A = hidden[l - 1](Z, name=f"A{l}") if l < 3 else tg.sigmoid(Z, name="AL")
    return tg.cross_entropy(A, [[1, 0, 1, 1, 0, 0]], stable=stable)


SHIPPED = {
    "relu, relu": (tg.relu, tg.relu),
    "tanh, leaky_relu": (tanh, leaky_relu),
    "leaky_relu, tanh": (leaky_relu, tanh),
}


@pytest.mark.parametrize("stable", [True, False], ids=["cost from Z", "cost from AL"])
@pytest.mark.parametrize("hidden", SHIPPED.values(), ids=SHIPPED.keys())
def test_gradcheck_passes_every_shipped_op(hidden, stable):
    # matmul, add_bias, sigmoid and one of the two cross-entropies are in every network
    report = gradcheck(network(hidden, stable))
    assert report.ok, report.table()
    assert len(report.rows) == 6


class SignErrorTanh(ops.Op):
    """A learner's tanh with a sign error in backward: -(1 - A**2) instead of (1 - A**2)."""

    name = "tanh"
    formulas = ("{dx0} = -{dout} * (1 - {out}**2)",)

    @staticmethod
    def forward(Z):
        A = np.tanh(Z)
        return A, (A,)

    @staticmethod
    def backward(dA, saved, needs):
        (A,) = saved
        return (-dA * (1 - A**2),)


def sign_error_tanh(Z, *, name="", layer=None):
    return SignErrorTanh.apply(Z, name=name, layer=layer)


def test_gradcheck_flags_a_learners_op_with_a_sign_error():
    report = gradcheck(network((sign_error_tanh, tg.relu)))
    rows = {row.name: row for row in report.rows}
    assert not report.ok
    # Layer 1 is behind the wrong tanh: its analytic gradient is exactly -g, so the
    # difference is ||-g - g|| / (||-g|| + ||g||) = 1. Layers 2 and 3 are in front of it.
    for name in ("W1", "b1"):
        assert not rows[name].ok and rows[name].difference == pytest.approx(1.0, abs=1e-6)
    for name in ("W2", "b2", "W3", "b3"):
        assert rows[name].ok and rows[name].difference < 2e-7
    assert "2 of 6 parameters disagree: W1, b1" in report.table()


def test_a_new_op_works_in_the_debugger_with_its_shapes():
    dbg = Debugger(network((tanh, leaky_relu)))
    step = dbg.run_to("A1")
    assert step.formula == "dZ1 = dA1 * (1 - A1**2)   (5, 6) = (5, 6) * (1 - (5, 6)**2)   " \
                           "# g'(Z) = 1 - tanh(Z)^2"
    A1 = dbg.node("A1")
    assert np.allclose(step.input_grads[0][1], step.grad * (1 - A1.value**2))
    assert dbg.run_to("A2").formula.startswith("dZ2 = dA2 * np.where(Z2 > 0, 1, 0.01)   (3, 6)")


def test_a_new_op_works_in_the_renderer():
    source = render.to_dot(network((tanh, leaky_relu)), grads=True).source
    assert "Layer 1: LINEAR -> TANH" in source and "Layer 2: LINEAR -> LEAKY_RELU" in source
    assert "dZ1 = dA1 * (1 - A1**2)" in source  # its formula, in the node's tooltip
