"""An op made the way a learner makes their own: `leaky_relu`.

Nothing here is special: the op is a subclass of `ops.Op` with a `name`, a `forward` that
returns the value and what backward needs, by name, a `backward` that turns dJ/d(output) into
dJ/d(input), and `formulas` that say the same as code. That is enough for the graph, the
renderer, the debugger, the stepper and `gradcheck` to work with it. (`tanh`, first made here
the same way, is now built in, `tg.tanh`: the planar-data notebook's hidden layer; importing it
from here still works.)

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph.contrib import tanh, leaky_relu
    >>> Z1 = tg.parameter([[-2.0, 0.0, 3.0]], name="Z1", layer=1)
    >>> A1 = tanh(Z1, name="A1")
    >>> A1.value.round(4)
    array([[-0.964 ,  0.    ,  0.9951]])
    >>> leaky_relu(Z1).value
    array([[-0.02,  0.  ,  3.  ]])

Check a new op before trusting it (docs/debugging.md, "Write your own op"):

    >>> from tinygraph.debug import gradcheck
    >>> cost = tg.cross_entropy(tg.sigmoid(tanh(Z1)), [[1, 0, 1]])
    >>> gradcheck(cost).ok
    True
"""

from __future__ import annotations

import numpy as np

from .ops import Op, Tanh, tanh  # noqa: F401 (tanh lives in ops now; kept importable here)
from .tensor import Tensor

SLOPE = 0.01  # leaky_relu's slope for Z <= 0, the usual choice (course 1, week 3)


class LeakyRelu(Op):
    """A = Z where Z > 0, else 0.01 Z: a relu whose negative side still passes a gradient."""

    name = "leaky_relu"
    activation = True  # of a pre-activation Z[l]: the layer's A[l]
    formulas = ("{dx0} = {dout} * np.where({x0} > 0, 1, 0.01)   # g'(Z) = 1 or 0.01",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, dict]:
        return np.where(Z > 0, Z, SLOPE * Z), {"Z": Z}

    @staticmethod
    def backward(dA: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        Z = saved["Z"]
        return (np.where(Z > 0, dA, SLOPE * dA),)


def leaky_relu(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """max(0.01 Z, Z) as a node, e.g. `A1 = leaky_relu(Z1, name="A1")`."""
    return LeakyRelu.apply(Z, name=name, layer=layer)
