"""Expression graphs: the course's formulas typed as they stand, `W1 @ X + b1`, `1 - AL`.

Every op an operator records is checked on its own (hypothesis-drawn shapes, broadcasting
included) against central finite differences of J = sum(out * R), written here without
tinygraph; whole expressions are checked the same way, and against PyTorch in float64 where it
is installed. The course's own numbers (its compute_cost example, the Application's first
cost) come out of the cost written as (7).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numeric import numeric_gradient, relative_difference

import tinygraph as tg
from tinygraph import ops, render

sizes = st.integers(min_value=1, max_value=5)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def check_op(op, inputs: list[np.ndarray], tolerance: float = 1e-7) -> None:
    """Each input's gradient from backward(R) equals the differences of sum(forward * R),
    and has the input's own shape (broadcast inputs get theirs summed back)."""
    out, saved = op.forward(*inputs)
    R = np.random.default_rng(0).normal(size=np.shape(out))
    grads = op.backward(R, saved, (True,) * len(inputs))
    for i, x in enumerate(inputs):
        if grads[i] is None:  # e.g. dropout's mask: data, no gradient
            continue
        numeric = numeric_gradient(lambda: float(np.sum(op.forward(*inputs)[0] * R)), x)
        assert np.shape(grads[i]) == x.shape, (op.__name__, i)
        assert relative_difference(grads[i], numeric) < tolerance, (op.__name__, i)


@st.composite
def broadcast_pair(draw):
    """Two shapes that broadcast as the course's arrays do: (n, m), (n, 1), (1, m), scalar."""
    n, m = draw(sizes), draw(sizes)
    choices = [(n, m), (n, 1), (1, m), (1, 1), ()]
    first = draw(st.sampled_from(choices))
    second = (n, m) if first != (n, m) else draw(st.sampled_from(choices))
    return (first, second) if draw(st.booleans()) else (second, first)


@settings(max_examples=40, deadline=None)
@given(shapes=broadcast_pair(), seed=seeds, op=st.sampled_from([ops.Add, ops.Sub, ops.Mul,
                                                                ops.Div]))
def test_binary_ops_broadcast_and_sum_each_gradient_back_to_its_input(shapes, seed, op):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=shapes[0])
    b = rng.normal(size=shapes[1])
    if op is ops.Div:
        b = np.sign(b) * (0.5 + np.abs(b))  # away from 0, where 1/b is steep
    out, _ = op.forward(a, b)
    expected = {ops.Add: np.add, ops.Sub: np.subtract, ops.Mul: np.multiply,
                ops.Div: np.divide}[op](a, b)
    np.testing.assert_array_equal(out, expected)
    check_op(op, [np.array(a), np.array(b)])


@settings(max_examples=25, deadline=None)
@given(n=sizes, m=sizes, seed=seeds)
def test_elementwise_ops_match_finite_differences(n, m, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, m))
    positive = 0.2 + rng.random((n, m))
    # Away from 0 for x**3: its slope 3 x**2 there is below what differences of step 1e-6 can
    # resolve to 1e-7 (seed 117 drew x = 1.4e-5: slope 5.6e-10, differences off by 1e-4).
    signed = np.where(x < 0, -positive, positive)
    for op, value, expected in [
        (ops.Neg, x, -x), (ops.Exp, x, np.exp(x)), (ops.Tanh, x, np.tanh(x)),
        (ops.Log, positive, np.log(positive)), (ops.Transpose, x, x.T),
        (ops.Power.fixed(k=2.0), x, x * x), (ops.Power.fixed(k=3.0), signed, signed ** 3),
        (ops.Power.fixed(k=0.5), positive, np.sqrt(positive)),
        (ops.Power.fixed(k=-1.0), positive, 1 / positive),
    ]:
        np.testing.assert_allclose(op.forward(value.copy())[0], expected, rtol=1e-15)
        check_op(op, [value.copy()])


@settings(max_examples=25, deadline=None)
@given(n=sizes, m=sizes, seed=seeds, axis=st.sampled_from([None, 0, 1, -1]),
       keepdims=st.booleans())
def test_sum_and_mean_over_any_axis_send_the_gradient_back_to_every_entry(n, m, seed, axis,
                                                                          keepdims):
    x = np.random.default_rng(seed).normal(size=(n, m))
    for op, reference in [(ops.Sum, np.sum), (ops.Mean, np.mean)]:
        fixed = op.fixed(axis=axis, keepdims=keepdims)
        np.testing.assert_allclose(fixed.forward(x)[0], reference(x, axis=axis,
                                                                  keepdims=keepdims))
        check_op(fixed, [x.copy()])


