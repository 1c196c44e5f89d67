"""pdb: the backward walk, stopping right before the rule of the nodes you name.

The stop is a probe (engine/probes.py): it runs inside the walk's `autograd._apply_rule`,
right before the line that calls the op's backward, and hands that frame to pdb, so `s` steps
into the rule.
"""

from __future__ import annotations

import itertools
import sys
from collections import ChainMap
from collections.abc import Iterable
from typing import Any

import numpy as np

from ...engine import autograd, probes
from ...engine.autograd import topological_order
from ...engine.tensor import Tensor
from ...errors import InputError
from ..format import describe_node, formula_with_shapes
from .debugger import DebugStep


def backward_with_stops(cost: Tensor, *, break_at: str | Iterable[str] = ()) -> Tensor:
    """`tg.backward`, stopping in pdb right before the rule of each node named.

        >>> backward_with_stops(cost, break_at="Z2")       # doctest: +SKIP
        tinygraph: stopped before the rule of Z2 (add_bias, layer 2, created at net.py:9)
        > .../tinygraph/engine/autograd.py(160)_apply_rule()
        -> sent = () if node.op is None else node.op.backward(grad, node.saved, needs)
        (Pdb) p step.formula

    At the prompt, `node`, `grad` (dJ/d(node), complete) and `step` (its index and the
    formula with shapes; `input_grads` is empty, the rule has not run) are names you can
    use, and `s` steps into the op's `backward`, whose code is the course's formula.
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

    with probes.watching(stop=stop):
        autograd.backward(cost)
    return cost


def _stop_in_pdb(k: int, node: Tensor, grad: np.ndarray) -> None:
    frame = sys._getframe(1)
    while frame.f_code is not autograd._apply_rule.__code__:
        frame = frame.f_back
    step = DebugStep(k, node, grad, (), formula_with_shapes(node, grad))
    rule = f"{node.op.__name__}.backward" if node.op is not None else "no rule (a leaf)"
    print(f"tinygraph: stopped before the rule of {describe_node(node)}; names: step, node, "
          f"grad; `s` steps into {rule}, `c` continues\n{step.formula}", file=sys.stdout)
    _StopPdb(frame, {"step": step}).set_trace(frame)


def _StopPdb(frame: Any, names: dict[str, Any]) -> Any:  # noqa: N802 (makes a Pdb)
    """A pdb that also knows `names` while it shows `frame`, without writing to the frame.

    Writing `frame.f_locals["step"]` relied on f_locals being one cached dict, which PEP 667
    (Python 3.13) ended: it is now a fresh proxy on each read. pdb evaluates what you type
    with `curframe_locals` as the locals, so at the stop frame that becomes a mapping that
    looks in the frame first (an assignment at the prompt still goes to it), then in `names`.
    """
    import pdb  # lazily: only a stop needs it

    class StopPdb(pdb.Pdb):
        def set_stepinstr(self) -> None:
            # Python 3.13's set_trace stops at the next instruction, still on the line of
            # the hook's call; stop at the next line, the rule's, as before, so that `s`
            # steps straight into the op's backward.
            self.set_step()

        def setup(self, f: Any, tb: Any) -> Any:
            result = super().setup(f, tb)
            self._add_names()
            return result

        def do_down(self, arg: str) -> Any:  # back to the stop frame after `up`
            result = super().do_down(arg)
            self._add_names()
            return result

        def _add_names(self) -> None:
            if self.curframe is frame:
                self.curframe_locals = ChainMap(self.curframe.f_locals, names)

    return StopPdb()
