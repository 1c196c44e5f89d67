"""Each op's formulas, what the debugger shows, are code: evaluated on random numbers they give
what the op's backward gives, so a formula cannot drift from the rule it describes."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import ops
from tinygraph.autograd import rule
from tinygraph.contrib import LeakyRelu
from tinygraph.ops.contract import Term, formula_fields, formula_lines

rng = np.random.default_rng(3)


def normal(*shape):
    return rng.normal(size=shape)


def away_from_zero(*shape):
    x = normal(*shape)
    return np.where(np.abs(x) < 0.1, 0.5, x)


def probabilities(*shape):
    return rng.uniform(0.05, 0.95, size=shape)


def labels(*shape):
    return (rng.random(shape) > 0.5).astype(float)


Z_AND_Y = normal(1, 6)
# Each op (made with its constants), and inputs of the shapes it takes.
CASES = [
    (ops.MatMul, lambda: [normal(3, 4), normal(4, 5)]),
    (ops.AddBias, lambda: [normal(3, 5), normal(3, 1)]),
    (ops.Relu, lambda: [away_from_zero(3, 5)]),
    (ops.Sigmoid, lambda: [normal(3, 5)]),
    (ops.CrossEntropy, lambda: [probabilities(1, 6), labels(1, 6)]),
    (ops.SigmoidCrossEntropy, lambda: [1 / (1 + np.exp(-Z_AND_Y)), labels(1, 6), Z_AND_Y]),
    (ops.Add, lambda: [normal(3, 5), normal(1, 5)]),
    (ops.Sub, lambda: [normal(3, 1), normal(3, 5)]),
    (ops.Mul, lambda: [normal(3, 5), normal(3, 5)]),
    (ops.Div, lambda: [normal(3, 5), away_from_zero(1, 1)]),
    (ops.Neg, lambda: [normal(3, 5)]),
    (ops.Power.fixed(k=2.0), lambda: [normal(3, 5)]),
    (ops.Power.fixed(k=0.5), lambda: [probabilities(3, 5)]),
    (ops.Transpose, lambda: [normal(3, 5)]),
    (ops.Tanh, lambda: [normal(3, 5)]),
    (ops.Exp, lambda: [normal(3, 5)]),
    (ops.Log, lambda: [probabilities(3, 5)]),
    (ops.Dropout.fixed(keep_prob=0.8), lambda: [normal(3, 5), labels(3, 5)]),
    (LeakyRelu, lambda: [away_from_zero(3, 5)]),
]
CASES += [(op.fixed(axis=axis, keepdims=keepdims), lambda: [normal(3, 5)])
          for op in (ops.Sum, ops.Mean) for axis in (None, 0, 1) for keepdims in (False, True)]


def evaluated(node: tg.Tensor, dout: np.ndarray) -> list[np.ndarray]:
    """Each line of the node's formulas, its right-hand side run as Python."""
    names = {id(node): "out", **{id(x): f"x{i}" for i, x in enumerate(node.inputs)}}
    fields = formula_fields(node, lambda x: Term(names[id(x)]),
                            lambda x: Term("d" + names[id(x)]), "m")
    scope = {"np": np, "sum_to": ops.sum_to, "spread": ops.spread, "count": ops.count,
             "out": node.value, "dout": dout, "m": ops.contract.examples(node)}
    scope.update({f"x{i}": x.value for i, x in enumerate(node.inputs)})
    results = []
    for line in formula_lines(node, fields):
        code = line.partition("#")[0].split(" = ", 1)[1]
        results.append(eval(code, scope))  # noqa: S307 (our own formulas, on our arrays)
    return results


@pytest.mark.parametrize("op, make", CASES, ids=[op.__name__ for op, _ in CASES])
def test_each_formula_computes_what_its_backward_computes(op, make):
    values = make()
    # inputs with a formula get gradients (parameters); the others (labels, a mask) are data
    inputs = [tg.Tensor(v, requires_grad=bool(f), name=f"x{i}")
              for i, (v, f) in enumerate(zip(values, op.formulas, strict=False))]
    node = op.apply(*inputs)
    # A cost's formulas are written for dJ/dJ = 1: the walk starts there
    dout = np.ones(node.shape) if op.role == "cost" else rng.normal(size=node.shape)
    sent = [g for g, x in zip(rule(node, dout), inputs, strict=True) if x.requires_grad]
    shown = evaluated(node, dout)
    assert len(shown) == len(sent) >= 1
    for formula, gradient, x in zip(shown, sent,
                                    [x for x in inputs if x.requires_grad], strict=True):
        # a gradient is summed back to its input's shape where it was broadcast (`sum_to`)
        np.testing.assert_allclose(ops.sum_to(np.asarray(formula, dtype=float), x.shape),
                                   gradient, rtol=1e-10, atol=1e-12)


def test_every_op_of_the_package_is_checked():
    shipped = {cls for cls in vars(ops).values() if isinstance(cls, type)
               and issubclass(cls, ops.Op) and cls is not ops.Op and cls.formulas}
    checked = {op.__mro__[0] if "(" not in op.__name__ else op.__mro__[1] for op, _ in CASES}
    assert shipped <= checked, shipped - checked


def test_a_wrong_formula_is_caught():
    class Wrong(ops.Relu):  # the formula forgot the mask: the text no longer says the rule
        formulas = ("{dx0} = {dout}",)

    node = Wrong.apply(tg.Tensor(away_from_zero(2, 3), requires_grad=True))
    dout = normal(2, 3)
    assert not np.allclose(evaluated(node, dout)[0], rule(node, dout)[0])


def test_the_debugger_shows_the_same_formulas_with_names_and_shapes():
    net = tg.Network([4, 3, 1], init="two_layer")
    cost = net.cost(normal(4, 5), labels(1, 5))
    by_name = {s.node.name: s for s in tg.Debugger(cost).finish()}
    assert by_name["W2@A1"].formula.splitlines()[0] == (
        "dW2 = d(W2@A1) @ A1.T   (1, 3) = (1, 5) @ (5, 3)   # (8)")
    assert by_name["cost"].formula == (
        "dZ2 = (AL - Y) / m   (1, 5) = ((1, 5) - (1, 5)) / 5   # dAL * AL * (1 - AL), "
        "simplified")
