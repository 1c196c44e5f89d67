"""Debugging backprop: step through the backward walk, check gradients, catch NaN and inf.

The walk is `autograd.backward_steps`, one `Step` per node; everything here stands on it, so
what you step through is exactly what `backward` runs.

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph.debug import Debugger, gradcheck, detect_anomaly
    >>> net = tg.Network([4, 3, 1], init="app")
    >>> cost = net.cost(np.random.default_rng(0).normal(size=(4, 3)), [[1, 0, 1]])
    >>> dbg = Debugger(cost)
    >>> dbg.step().node.name                    # the first step: the cost itself
    'cost'
    >>> print(dbg.step().formula)               # the rule of Z2, with the real shapes
    d(W2@A1) = dZ2   (1, 3) = (1, 3)
    db2 = sum(dZ2, axis=1)   (1, 1) = sum((1, 3), axis=1)   # (9)
    >>> [node.name for node in dbg.where()]     # how the gradient got here
    ['cost', 'Z2']
    >>> gradcheck(cost).ok                      # every dW, db against finite differences
    True

Four ways in: the `Debugger` object; pdb (`backward(cost, break_at="Z2")` below); the terminal
(`tinygraph step`, see stepper.py); pictures (`tinygraph step --html`, see player.py).
See docs/debugging.md.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import autograd, ops
from .autograd import backward_steps, formula_text, grad_name, topological_order
from .errors import InputError, TinygraphError
from .tensor import Tensor

SMALL = 24  # arrays with at most this many numbers are printed in full (a 4x3 W1 is readable)


# ---------------------------------------------------------------------------------------------
# Words for a node and its numbers


def where_made(node: Tensor) -> str:
    """`examples/foo.py:12`: where the user's code made the node (relative to the cwd)."""
    file, line = node.created_at
    try:
        relative = os.path.relpath(file)
        file = file if relative.startswith("..") else relative
    except ValueError:  # another drive on Windows
        pass
    return f"{file}:{line}"


def describe_node(node: Tensor, origin: bool = True) -> str:
    """`Z2 (add_bias, layer 2, created at foo.py:12)`: enough to find the node in your code.

    `origin=False` leaves out where it was created (for graphs the `tinygraph` command made).
    """
    what = [node.kind]
    if node.layer is not None:
        what.append(f"layer {node.layer}")
    if origin:
        what.append(f"created at {where_made(node)}")
    return f"{node.name or '?'} ({', '.join(what)})"


def format_array(a: np.ndarray, indent: str = "") -> str:
    """A small array in full; a big one as shape, min, mean, max (NaN and inf counted).

        >>> format_array(np.array([[1.0, -2.5]]))
        '[[ 1.  -2.5]]'
    """
    a = np.asarray(a)
    if a.size <= SMALL:
        text = np.array2string(a, precision=5, suppress_small=True, max_line_width=96)
    else:
        finite = a[np.isfinite(a)]
        text = f"{a.shape} array: " + (
            f"min {finite.min():.4g}, mean {finite.mean():.4g}, max {finite.max():.4g}"
            if finite.size else "no finite values")
        if finite.size < a.size:
            text += f" ({_not_finite(a)})"
    return text.replace("\n", "\n" + indent)


def _not_finite(a: np.ndarray) -> str:
    """`2 NaN and 1 inf of 6 values`, or '' when every value is finite."""
    parts = [f"{n} {what}" for n, what in ((int(np.isnan(a).sum()), "NaN"),
                                            (int(np.isinf(a).sum()), "inf")) if n]
    return f"{' and '.join(parts)} of {a.size} values" if parts else ""


def _names_pattern(names: Iterable[str]) -> re.Pattern:
    # Longest first, so `d(W2@A1)` wins over `W2`; a name never matches inside a longer word.
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n)
    return re.compile(rf"(?<![\w.])({alternatives})(?![\w(])")


