"""Where backward starts: from the cost (one number), or from any node with an explicit
`gradient=` as PyTorch's `backward(gradient=...)`; anything else is a clear error."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg


def small_graph():
    W = tg.parameter([[0.5, -1.0], [2.0, 0.25]], name="W1", layer=1)
    X = tg.tensor([[1.0, 2.0, -1.0], [0.5, -0.5, 3.0]], name="X")
    AL = tg.sigmoid(tg.matmul(W, X), name="AL", layer=1)
    return W, X, AL


def test_backward_from_a_node_that_is_not_a_number_needs_a_gradient():
    _, _, AL = small_graph()
    with pytest.raises(tg.ShapeError) as error:
        tg.backward(AL)
    assert str(error.value) == ("backward from AL of shape (2, 3): start from the cost (a "
                                "single number), or pass gradient=, an array of shape (2, 3) "
                                "holding dJ/d(AL)")
    with pytest.raises(tg.ShapeError, match="backward from AL of shape"):
        tg.backward_steps(AL)  # at the call, not at the first step


def test_the_gradient_argument_is_the_chain_rule_seed():
    W, X, AL = small_graph()
    R = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, 1.0]])
    tg.backward(AL, gradient=R)
    # d sum(R * sigmoid(W X)) / dW = (R * s * (1 - s)) X^T, written out by hand
    s = 1 / (1 + np.exp(-(W.value @ X.value)))
    np.testing.assert_allclose(W.grad, (R * s * (1 - s)) @ X.value.T, rtol=1e-14)
    # and by central differences of sum(R * AL)
    def f(Wv):
        return float(np.sum(R / (1 + np.exp(-(Wv @ X.value)))))
    numeric = np.zeros_like(W.value)
    for i in np.ndindex(W.shape):
        e = np.zeros_like(W.value)
        e[i] = 1e-6
        numeric[i] = (f(W.value + e) - f(W.value - e)) / 2e-6
    np.testing.assert_allclose(W.grad, numeric, rtol=1e-7)


def test_the_node_s_own_backward_takes_the_same_gradient():
    W, _, AL = small_graph()
    R = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, 1.0]])
    tg.backward(AL, gradient=R)
    by_function = W.grad.copy()
    assert AL.backward(R) is AL
    np.testing.assert_array_equal(W.grad, by_function)
    with pytest.raises(tg.ShapeError, match="backward from AL of shape"):
        AL.backward()


def test_a_gradient_of_the_wrong_shape():
    _, _, AL = small_graph()
    with pytest.raises(tg.ShapeError, match=r"gradient has shape \(3, 2\) but AL has shape "
                                            r"\(2, 3\)"):
        tg.backward(AL, gradient=np.ones((3, 2)))
    with pytest.raises(tg.InputError, match="gradient contains NaN or inf"):
        tg.backward(AL, gradient=np.full((2, 3), np.nan))


def test_a_single_number_node_needs_no_gradient():
    w = tg.parameter([[3.0]], name="w")
    tg.backward(tg.sigmoid(w, name="a"))  # (1, 1): one number, seeded with 1
    assert w.grad[0, 0] == pytest.approx(1 / (1 + np.exp(-3)) * (1 - 1 / (1 + np.exp(-3))))


@pytest.mark.parametrize("thing", [np.ones((1, 1)), 1.0, [[1.0]]])
def test_backward_of_something_that_is_not_a_node(thing):
    with pytest.raises(tg.InputError, match="backward needs a node of the graph .* not a "):
        tg.backward(thing)
