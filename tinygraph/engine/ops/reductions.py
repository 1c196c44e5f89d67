"""Reductions: a sum or a mean over one axis or every entry, e.g. the total of the cost (7),
`-(Y * AL.log() + (1 - Y) * (1 - AL).log()).sum() / m`.

The gradient of a sum sends each entry the gradient of the sum it went into (`spread`); a mean
sends each 1/n of it. Over every entry the result is one number of the whole batch: like a
cost, it belongs to no layer.

    >>> import numpy as np, tinygraph as tg
    >>> A = tg.parameter(np.arange(6.0).reshape(2, 3), name="A")
    >>> tg.sum(A, axis=1, keepdims=True).value.ravel(), tg.mean(A).item()
    (array([ 3., 12.]), 2.5)
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from ...errors import ShapeError
from ..tensor import Tensor
from .contract import Op, where


def spread(g: np.ndarray, shape: tuple[int, ...], axis: int | None,
           keepdims: bool) -> np.ndarray:
    """g sent back to every entry of an array of `shape` that was summed over `axis`."""
    if axis is not None and not keepdims:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, shape).copy()  # a writable array, like every gradient


def count(shape: tuple[int, ...], axis: int | None) -> int:
    """How many entries went into each mean: all of them, or one axis's."""
    return int(np.prod(shape)) if axis is None else shape[axis]


class _Reduction(Op):
    """A sum or mean over `axis` (None: every entry; 0: down the rows; 1: along each row)."""

    axis: ClassVar[int | None] = None
    keepdims: ClassVar[bool] = False

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        (x,) = inputs
        if cls.axis is not None and not -x.value.ndim <= cls.axis < x.value.ndim:
            raise ShapeError(f"{cls.name}{where(layer)}: axis {cls.axis} does not exist for "
                             f"{x.name or 'x'} of shape {x.shape}; use None, 0 or 1")

    @classmethod
    def label(cls, names: list[str]) -> str:
        x = names[0]
        return f"{cls.name}({x})" if cls.axis is None else f"{cls.name}({x}, axis={cls.axis})"


class Sum(_Reduction):
    """sum(x, axis), e.g. the course's db = sum(dZ, axis=1) or the total of the cost (7)"""

    name = "sum"
    formulas = ("{dx0} = spread({dout}, {x0.shape}, axis={axis}, keepdims={keepdims})   # "
                "each entry gets the gradient of the sum it went into",)

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, dict]:
        return x.sum(axis=cls.axis, keepdims=cls.keepdims), {"shape": x.shape}

    @classmethod
    def backward(cls, dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return (spread(dout, saved["shape"], cls.axis, cls.keepdims),)


class Mean(_Reduction):
    """mean(x, axis): the sum divided by the number of entries summed"""

    name = "mean"
    formulas = ("{dx0} = spread({dout}, {x0.shape}, axis={axis}, keepdims={keepdims}) / "
                "count({x0.shape}, axis={axis})   # each entry gets 1/n of it",)

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, dict]:
        return x.mean(axis=cls.axis, keepdims=cls.keepdims), {"shape": x.shape}

    @classmethod
    def backward(cls, dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        shape = saved["shape"]
        return (spread(dout / count(shape, cls.axis), shape, cls.axis, cls.keepdims),)


# `tg.sum` as NumPy names it; this module never needs the builtin sum after this line.
def sum(x: Tensor, axis: int | None = None, keepdims: bool = False, *,  # noqa: A001
        name: str = "", layer: int | None = None) -> Tensor:
    """The sum of x's entries (axis=None), of each column (axis=0) or each row (axis=1)."""
    op = Sum.fixed(axis=axis, keepdims=bool(keepdims), in_layer=axis is not None)
    return op.apply(x, name=name, layer=layer)


def mean(x: Tensor, axis: int | None = None, keepdims: bool = False, *,
         name: str = "", layer: int | None = None) -> Tensor:
    """The mean of x's entries (axis=None), of each column (axis=0) or each row (axis=1)."""
    op = Mean.fixed(axis=axis, keepdims=bool(keepdims), in_layer=axis is not None)
    return op.apply(x, name=name, layer=layer)