def _operands(node: Tensor, grad: np.ndarray,
              input_grads: Iterable[tuple[Tensor, np.ndarray]]) -> dict[str, np.ndarray]:
    """Every array a rule's text may name: the node, its gradient, its inputs and theirs."""
    arrays = {x.name: x.value for x in node.inputs}
    arrays.update({grad_name(x.name): x.value for x in node.inputs})  # shapes until computed
    arrays[node.name] = node.value
    arrays[grad_name(node.name)] = grad
    arrays.update({grad_name(x.name): g for x, g in input_grads})
    return arrays


def _examples(node: Tensor) -> int | None:
    """m, the number of examples, for rules that divide by it (the cost's)."""
    two_d = [x for x in node.inputs if x.value.ndim == 2]
    return two_d[0].shape[1] if two_d else None


def formula_with_shapes(node: Tensor, grad: np.ndarray,
                        input_grads: Iterable[tuple[Tensor, np.ndarray]] = ()) -> str:
    """The node's rule with the real shapes beside it, one line per input that gets a gradient.

        dW2 = d(W2@A1) @ A1.T   (7, 20) = (7, 209) @ (209, 20)   # (8)

    The gradients are dJ/d(node), so a rule has no 1/m: it sits once, in the cost's rule.
    """
    text = formula_text(node)
    if node.op is None:
        return f"{text}   {_shape(grad)}"
    arrays = _operands(node, grad, input_grads)
    pattern = _names_pattern(arrays)
    m = _examples(node)
    lines = []
    for line in text.splitlines():
        code, hash_, comment = line.partition("#")
        code = code.rstrip()
        shapes = pattern.sub(lambda match: _shape(arrays[match.group(1)]), code)
        shapes = re.sub(r"\((\d+), (\d+)\)\.T", r"(\2, \1)", shapes)  # A1.T: (3, 209) -> (209, 3)
        if m is not None:
            shapes = re.sub(r"(?<![\w.])m(?![\w(])", str(m), shapes)
        lines.append(f"{code}   {shapes}" + (f"   # {comment.strip()}" if hash_ else ""))
    return "\n".join(lines)


def formula_with_numbers(step: DebugStep) -> str:
    """The step's rule, then every array it names, in full when small: the formula with numbers."""
    node = step.node
    lines = [formula_with_shapes(node, step.grad, step.input_grads)]
    arrays = _operands(node, step.grad, step.input_grads)
    computed = {grad_name(x.name) for x, _ in step.input_grads} | {grad_name(node.name)}
    pattern = _names_pattern(arrays)
    named = []
    for line in formula_text(node).splitlines():
        code = line.partition("#")[0]
        for name in pattern.findall(code):
            if name not in named and (name in computed or not name.startswith("d")):
                named.append(name)
    if node.op is None:
        named = [grad_name(node.name)]
    for name in named:
        lines.append(f"  {name} =")
        lines.append("    " + format_array(arrays[name], indent="    "))
    return "\n".join(lines)


def _shape(a: np.ndarray) -> str:
    return str(tuple(np.shape(a)))


# ---------------------------------------------------------------------------------------------
# The debugger object


@dataclass(frozen=True)
class DebugStep:
    """One step of the walk as the debugger shows it: `autograd.Step`'s `index`, `node`,
    `grad` (dJ/d(node), complete) and `input_grads` (each input with what the rule sent it),
    and `formula`, the rule with the real shapes (`formula_with_shapes`)."""

    index: int
    node: Tensor
    grad: np.ndarray
    input_grads: tuple[tuple[Tensor, np.ndarray], ...]
    formula: str


