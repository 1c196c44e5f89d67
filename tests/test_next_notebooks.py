"""The course's next notebooks on the same graph: a tanh hidden layer (planar data), the L2
term and inverted dropout (Regularization).

Each is checked three ways: against the course's own backward formulas written out here in
NumPy, against central finite differences (always), and against PyTorch in float64 (costs
and gradients to 1e-10 relative, where PyTorch is installed). Where the course publishes a
number (its test cases' expected outputs), that number is checked too.
"""

from __future__ import annotations

import numpy as np
import pytest
from numeric import numeric_gradient, relative_difference

import tinygraph as tg
from tinygraph import render

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def replay(J: tg.Tensor) -> float:
    """J's forward pass again through each node's op, with the leaves as they are now."""
    values = {}
    for node in tg.topological_order(J):
        values[id(node)] = node.value if node.op is None else node.op.forward(
            *[values[id(x)] for x in node.inputs])[0]
    return float(values[id(J)])


def finite_differences(J: tg.Tensor, p: tg.Tensor, eps: float = 1e-6) -> np.ndarray:
    return numeric_gradient(lambda: replay(J), p.value, eps)


def parameters(values: dict[str, np.ndarray]) -> dict[str, tg.Tensor]:
    return {k: tg.parameter(v, name=k, layer=int(k[1:])) for k, v in values.items()}


def cross_entropy_7(AL: tg.Tensor, Y: np.ndarray) -> tg.Tensor:
    m = Y.shape[1]
    return -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m  # (7)


# ------------------------------------------------------------- planar data: a tanh hidden layer


def planar_case(seed: int = 2):
    """The planar notebook's shapes: n_x = 2, n_h = 4, n_y = 1; its init, seed 2, * 0.01."""
    np.random.seed(seed)
    values = {"W1": np.random.randn(4, 2) * 0.01, "b1": np.zeros((4, 1)),
              "W2": np.random.randn(1, 4) * 0.01, "b2": np.zeros((1, 1))}
    rng = np.random.RandomState(7)
    X = rng.randn(2, 9) * 3
    Y = (X[0:1] * X[1:2] > 0).astype(int)  # a pattern no straight line separates
    return values, X, Y


def planar_graph(values, X, Y):
    p = parameters(values)
    A1 = (p["W1"] @ tg.tensor(X, name="X", layer=0) + p["b1"]).tanh()
    A2 = (p["W2"] @ A1 + p["b2"]).sigmoid()
    return cross_entropy_7(A2, Y), p


def planar_course_backward(values, X, Y):
    """backward_propagation as the planar notebook writes it."""
    m = X.shape[1]
    A1 = np.tanh(values["W1"] @ X + values["b1"])
    A2 = 1 / (1 + np.exp(-(values["W2"] @ A1 + values["b2"])))
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = values["W2"].T @ dZ2 * (1 - np.power(A1, 2))
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def test_a_tanh_hidden_layer_gives_the_planar_notebooks_gradients():
    values, X, Y = planar_case()
    cost, p = planar_graph(values, X, Y)
    cost.backward()
    assert cost.find("A1").kind == "tanh" and p["W1"].shape == (4, 2)
    course = planar_course_backward(values, X, Y)
    for k in p:
        assert relative_difference(p[k].grad, course[k]) < 1e-12, k
        assert relative_difference(p[k].grad, finite_differences(cost, p[k])) < 1e-6, k


def test_network_with_tanh_is_the_same_graph_as_the_expression():
    values, X, Y = planar_case()
    net = tg.Network.from_values({k: v.copy() for k, v in values.items()})
    built = tg.backward(net.cost(X, Y, activation=tg.tanh))
    by_hand, p = planar_graph(values, X, Y)
    by_hand.backward()
    assert built.item() == pytest.approx(by_hand.item(), rel=1e-14)
    for k in p:
        np.testing.assert_allclose(net.parameters[k].grad, p[k].grad, rtol=1e-10, atol=1e-18)


