"""gradcheck's tolerance model: no false alarm on correct gradients, however small, and no
miss on a wrong rule, wherever the wrong rule changes the gradient.

Correct: the course's nets on the course's data under every init (the course's 2e-7 alone
flagged the two-layer and deep inits), the relu kink of the issue, hundreds of random nets.
Wrong: the rules learners get wrong, each an op whose backward has the mistake: relu
without its mask, sigmoid without (1 - A), dW with the wrong sign, the cost without 1/m.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import ops
from tinygraph.data import load_dataset
from tinygraph.debug import gradcheck
from tinygraph.nn import INITS


class ReluWithoutMask(ops.Relu):
    @staticmethod
    def backward(dA, saved, needs):
        return (dA,)  # forgot: dZ = 0 where Z <= 0


class SigmoidWithoutOneMinusA(ops.Sigmoid):
    @staticmethod
    def backward(dA, saved, needs):
        return (dA * saved["A"],)  # forgot the (1 - A)


class MatMulWrongSign(ops.MatMul):
    @staticmethod
    def backward(dZ, saved, needs):
        dW, dA_prev = ops.MatMul.backward(dZ, saved, needs)
        return (None if dW is None else -dW), dA_prev


class CostWithoutOneOverM(ops.SigmoidCrossEntropy):
    @staticmethod
    def backward(dJ, saved, needs):
        Y = saved["Y"]
        _, _, dZ = ops.SigmoidCrossEntropy.backward(dJ, saved, needs)
        return None, None, dZ * Y.shape[1]


CORRECT = dict(relu=ops.Relu, sigmoid=ops.Sigmoid, matmul=ops.MatMul,
               cost=ops.SigmoidCrossEntropy)
MISTAKES = {"relu without its mask": dict(relu=ReluWithoutMask),
            # the stable cost sends dZ straight to Z: the sigmoid's rule runs on the
            # course's step-by-step path, dAL first (stable=False)
            "sigmoid without (1 - A)": dict(sigmoid=SigmoidWithoutOneMinusA,
                                            cost=ops.CrossEntropy),
            "dW with the wrong sign": dict(matmul=MatMulWrongSign),
            "the cost without 1/m": dict(cost=CostWithoutOneOverM)}


def course_graph(X, Y, values, **rules):
    """The course's graph, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID -> cost, from `rules`."""
    rule = {**CORRECT, **rules}
    L = len(values) // 2
    A = tg.tensor(X, name="X", layer=0)
    for l in range(1, L + 1):
        W = tg.parameter(values[f"W{l}"], name=f"W{l}", layer=l)
        b = tg.parameter(values[f"b{l}"], name=f"b{l}", layer=l)
        Z = ops.add_bias(rule["matmul"].apply(W, A, layer=l), b, name=f"Z{l}", layer=l)
        A = (rule["relu"] if l < L else rule["sigmoid"]).apply(Z, name=f"A{l}", layer=l)
    Y = tg.tensor(np.asarray(Y, dtype=float), name="Y")
    if rule["cost"] is ops.CrossEntropy:
        return ops.CrossEntropy.apply(A, Y, name="cost")
    return rule["cost"].apply(A, Y, A.inputs[0], name="cost")


def gradients(cost):
    tg.backward(cost)
    return {p.name: p.grad for p in tg.topological_order(cost) if p.requires_grad and
            p.op is None}


def random_case(rng):
    layer_dims = [int(n) for n in rng.integers(1, 7, size=rng.integers(2, 5))] + [1]
    m = int(rng.integers(2, 9))
    init = str(rng.choice(list(INITS)))
    values = tg.initial_parameters(layer_dims, init, seed=int(rng.integers(1000)))
    for l in range(1, len(layer_dims)):  # trained nets have non-zero biases
        if rng.random() < 0.5:
            values[f"b{l}"] = rng.normal(scale=0.1, size=values[f"b{l}"].shape)
    X = rng.normal(scale=rng.choice([0.1, 1.0, 3.0]), size=(layer_dims[0], m))
    Y = rng.integers(0, 2, size=(1, m)) if rng.random() < 0.7 else rng.uniform(size=(1, m))
    return X, Y, values


def test_no_false_alarm_on_random_nets_under_every_init():
    rng = np.random.default_rng(0)
    for case in range(300):
        X, Y, values = random_case(rng)
        report = gradcheck(course_graph(X, Y, values))
        assert report.ok, (case, report.table())


@pytest.mark.parametrize("mistake", MISTAKES)
def test_no_miss_where_a_wrong_rule_changes_the_gradient(mistake):
    rng = np.random.default_rng(1)
    flagged = 0
    for case in range(150):
        X, Y, values = random_case(rng)
        right = gradients(course_graph(X, Y, values))
        wrong = gradients(course_graph(X, Y, values, **MISTAKES[mistake]))
        report = gradcheck(course_graph(X, Y, values, **MISTAKES[mistake]))
        rows = {row.name: row for row in report.rows}
        for name, g in right.items():
            # the wrong rule changed this gradient by more than rounding: it must be flagged
            changed = np.abs(wrong[name] - g).max() > 1e-6 * np.abs(g).max() + 1e-12
            assert rows[name].ok is not changed, (case, name, report.table())
            flagged += changed
    assert flagged > 100  # the cases do exercise the mistake


