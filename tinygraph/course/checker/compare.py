"""Compare a learner's output with the reference's, output by output, in the order computed.

Each output has the course's name (`grads["dW2"]`, `caches[1][1]` which is Z2) and a layer;
the first that differs is reported, with both values in short:

    >>> expected = {"dW1": np.ones((1, 2)), "db1": np.zeros((1, 1))}
    >>> got = {"dW1": np.ones((1, 2)), "db1": np.zeros(1)}
    >>> print(first_difference("L_model_backward", expected, got).text())
    grads["db1"] (layer 1): expected shape (1, 1), got shape (1,)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

# What the course calls each function's return values.
OUTPUTS = {
    "initialize_parameters": ("parameters",), "initialize_parameters_deep": ("parameters",),
    "linear_forward": ("Z", "linear_cache"), "linear_activation_forward": ("A", "cache"),
    "L_model_forward": ("AL", "caches"), "compute_cost": ("cost",),
    "linear_backward": ("dA_prev", "dW", "db"),
    "linear_activation_backward": ("dA_prev", "dW", "db"), "L_model_backward": ("grads",),
    "update_parameters": ("parameters",), "two_layer_model": ("parameters", "costs"),
    "L_layer_model": ("parameters", "costs"), "predict": ("p",),
    "sigmoid": ("A", "cache"), "relu": ("A", "cache"), "sigmoid_backward": ("dZ",),
    "relu_backward": ("dZ",),
}
_LINEAR_CACHE = ("A_prev", "W", "b")
TOLERANCE = {"rtol": 1e-6, "atol": 1e-8}


def close(a: np.ndarray, b: np.ndarray) -> bool:
    """`np.allclose(a, b, equal_nan=True)` at the course's TOLERANCE, for two float arrays of
    one shape, without its general path (a search compares thousands of them).

        >>> close(np.array([1.0, np.nan, np.inf]), np.array([1.0 + 1e-9, np.nan, np.inf]))
        True
    """
    with np.errstate(all="ignore"):  # (an infinity is close only to itself)
        near = np.abs(a - b) <= TOLERANCE["atol"] + TOLERANCE["rtol"] * np.abs(b)
        return bool(np.all((near & np.isfinite(b)) | (a == b) | (np.isnan(a) & np.isnan(b))))


@dataclass
class Output:
    """One array the function returns: where it sits (`path`), its name and layer."""

    path: tuple
    label: str
    layer: int | None = None
    symbol: str | None = None  # the course's symbol when the label does not say it: "Z2"


@dataclass
class Difference:
    output: Output
    expected: Any
    got: Any
    reason: str  # "shape", "values", "missing", "type", "returned"

    def text(self) -> str:
        where = self.output.label
        if self.output.symbol:
            where += f" ({self.output.symbol})"
        if self.output.layer is not None and self.output.symbol is None:
            where += f" (layer {self.output.layer})"
        if self.reason == "returned":
            return f"returned {self.got}; the course's function returns {self.expected}"
        if self.reason == "missing":
            return f"{where}: missing from what the function returned ({self.got})"
        if self.reason == "type":
            return f"{where}: expected numbers, got {type(self.got).__name__} {brief(self.got)}"
        e, g = np.asarray(self.expected), np.asarray(self.got)
        if self.reason == "shape":
            return f"{where}: expected shape {e.shape}, got shape {g.shape}"
        return f"{where}: expected {brief(e)}, got {brief(g)}{_first_apart(e, g)}"


def brief(value: Any, rows: int = 2, columns: int = 3) -> str:
    """An array on one line, its first rows and columns: `[[0.1, -0.2, ...], ...] (3, 5)`."""
    try:
        a = np.asarray(value)
    except ValueError:  # arrays of several shapes: a cache where a number belongs
        return (f"({len(value)} entries: {', '.join(_kind(v) for v in value[:4])})"
                if isinstance(value, (tuple, list)) else repr(value)[:60])
    if a.dtype.kind not in "biuf":
        return repr(value)[:60]
    if a.ndim == 0:
        return f"{float(a):.8g}"

    def row(r: np.ndarray) -> str:
        more = ", ..." if r.size > columns else ""
        return "[" + ", ".join(f"{x:.8g}" for x in r[:columns]) + more + "]"

    if a.ndim == 1:
        return row(a)
    table = a.reshape(a.shape[0], -1)
    more = ", ..." if len(table) > rows else ""
    return "[" + ", ".join(row(r) for r in table[:rows]) + more + f"] {a.shape}"


def _kind(value: Any) -> str:
    """One entry in a word or two: `array (3, 2)`, `tuple of 3`."""
    if isinstance(value, np.ndarray):
        return f"array {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of {len(value)}"
    return type(value).__name__


def _first_apart(e: np.ndarray, g: np.ndarray) -> str:
    if e.size <= 4:
        return ""
    apart = ~np.isclose(g, e, **TOLERANCE)
    index = tuple(int(i) for i in np.argwhere(apart)[0])
    if not any(index):
        return f" ({int(apart.sum())} of {e.size} entries apart)"
    return (f"; first apart at {list(index)}: expected {e[index]:.8g}, got {g[index]:.8g} "
            f"({int(apart.sum())} of {e.size} entries)")


def _leaves(value: Any, path: tuple) -> list[tuple]:
    """Every array inside `value`, as paths; a list of numbers is one array (costs)."""
    if isinstance(value, dict):
        return [p for key in value for p in _leaves(value[key], path + (key,))]
    if isinstance(value, (tuple, list)) and not all(np.isscalar(v) for v in value):
        return [p for i, v in enumerate(value) for p in _leaves(v, path + (i,))]
    return [path]


def _label(path: tuple) -> str:
    return str(path[0]) + "".join(f'["{k}"]' if isinstance(k, str) else f"[{k}]"
                                  for k in path[1:])


def _describe(name: str, path: tuple) -> Output:
    """The course's label, layer and symbol of one output."""
    label = _label(path)
    key = path[-1]
    if isinstance(key, str) and (found := re.fullmatch(r"d?([WbA])(\d+)", key)):
        layer = int(found.group(2)) + (found.group(1) == "A")  # dA1 comes out of layer 2
        return Output(path, label, layer)
    if path[0] == "caches" and len(path) > 2:  # caches[l-1] = ((A_prev, W, b), Z) of layer l
        l = path[1] + 1
        symbol = f"Z{l}" if path[2] == 1 else (f"A{l - 1}", f"W{l}", f"b{l}")[path[3]]
        return Output(path, label, l, "X" if symbol == "A0" else symbol)
    if path[0] == "linear_cache" and len(path) == 2:  # (A_prev, W, b)
        return Output(path, label, None, _LINEAR_CACHE[path[1]])
    if path[0] == "cache" and len(path) > 1:  # ((A_prev, W, b), Z)
        symbol = "Z" if path[1:] == (1,) else _LINEAR_CACHE[path[-1]]
        return Output(path, label, None, symbol)
    return Output(path, label)