def test_the_tanh_layer_agrees_with_pytorch_float64():
    torch = pytest.importorskip("torch")
    values, X, Y = planar_case()
    cost, p = planar_graph(values, X, Y)
    cost.backward()
    t = {k: torch.tensor(v, requires_grad=True) for k, v in values.items()}
    A1 = torch.tanh(t["W1"] @ torch.tensor(X) + t["b1"])
    A2 = torch.sigmoid(t["W2"] @ A1 + t["b2"])
    J = torch.nn.functional.binary_cross_entropy(A2, torch.tensor(Y, dtype=torch.float64))
    J.backward()
    assert relative_difference(cost.value, J.item()) < 1e-10
    for k in p:
        assert relative_difference(p[k].grad, t[k].grad.numpy()) < 1e-10, k


# ------------------------------------------------------------------------------ Regularization


def regularization_case():
    """The Regularization notebook's test-case shapes: X (3, 5), layers 2, 3, 1, seed 1."""
    np.random.seed(1)
    X = np.random.randn(3, 5)
    values = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1),
              "W2": np.random.randn(3, 2), "b2": np.random.randn(3, 1),
              "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    return X, values


def l2_cost(AL: tg.Tensor, Y: np.ndarray, p: dict[str, tg.Tensor], lambd: float) -> tg.Tensor:
    """compute_cost_with_regularization: (7) + (lambd / 2m) (||W1||^2 + ||W2||^2 + ||W3||^2)."""
    m = Y.shape[1]
    L2 = lambd / (2 * m) * ((p["W1"] ** 2).sum() + (p["W2"] ** 2).sum() + (p["W3"] ** 2).sum())
    return cross_entropy_7(AL, Y) + L2


def test_the_l2_term_written_as_an_expression_gives_the_courses_cost():
    """compute_cost_with_regularization's test case: A3 given, lambd = 0.1: 1.78648594516."""
    np.random.seed(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    p = parameters({k: np.random.randn(*shape) for k, shape in zip(
        KEYS, [(2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1)], strict=True)})
    A3 = tg.tensor([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]], name="A3")
    cost = l2_cost(A3, Y, p, lambd=0.1)
    assert cost.item() == pytest.approx(1.78648594516, rel=1e-11)


def regularized_graph(X, values, Y, lambd):
    p = parameters(values)
    A = tg.tensor(X, name="X", layer=0)
    for l in (1, 2, 3):
        Z = p[f"W{l}"] @ A + p[f"b{l}"]
        A = Z.relu() if l < 3 else Z.sigmoid()
    return l2_cost(A, Y, p, lambd), p


def test_the_l2_gradients_are_the_courses_plus_lambda_over_m_W():
    X, values = regularization_case()
    Y = np.array([[1, 1, 0, 1, 0]])
    lambd, m = 0.7, 5
    cost, p = regularized_graph(X, values, Y, lambd)
    cost.backward()
    plain, q = regularized_graph(X, values, Y, 0.0)
    plain.backward()
    for k in p:
        # backward_propagation_with_regularization: dW = (plain dW) + lambd / m * W; db as is
        extra = lambd / m * values[k] if k[0] == "W" else 0
        np.testing.assert_allclose(p[k].grad, q[k].grad + extra, rtol=1e-12, atol=1e-15)
        assert relative_difference(p[k].grad, finite_differences(cost, p[k])) < 1e-6, k


def dropout_graph(X, values, keep_prob, seed=1):
    """forward_propagation_with_dropout: the masks from one generator seeded once, as the
    course's np.random.seed(1) then rand for D1, then for D2."""
    p = parameters(values)
    rng = np.random.RandomState(seed)
    A = tg.tensor(X, name="X", layer=0)
    for l in (1, 2):
        A = tg.dropout((p[f"W{l}"] @ A + p[f"b{l}"]).relu(), keep_prob, rng=rng)
    AL = (p["W3"] @ A + p["b3"]).sigmoid()
    return AL, p


def test_dropout_gives_the_courses_forward_output():
    """forward_propagation_with_dropout's test case, keep_prob = 0.7."""
    X, values = regularization_case()
    AL, _ = dropout_graph(X, values, keep_prob=0.7)
    np.testing.assert_allclose(AL.value, [[0.36974721, 0.00305176, 0.04565099, 0.49683389,
                                           0.36974721]], atol=1e-8)


