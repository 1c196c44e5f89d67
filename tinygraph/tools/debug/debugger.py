"""The debugger object: step through the backward walk one node at a time, forward and back.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="app")
    >>> cost = net.cost(np.random.default_rng(0).normal(size=(4, 3)), [[1, 0, 1]])
    >>> dbg = Debugger(cost)
    >>> dbg.step().node.name
    'cost'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...engine.autograd import backward_steps, grad_name, topological_order
from ...engine.tensor import Tensor
from ...errors import InputError
from ..format import formula_with_shapes, sent_text, shape


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

    def __repr__(self) -> str:  # the arrays are in .grad and .input_grads, not in the repr
        sent = sent_text(self.input_grads)
        return (f"<DebugStep {self.index + 1}: {self.node.name}, {grad_name(self.node.name)} "
                f"{shape(self.grad)}" + (f" -> {sent}>" if sent else ">"))


class Debugger:
    """Step through `backward_steps(cost)` one node at a time, forward and back.

        >>> dbg = Debugger(cost)
        >>> step = dbg.step()          # one node: step.node, step.grad, step.formula, ...
        >>> step = dbg.run_to("W1")    # on to the node named W1
        >>> step = dbg.back()          # one step back (the walk is replayed: steps are pure)
        >>> steps = dbg.finish()       # the rest: every .grad is now what backward() gives

    Each step is a `DebugStep`: the walk's own, with the real shapes in `formula`. `history`
    lists the steps taken so far; once stepping has begun, `node.grad` is set on the nodes
    they reached, None on the others. The gradients you had before (an earlier
    `tg.backward(cost)`) are kept until the first step and come back whenever the debugger
    is back at step 0 (`goto(0)`, `restore()`, or leaving a `with Debugger(cost) as dbg:`
    block), so making or displaying a Debugger never loses them. Hooks (`register_hook`)
    run again whenever the debugger replays the walk.
    """

    def __init__(self, cost: Tensor) -> None:
        if not isinstance(cost, Tensor):
            raise InputError(f"Debugger needs the cost node (a Tensor), not {type(cost).__name__}")
        self.cost = cost
        self.nodes = topological_order(cost)
        self._before = [(node, node.grad) for node in self.nodes]  # the user's, put back at 0
        self._total: int | None = None
        self.history: list[DebugStep] = []
        self._restart()

    def __enter__(self) -> Debugger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()

    def restore(self) -> None:
        """Back to step 0: every node's gradient as it was when the debugger was made."""
        self._restart()

    def _restart(self) -> None:
        for node, grad in self._before:  # the walk clears them on its first step
            node.grad = grad
        self._walk = backward_steps(self.cost)
        self.history = []
        self.done = False

    def __repr__(self) -> str:
        where = (f"after step {len(self.history)}, {self.current.node.name}" if self.history
                 else "at step 0")
        return f"<Debugger {where}: backward from {self.cost.name or 'the cost'}>"

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
        """How many steps the whole walk has (found once by replaying it; the state is kept)."""
        if self._total is None:
            here = len(self.history)
            self._total = len(self.finish())
            self.goto(here)
        return self._total

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