class Debugger:
    """Step through `backward_steps(cost)` one node at a time, forward and back.

        >>> dbg = Debugger(cost)
        >>> step = dbg.step()          # one node: step.node, step.grad, step.formula, ...
        >>> step = dbg.run_to("W1")    # on to the node named W1
        >>> step = dbg.back()          # one step back (the walk is replayed: steps are pure)
        >>> steps = dbg.finish()       # the rest: every .grad is now what backward() gives

    Each step is a `DebugStep`: the walk's own, with the real shapes in `formula`. `history`
    lists the steps taken so far; `node.grad` is set on the nodes they reached, None on the
    others. Hooks (`register_hook`) run again whenever the debugger replays the walk.
    """

    def __init__(self, cost: Tensor) -> None:
        if not isinstance(cost, Tensor):
            raise InputError(f"Debugger needs the cost node (a Tensor), not {type(cost).__name__}")
        self.cost = cost
        self.nodes = topological_order(cost)
        self.history: list[DebugStep] = []
        self._restart()

    def _restart(self) -> None:
        for node in self.nodes:  # the walk clears them too, but only once it has started
            node.grad = None
        self._walk = backward_steps(self.cost)
        self.history = []
        self.done = False

    @property
    def current(self) -> DebugStep | None:
        """The last step taken, None before the first."""
        return self.history[-1] if self.history else None

    def step(self) -> DebugStep | None:
        """Process one node and return its step; None when the walk is over."""
        if self.done:
            return None
        try:
            step = next(self._walk)
        except StopIteration:
            self.done = True
            return None
        shown = DebugStep(step.index, step.node, step.grad, step.input_grads,
                          formula_with_shapes(step.node, step.grad, step.input_grads))
        self.history.append(shown)
        return shown

    def goto(self, k: int) -> DebugStep | None:
        """Be where the walk is after `k` steps (0: nothing processed yet), going back or on."""
        k = max(0, k)
        if k < len(self.history):
            self._restart()  # re-derive by replaying: the steps are pure, so this is exact
        while len(self.history) < k and self.step() is not None:
            pass
        return self.current

    def back(self, steps: int = 1) -> DebugStep | None:
        """Undo the last `steps` steps; returns the step that is now the current one."""
        return self.goto(len(self.history) - steps)

    def run_to(self, name: str) -> DebugStep:
        """Step on (or back) until the node called `name` has been processed; returns its step."""
        self.node(name)  # a clear error for a name that is not in the graph
        for step in self.history:
            if step.node.name == name:
                self.goto(step.index + 1)
                return step
        while (step := self.step()) is not None:
            if step.node.name == name:
                return step
        raise InputError(f"node {name} gets no gradient from {self.cost.name or 'the cost'}: "
                         "the walk never reaches it (data such as X and Y needs none)")

    def finish(self) -> list[DebugStep]:
        """Take every remaining step; returns the whole history."""
        while self.step() is not None:
            pass
        return self.history

    def total(self) -> int:
        """How many steps the whole walk has (found by replaying it; the state is kept)."""
        here = len(self.history)
        count = len(self.finish())
        self.goto(here)
        return count

    def node(self, name: str) -> Tensor:
        """The node called `name`, or an InputError listing the names there are."""
        for node in self.nodes:
            if node.name == name:
                return node
        names = ", ".join(n.name for n in self.nodes if n.name)
        raise InputError(f"no node named {name!r} in this graph; its nodes are {names}")

    def where(self) -> list[Tensor]:
        """The path the gradient took from the cost to the current node: [cost, ..., node]."""
        if not self.history:
            return []
        consumers: dict[int, Tensor] = {}
        for step in self.history:  # the first consumer to send a gradient is on a shortest path
            for x, _ in step.input_grads:
                consumers.setdefault(id(x), step.node)
        path = [self.history[-1].node]
        while path[-1] is not self.cost:
            path.append(consumers[id(path[-1])])
        return path[::-1]

    def grads(self) -> dict[str, np.ndarray]:
        """{name: dJ/d(node)} for every node processed so far."""
        return {step.node.name: step.grad for step in self.history}

    def pending(self) -> dict[str, np.ndarray]:
        """{name: the part of dJ/d(node) that has arrived} for nodes not processed yet."""
        done = {id(step.node) for step in self.history}
        arrived: dict[int, tuple[Tensor, np.ndarray]] = {}
        for step in self.history:
            for x, g in step.input_grads:
                if id(x) not in done:
                    partial = arrived[id(x)][1] + g if id(x) in arrived else g
                    arrived[id(x)] = (x, partial)
        return {x.name: g for x, g in arrived.values()}