@settings(max_examples=25, deadline=None)
@given(n=sizes, m=sizes, seed=seeds, keep_prob=st.floats(min_value=0.1, max_value=1.0))
def test_dropout_scales_the_kept_units_and_their_gradient_by_one_over_keep_prob(n, m, seed,
                                                                                keep_prob):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, m))
    D = (rng.random((n, m)) < keep_prob).astype(float)
    op = ops.Dropout.fixed(keep_prob=keep_prob)
    np.testing.assert_allclose(op.forward(A, D)[0], A * D / keep_prob)
    check_op(op, [A, D])


# --------------------------------------------------------------------------------- operators


def test_every_operator_records_its_op_and_its_value():
    a = tg.parameter([[1.0, 2.0], [3.0, 4.0]], name="a", layer=1)
    b = tg.parameter([[0.5], [2.0]], name="b", layer=1)
    cases = [
        (a @ a, "matmul", [[7, 10], [15, 22]]),
        (a + 1, "add", [[2, 3], [4, 5]]), (1 + a, "add", [[2, 3], [4, 5]]),
        (a - 1, "sub", [[0, 1], [2, 3]]), (1 - a, "sub", [[0, -1], [-2, -3]]),
        (a * 2, "mul", [[2, 4], [6, 8]]), (2 * a, "mul", [[2, 4], [6, 8]]),
        (a / 2, "div", [[0.5, 1], [1.5, 2]]), (2 / a, "div", [[2, 1], [2 / 3, 0.5]]),
        (-a, "neg", [[-1, -2], [-3, -4]]), (a ** 2, "power", [[1, 4], [9, 16]]),
        (a.T, "transpose", [[1, 3], [2, 4]]),
        (a.sum(), "sum", 10), (a.sum(axis=1, keepdims=True), "sum", [[3], [7]]),
        (a.sum(axis=0), "sum", [4, 6]), (a.mean(), "mean", 2.5),
        (a.mean(axis=1), "mean", [1.5, 3.5]),
        (a.exp(), "exp", np.exp([[1, 2], [3, 4]])), (a.log(), "log", np.log([[1, 2], [3, 4]])),
        (a.tanh(), "tanh", np.tanh([[1, 2], [3, 4]])), (a.relu(), "relu", [[1, 2], [3, 4]]),
        (a.sigmoid(), "sigmoid", 1 / (1 + np.exp(-np.array([[1, 2], [3, 4]])))),
        (a * b, "mul", [[0.5, 1], [6, 8]]), (a + b, "add_bias", [[1.5, 2.5], [5, 6]]),
        (b + a, "add_bias", [[1.5, 2.5], [5, 6]]),
    ]
    for node, kind, value in cases:
        assert node.kind == kind
        np.testing.assert_allclose(node.value, value, rtol=1e-15)
        assert isinstance(node.value, np.ndarray)  # a 0-d array for a sum, never a NumPy scalar
    assert tg.tanh(a).kind == "tanh" and tg.exp(a).kind == "exp" and tg.log(a).kind == "log"
    assert float(tg.sum(a).value) == 10 and float(tg.mean(a).value) == 2.5


def test_a_numpy_array_on_the_left_defers_to_the_tensor():
    AL = tg.parameter([[0.8, 0.9, 0.4]], name="AL")
    Y = np.array([[1, 1, 0]])  # int64, as the course's labels
    for node in (Y * AL, Y + AL, Y - AL, Y / AL, np.ones((2, 1)) @ AL):
        assert isinstance(node, tg.Tensor)
    np.testing.assert_allclose((Y - AL).value, [[0.2, 0.1, -0.4]], rtol=1e-15)
    np.testing.assert_allclose((np.ones((2, 1)) @ AL).value, [[0.8, 0.9, 0.4]] * 2)


def test_gradients_are_summed_back_to_each_inputs_shape():
    """(n, m) + (n, 1): the bias gets the row sums, the course's db (9); (1, m) the column sums."""
    Z = tg.parameter(np.arange(6.0).reshape(2, 3), name="Z")
    row = tg.parameter([[1.0, 2.0, 3.0]], name="row")
    column = tg.tensor([[1.0], [2.0]], name="column")
    c = tg.parameter([[5.0]], name="c")
    J = ((Z * column + row) * c).sum()
    J.backward()
    assert row.grad.shape == (1, 3) and c.grad.shape == (1, 1) and Z.grad.shape == (2, 3)
    np.testing.assert_array_equal(row.grad, [[10.0, 10.0, 10.0]])  # 2 rows, times c = 5
    np.testing.assert_array_equal(Z.grad, [[5.0] * 3, [10.0] * 3])
    assert c.grad.item() == float((Z.value * column.value + row.value).sum())


