"""Gradient check: every parameter's gradient against central finite differences.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="app")
    >>> cost = net.cost(np.random.default_rng(0).normal(size=(4, 3)), [[1, 0, 1]])
    >>> gradcheck(cost).ok
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import autograd
from ..autograd import topological_order
from ..errors import InputError
from ..tensor import Tensor


@dataclass(frozen=True)
class GradcheckRow:
    """One parameter: how far its gradient is from central finite differences."""

    name: str
    shape: tuple[int, ...]
    checked: int
    difference: float
    ok: bool
    kinks: int = 0  # entries at a kink (relu at 0), compared with a one-sided difference


@dataclass(frozen=True)
class GradcheckReport:
    """Per-parameter relative differences; `ok` when every one is within `threshold`."""

    rows: tuple[GradcheckRow, ...]
    threshold: float
    epsilon: float

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    def table(self) -> str:
        """The report as a table, one parameter per line, the flagged ones marked."""
        width = max([9] + [len(row.name) for row in self.rows])
        lines = [f"{'parameter':<{width}}  {'shape':<12} {'checked':>7}  relative difference"]
        for row in self.rows:
            mark = "ok" if row.ok else f"WRONG (> {self.threshold:g})"
            if row.kinks:
                mark += f" ({row.kinks} at a kink, compared one-sided)"
            lines.append(f"{row.name:<{width}}  {str(row.shape):<12} {row.checked:>7}  "
                         f"{row.difference:.3e}  {mark}")
        bad = [row.name for row in self.rows if not row.ok]
        lines.append(f"{len(self.rows)} parameters agree with central differences "
                     f"(epsilon {self.epsilon:g}, threshold {self.threshold:g})" if not bad else
                     f"{len(bad)} of {len(self.rows)} parameters disagree: {', '.join(bad)}; "
                     "look at the backward of the ops between them and the cost")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()


def gradcheck(cost: Tensor, *, epsilon: float = 1e-7, threshold: float = 2e-7,
              max_entries: int | None = None, seed: int = 0) -> GradcheckReport:
    """Every parameter's gradient against central finite differences, in float64.

        >>> print(gradcheck(cost).table())     # doctest: +SKIP
        parameter  shape        checked  relative difference
        W1         (3, 4)            12  1.1e-09  ok

    For each parameter, as the course's gradient checking does:
    difference = ||g - g_approx|| / (||g|| + ||g_approx||), g_approx[i] =
    (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon); above `threshold` (the
    course's 2e-7) the row is flagged. The graph is copied to float64 and run again through
    each op's own forward and backward, so a learner's op is checked like the shipped ones;
    the graph itself is left untouched. `max_entries` checks that many random entries of each
    parameter instead of all (a 12288 x 20 W1 has 245,760).

    At a kink (a relu input within epsilon of 0, e.g. exactly 0 when b = 0 and a column of
    A_prev is all zeros) J has no derivative and the central difference averages the two
    sides, while a correct rule gives one of them. Such entries are recognised (the
    differences to the left and to the right disagree) and compared with the one-sided
    derivative nearer to the rule's number; the row counts them.
    """
    if not isinstance(cost, Tensor):
        raise InputError(f"gradcheck needs the cost node (a Tensor), not {type(cost).__name__}")
    if cost.value.size != 1:
        raise InputError(f"gradcheck needs a scalar cost; {cost.name or 'the root'} has shape "
                         f"{cost.shape}")
    root, order = _float64_copy(cost)
    autograd.backward(root)
    probe = _Probe(root, order)
    rng = np.random.default_rng(seed)
    rows = []
    for p in order:
        if p.op is not None or not p.requires_grad:
            continue
        entries = np.arange(p.value.size)
        if max_entries is not None and max_entries < p.value.size:
            entries = np.sort(rng.choice(p.value.size, size=max_entries, replace=False))
        g = np.zeros(entries.size) if p.grad is None else p.grad.reshape(-1)[entries]
        probe.move(p)
        found = [probe.derivative(i, g_i, epsilon) for i, g_i in zip(entries, g, strict=True)]
        approx = np.array([d for d, _ in found])
        denominator = np.linalg.norm(g) + np.linalg.norm(approx)
        difference = float(np.linalg.norm(g - approx) / denominator) if denominator else 0.0
        rows.append(GradcheckRow(p.name or "?", p.shape, entries.size, difference,
                                 bool(difference <= threshold), sum(k for _, k in found)))
    if not rows:
        raise InputError("gradcheck: no parameter in this graph needs a gradient")
    return GradcheckReport(tuple(rows), threshold, epsilon)


def _float64_copy(cost: Tensor) -> tuple[Tensor, list[Tensor]]:
    """The graph again, in float64, through each op's own forward; hooks are not copied."""
    copies: dict[int, Tensor] = {}
    for node in topological_order(cost):
        if node.op is None:
            value = np.array(node.value, dtype=np.float64, order="C")  # own, contiguous memory
            copy = Tensor(value, name=node.name, layer=node.layer,
                          requires_grad=node.requires_grad)
        else:
            inputs = tuple(copies[id(x)] for x in node.inputs)
            value, saved = node.op.forward(*(x.value for x in inputs))
            copy = Tensor(value, op=node.op, inputs=inputs, saved=saved,
                          name=node.name, layer=node.layer, requires_grad=node.requires_grad)
        copies[id(node)] = copy
    return copies[id(cost)], topological_order(copies[id(cost)])


# A kink shows as left and right differences that disagree by more than rounding and
# curvature explain; then each side is measured alone with a bigger step (less rounding).
KINK_RELATIVE, KINK_ABSOLUTE, ONE_SIDED_STEP = 1e-4, 1e-6, 1e-5


class _Probe:
    """J with one entry of one parameter moved, recomputing only the nodes that depend on it
    (moving b3 does not redo W1 @ X)."""

    def __init__(self, root: Tensor, order: list[Tensor]) -> None:
        self.root, self.order = root, order
        # The copy's forward pass already computed every value: the unmoved J is its cost.
        self.base = {id(node): node.value for node in order}
        self.J0 = float(root.value)

    def move(self, p: Tensor) -> None:
        """Choose the parameter the next calls move, and find what depends on it."""
        moved = {id(p)}
        self.p, self.downstream = p, []
        for node in self.order:
            if any(id(x) in moved for x in node.inputs):
                moved.add(id(node))
                self.downstream.append(node)

    def cost(self, i: int, delta: float) -> float:
        flat = self.p.value.reshape(-1)  # a view: writing to it moves the parameter
        old = flat[i]
        flat[i] = old + delta
        values = dict(self.base)
        for node in self.downstream:
            values[id(node)] = node.op.forward(*(values[id(x)] for x in node.inputs))[0]
        flat[i] = old
        return float(values[id(self.root)])

    def derivative(self, i: int, g: float, epsilon: float) -> tuple[float, bool]:
        """(dJ/dp[i] by differences, whether p[i] sits at a kink)."""
        plus, minus = self.cost(i, epsilon), self.cost(i, -epsilon)
        right, left = (plus - self.J0) / epsilon, (self.J0 - minus) / epsilon
        jump = abs(right - left)
        if jump <= max(KINK_RELATIVE * (abs(right) + abs(left)), KINK_ABSOLUTE):
            return (plus - minus) / (2 * epsilon), False
        h = ONE_SIDED_STEP  # second-order one-sided differences, each from its own side
        right = (-3 * self.J0 + 4 * self.cost(i, h) - self.cost(i, 2 * h)) / (2 * h)
        left = (3 * self.J0 - 4 * self.cost(i, -h) + self.cost(i, -2 * h)) / (2 * h)
        return (right if abs(right - g) < abs(left - g) else left), True
