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
    db2 = np.sum(dZ2, axis=1, keepdims=True)   (1, 1) = np.sum((1, 3), axis=1, ...)   # (9)
    >>> [node.name for node in dbg.where()]     # how the gradient got here
    ['cost', 'Z2']
    >>> gradcheck(cost).ok                      # every dW, db against finite differences
    True

One module per job: `debugger` (the `Debugger` object), `anomaly` (`detect_anomaly`),
`breakpoints` (pdb stops: `backward_with_stops(cost, break_at="Z2")`), `gradcheck`; the words
and numbers they print are tinygraph/tools/format.py's, shared with the renderer. The tools
look into the engine through its probes (engine/probes.py). Four ways in: the `Debugger`
object; pdb; the terminal (`tinygraph step`, tools/stepper.py); pictures (`tinygraph step
--html`, tools/player.py). See docs/debugging.md.
"""

from ..format import (
    SMALL,
    array_lines,
    describe,
    describe_node,
    format_array,
    formula_with_numbers,
    formula_with_shapes,
    where_made,
)
from .anomaly import AnomalyError, detect_anomaly
from .breakpoints import backward_with_stops
from .debugger import Debugger, DebugStep
from .gradcheck import GradcheckReport, GradcheckRow, gradcheck

backward = backward_with_stops  # its name before 0.2, kept so that old notebooks still run

__all__ = [
    "SMALL", "AnomalyError", "DebugStep", "Debugger", "GradcheckReport", "GradcheckRow",
    "array_lines", "backward_with_stops", "describe", "describe_node", "detect_anomaly",
    "format_array", "formula_with_numbers", "formula_with_shapes", "gradcheck", "where_made",
]