def test_a_node_used_twice_gets_both_contributions():
    x = tg.parameter([[3.0]], name="x")
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad.item() == 7.0


def test_a_float32_expression_stays_float32_with_python_numbers_and_int_labels():
    AL = tg.parameter(np.array([[0.8, 0.9, 0.4]], dtype=np.float32), name="AL")
    Y = np.array([[1, 1, 0]])
    cost = -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / 3
    cost.backward()
    assert cost.dtype == np.float32 and AL.grad.dtype == np.float32


def test_value_item_float_asarray_and_find():
    cost = (tg.parameter([[1.0, 2.0]], name="w") ** 2).sum()
    assert np.asarray(cost).shape == () and float(np.asarray(cost)) == 5.0
    assert cost.item() == 5.0 and float(cost) == 5.0
    assert np.asarray(cost.find("w")).tolist() == [[1.0, 2.0]]
    assert np.asarray(cost.find("w"), dtype=np.float32).dtype == np.float32
    assert cost.backward() is cost and cost.find("w").grad.tolist() == [[2.0, 4.0]]


def test_clear_errors_name_the_op_the_layer_and_both_shapes():
    W1 = tg.parameter(np.ones((3, 4)), name="W1", layer=1)
    A = tg.tensor(np.ones((2, 5)), name="A1", layer=1)
    with pytest.raises(tg.ShapeError, match=r"add in layer 1: W1 has shape \(3, 4\) but A1 has "
                                            r"shape \(2, 5\); they do not broadcast"):
        W1 + A
    with pytest.raises(tg.ShapeError, match=r"matmul in layer 1: W1 has shape \(3, 4\) but A1"):
        W1 @ A
    with pytest.raises(tg.ShapeError, match=r"sum in layer 1: axis 2 does not exist for W1 of "
                                            r"shape \(3, 4\)"):
        W1.sum(axis=2)
    with pytest.raises(tg.InputError, match=r"item: W1 has shape \(3, 4\)"):
        W1.item()
    with pytest.raises(tg.InputError, match=r"find: no node named 'Z9' .* W1"):
        (W1 * 2).find("Z9")
    with pytest.raises(tg.InputError, match="exponent must be a constant number"):
        W1 ** W1
    with pytest.raises(tg.InputError, match="NaN or inf"):
        W1 * float("nan")
    with pytest.raises(tg.InputError, match=r"keep_prob must be in \(0, 1\]"):
        tg.dropout(W1, 0.0)


# ------------------------------------------------------------------ the course's names survive


def two_layer(X, Y, net, *, with_operators: bool) -> tg.Tensor:
    if not with_operators:
        return net.cost(X, Y)
    W1, b1, W2, b2 = (net.parameters[k] for k in ("W1", "b1", "W2", "b2"))
    A1 = (W1 @ X + b1).relu()
    AL = (W2 @ A1 + b2).sigmoid(name="AL")
    return tg.cross_entropy(AL, Y)


def test_W1_X_plus_b1_draws_and_steps_as_networks_Z1():
    net = tg.Network([4, 3, 1], init="two_layer")
    X = tg.tensor(np.linspace(-1, 1, 12).reshape(4, 3), name="X", layer=0)
    Y = [[1, 0, 1]]
    by_hand = two_layer(X, Y, net, with_operators=True)
    built = two_layer(X, Y, net, with_operators=False)
    Z1 = by_hand.find("Z1")
    assert (Z1.kind, Z1.layer, Z1.inputs[0].name) == ("add_bias", 1, "W1@X")
    assert by_hand.find("A1").inputs[0] is Z1
    assert render.to_dot(by_hand).source == render.to_dot(built).source
    walk = [(s.node.name, s.formula) for s in tg.backward_steps(by_hand)]
    assert walk == [(s.node.name, s.formula) for s in tg.backward_steps(built)]


