"""Two ops made the way a learner makes their own: `tanh` and `leaky_relu`.

Nothing here is special: each op is a subclass of `ops.Op` with a `name`, a `forward` that
returns the value and what backward needs, a `backward` that turns dJ/d(output) into
dJ/d(input), and `formulas` that say the same in words. That is enough for the graph, the
renderer, the debugger, the stepper and `gradcheck` to work with it.

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

from .ops import Op
from .tensor import Tensor


class Tanh(Op):
    """A = tanh(Z); its derivative is 1 - A**2, so forward keeps A for backward."""

    name = "tanh"
    # {x0} is the input's name, {dx0} its gradient, {out} this node, {dout} its gradient.
    formulas = ("{dx0} = {dout} * (1 - {out}**2)   # g'(Z) = 1 - tanh(Z)^2",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        A = np.tanh(Z)
        return A, (A,)  # what backward needs: A, not Z

    @staticmethod
    def backward(dA: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (A,) = saved
        dZ = dA * (1 - A**2) if needs[0] else None
        return (dZ,)  # one gradient per input, None where none is needed


SLOPE = 0.01  # leaky_relu's slope for Z <= 0, the usual choice (course 1, week 3)


class LeakyRelu(Op):
    """A = Z where Z > 0, else 0.01 Z: a relu whose negative side still passes a gradient."""

    name = "leaky_relu"
    formulas = ("{dx0} = {dout} * where({x0} > 0, 1, 0.01)   # g'(Z) = 1 or 0.01",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        return np.where(Z > 0, Z, SLOPE * Z), (Z,)

    @staticmethod
    def backward(dA: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (Z,) = saved
        return (np.where(Z > 0, dA, SLOPE * dA) if needs[0] else None,)


def tanh(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """tanh(Z) as a node, e.g. `A1 = tanh(Z1, name="A1")`."""
    return Tanh.apply(Z, name=name, layer=layer)


def leaky_relu(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """max(0.01 Z, Z) as a node, e.g. `A1 = leaky_relu(Z1, name="A1")`."""
    return LeakyRelu.apply(Z, name=name, layer=layer)