def test_the_relu_kink_of_the_issue_is_not_a_false_alarm():
    # Z1 = 0 for both examples: relu's derivative there is 0 by its rule; the cost's is
    # one-sided. The old check flagged W1 and b1 with 1.0 (-1.8e-10 against ||g|| = 0).
    net = tg.Network.from_values({"W1": [[0]], "b1": [[0]], "W2": [[1]], "b2": [[0.5]]})
    report = gradcheck(net.cost(np.array([[1.0, 2.0]]), [[0, 1]]))
    assert report.ok, report.table()
    assert {row.name: row.kinks for row in report.rows} == {"W1": 1, "b1": 1, "W2": 0, "b2": 0}


def test_the_table_keeps_the_course_figure_and_says_what_round_off_explains():
    # The course's deep init: gradients of 1e-8 to 1e-4, relative differences above 2e-7.
    net = tg.Network([30, 5, 3, 1], init="deep")
    X = np.random.default_rng(2).uniform(size=(30, 20))
    report = gradcheck(net.cost(X, (np.arange(20) % 2).reshape(1, 20)))
    table = report.table()
    assert report.ok, table
    assert "the course's threshold 2e-07" in table
    above = [row for row in report.rows if row.difference > 2e-7]
    assert above, table  # the case the course's line alone gets wrong
    for row in above:
        assert re.search(rf"{row.difference:.3e}  ok( \(\d+ at a kink[^)]*\))?, above 2e-07 "
                         "by round-off only", table), table


def test_a_wrong_row_names_its_worst_entry():
    rng = np.random.default_rng(3)
    X, Y, values = rng.normal(size=(3, 4)), [[1, 0, 1, 0]], tg.initial_parameters([3, 2, 1],
                                                                                    "he")
    report = gradcheck(course_graph(X, Y, values, matmul=MatMulWrongSign))
    row = next(row for row in report.rows if row.name == "W2")
    g, approx = row.worst_values
    assert not row.ok and g == pytest.approx(-approx, rel=1e-5)
    assert f"W2{list(row.worst_entry)} is {g:.6e} by backward, {approx:.6e} by differences" \
        in report.table()


def test_sampling_says_how_many_entries_were_checked():
    net = tg.Network([200, 3, 1], init="app")
    X = np.random.default_rng(4).normal(size=(200, 5))
    report = gradcheck(net.cost(X, [[1, 0, 1, 1, 0]]))  # default: 50 per bigger parameter
    assert [row.checked for row in report.rows] == [50, 3, 3, 1]
    assert "50 of 600" in report.table()
    assert "checked 57 of 607 entries, at random" in report.table()
    full = gradcheck(net.cost(X, [[1, 0, 1, 1, 0]]), max_entries=None, progress=False)
    assert [row.checked for row in full.rows] == [600, 3, 3, 1] and not full.sampled


def test_a_long_check_shows_progress(capsys):
    net = tg.Network([40, 3, 1], init="app")
    X = np.random.default_rng(5).normal(size=(40, 5))
    gradcheck(net.cost(X, [[1, 0, 1, 1, 0]]), max_entries=None, progress=True)
    assert "gradcheck" not in capsys.readouterr().err  # under a second: no bar
    # tqdm's `delay` shows the bar once a second has passed; force it with a slow op
    class Slow(ops.Relu):
        @staticmethod
        def forward(Z):
            import time
            time.sleep(0.02)
            return ops.Relu.forward(Z)

    values = tg.initial_parameters([40, 3, 1], "app")
    gradcheck(course_graph(X, [[1, 0, 1, 1, 0]], values, relu=Slow), max_entries=None,
              progress=True)
    assert "gradcheck" in capsys.readouterr().err


def test_gradcheck_refuses_a_gradient_of_the_wrong_shape():
    class NoKeepdims(ops.AddBias):
        @staticmethod
        def backward(dout, saved, needs):
            return dout, dout.sum(axis=1)  # (n,) for a (n, 1) bias; flattened, it looked fine

    W = tg.parameter([[0.3, -0.2], [0.1, 0.4], [0.5, 0.0]], name="W1", layer=1)
    b = tg.parameter(np.zeros((3, 1)), name="b1", layer=1)
    X = tg.tensor(np.ones((2, 4)), name="X")
    Z = NoKeepdims.apply(tg.matmul(W, X), b, name="Z1")
    W2 = tg.parameter(np.ones((1, 3)), name="W2", layer=2)
    cost = tg.cross_entropy(tg.sigmoid(tg.matmul(W2, Z)), [[1, 0, 1, 0]])
    with pytest.raises(tg.ShapeError, match=r"add_bias.backward in layer 1 \(node Z1\) "
                                            r"returned a gradient of shape \(3,\) for its input "
                                            r"b1 of shape \(3, 1\)"):
        gradcheck(cost)


@pytest.fixture(scope="module")
def course(course_data_dir):
    return load_dataset(course_data_dir)


@pytest.mark.parametrize("layer_dims, init", [([12288, 7, 1], "two_layer"),
                                              ([12288, 20, 7, 5, 1], "deep"),
                                              ([12288, 20, 7, 5, 1], "app")])
def test_the_course_nets_on_the_course_data_pass_under_every_init(course, layer_dims, init):
    net = tg.Network(layer_dims, init=init)
    report = gradcheck(net.cost(course.train_x, course.train_y), max_entries=8)
    assert report.ok, report.table()


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_course_deep_net_with_a_wrong_rule_is_flagged(course, mistake):
    values = tg.initial_parameters([12288, 20, 7, 5, 1], "deep")
    cost = course_graph(course.train_x, course.train_y, values, **MISTAKES[mistake])
    report = gradcheck(cost, max_entries=4)
    assert not report.ok, report.table()
