"""NumPy's own functions on tensors record the same ops as the operators: the course's code runs
on tinygraph's tensors as it is written, `np.dot(W, A) + b`, `np.log(AL)`, `np.sum(...)`.

NumPy hands a call with a tensor among its arguments to the tensor (the `__array_ufunc__` and
`__array_function__` protocols, NEP 13 and 18); here each function NumPy names is mapped to
the op it is. Any other NumPy function on a tensor is an error that names it and says what to
write instead, never a quiet conversion to an array that would drop the tensor from the graph.

    >>> import numpy as np, tinygraph as tg
    >>> W = tg.parameter(np.ones((1, 2)), name="W1", layer=1)
    >>> X = tg.tensor(np.ones((2, 3)), name="X")
    >>> Z = np.dot(W, X) + tg.parameter(np.zeros((1, 1)), name="b1")   # (4)
    >>> Z.name, Z.kind, W.role
    ('Z1', 'add_bias', 'weight')
    >>> np.sqrt(Z)
    Traceback (most recent call last):
    ...
    tinygraph.errors.NotAnOpError: np.sqrt on a tinygraph tensor (Z1) has no op: ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...errors import NotAnOpError
from ..tensor import Tensor
from .course import matmul, relu
from .elementwise import add, div, exp, log, mul, neg, power, reshape, sub, tanh, transpose
from .reductions import mean, sum


def _maximum(a: Any, b: Any) -> Tensor:
    """np.maximum(0, Z), the course's relu: the only maximum that is an op."""
    for zero, Z in ((a, b), (b, a)):
        if isinstance(Z, Tensor) and not isinstance(zero, Tensor) and np.ndim(zero) == 0 \
                and zero == 0:
            return relu(Z)
    raise NotAnOpError("np.maximum of a tinygraph tensor is an op only as np.maximum(0, Z), "
                       "the course's relu; for anything else compute on np.asarray(...), "
                       "which is outside the graph")


def _power(x: Any, k: Any) -> Tensor:
    if not isinstance(x, Tensor):
        raise NotAnOpError("np.power(a, x) with the tensor as the exponent has no op: the "
                           "exponent must be a constant number, x ** k")
    return power(x, k)


# The ufuncs that are ops: a function of the ufunc's arguments, each a tensor or a constant.
UFUNCS: dict[np.ufunc, Callable[..., Tensor]] = {
    np.add: add, np.subtract: sub, np.multiply: mul, np.divide: div, np.negative: neg,
    np.power: _power, np.square: lambda x: power(x, 2), np.exp: exp, np.log: log,
    np.tanh: tanh, np.maximum: _maximum, np.matmul: matmul,
}


def _sum(a: Tensor, axis: int | None = None, dtype: Any = None, out: Any = None,
         keepdims: bool = False, **rest: Any) -> Tensor:
    _no_extras("np.sum", dtype=dtype, out=out, **rest)
    return sum(a, axis, keepdims)


def _mean(a: Tensor, axis: int | None = None, dtype: Any = None, out: Any = None,
          keepdims: bool = False, **rest: Any) -> Tensor:
    _no_extras("np.mean", dtype=dtype, out=out, **rest)
    return mean(a, axis, keepdims)


def _dot(a: Any, b: Any, out: Any = None) -> Tensor:
    _no_extras("np.dot", out=out)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return mul(a, b)
    return matmul(a, b)


def _squeeze(a: Tensor, axis: Any = None) -> Tensor:
    shape = np.squeeze(np.empty(a.shape, dtype=bool), axis=axis).shape
    return reshape(a, shape)


def _transpose(a: Tensor, axes: Any = None) -> Tensor:
    if axes is not None and tuple(axes) != (1, 0):
        raise NotAnOpError(f"np.transpose with axes={axes!r}: tinygraph's tensors are 2-D; "
                           "write a.T")
    return transpose(a)


def _reshape(a: Tensor, *shape: Any, newshape: Any = None, order: str = "C",
             **rest: Any) -> Tensor:
    _no_extras("np.reshape", order=None if order == "C" else order, **rest)
    wanted = shape[0] if len(shape) == 1 else (shape if shape else newshape)
    return reshape(a, wanted)


# Questions about an array, not computations: answered on the tensor's value.
QUESTIONS = (np.shape, np.ndim, np.size)

FUNCTIONS: dict[Callable, Callable[..., Tensor]] = {
    np.dot: _dot, np.sum: _sum, np.mean: _mean, np.squeeze: _squeeze,
    np.transpose: _transpose, np.reshape: _reshape, np.matmul: matmul,
}


def _no_extras(name: str, **options: Any) -> None:
    given = [key for key, value in options.items() if value is not None]
    if given:
        raise NotAnOpError(f"{name}(..., {', '.join(f'{k}=' for k in given)}) on a tinygraph "
                           f"tensor: the op takes no {', '.join(given)}; leave it out")


def _named(args: Any) -> str:
    names = [x.name or "?" for x in args if isinstance(x, Tensor)]
    return ", ".join(names) or "a tensor"


# What to write instead of a NumPy function that is not an op, for the ones learners reach for.
INSTEAD = {
    "sqrt": "x ** 0.5", "abs": "a mask of your own, or np.asarray(x)", "where": "a mask times x",
    "greater": "np.asarray(x) > ... (a comparison has no gradient)",
    "less": "np.asarray(x) < ... (a comparison has no gradient)",
    "equal": "np.asarray(x) == ...", "sign": "np.asarray(x)", "clip": "x itself, or np.asarray(x)",
    "log1p": "(1 + x).log()", "expm1": "x.exp() - 1", "sin": "np.asarray(x)",
}


def not_an_op(name: str, args: Any) -> NotAnOpError:
    instead = INSTEAD.get(name, "the operators (+ - * / @ **), .sum(), .mean(), .T, .exp(), "
                                ".log(), .tanh(), .relu(), .sigmoid(); or np.asarray(x), which "
                                "is outside the graph (no gradient)")
    return NotAnOpError(f"np.{name} on a tinygraph tensor ({_named(args)}) has no op: it "
                        f"would drop the tensor from the graph and its gradient; write "
                        f"{instead}")


def call_ufunc(ufunc: np.ufunc, method: str, inputs: tuple, kwargs: dict) -> Tensor:
    """`ufunc(*inputs)` as the op it is (what `Tensor.__array_ufunc__` does)."""
    op = UFUNCS.get(ufunc)
    if op is None or method != "__call__":
        name = ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"
        raise not_an_op(name, inputs)
    _no_extras(f"np.{ufunc.__name__}", **kwargs)  # out=, dtype=, where= ...: no op takes them
    return op(*inputs)


def call_function(function: Callable, args: tuple, kwargs: dict) -> Tensor:
    """`function(*args, **kwargs)` as the op it is (what `Tensor.__array_function__` does)."""
    if function in QUESTIONS:
        return function(*[x.value if isinstance(x, Tensor) else x for x in args], **kwargs)
    op = FUNCTIONS.get(function)
    if op is None:
        raise not_an_op(function.__name__, args)
    return op(*args, **kwargs)