def _order(name: str, outputs: list[Output]) -> list[Output]:
    """The order the course computes them: forward layer by layer, backward from layer L."""
    if name == "L_model_backward":
        kinds = {"W": 0, "b": 1, "A": 2}
        return sorted(outputs, key=lambda o: (-(o.layer or 0), kinds[o.path[-1][1]]))
    if name == "L_model_forward":
        return sorted(outputs, key=lambda o: (o.path[0] == "AL", o.layer or 0))
    return outputs


def outputs(name: str, value: Any) -> list[Output]:
    """The arrays of the reference's output, named and in the order they are computed."""
    names = OUTPUTS[name]
    values = (value,) if len(names) == 1 else value
    found = [_describe(name, (names[i],) + path[1:])
             for i, v in enumerate(values) for path in _leaves(v, (i,))]
    return _order(name, found)


def _get(value: Any, path: tuple, names: tuple) -> Any:
    """The item at `path` in the learner's output; KeyError/IndexError/TypeError if absent."""
    value = (value,) if len(names) == 1 else value
    if len(names) > 1 and (not isinstance(value, (tuple, list)) or len(value) != len(names)):
        raise TypeError("not the course's tuple")
    value = value[names.index(path[0])]
    for key in path[1:]:
        value = value[key]
    return value


def _missing_why(expected: Any, got: Any, path: tuple, names: tuple) -> str:
    """`caches has 2 entries, tinygraph's 3`, or `grads has no key "dA0"`: where it broke."""
    for depth in range(2, len(path) + 1):
        try:
            _get(got, path[:depth], names)
        except (KeyError, IndexError, TypeError):
            container = _label(path[:depth - 1])
            mine, theirs = _get(got, path[:depth - 1], names), _get(expected, path[:depth - 1],
                                                                     names)
            if isinstance(mine, dict):
                return f'{container} has no key "{path[depth - 1]}"'
            if isinstance(mine, (list, tuple)):
                return f"{container} has {len(mine)} entries, tinygraph's {len(theirs)}"
            return f"{container} is a {type(mine).__name__}"
    return "not there"


def same(expected: Any, got: Any) -> str | None:
    """None when equal (to the course's tolerance), else "shape", "values" or "type"."""
    e = np.asarray(expected)
    try:
        g = np.asarray(got)
    except Exception:
        return "type"
    if g.dtype.kind not in "biuf":
        return "type"
    if e.shape == () and g.size == 1:  # a cost as a (1, 1) array still has the right number
        g = g.reshape(())
    if e.shape != g.shape:
        return "shape"
    return None if np.allclose(g, e, equal_nan=True, **TOLERANCE) else "values"


def first_difference(name: str, expected: Any, got: Any) -> Difference | None:
    """The first output, in the course's order, where `got` is not `expected`."""
    names = OUTPUTS[name]
    if got is None:
        return Difference(Output((), "the returned value"), f"({', '.join(names)})", "None",
                          "returned")
    if len(names) > 1 and (not isinstance(got, (tuple, list)) or len(got) != len(names)):
        shown = f"a tuple of {len(got)}" if isinstance(got, (tuple, list)) else (
            type(got).__name__)
        return Difference(Output((), "the returned value"), f"({', '.join(names)})", shown,
                          "returned")
    for output in outputs(name, expected):
        try:
            value = _get(got, output.path, names)
        except (KeyError, IndexError, TypeError):
            return Difference(output, _get(expected, output.path, names),
                              _missing_why(expected, got, output.path, names), "missing")
        reason = same(_get(expected, output.path, names), value)
        if reason:
            return Difference(output, _get(expected, output.path, names), value, reason)
    return None


def equal(name: str, a: Any, b: Any) -> bool:
    """Both outputs the same, to the course's tolerance (used to match catalog mistakes)."""
    return first_difference(name, a, b) is None