def describe(step: DebugStep, total: int | None = None, path: list[Tensor] | None = None) -> str:
    """One block of text for a step, as the terminal stepper and its transcript print it."""
    node = step.node
    count = f"{step.index + 1}/{total}" if total else f"{step.index + 1}"
    layer = "" if node.layer is None else f", layer {node.layer}"
    lines = [f"step {count}: {node.name}  ({node.kind}{layer})"]
    if path:
        lines.append(f"  path      {' -> '.join(n.name for n in path)}")
    origin = "the seed: dJ/dJ = 1" if step.index == 0 else "complete, from every consumer"
    lines.append(f"  arrives   {grad_name(node.name)} {_shape(step.grad)}   ({origin})")
    rule = step.formula.splitlines()
    lines.append(f"  rule      {rule[0] if rule else '(no formula: this op has none)'}")
    lines += [f"            {line}" for line in rule[1:]]
    if step.input_grads:
        sent = ", ".join(f"{grad_name(x.name)} {_shape(g)}" for x, g in step.input_grads)
        lines.append(f"  sends     {sent}")
    if node.op is None:
        lines.append(f"  {grad_name(node.name)} = " +
                     format_array(step.grad, indent=" " * (5 + len(grad_name(node.name)))))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Watching the lower layers: autograd.before_rule / after_rule and ops.after_forward


_forward_checks: list[Callable[[Tensor], None]] = []
_before_checks: list[Callable[[Tensor, np.ndarray], None]] = []
_after_checks: list[Callable[[Tensor, tuple], None]] = []
_stops: list[Callable[[Tensor, np.ndarray], None]] = []  # pdb stops, always after the checks


def _on_forward(node: Tensor) -> None:
    for check in list(_forward_checks):
        check(node)


def _before_rule(node: Tensor, grad: np.ndarray) -> None:
    for check in list(_before_checks):
        check(node, grad)
    for stop in list(_stops):  # last: once pdb traces, any further call would be stepped into
        stop(node, grad)


def _after_rule(node: Tensor, sent: tuple) -> None:
    for check in list(_after_checks):
        check(node, sent)


def _install() -> None:
    """Point the lower layers at the dispatchers while anything watches, else at nothing."""
    ops.after_forward = _on_forward if _forward_checks else None
    autograd.before_rule = _before_rule if (_before_checks or _stops) else None
    autograd.after_rule = _after_rule if _after_checks else None


@contextmanager
def _watching(forward: Any = None, before: Any = None, after: Any = None,
              stop: Any = None) -> Iterator[None]:
    added = [(hooks, fn) for hooks, fn in ((_forward_checks, forward), (_before_checks, before),
                                           (_after_checks, after), (_stops, stop)) if fn]
    for hooks, fn in added:
        hooks.append(fn)
    _install()
    try:
        yield
    finally:
        for hooks, fn in added:
            hooks.remove(fn)
        _install()


# ---------------------------------------------------------------------------------------------
# Anomalies: the first NaN or inf


class AnomalyError(TinygraphError, ArithmeticError):
    """A NaN or inf appeared in a forward value or a gradient; the message names the node."""


def _check_forward(node: Tensor) -> None:
    problem = _not_finite(node.value)
    if not problem:
        return
    inputs = ", ".join(f"{x.name or '?'} ({_not_finite(x.value) or 'finite'})"
                       for x in node.inputs)
    bad = [x for x in node.inputs if not np.isfinite(x.value).all()]
    if not bad:
        cause = f"its inputs are finite, so {node.op.name}'s forward made it"
    else:  # made outside the block, or a leaf whose value was changed in place
        cause = "it came in with " + ", ".join(
            f"{x.name or '?'}" + (", a leaf: look where its value was set or updated"
                                  if x.is_leaf else ", made before the check began")
            for x in bad)
    raise AnomalyError(f"forward value of {describe_node(node)} has {problem}; inputs: "
                       f"{inputs}; {cause}")


