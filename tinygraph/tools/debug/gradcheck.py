"""Gradient check: every parameter's gradient against central finite differences.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="app")
    >>> cost = net.cost(np.random.default_rng(0).normal(size=(4, 3)), [[1, 0, 1]])
    >>> gradcheck(cost).ok
    True
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...engine import autograd
from ...engine.autograd import topological_order
from ...engine.tensor import Tensor
from ...errors import InputError, ShapeError
from ...models.progress import NotebookBar, in_notebook

# The tolerance model. The course's central difference (J(p + e) - J(p - e)) / (2 e) is the
# derivative up to two errors, and an entry is flagged only beyond both:
# * round-off: J is a float64 near |J|, so each J carries ~u |J| of rounding (u = 2^-53), and
#   the difference divided by 2e carries ~u |J| / e: measured at most 2 u |J| / e on the
#   course's nets (every init, every parameter); ROUNDOFF times that is allowed. With
#   e = 1e-7 and J = 0.69 that is 5e-9: a gradient of 1e-4 (the course's two-layer W1)
#   dwarfs it, yet its relative difference does not (5.4e-7 > 2e-7, why the course's line
#   alone cried wolf);
# * truncation: e^2 J'''/6, relative e^2 / scale^2: below RTOL for any scale above 1e-4.
# A wrong rule is off by a factor (a sign: 2x, a missing (1 - A): ~2x, a missing 1/m: m x),
# far beyond both wherever the gradient is above round-off.
ROUNDOFF, RTOL = 32, 1e-6
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2
COURSE_THRESHOLD = 2e-7  # the course's line on ||g - g_approx|| / (||g|| + ||g_approx||)
SAMPLE = 50  # entries checked per parameter by default: two forward passes each


@dataclass(frozen=True)
class GradcheckRow:
    """One parameter: how far its gradient is from central finite differences.

    `difference` is the course's measure over the checked entries; `worst` is the largest
    |g - g_approx| over its allowed error (ok when <= 1), at `worst_entry`.
    """

    name: str
    shape: tuple[int, ...]
    checked: int
    difference: float
    ok: bool
    kinks: int = 0  # entries at a kink (relu at 0), compared with a one-sided difference
    worst: float = 0.0
    worst_entry: tuple[int, ...] = ()
    worst_values: tuple[float, float] = (0.0, 0.0)  # (g, g_approx) there
    moot: int = 0  # of the kinks, those with other kinks too close to measure: not judged

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))


@dataclass(frozen=True)
class GradcheckReport:
    """Per-parameter differences; `ok` when every checked entry is within its allowed error."""

    rows: tuple[GradcheckRow, ...]
    threshold: float
    epsilon: float
    allowed: float = 0.0  # the absolute part of the allowed error, ROUNDOFF u |J| / epsilon

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    @property
    def checked(self) -> int:
        return sum(row.checked for row in self.rows)

    @property
    def sampled(self) -> bool:
        return any(row.checked < row.size for row in self.rows)

    def table(self, more: str = "gradcheck(cost, max_entries=None) checks every entry") -> str:
        """The report as a table, one parameter per line, the flagged ones marked; `more`
        says how to check more entries where they were sampled (the command line says its
        own `--all`)."""
        width = max([9] + [len(row.name) for row in self.rows])
        lines = [f"{'parameter':<{width}}  {'shape':<12} {'checked':>14}  relative difference"]
        for row in self.rows:
            lines.append(f"{row.name:<{width}}  {str(row.shape):<12} "
                         f"{checked_text(row):>14}  {row.difference:.3e}  {self.verdict(row)}")
        lines.append(self.summary)
        lines.append(f"an entry is wrong beyond {self.allowed:.1e} (the differences' round-off) "
                     f"+ {RTOL:g} of its size; a wrong rule is off by a factor")
        total = sum(row.size for row in self.rows)
        if self.sampled:
            lines.append(f"checked {self.checked:,} of {total:,} entries, at random ({more}; "
                         "two forward passes each)")
        return "\n".join(lines)

    @property
    def summary(self) -> str:
        """The verdict in one line: the parameters that disagree, or that all agree."""
        bad = [row.name for row in self.rows if not row.ok]
        if bad:
            return (f"{len(bad)} of {len(self.rows)} parameters disagree: {', '.join(bad)}; "
                    "look at the backward of the ops between them and the cost")
        return (f"{len(self.rows)} parameters agree with central differences "
                f"(epsilon {self.epsilon:g}, the course's threshold {self.threshold:g})")

    def verdict(self, row: GradcheckRow) -> str:
        """`ok`, or `WRONG: W1[2, 3] is ... by backward, ... by differences`, for one row."""
        kinks = ""
        if row.kinks:
            kinks = f" ({row.kinks} at a kink, compared one-sided"
            kinks += f"; {row.moot} not comparable, kinks too close)" if row.moot else ")"
        if not row.ok:
            g, approx = row.worst_values
            return (f"WRONG{kinks}: {row.name}{list(row.worst_entry)} is {g:.6e} by backward, "
                    f"{approx:.6e} by differences")
        if row.difference > self.threshold:
            return f"ok{kinks}, above {self.threshold:g} by round-off only"
        return "ok" + kinks

    def __str__(self) -> str:
        return self.table()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's text: the table
        printer.text(self.table())


def checked_text(row: GradcheckRow) -> str:
    """`12`, or `50 of 245760` when entries were sampled."""
    return str(row.checked) if row.checked == row.size else f"{row.checked} of {row.size}"


def gradcheck(cost: Tensor, *, epsilon: float = 1e-7, threshold: float = COURSE_THRESHOLD,
              max_entries: int | None = SAMPLE, seed: int = 0,
              progress: bool | None = None) -> GradcheckReport:
    """Every parameter's gradient against central finite differences, in float64.

        >>> print(gradcheck(cost).table())     # doctest: +SKIP
        parameter  shape               checked  relative difference
        W1         (3, 4)                   12  1.1e-09  ok

    For each entry, as the course's gradient checking does, g_approx[i] =
    (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon), and per parameter the
    course's difference ||g - g_approx|| / (||g|| + ||g_approx||), flagged above 2e-7. That
    line alone flags correct gradients that are small (the differences' round-off is ~1e-9),
    so the verdict is per entry: wrong when |g - g_approx| exceeds the round-off,
    32 u |J| / epsilon, plus 1e-6 of |g_approx|. The table shows both, and says so when a
    row is above 2e-7 by round-off only.

    The graph is copied to float64 and run again through each op's own forward and backward,
    so a learner's op is checked like the shipped ones (the walk refuses a gradient of another
    shape than its input's); the graph itself is left untouched. Parameters with more than
    `max_entries` entries (default 50; the course's W1 has 245,760, each two forward passes)
    are checked at that many random entries, and the table says how many; None checks all.
    A check longer than a second shows a progress bar on a terminal (`progress`: force it
    on or off).

    At a kink (a relu input within epsilon of 0, e.g. exactly 0 when b = 0 and a column of
    A_prev is all zeros) J has no derivative and the central difference averages the two
    sides, while a correct rule gives one of them. Such entries are recognised (the
    differences to the left and to the right disagree, also with a bigger step) and compared
    with the one-sided derivative nearer to the rule's number; the row counts them.
    """
    if not isinstance(cost, Tensor):
        raise InputError(f"gradcheck needs the cost node (a Tensor), not {type(cost).__name__}")
    if cost.value.size != 1:
        raise InputError(f"gradcheck needs a scalar cost; {cost.name or 'the root'} has shape "
                         f"{cost.shape}")
    root, order = _float64_copy(cost)
    autograd.backward(root)
    probe = _Probe(root, order, epsilon)
    parameters = [p for p in order if p.op is None and p.requires_grad]
    if not parameters:
        raise InputError("gradcheck: no parameter in this graph needs a gradient")
    rng = np.random.default_rng(seed)
    chosen = [np.arange(p.value.size) if max_entries is None or max_entries >= p.value.size
              else np.sort(rng.choice(p.value.size, size=max_entries, replace=False))
              for p in parameters]
    bar = _progress(sum(entries.size for entries in chosen), progress)
    try:
        rows = [_row(p, entries, probe, bar) for p, entries in zip(parameters, chosen,
                                                                   strict=True)]
    finally:
        if bar is not None:
            bar.close()
    return GradcheckReport(tuple(rows), threshold, epsilon, probe.allowed)


def _row(p: Tensor, entries: np.ndarray, probe: _Probe, bar: Any) -> GradcheckRow:
    """One parameter's row: its checked entries by backward and by differences."""
    if p.grad is not None and p.grad.shape != p.shape:
        raise ShapeError(f"gradcheck: the gradient of {p.name} has shape {p.grad.shape} but "
                         f"{p.name} has shape {p.shape}")
    g = np.zeros(entries.size) if p.grad is None else p.grad.reshape(-1)[entries]
    probe.move(p)
    found = []
    for i, g_i in zip(entries, g, strict=True):
        found.append(probe.derivative(i, g_i))
        if bar is not None:
            bar.update()
    approx, kinds, errors = (np.array(column) for column in zip(*found, strict=True))
    denominator = np.linalg.norm(g) + np.linalg.norm(approx)
    difference = float(np.linalg.norm(g - approx) / denominator) if denominator else 0.0
    ratios = np.abs(g - approx) / probe.tolerance(approx, errors)
    k = int(np.argmax(ratios))
    worst_entry = tuple(int(j) for j in np.unravel_index(entries[k], p.shape))
    return GradcheckRow(p.name or "?", p.shape, entries.size, difference, bool(ratios[k] <= 1),
                        int((kinds != SMOOTH).sum()), float(ratios[k]), worst_entry,
                        (float(g[k]), float(approx[k])), int((kinds == MOOT).sum()))


def _progress(total: int, progress: bool | None) -> Any:
    """A bar that appears after a second (a long check), on a terminal unless forced; in a
    notebook, the output `fit` uses, which a saved notebook keeps (models/progress.py)."""
    if progress is False:
        return None
    if in_notebook():
        return NotebookBar.show(total, what="gradcheck", delay=1.0 if progress is None else 0)
    from tqdm import tqdm  # lazily: `import tinygraph` stays fast

    return tqdm(total=total, desc="gradcheck", unit="entry", file=sys.stderr, delay=1.0,
                disable=None if progress is None else False, leave=False)


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



# A kink shows as left and right differences that disagree by more than the allowed error,
# and still disagree measured each from its own side with a bigger step (curvature alone
# makes them differ by epsilon J'', which the bigger step's second-order formulas remove).
ONE_SIDED_STEP = 1e-5
SMOOTH, KINK, MOOT = 0, 1, 2  # what `_Probe.differences` found at an entry
WIDER = 100  # a gradient below WIDER times the round-off is measured again with a wider step


class _Probe:
    """J with one entry of one parameter moved, recomputing only the nodes that depend on it
    (moving b3 does not redo W1 @ X)."""

    def __init__(self, root: Tensor, order: list[Tensor], epsilon: float) -> None:
        self.root, self.order, self.epsilon = root, order, epsilon
        # The copy's forward pass already computed every value: the unmoved J is its cost.
        self.base = {id(node): node.value for node in order}
        self.J0 = float(root.value)
        self.allowed = ROUNDOFF * UNIT_ROUNDOFF * max(abs(self.J0), 1e-300) / epsilon

    def tolerance(self, approx: Any, allowed: Any = None) -> Any:
        """How far a correct gradient can be from the differences `approx`, given their
        absolute error `allowed` (default: the round-off at epsilon)."""
        return (self.allowed if allowed is None else allowed) + RTOL * np.abs(approx)

    def round_off(self, step: float) -> float:
        """The differences' round-off with `step`: it shrinks as the step grows."""
        return self.allowed * self.epsilon / step

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

    def derivative(self, i: int, g: float) -> tuple[float, int, float]:
        """(dJ/dp[i] by differences, SMOOTH, KINK or MOOT at p[i], their absolute error)."""
        found = self.differences(i, g, self.epsilon)
        if abs(found[0]) + abs(g) < WIDER * self.allowed and not found[1]:
            # Too close to the round-off to tell right from wrong (the course's deep init
            # gives W1 gradients of 2e-8): again with a 100x bigger step, 100x less round-off,
            # kept if it agrees with the first within that one's error (a wider step may reach
            # a kink the first did not). Its truncation error is measured, not assumed: the
            # difference with twice the step (J can be curved on one side only, e.g. where
            # relus at 0 in two layers switch on together).
            h = self.epsilon * WIDER
            plus, minus = self.cost(i, h), self.cost(i, -h)
            wide, error = (plus - minus) / (2 * h), self.round_off(h)
            right, left = (plus - self.J0) / h, (self.J0 - minus) / h
            if (abs(right - left) <= self.tolerance(wide, error)  # no kink within h
                    and abs(wide - found[0]) <= self.tolerance(found[0], found[2])):
                twice = (self.cost(i, 2 * h) - self.cost(i, -2 * h)) / (4 * h)
                return wide, SMOOTH, error + abs(twice - wide)
        return found

    def differences(self, i: int, g: float, epsilon: float) -> tuple[float, int, float]:
        plus, minus = self.cost(i, epsilon), self.cost(i, -epsilon)
        central = (plus - minus) / (2 * epsilon)
        right, left = (plus - self.J0) / epsilon, (self.J0 - minus) / epsilon
        if abs(right - left) <= self.tolerance(central, self.round_off(epsilon)):
            return central, SMOOTH, self.round_off(epsilon)
        h = max(epsilon, ONE_SIDED_STEP)
        right, left = self.one_sided(i, h)
        if abs(right - left) <= self.tolerance(central, self.round_off(h)) + RTOL * abs(right):
            return central, SMOOTH, self.round_off(epsilon)  # smooth, only curved
        # A kink: the rule's number must be one side's derivative. Each side is measured with
        # steps from 1e-5 down to epsilon / 100 (a bigger step can cross another kink nearby,
        # e.g. a Z of 1.6e-7 next to the Z of 0), and the side nearest to g is compared.
        measured = []  # (side, derivative, its error): side 0 is the right, 1 the left
        for step in (epsilon, epsilon / 10, epsilon / 100):  # first order, closer and closer
            error = 4 * self.round_off(step)  # and step J'' / 2 of curvature
            if step == epsilon:
                sides = ((plus - self.J0) / step, (self.J0 - minus) / step)
            else:
                sides = ((self.cost(i, step) - self.J0) / step,
                         (self.J0 - self.cost(i, -step)) / step)
            measured += [(side, d, error) for side, d in enumerate(sides)]
        for step in sorted({h, max(epsilon, h / 10), epsilon}, reverse=True):
            sides = (right, left) if step == h else self.one_sided(i, step)
            error = 4 * self.round_off(step)  # the three-point formula: 4 u |J| / step
            measured += [(side, d, error) for side, d in enumerate(sides)]
        ratio, nearest, error = min((abs(g - d) / self.tolerance(d, e), d, e)
                                    for _, d, e in measured)
        if ratio > 1 and not all(self._agree([(d, e) for s, d, e in measured if s == side])
                                 for side in (0, 1)):
            # A side whose steps disagree has more kinks than one within the smallest step
            # (a relu input of 1e-10 next to the one at 0): its derivative at the kink cannot
            # be measured. Counted, not judged; where both sides are clear, a number that
            # matches neither is wrong.
            return g, MOOT, error
        return nearest, KINK, error

    def _agree(self, found: list[tuple[float, float]]) -> bool:
        """Whether derivatives measured with several steps agree within their errors."""
        return all(abs(d1 - d2) <= self.tolerance(d1, e1) + self.tolerance(d2, e2)
                   for d1, e1 in found for d2, e2 in found)

    def one_sided(self, i: int, h: float) -> tuple[float, float]:
        """Second-order one-sided differences, to the right and to the left of p[i]."""
        right = (-3 * self.J0 + 4 * self.cost(i, h) - self.cost(i, 2 * h)) / (2 * h)
        left = (3 * self.J0 - 4 * self.cost(i, -h) + self.cost(i, -2 * h)) / (2 * h)
        return right, left
