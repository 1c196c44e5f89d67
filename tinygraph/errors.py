"""The errors tinygraph raises: one base type, so `except TinygraphError` catches them all.

Each is also a built-in type (ValueError or TypeError), so code that expects those still works.

    >>> import tinygraph as tg
    >>> try:
    ...     tg.tensor([[1.0, float("nan")]], name="X")
    ... except tg.TinygraphError as error:
    ...     print(error)
    X contains NaN or inf (1 of 2 values); tinygraph needs finite inputs
"""

from __future__ import annotations


class TinygraphError(Exception):
    """Base of every error tinygraph raises on purpose."""


class ShapeError(TinygraphError, ValueError):
    """Two arrays that must fit together do not; the message names the op, layer and shapes."""


class InputError(TinygraphError, ValueError):
    """A value tinygraph cannot work with: NaN or inf, labels outside {0, 1}, an empty batch."""


class DTypeError(TinygraphError, TypeError):
    """An array that is not numeric (strings, objects) where numbers are needed."""


class NotAnOpError(TinygraphError, TypeError):
    """A NumPy function applied to a tensor that tinygraph has no op for: it would drop the
    tensor from the graph. The message names the function and what to write instead."""


class StaleGraphError(TinygraphError, RuntimeError):
    """A backward through a graph built from parameters (or data) that have changed since: its
    values are those of the old parameters. Build the cost again after each update."""


class DivergenceError(TinygraphError, FloatingPointError):
    """Training reached a cost that is NaN or inf: the learning rate is too large (or float32
    overflowed). The message names the iteration and the learning rate."""


class TinygraphWarning(UserWarning):
    """Base of the warnings tinygraph gives: the run goes on, but something looks wrong."""


class DivergenceWarning(TinygraphWarning, RuntimeWarning):
    """The cost is still finite but has grown far above where it started."""
