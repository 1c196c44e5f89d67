"""The backward walk: whole networks against finite differences and against the course's code."""

from __future__ import annotations

import numpy as np
import pytest
from test_ops import numeric_gradient, relative_difference

import tinygraph as tg
from tinygraph import notebook as nb


def random_problem(layer_dims: list[int], m: int, seed: int):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(layer_dims[0], m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    values = {}
    for l in range(1, len(layer_dims)):
        values[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
        values[f"b{l}"] = rng.normal(size=(layer_dims[l], 1)) * 0.1
    return X, Y, values


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5])
def test_backward_matches_finite_differences_on_L_layer_nets(L):
    layer_dims = [4, 5, 4, 3, 3, 2][:L] + [1]
    X, Y, values = random_problem(layer_dims, m=6, seed=L)
    net = tg.Network.from_values(values)
    cost = tg.backward(net.cost(X, Y))

    def J() -> float:
        return float(net.cost(X, Y).value)

    for name, p in net.parameters.items():
        numeric = numeric_gradient(J, p.value)
        assert relative_difference(p.grad, numeric) < 1e-7, name
    assert cost.grad == 1.0


@pytest.mark.parametrize("stable", [True, False])
def test_graph_grads_equal_the_course_L_model_backward_key_by_key(stable):
    X, Y, values = random_problem([5, 4, 3, 1], m=7, seed=11)
    AL, caches = nb.L_model_forward(X, values)
    course = nb.L_model_backward(AL, Y, caches)

    net = tg.Network.from_values(values)
    X_node = tg.tensor(X, name="X", requires_grad=True)  # so that dA0 exists, as in the course
    graph = tg.course_grads(tg.backward(net.cost(X_node, Y, stable=stable)))

    assert sorted(graph) == sorted(course) == [
        "dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"]
    for key in course:
        np.testing.assert_allclose(graph[key], course[key], rtol=1e-12, atol=1e-15, err_msg=key)


def test_dA_in_the_course_dictionary_is_m_times_the_node_gradient():
    X, Y, values = random_problem([3, 2, 1], m=5, seed=2)
    cost = tg.backward(tg.Network.from_values(values).cost(X, Y))
    A1 = next(n for n in tg.topological_order(cost) if n.name == "A1")
    np.testing.assert_array_equal(tg.course_grads(cost)["dA1"], 5 * A1.grad)


def test_no_dA0_when_X_needs_no_gradient():
    X, Y, values = random_problem([3, 2, 1], m=4, seed=3)
    cost = tg.backward(tg.Network.from_values(values).cost(X, Y))
    grads = tg.course_grads(cost)
    assert "dA0" not in grads
    X_node = next(n for n in tg.topological_order(cost) if n.name == "X")
    assert X_node.grad is None


def test_backward_is_exactly_the_loop_over_backward_steps():
    X, Y, values = random_problem([4, 3, 2, 1], m=5, seed=4)
    net = tg.Network.from_values(values)
    cost = net.cost(X, Y)
    stepped = {step.node.name: step.grad.copy() for step in tg.backward_steps(cost)}
    tg.backward(cost)
    for node in tg.topological_order(cost):
        if node.grad is not None:
            np.testing.assert_array_equal(stepped[node.name], node.grad)


def test_steps_come_in_reverse_topological_order_with_their_formulas():
    X, Y, values = random_problem([3, 2, 1], m=4, seed=5)
    steps = list(tg.backward_steps(tg.Network.from_values(values).cost(X, Y, stable=False)))
    assert [s.node.name for s in steps] == [
        "cost", "AL", "Z2", "b2", "W2@A1", "W2", "A1", "Z1", "b1", "W1@X", "W1"]
    assert [s.index for s in steps] == list(range(len(steps)))
    by_name = {s.node.name: s for s in steps}
    assert by_name["W2@A1"].formula == ("dW2 = d(W2@A1) @ A1.T   # (8)\n"
                                        "dA1 = W2.T @ d(W2@A1)   # (10)")
    assert by_name["W1@X"].formula == "dW1 = d(W1@X) @ X.T   # (8)"  # X needs no gradient
    assert [x.name for x, _ in by_name["Z1"].input_grads] == ["W1@X", "b1"]


