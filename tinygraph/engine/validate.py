"""The checks every public entry makes of what it is given, in one place: one answer for 3.0.

A whole number (iterations, a batch size, a layer's size, a seed) is an `int` or a NumPy
integer, never a float or a bool: `num_iterations=3.0` is refused the same way everywhere, with
a message that names the value and what to write instead, as NumPy and `range` refuse it.

    >>> whole(2500, "num_iterations", "fit")
    2500
    >>> whole(3.0, "num_iterations", "fit")
    Traceback (most recent call last):
    ...
    tinygraph.errors.InputError: fit: num_iterations must be a whole number ...: write 3
    >>> positive(0.0075, "learning_rate", "fit")
    0.0075
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import DTypeError, InputError

# The parameters' dtypes. Not float16: NumPy has no BLAS product for it (the first layer's
# W1 @ X is 28x slower than in float32 here) and its 3 digits cannot follow the course's costs.
DTYPES = ("float64", "float32")
_EXAMPLES = {"num_iterations": 2500, "batch_size": 64, "seed": 1, "examples": 3}


def is_number(value: Any) -> bool:
    """A real number: not a bool (True is an int to Python), nor a string like "0.01"."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def is_whole(value: Any) -> bool:
    """An int or NumPy integer, not a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _prefix(who: str) -> str:
    return f"{who}: " if who else ""


def whole(value: Any, what: str, who: str = "", *, at_least: int = 1) -> int:
    """`value` as an int when it is a whole number >= `at_least`; else an InputError."""
    if is_whole(value) and value >= at_least:
        return int(value)
    if is_whole(value):
        raise InputError(f"{_prefix(who)}{what} must be a whole number >= {at_least}, "
                         f"not {value!r}")
    example = _EXAMPLES.get(what, max(at_least, 1))
    raise InputError(f"{_prefix(who)}{what} must be a whole number such as {example}, "
                     f"not {value!r}{_float_hint(value)}")


def _float_hint(value: Any) -> str:
    """` (a float): write 3` for 3.0: the int the caller surely meant."""
    if is_number(value) and math.isfinite(value) and float(value).is_integer():
        return f" (a float): write {int(value)}"
    return ""


def positive(value: Any, what: str, who: str = "", example: str = "0.0075") -> float:
    """`value` as a float when it is a finite number > 0; else an InputError."""
    if is_number(value) and math.isfinite(value) and value > 0:
        return float(value)
    raise InputError(f"{_prefix(who)}{what} must be a positive number, e.g. {example}, "
                     f"not {value!r}")


def fraction(value: Any, what: str, who: str = "", usual: float | None = None) -> float:
    """`value` as a float in [0, 1) (momentum's and Adam's betas); else an InputError."""
    if is_number(value) and 0 <= value < 1:
        return float(value)
    course = f" (the course uses {usual})" if usual is not None else ""
    raise InputError(f"{_prefix(who)}{what} must be in [0, 1), not {value!r}{course}")


def seed(value: Any) -> int | None:
    """None, or a whole number 0 <= seed < 2**32, as NumPy's generators take."""
    if value is None:
        return None
    if not is_whole(value) or not 0 <= value < 2 ** 32:
        raise InputError(f"seed must be a whole number from 0 to 2**32 - 1, not {value!r}"
                         f"{_float_hint(value)}")
    return int(value)


def layer_dims(dims: Any) -> list[int]:
    """`[12288, 20, 7, 5, 1]` as ints; an InputError that names the entry that is not a size.

        >>> layer_dims([3, 4, 1.0])
        Traceback (most recent call last):
        ...
        tinygraph.errors.InputError: layer_dims must ...: layer_dims[2] is 1.0 (a float): write 1
    """
    if isinstance(dims, (str, bytes)) or not isinstance(dims, Sequence | np.ndarray):
        raise InputError(f"layer_dims must list at least two positive sizes, e.g. "
                         f"[12288, 20, 7, 5, 1]; got {dims!r}")
    dims = list(dims)
    problem = "" if len(dims) >= 2 else f": only {len(dims)} size(s)"
    for i, n in enumerate(dims):
        if not (is_whole(n) and n > 0):
            problem = (f": layer_dims[{i}] is {n!r}" +
                       (_float_hint(n) if n > 0 else ", not a positive whole number"
                        ) if is_number(n) else f": layer_dims[{i}] is {n!r}, not a number")
            break
    if problem:
        raise InputError(f"layer_dims must list at least two positive sizes, e.g. "
                         f"[12288, 20, 7, 5, 1]; got {dims}{problem}")
    return [int(n) for n in dims]


def dtype(value: Any, what: str = "the network") -> np.dtype:
    """`np.dtype(value)` when parameters may have it (float64 or float32), else a DTypeError.

        >>> dtype("float16")
        Traceback (most recent call last):
        ...
        tinygraph.errors.DTypeError: the network cannot be float16: tinygraph computes in ...
    """
    try:
        found = np.dtype(value)
    except TypeError:
        found = None
    if found is None or found.name not in DTYPES:
        name = found.name if found is not None else repr(value)
        why = (" (NumPy has no fast float16 matrix product: tens of times slower than "
               "float32, with too few digits for the course's costs)" if name == "float16"
               else "")
        raise DTypeError(f"{what} cannot be {name}: tinygraph computes in float64 (the "
                         f"course's) or float32{why}; use float32 to save memory")
    return found


def as_array(value: Any, name: str = "") -> np.ndarray:
    """`value` as a float array, or a clear error saying why it cannot be one.

    Integers and booleans become float64 (the course's labels are int64); float32 stays
    float32, so a float32 network runs in float32 end to end.

        >>> as_array([[0, 1]]).dtype
        dtype('float64')
    """
    what = name or "input"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise DTypeError(f"{what} cannot be turned into a numeric array: {error}") from None
    if array.dtype.kind in "biu":
        array = array.astype(np.float64)
    elif array.dtype.kind != "f":
        raise DTypeError(f"{what} has dtype {array.dtype}; tinygraph needs numbers (float32 "
                         "or float64)")
    if array.size == 0:
        raise InputError(f"{what} is empty (shape {array.shape}); a batch needs at least one "
                         "example")
    bad = array.size - np.count_nonzero(np.isfinite(array))
    if bad:
        raise InputError(f"{what} contains NaN or inf ({bad} of {array.size} values); "
                         "tinygraph needs finite inputs")
    return array
