"""The backward walk checks what each op's rule returns: a tuple, one entry per input, each
gradient None or an array of its input's shape. These are the mistakes a learner makes when
writing their own op (docs/debugging.md invites them to); each gets a clear error naming the
op, the input, the layer and both shapes, instead of a silently wrong gradient.
"""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg


def op_with_backward(rule, inputs: int = 1):
    """A learner's op: forward is right (identity, or Z + b), backward is `rule`."""

    class Mine(tg.Op):
        name = "mine"

        @staticmethod
        def forward(*values):
            return (values[0] if inputs == 1 else values[0] + values[1]), values

        @staticmethod
        def backward(dout, saved, needs):
            return rule(dout, saved)

    return Mine


def run(op, *inputs):
    return tg.backward(tg.cross_entropy(tg.sigmoid(op.apply(*inputs, name="Z2")), [[1, 0, 1]]))


def Z1():
    return tg.parameter(np.array([[0.5, -1.0, 2.0]]), name="Z1", layer=2)


@pytest.mark.parametrize("rule, got", [
    (lambda dout, saved: dout, r"returned a ndarray of shape \(1, 3\)"),  # len 1: passed before
    (lambda dout, saved: [dout], "returned a list"),
    (lambda dout, saved: (dout, dout), "returned 2 gradients"),
    (lambda dout, saved: (), "returned 0 gradients"),
])
def test_a_rule_must_return_a_tuple_with_one_gradient_per_input(rule, got):
    with pytest.raises(tg.TinygraphError, match=got) as error:
        run(op_with_backward(rule), Z1())
    message = str(error.value)
    assert message.startswith("mine.backward in layer 2 (node Z2)")
    assert "for its 1 input(s) (Z1)" in message and "return (dZ,)" in message


@pytest.mark.parametrize("rule, shape", [
    (lambda dout, saved: (dout.ravel(),), r"\(3,\)"),           # (m,) for (1, m)
    (lambda dout, saved: (dout.T,), r"\(3, 1\)"),               # transposed
    (lambda dout, saved: (dout[:, :2],), r"\(1, 2\)"),          # a column lost
    (lambda dout, saved: (dout.sum(),), r"\(\)"),               # summed to a number
])
def test_a_gradient_of_the_wrong_shape_is_refused(rule, shape):
    with pytest.raises(tg.ShapeError, match=f"returned a gradient of shape {shape} for its "
                                            r"input Z1 of shape \(1, 3\)") as error:
        run(op_with_backward(rule), Z1())
    assert str(error.value).startswith("mine.backward in layer 2 (node Z2)")


def test_a_bias_gradient_summed_without_keepdims():
    # The classic: db = dZ.sum(axis=1) is (3,), b is (3, 1); NumPy would broadcast it later.
    def rule(dout, saved):
        return dout, dout.sum(axis=1)

    Z = tg.parameter(np.ones((3, 2)), name="W1@X", layer=1)
    b = tg.parameter(np.zeros((3, 1)), name="b1", layer=1)
    node = op_with_backward(rule, inputs=2).apply(Z, b, name="Z1")
    with pytest.raises(tg.ShapeError) as error:
        tg.backward(tg.cross_entropy(tg.sigmoid(tg.matmul(tg.parameter(np.ones((1, 3)),
                                                                       name="W2", layer=2),
                                                          node)), [[1, 0]]))
    assert str(error.value) == (
        "mine.backward in layer 1 (node Z1) returned a gradient of shape (3,) for its input b1 "
        "of shape (3, 1); each gradient must have its input's shape (a sum without "
        "keepdims=True, or a reshape, drops or adds an axis)")


def test_a_number_where_an_array_is_due():
    with pytest.raises(tg.ShapeError, match="returned a gradient of a float, not an array"):
        run(op_with_backward(lambda dout, saved: (1.0,)), Z1())


def test_the_shipped_ops_and_none_for_unneeded_inputs_pass():
    net = tg.Network([4, 3, 2, 1], init="deep")
    X = np.random.default_rng(0).normal(size=(4, 5))
    for stable in (True, False):
        tg.backward(net.cost(X, [[1, 0, 1, 0, 0.5]], stable=stable))
        assert all(p.grad.shape == p.shape for p in net.parameters.values())