def test_dropout_gradients_are_the_courses_masked_backward_and_finite_differences():
    X, values = regularization_case()
    Y = np.array([[1, 1, 0, 1, 0]])
    AL, p = dropout_graph(X, values, keep_prob=0.8)
    cost = cross_entropy_7(AL, Y)
    cost.backward()
    D1, D2 = cost.find("D1").value, cost.find("D2").value
    # backward_propagation_with_dropout, with the graph's own masks
    m, kp = 5, 0.8
    Z1 = values["W1"] @ X + values["b1"]
    A1 = np.maximum(Z1, 0) * D1 / kp
    Z2 = values["W2"] @ A1 + values["b2"]
    A2 = np.maximum(Z2, 0) * D2 / kp
    A3 = 1 / (1 + np.exp(-(values["W3"] @ A2 + values["b3"])))
    dZ3 = A3 - Y
    dA2 = values["W3"].T @ dZ3 * D2 / kp
    dZ2 = dA2 * (Z2 > 0)
    dA1 = values["W2"].T @ dZ2 * D1 / kp
    dZ1 = dA1 * (Z1 > 0)
    course = {"W3": dZ3 @ A2.T / m, "b3": dZ3.sum(axis=1, keepdims=True) / m,
              "W2": dZ2 @ A1.T / m, "b2": dZ2.sum(axis=1, keepdims=True) / m,
              "W1": dZ1 @ X.T / m, "b1": dZ1.sum(axis=1, keepdims=True) / m}
    for k in p:
        assert relative_difference(p[k].grad, course[k]) < 1e-12, k
        assert relative_difference(p[k].grad, finite_differences(cost, p[k])) < 1e-6, k


def test_dropout_and_l2_agree_with_pytorch_float64():
    torch = pytest.importorskip("torch")
    X, values = regularization_case()
    Y = np.array([[1, 1, 0, 1, 0]])
    AL, p = dropout_graph(X, values, keep_prob=0.75, seed=3)
    cost = l2_cost(AL, Y, p, lambd=0.3)
    cost.backward()
    t = {k: torch.tensor(v, requires_grad=True) for k, v in values.items()}
    A = torch.tensor(X)
    for l in (1, 2):
        D = torch.tensor(cost.find(f"D{l}").value)
        A = torch.relu(t[f"W{l}"] @ A + t[f"b{l}"]) * D / 0.75
    A3 = torch.sigmoid(t["W3"] @ A + t["b3"])
    J = torch.nn.functional.binary_cross_entropy(A3, torch.tensor(Y, dtype=torch.float64))
    J = J + 0.3 / 10 * sum((t[k] ** 2).sum() for k in ("W1", "W2", "W3"))
    J.backward()
    assert relative_difference(cost.value, J.item()) < 1e-10
    for k in p:
        assert relative_difference(p[k].grad, t[k].grad.numpy()) < 1e-10, k


def test_the_dropout_mask_comes_from_the_seed_and_is_drawn_and_stepped():
    X, values = regularization_case()
    first, _ = dropout_graph(X, values, keep_prob=0.5, seed=4)
    again, _ = dropout_graph(X, values, keep_prob=0.5, seed=4)
    other, _ = dropout_graph(X, values, keep_prob=0.5, seed=5)
    D = first.find("D1").value
    np.testing.assert_array_equal(D, again.find("D1").value)
    assert not np.array_equal(D, other.find("D1").value)
    np.testing.assert_array_equal(D, np.random.RandomState(4).rand(2, 5) < 0.5)
    cost = tg.cross_entropy(first, [[1, 1, 0, 1, 0]])
    source = render.to_dot(cost).source
    assert "D[1]" in source and "Layer 1: LINEAR -> RELU -> DROPOUT" in source
    steps = {s.node.name: s for s in tg.backward_steps(cost)}
    assert "dropout(A1, D1)" in steps
    assert steps["dropout(A1, D1)"].formula == \
        "dA1 = d(dropout(A1, D1)) * D1 / 0.5   # the same units shut down, same scale"