def _check_arriving(node: Tensor, grad: np.ndarray) -> None:
    problem = _not_finite(grad)
    if problem:
        hooks = " (after its hooks ran)" if node.hooks else ""
        raise AnomalyError(f"gradient {grad_name(node.name)} arriving at {describe_node(node)}"
                           f"{hooks} has {problem}")


def _check_sent(node: Tensor, sent: tuple) -> None:
    for x, g in zip(node.inputs, sent, strict=True):
        problem = "" if g is None else _not_finite(np.asarray(g))
        if problem:
            received = "not finite either" if _not_finite(node.grad) else "finite"
            rule = "; ".join(formula_text(node).splitlines()) or f"{node.op.name}.backward"
            raise AnomalyError(
                f"backward of {describe_node(node)} sent {grad_name(x.name)} with {problem} "
                f"(the gradient {grad_name(node.name)} it received was {received}); "
                f"rule: {rule}")


@contextmanager
def detect_anomaly() -> Iterator[None]:
    """Inside this block, the first NaN or inf in a forward value or a gradient raises an
    AnomalyError naming the node, its op, layer and the line of your code that made it.

        >>> with detect_anomaly():                        # doctest: +SKIP
        ...     cost = net.cost(X, Y)
        ...     tg.backward(cost)
        AnomalyError: forward value of W1@X (matmul, layer 1, created at train.py:12) has ...

    Checking costs one pass over each array; without the block nothing is checked.
    """
    with _watching(forward=_check_forward, before=_check_arriving, after=_check_sent):
        yield


# ---------------------------------------------------------------------------------------------
# pdb: stop right before a node's rule


def backward(cost: Tensor, *, break_at: str | Iterable[str] = ()) -> Tensor:
    """`tinygraph.backward`, stopping in pdb right before the rule of each node named.

        >>> backward(cost, break_at="Z2")       # doctest: +SKIP
        tinygraph: stopped before the rule of Z2 (add_bias, layer 2, created at net.py:9)
        > .../tinygraph/autograd.py(102)_apply_rule()
        -> sent = () if node.op is None else node.op.backward(grad, node.saved, needs)
        (Pdb) p step.formula

    At the prompt, `node`, `grad` (dJ/d(node), complete) and `step` (its index and the
    formula with shapes; `input_grads` is empty, the rule has not run) are locals, and `s`
    steps into the op's `backward`, whose code is the course's formula.
    """
    names = {break_at} if isinstance(break_at, str) else set(break_at)
    known = {node.name for node in topological_order(cost)}
    missing = sorted(names - known)
    if missing:
        raise InputError(f"break_at: no node named {', '.join(missing)} in this graph; its "
                         f"nodes are {', '.join(sorted(n for n in known if n))}")
    index = itertools.count()  # before_rule runs once per step, in the walk's order

    def stop(node: Tensor, grad: np.ndarray) -> None:
        k = next(index)
        if node.name in names:
            _stop_in_pdb(k, node, grad)

    with _watching(stop=stop):
        autograd.backward(cost)
    return cost


def _stop_in_pdb(k: int, node: Tensor, grad: np.ndarray) -> None:
    import pdb  # lazily: only a stop needs it

    frame = sys._getframe(1)
    while frame.f_code is not autograd._apply_rule.__code__:
        frame = frame.f_back
    step = DebugStep(k, node, grad, (), formula_with_shapes(node, grad))
    # pdb shows the frame's locals; like pdb's own `__return__`, `step` is added to them.
    frame.f_locals["step"] = step
    rule = f"{node.op.__name__}.backward" if node.op is not None else "no rule (a leaf)"
    print(f"tinygraph: stopped before the rule of {describe_node(node)}; locals: step, node, "
          f"grad; `s` steps into {rule}, `c` continues\n{step.formula}", file=sys.stdout)
    pdb.Pdb().set_trace(frame)


# ---------------------------------------------------------------------------------------------
# Gradient check


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