def test_course_grads_finds_the_courses_keys_in_a_hand_built_graph():
    net = tg.Network([5, 4, 3, 1], init="deep")
    X = tg.tensor(np.random.default_rng(0).normal(size=(5, 7)), name="X", layer=0)
    Y = np.array([[1, 0, 1, 1, 0, 0, 1]])
    p = net.parameters
    A1 = (p["W1"] @ X + p["b1"]).relu()
    A2 = (p["W2"] @ A1 + p["b2"]).relu()
    AL = (p["W3"] @ A2 + p["b3"]).sigmoid(name="AL")
    m = Y.shape[1]
    cost = -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m  # (7)
    assert cost.layer is None  # a number for the whole batch: drawn below the layers, as J
    assert AL.layer == 3 and p["W1"].layer == 1
    grads = tg.course_grads(cost.backward())
    expected = tg.course_grads(tg.backward(net.cost(X, Y)))
    assert sorted(grads) == sorted(expected) == ["dA1", "dA2", "dW1", "dW2", "dW3", "db1",
                                                 "db2", "db3"]
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-9, atol=1e-18)


def test_the_cost_written_as_equation_7_gives_the_courses_compute_cost_number():
    """The course's compute_cost example: Y = [1, 1, 0], AL = [.8, .9, .4]."""
    Y, AL = np.array([[1, 1, 0]]), tg.tensor([[0.8, 0.9, 0.4]], name="AL")
    m = Y.shape[1]
    cost = -(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m
    assert cost.item() == pytest.approx(0.2797765635793422, rel=1e-15)


def test_the_cost_written_as_7_gives_the_applications_first_cost(course_data_dir):
    from tinygraph.data import dataset

    data = dataset(course_data_dir)
    net = tg.Network([12288, 20, 7, 5, 1], init="app")
    X = tg.tensor(data.train_x, name="X", layer=0)
    Y = data.train_y
    A = X
    for l in range(1, 5):
        Z = net.parameters[f"W{l}"] @ A + net.parameters[f"b{l}"]
        A = Z.relu() if l < 4 else Z.sigmoid()
    m = Y.shape[1]
    cost = -(Y * A.log() + (1 - Y) * (1 - A).log()).sum() / m
    assert cost.item() == pytest.approx(0.7717493284237686, rel=1e-12)  # COURSE.md, i = 0


# ------------------------------------------------------- whole expressions, differences, torch


def expression_graph(seed: int):
    """A graph with every operator: broadcasting, a node used twice, scalars on both sides."""
    rng = np.random.default_rng(seed)
    W = tg.parameter(rng.normal(size=(3, 4)) * 0.5, name="W1", layer=1)
    b = tg.parameter(rng.normal(size=(3, 1)), name="b1", layer=1)
    c = tg.parameter(rng.normal(size=(1, 5)), name="c")
    X = tg.tensor(rng.normal(size=(4, 5)), name="X", layer=0)
    Z = W @ X + b
    H = Z.tanh() * c + (-Z).exp() / 4 - Z.T.T ** 2 / 10
    S = (1 + H.sigmoid()).log().mean(axis=0, keepdims=True)
    J = (S * S.relu()).sum() + (W ** 2).sum() * 0.1 - H.mean()
    return J, [W, b, c]


@pytest.mark.parametrize("seed", range(5))
def test_an_expression_with_every_operator_matches_finite_differences(seed):
    J, parameters = expression_graph(seed)
    J.backward()
    for p in parameters:
        numeric = numeric_gradient(lambda: _replay(J), p.value)  # p.value moved in place
        assert relative_difference(p.grad, numeric) < 1e-7, p.name


def _replay(J: tg.Tensor) -> float:
    """J's forward pass again through each node's op (the leaves may have changed)."""
    values = {}
    for node in tg.topological_order(J):
        values[id(node)] = node.value if node.op is None else node.op.forward(
            *[values[id(x)] for x in node.inputs])[0]
    return float(values[id(J)])


def test_an_expression_with_every_operator_agrees_with_pytorch_float64():
    torch = pytest.importorskip("torch")
    for seed in range(5):
        J, parameters = expression_graph(seed)
        J.backward()
        W, b, c = (torch.tensor(p.value, requires_grad=True) for p in parameters)
        X = torch.tensor(J.find("X").value)
        Z = W @ X + b
        H = torch.tanh(Z) * c + torch.exp(-Z) / 4 - Z.T.T ** 2 / 10
        S = torch.log(1 + torch.sigmoid(H)).mean(dim=0, keepdim=True)
        T = (S * torch.relu(S)).sum() + (W ** 2).sum() * 0.1 - H.mean()
        T.backward()
        assert relative_difference(J.value, T.item()) < 1e-10
        for p, q in zip(parameters, (W, b, c), strict=True):
            assert relative_difference(p.grad, q.grad.numpy()) < 1e-10, p.name


@pytest.mark.parametrize("seed", range(3))
def test_each_op_of_an_expression_passes_gradcheck(seed):
    J, _ = expression_graph(seed)
    report = tg.gradcheck(J)
    assert all(row.difference < 1e-6 for row in report.rows), report.table()


# ----------------------------------------------------------------- one place for each thing


def test_a_float32_network_stays_float32_whatever_X_it_is_given():
    net = tg.Network([4, 3, 1], init="app", dtype=np.float32)
    X64 = np.random.default_rng(1).normal(size=(4, 5))  # float64, as most data arrives
    for X in (X64, tg.tensor(X64, name="X"), X64.astype(np.float32)):
        cost = tg.backward(net.cost(X, [[1, 0, 1, 0, 1]]))
        assert cost.dtype == np.float32
        assert all(p.grad.dtype == np.float32 for p in net.parameters.values())
        assert cost.find("X").dtype == np.float32 and cost.find("X").layer == 0


def test_the_input_leaf_is_checked_once_and_a_ready_one_is_used_as_it_is():
    from tinygraph.nn import input_leaf

    X = input_leaf(np.ones((3, 2)), np.float64)
    assert (X.name, X.layer, X.requires_grad) == ("X", 0, False)
    assert input_leaf(X, np.float64) is X
    with pytest.raises(tg.InputError, match=r"X has shape \(3,\); expected a 2-D array"):
        input_leaf(np.ones(3))
    with pytest.raises(tg.InputError, match="X contains NaN"):
        input_leaf([[1.0, float("nan")]])


def test_every_subcommand_that_makes_a_network_offers_the_same_init_choices():
    from tinygraph.cli import build_parser
    from tinygraph.nn import INIT_CHOICES

    subcommands = build_parser()._subparsers._group_actions[0].choices
    for name in ("render", "train", "step", "gradcheck"):
        (init,) = [a for a in subcommands[name]._actions if a.dest == "init"]
        assert tuple(init.choices) == INIT_CHOICES, name
    assert set(INIT_CHOICES) == {"course", "two_layer", "deep", "app", "he", "xavier"}


def test_the_init_table_draws_the_courses_numbers():
    """COURSE.md's initialize_parameters(3, 2, 1) and initialize_parameters_deep([5, 4, 3])."""
    W1 = tg.initial_parameters([3, 2, 1], "two_layer")["W1"]
    np.testing.assert_allclose(W1, [[0.01624345, -0.00611756, -0.00528172],
                                    [-0.01072969, 0.00865408, -0.02301539]], atol=1e-8)
    deep = tg.initial_parameters([5, 4, 3], "deep")
    np.testing.assert_allclose(deep["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493,
                                               -0.00277388], atol=1e-8)
    # app: the course's randn / sqrt(n_prev), to the bit
    expected = np.random.RandomState(1).randn(4, 5) / np.sqrt(5)
    np.testing.assert_array_equal(tg.initial_parameters([5, 4, 1], "app")["W1"], expected)
    assert tg.Network([5, 4, 1], init="course").init == "two_layer"


def test_unnamed_nodes_are_named_by_the_formula_that_made_them_with_its_parentheses():
    x, AL = tg.parameter([[0.5, 1.0]], name="x"), tg.parameter([[0.5]], name="AL")
    assert ((x * 3 + 1) ** 2).name == "(x*3+1)**2"
    assert (1 - (1 - x)).name == "1-(1-x)" and (x / (x * 2)).name == "x/(x*2)"
    assert (-(x * 2)).name == "-(x*2)" and ((-x) ** 2).name == "(-x)**2"
    assert (x.T @ x).name == "x.T@x" and AL.log().name == "log(AL)"
    assert (x.sum(axis=1)).name == "sum(x, axis=1)"


def test_operator_nodes_are_anomaly_checked_and_stepped_like_the_built_ins():
    x = tg.parameter([[0.0, 1.0]], name="x")
    with pytest.raises(tg.TinygraphError, match=r"log\(x\) \(log, .*1 inf of 2 values"):
        with tg.detect_anomaly():
            x.log()
    cost = ((x * 3 + 1) ** 2).mean()
    formulas = {s.node.name: s.formula for s in tg.backward_steps(cost)}
    assert formulas["x*3"] == "dx = d(x*3) * 3   # summed to x's shape"
    assert formulas["(x*3+1)**2"] == "d(x*3+1) = d((x*3+1)**2) * 2 * (x*3+1)**(2 - 1)"
    dbg = tg.Debugger(cost)
    assert dbg.run_to("x*3").formula.startswith("dx = d(x*3) * 3   (1, 2) = (1, 2) * ()")
