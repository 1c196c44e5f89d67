"""Step through backprop in the terminal: `tinygraph step`.

    $ tinygraph step --layers 4,3,1 --examples 3
    step 1/10: cost  (cross_entropy)
      ...
    (step 1/10) n

Commands: `n` (or Enter) next, `b` back, `p NAME` a node's value and gradient, `f` the
formula with its numbers, `w` where (the path from the cost), `d FILE` draw the graph now,
`c` continue to the end, `q` quit, `h` help. When standard input is not a terminal (a pipe,
a file, CI), `transcript` prints the whole walk instead, one block per step.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from ..engine import validate
from ..engine.autograd import grad_name
from ..engine.contrib import leaky_relu
from ..engine.ops import relu, tanh
from ..engine.tensor import Tensor
from ..errors import InputError, TinygraphError
from ..models.nn import Network, check_layer_dims
from .debug import Debugger, describe, describe_node, format_array, formula_with_numbers

HELP = """\
  n, Enter   next: process one more node
  b          back one step (the walk is replayed up to there: steps are pure)
  p NAME     value and gradient of a node, e.g. p W1, p dW1, p "W2@A1"
  f          the current step's formula with its numbers
  w          where: the path from the cost to the current node
  d FILE     draw the graph now (current node in red) to FILE (.svg, .png, .pdf, .dot)
  c          continue to the end
  q          quit
  h          this help"""


# The hidden layers' activation: the course's relu, tanh, or the learner-made leaky_relu.
ACTIVATIONS: dict[str, Callable[..., Tensor]] = {
    "relu": relu, "tanh": tanh, "leaky_relu": leaky_relu}


def demo_cost(layer_dims: Sequence[int] = (4, 3, 1), examples: int = 3, seed: int = 1, *,
              network: Network | None = None, activation: str = "relu",
              data: tuple[np.ndarray, np.ndarray] | None = None, init: str = "app") -> Tensor:
    """The cost of a small network on a few examples, ready to step through.

        >>> cost = demo_cost([4, 3, 1], examples=3)
        >>> cost.inputs[0].name, cost.inputs[0].shape
        ('AL', (1, 3))

    The examples are `data` (X, Y) when given; otherwise X is `examples` columns of standard
    normal numbers and the labels alternate 1, 0, 1, ... The parameters come from `network`
    (e.g. a checkpoint) or are drawn with the `init` recipe (the course's L-layer one). The
    hidden layers use `activation`: relu as the course, tanh (the planar-data notebook's) or
    leaky_relu (tinygraph.contrib, an op made as a learner makes their own).
    """
    if network is None:
        check_layer_dims(layer_dims)
        network = Network(layer_dims, init=init, seed=seed)
    if activation not in ACTIVATIONS:
        raise InputError(f"unknown activation {activation!r}; choose one of "
                         f"{', '.join(ACTIVATIONS)}")
    examples = validate.whole(examples, "examples", "demo_cost")
    if data is not None:
        X, Y = data
    else:
        X = np.random.RandomState(seed).randn(network.layer_dims[0], examples)
        Y = (np.arange(examples) % 2 == 0).astype(float).reshape(1, examples)
    return network.cost(X, Y, activation=ACTIVATIONS[activation])  # X becomes the input leaf


def transcript(cost: Tensor, out: TextIO = sys.stdout) -> Debugger:
    """Print the whole walk, one block per step, then the gradients of the parameters."""
    dbg = Debugger(cost)
    total = dbg.total()
    while (step := dbg.step()) is not None:
        print(describe(step, total, dbg.where()), end="\n\n", file=out)
    _summary(dbg, out)
    return dbg


def _summary(dbg: Debugger, out: TextIO) -> None:
    leaves = [s for s in dbg.history if s.node.op is None]
    print(f"walk finished: {len(dbg.history)} steps; the gradients of the parameters are "
          f"those backward() computes:", file=out)
    for step in leaves:
        print(f"  {grad_name(step.node.name)} {step.grad.shape}", file=out)


class Stepper:
    """The interactive loop: read a command, act on the debugger, print what happened."""

    def __init__(self, cost: Tensor, out: TextIO = sys.stdout,
                 read: Callable[[str], str] = input, origin: bool = True) -> None:
        self.dbg = Debugger(cost)
        self.origin = origin  # say where each node was created (your code's file:line)
        self.total = self.dbg.total()
        self.out = out
        self.read = read

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def prompt(self) -> str:
        return f"(step {len(self.dbg.history)}/{self.total}) "

    def run(self) -> int:
        self.say(f"Backward walk of {self.total} steps from {self.dbg.cost.name}. "
                 "n: next, b: back, p NAME, f: formula, w: where, d FILE, c, q, h: help")
        while True:
            try:
                line = self.read(self.prompt()).strip()
            except EOFError:
                self.say()
                return 0
            except NotImplementedError:  # IPython's StdinNotImplementedError: no stdin here
                return self.without_input()
            command, _, argument = line.partition(" ")
            argument = argument.strip().strip("'\"")
            if command in ("q", "quit", "exit"):
                return 0
            try:
                self.do(command, argument)
            except TinygraphError as error:
                self.say(f"error: {error}")

    def without_input(self) -> int:
        """A kernel that cannot read input (a notebook run by nbclient, or in CI): show the
        inline stepper, which steps in the browser, and say so."""
        self.say("This kernel cannot read input (no stdin), so the stepper cannot ask for "
                 "commands. Below is the inline stepper (click it, then use the arrow keys); "
                 "in your own code, display tg.Debugger(cost) or call dbg.step().")
        ipython = sys.modules.get("IPython")
        if ipython is not None and ipython.get_ipython() is not None:
            from IPython.display import display

            display(self.dbg)  # the Debugger's HTML view (tinygraph.player.show_in_jupyter)
        else:
            transcript(self.dbg.cost, self.out)
        return 0

    def do(self, command: str, argument: str) -> None:
        actions: dict[str, Callable[[str], None]] = {
            "": self.next, "n": self.next, "next": self.next, "b": self.back,
            "back": self.back, "p": self.print_node, "f": self.formula, "w": self.where,
            "d": self.draw, "c": self.finish, "h": self.help, "help": self.help,
            "?": self.help,
        }
        if command not in actions:
            self.say(f"unknown command {command!r}; h for help")
            return
        actions[command](argument)

    def show(self) -> None:
        step = self.dbg.current
        if step is None:
            self.say("at the start: no node processed yet")
        else:
            self.say(describe(step, self.total, self.dbg.where()))

    def next(self, _: str = "") -> None:
        if self.dbg.step() is None:
            self.say("the walk is over: every gradient is computed (b goes back, q quits)")
        else:
            self.show()

    def back(self, _: str = "") -> None:
        if not self.dbg.history:
            self.say("already at the start")
            return
        self.dbg.back()
        self.say(f"back to step {len(self.dbg.history)}/{self.total}")
        self.show()

    def print_node(self, name: str) -> None:
        if not name:
            self.say("p needs a node's name, e.g. p W1")
            return
        if name.startswith("d") and not self._has(name) and self._has(name[1:].strip("()")):
            name = name[1:].strip("()")  # `p dW1`: the gradient is shown with the node anyway
        node = self.dbg.node(name)
        self.say(describe_node(node, self.origin))
        self.say(f"  value {node.shape} =\n    " + format_array(node.value, indent="    "))
        gname = grad_name(node.name)
        pending = self.dbg.pending()
        if node.grad is not None:
            self.say(f"  {gname} {node.grad.shape} =\n    " +
                     format_array(node.grad, indent="    "))
        elif name in pending:
            self.say(f"  {gname}: pending; arrived so far =\n    " +
                     format_array(pending[name], indent="    "))
        elif node.requires_grad:
            self.say(f"  {gname}: not computed yet")
        else:
            self.say(f"  {gname}: none, data needs no gradient")

    def _has(self, name: str) -> bool:
        return any(node.name == name for node in self.dbg.nodes)

    def formula(self, _: str = "") -> None:
        if self.dbg.current is None:
            self.say("no step yet: n processes the cost first")
        else:
            self.say(formula_with_numbers(self.dbg.current))

    def where(self, _: str = "") -> None:
        path = self.dbg.where()
        self.say(" -> ".join(node.name for node in path) if path else "at the start")

    def draw(self, file: str) -> None:
        if not file:
            self.say("d needs a file name, e.g. d now.svg")
            return
        from . import render  # Graphviz: only when drawing

        current = self.dbg.current
        dot = render.to_dot(self.dbg.cost, grads=True, backward=self.dbg.history,
                            highlight=[current.node] if current else (),
                            title=f"step {len(self.dbg.history)} of {self.total}")
        self.say(f"wrote {render.save(dot, Path(file))}")

    def finish(self, _: str = "") -> None:
        while (step := self.dbg.step()) is not None:
            self.say(f"step {step.index + 1}/{self.total}: {step.node.name}   "
                     f"{step.formula.splitlines()[0] if step.formula else ''}")
        _summary(self.dbg, self.out)

    def help(self, _: str = "") -> None:
        self.say(HELP)