def test_a_chain_of_5000_layers_runs_forward_and_backward_without_recursion():
    rng = np.random.default_rng(0)
    X = tg.tensor(rng.normal(size=(2, 3)), name="X")
    A = X
    for l in range(1, 5001):
        W = tg.parameter(np.eye(2) + rng.normal(scale=1e-3, size=(2, 2)), name=f"W{l}", layer=l)
        A = tg.relu(tg.add_bias(tg.matmul(W, A), tg.parameter(np.ones((2, 1)), name=f"b{l}")))
    W_out = tg.parameter(np.full((1, 2), 1e-4), name="Wout")
    cost = tg.backward(tg.cross_entropy(tg.sigmoid(tg.matmul(W_out, A)), [[1, 0, 1]]))
    assert len(tg.topological_order(cost)) > 20_000
    first_W = next(n for n in tg.topological_order(cost) if n.name == "W1")
    assert first_W.grad is not None and np.all(np.isfinite(first_W.grad))


def test_a_node_used_twice_gets_the_sum_of_both_gradients():
    # micrograd's a + a: Z feeds both inputs of one node, so dJ/dZ = 2 * dJ/d(Z + Z).
    Z = tg.parameter([[0.3, -0.2]], name="Z")
    tg.backward(tg.cross_entropy(tg.sigmoid(PlusOp.apply(Z, Z), name="AL"), [[1, 0]]))
    s = 1 / (1 + np.exp(-2 * Z.value))
    m = 2
    np.testing.assert_allclose(Z.grad, 2 * (s - [[1, 0]]) / m, rtol=1e-12)


def test_a_node_feeding_two_consumers_gets_both_contributions():
    rng = np.random.default_rng(9)
    Z = tg.parameter(rng.normal(size=(1, 5)) + 0.5, name="Z")
    Y = [[1, 0, 1, 1, 0]]

    def cost() -> tg.Tensor:
        both = PlusOp.apply(tg.relu(Z, name="A"), tg.sigmoid(Z, name="S"))
        return tg.cross_entropy(tg.sigmoid(both, name="AL"), Y)

    tg.backward(cost())
    numeric = numeric_gradient(lambda: float(cost().value), Z.value)
    assert relative_difference(Z.grad, numeric) < 1e-7


class PlusOp(tg.Op):
    """x + y: the smallest op with two inputs, to use one node twice."""

    name = "plus"
    formulas = ("{dx0} = {dout}", "{dx1} = {dout}")

    @staticmethod
    def forward(x, y):
        return x + y, ()

    @staticmethod
    def backward(dout, saved, needs):
        return (dout if needs[0] else None, dout if needs[1] else None)


def test_a_second_backward_resets_instead_of_doubling():
    X, Y, values = random_problem([3, 2, 1], m=4, seed=6)
    net = tg.Network.from_values(values)
    cost = net.cost(X, Y)
    tg.backward(cost)
    first = net.parameters["W1"].grad.copy()
    tg.backward(cost)
    np.testing.assert_array_equal(net.parameters["W1"].grad, first)


def test_zero_grad_marks_gradients_as_not_computed():
    X, Y, values = random_problem([3, 2, 1], m=4, seed=7)
    cost = tg.backward(tg.Network.from_values(values).cost(X, Y))
    tg.zero_grad(cost)
    assert all(node.grad is None for node in tg.topological_order(cost))


def test_a_hook_sees_the_complete_gradient_and_can_replace_it():
    X, Y, values = random_problem([3, 2, 1], m=4, seed=8)
    net = tg.Network.from_values(values)
    seen = []
    net.parameters["W2"].register_hook(lambda g: seen.append(g.copy()))
    net.parameters["W1"].register_hook(lambda g: np.zeros_like(g))
    tg.backward(net.cost(X, Y))
    np.testing.assert_array_equal(seen[0], net.parameters["W2"].grad)
    assert not net.parameters["W1"].grad.any()
