"""The stable cost and its gradient are exact: within a few units in the last place (ulps).

The reference is exact arithmetic: Python's `decimal` with enough digits that nothing rounds
(e^-800 needs ~350 of them), applied to the very float values Z and Y hold:

    J = Y log(1 + e^-Z) + (1 - Y) log(1 + e^Z)      dJ/dZ = 1 / (1 + e^-Z) - Y

Never the formula tinygraph uses. The cases the issue found: with the label 1 and Z large,
`log(1 + e^Z) - Y Z` and `AL - Y` cancel (1.3 % off at Z = 30, 0 from Z = 37).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np
import pytest

import tinygraph as tg
from tinygraph.ops import SigmoidCrossEntropy

ULPS = 3  # measured worst: 2.4 (float32 dZ), 1.6 (float64)


def exact(z: float, y: float) -> tuple[Decimal, Decimal, Decimal]:
    """(J, dJ/dZ, the size of dJ/dZ's two terms) for one example, in exact arithmetic."""
    with localcontext() as context:
        context.prec = int(abs(z) / 2.3) + 60  # digits enough for e^-|z| next to 1
        z, y = Decimal(z), Decimal(y)
        J = y * (1 + (-z).exp()).ln() + (1 - y) * (1 + z.exp()).ln()
        s, s_minus = 1 / (1 + (-z).exp()), 1 / (1 + z.exp())
        return +J, s - y, (1 - y) * s + y * s_minus


def ulps(got: float, expected: Decimal, dtype: type, size: Decimal | None = None) -> float:
    """|got - expected| in units of the last place of `size` (default: of `expected`)."""
    unit = np.spacing(dtype(abs(float(expected if size is None else size))))
    return float(abs(Decimal(float(got)) - expected)) / float(unit)


def z_values(dtype: type) -> np.ndarray:
    rng = np.random.default_rng(0)
    return np.concatenate([
        [0.0, 1e-30, -1e-30, 30.0, -30.0, 37.0, 50.0, 800.0, -800.0, 745.0, -745.0, 8.0, -8.0],
        rng.uniform(-800, 800, 200), rng.uniform(-40, 40, 200), rng.normal(scale=3, size=100),
    ]).astype(dtype)


def labels(kind: str, n: int, dtype: type) -> np.ndarray:
    if kind == "soft":
        return np.random.default_rng(1).uniform(size=n).astype(dtype)
    return np.full(n, float(kind), dtype=dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("kind", ["0", "1", "soft"])
def test_each_example_cost_and_dZ_within_a_few_ulps(dtype, kind):
    Z = z_values(dtype)
    Y = labels(kind, len(Z), dtype)
    # Through the graph: a row of examples, the gradient at Z as the backward walk leaves it.
    Z_node = tg.parameter(Z.reshape(1, -1), name="Z1")
    tg.backward(tg.cross_entropy(tg.sigmoid(Z_node, name="AL"), Y.reshape(1, -1)))
    m = len(Z)
    for i, (z, y) in enumerate(zip(Z.tolist(), Y.tolist(), strict=True)):
        J_exact, dZ_exact, terms = exact(z, y)
        # one example alone: its cost is the whole J
        J, _ = SigmoidCrossEntropy.forward(None, np.array([[y]], dtype), np.array([[z]], dtype))
        assert J.dtype == dtype
        assert ulps(J, J_exact, dtype) <= ULPS, (z, y, float(J), float(J_exact))
        grad = Z_node.grad[0, i]  # dJ/dZ(i) of the mean: the example's dZ over m
        assert Z_node.grad.dtype == dtype
        # Labels 0 and 1: dZ is one term, exact relative to itself. A soft label's dZ is the
        # difference of two terms, exact relative to the larger one.
        size = terms / m if kind == "soft" else None
        assert ulps(grad, dZ_exact / m, dtype, size) <= ULPS, (z, y, float(grad), dZ_exact)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_the_mean_over_examples_is_exact_too(dtype):
    rng = np.random.default_rng(2)
    for m in (1, 2, 4, 7, 16):
        Z = rng.uniform(-60, 60, size=m).astype(dtype)
        Y = rng.integers(0, 2, size=m).astype(dtype)
        if m == 4:
            Z[:], Y[:] = dtype(12.52), 1  # the issue's four examples all labelled 1
        with localcontext() as context:
            context.prec = 120
            J_exact = sum(exact(z, y)[0] for z, y in zip(Z.tolist(), Y.tolist(),
                                                         strict=True)) / m
        AL = tg.sigmoid(tg.parameter(Z.reshape(1, m), name="Z1"), name="AL")
        J = tg.cross_entropy(AL, Y.reshape(1, m)).value
        assert ulps(J, J_exact, dtype) <= ULPS + np.log2(m), (m, float(J), J_exact)


@pytest.mark.parametrize("z, dtype, J_exact, dZ_exact", [
    (30.0, np.float64, 9.357622968839737e-14, -9.357622968839299e-14),
    (50.0, np.float64, 1.9287498479639178e-22, -1.9287498479639178e-22),
    (8.0, np.float32, 3.3540637e-4, -3.3535013e-4),
])
def test_the_issue_examples_labelled_1(z, dtype, J_exact, dZ_exact):
    # The numbers are log1p(e^-z) and -e^-z / (1 + e^-z), worked out in decimal arithmetic.
    J_decimal, dZ_decimal, _ = exact(z, 1.0)
    assert float(J_decimal) == pytest.approx(J_exact, rel=1e-7)
    assert float(dZ_decimal) == pytest.approx(dZ_exact, rel=1e-7)
    Z = tg.parameter(np.array([[z]], dtype), name="Z1")
    cost = tg.backward(tg.cross_entropy(tg.sigmoid(Z, name="AL"), [[1]]))
    assert ulps(cost.value, J_decimal, dtype) <= 1
    assert ulps(Z.grad[0, 0], dZ_decimal, dtype) <= 2


def test_the_gradient_of_a_sure_right_answer_is_tiny_not_zero():
    # AL - Y with AL rounded to 1.0 gives 0 from Z = 37; the true gradient is -e^-Z.
    for z in (37.0, 100.0, 700.0):
        Z = tg.parameter([[z]], name="Z1")
        tg.backward(tg.cross_entropy(tg.sigmoid(Z, name="AL"), [[1]]))
        assert Z.grad[0, 0] < 0
        assert ulps(Z.grad[0, 0], exact(z, 1.0)[1], np.float64) <= 2
