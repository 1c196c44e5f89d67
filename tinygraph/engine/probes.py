"""Probes: where debugging tools look into the engine, one small registry local to the context.

The engine never imports a tool. Three places call what is installed here, if anything:
`Op.apply` after each op's forward (`after_forward(node)`), and `autograd.rule` right before a
node's rule (`before_rule(node, grad)`, also for a leaf, which has none) and right after it
(`after_rule(node, sent)`, one gradient per input, None where none). (A node's own gradient
hooks, `Tensor.register_hook`, are another thing: they change a gradient, probes only look.)

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph.engine import probes
    >>> made = []
    >>> with probes.watching(after_forward=lambda node: made.append(node.name)):
    ...     _ = tg.relu(tg.tensor([[-1.0, 2.0]], name="Z1"))
    >>> made
    ['relu(Z1)']
    >>> probes.active.get() is None                 # nothing installed outside the block
    True

Like the provenance of nodes (`_provenance`), the registry is a ContextVar: a
`detect_anomaly()` block in one thread (or asyncio task) checks nothing that another one
computes. Blocks nest; each adds its
hooks to those already installed and takes exactly them away again. The engine pays one
`ContextVar.get` per node when nothing is installed (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# A node (a Tensor) and a gradient (an array): this module sits below both tensor and ops.
Node = Grad = Any
AfterForward = Callable[[Node], None]
BeforeRule = Callable[[Node, Grad], None]
AfterRule = Callable[[Node, tuple], None]


class Hooks:
    """What is installed in this context; the engine calls the three methods."""

    __slots__ = ("forward", "before", "stops", "after")

    def __init__(self, forward: tuple[AfterForward, ...] = (),
                 before: tuple[BeforeRule, ...] = (), stops: tuple[BeforeRule, ...] = (),
                 after: tuple[AfterRule, ...] = ()) -> None:
        self.forward, self.before, self.stops, self.after = forward, before, stops, after

    def after_forward(self, node: Node) -> None:
        for look in self.forward:
            look(node)

    def before_rule(self, node: Node, grad: Grad) -> None:
        # One call from the engine, so a pdb stop lands on the rule's own line next.
        for look in self.before:
            look(node, grad)
        for stop in self.stops:  # last: once pdb traces, any further call would be stepped into
            stop(node, grad)

    def after_rule(self, node: Node, sent: tuple) -> None:
        for look in self.after:
            look(node, sent)


active: ContextVar[Hooks | None] = ContextVar("tinygraph_probes", default=None)


@contextmanager
def watching(*, after_forward: AfterForward | None = None,
             before_rule: BeforeRule | None = None, after_rule: AfterRule | None = None,
             stop: BeforeRule | None = None) -> Iterator[None]:
    """Install hooks for the block (added to any installed already), then take them away.

    `stop` runs before a node's rule like `before_rule`, after all the `before_rule` hooks:
    a pdb stop goes there.
    """
    now = active.get() or Hooks()
    added = Hooks(now.forward + _one(after_forward), now.before + _one(before_rule),
                  now.stops + _one(stop), now.after + _one(after_rule))
    token = active.set(added)
    try:
        yield
    finally:
        active.reset(token)


def _one(hook: Callable | None) -> tuple:
    return () if hook is None else (hook,)
