"""A learner's output handed on as the course's notebook chains the functions.

The course's tests compare a function's outputs alone, so a cache with an entry too many
passes them: only the course's backward function, which unpacks it, breaks. Here the learner's
output on each case goes to the course's neighbour, beside the course's own output: where
the neighbour raises or gives other numbers, the difference is the learner's, said as that.

    >>> import numpy as np
    >>> from tinygraph.checker.cases import cases
    >>> def linear_forward(A, W, b):
    ...     Z = W @ A + b
    ...     return Z, (A, W, b, Z)
    >>> all_cases = cases("linear_forward")
    >>> right = [reference("linear_forward")(*case.args) for case in all_cases]
    >>> found = handed_on("linear_forward", all_cases, right,
    ...                   [linear_forward(*case.args) for case in all_cases])
    >>> print(found.detail.split(", raised ")[1])
    ValueError: too many values to unpack (expected 3)
    >>> print(found.words.replace(": ", ":\\n"))
    the course's linear_backward cannot unpack your linear_cache:
    it holds 4 entries where the course's holds 3 (A_prev, W, b)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .cases import Case, draws
from .compare import first_difference
from .course import CACHES, holds, reference
from .runner import quiet

# What each part of the course's outputs holds, in its words (a tuple's entries).
_HOLDS = {**{name: holds(name) for name in CACHES}, "caches": "one cache per layer"}
_INNER: dict[str | None, Any] = {"caches": "cache", "cache": ["linear_cache"]}


def _drawn(value: np.ndarray) -> np.ndarray:
    """Numbers of `value`'s shape (a dA for an A, an X for the first layer), the same for
    the learner's output and the course's."""
    return np.random.RandomState(5).randn(*np.shape(value))


def _labels(AL: np.ndarray) -> np.ndarray:
    """Labels Y of AL's shape, both classes (nearly always), the same for both."""
    return (np.random.RandomState(6).uniform(size=np.shape(AL)) > 0.5).astype(float)


@dataclass(frozen=True)
class _Link:
    consumer: str  # the course's function the output goes to
    part: str  # the output's course name
    index: int | None  # its index in the producer's tuple (None: the whole output)
    args: Callable[[Any, Any, Case], tuple]  # (course's output, the part, case) -> arguments
    line: str  # the course's statement that makes it (to find the learner's line like it)


LINKS = {
    "linear_forward": _Link("linear_backward", "linear_cache", 1,
                            lambda out, part, case: (_drawn(out[0]), part),
                            "cache = (A, W, b)"),
    "linear_activation_forward": _Link(
        "linear_activation_backward", "cache", 1,
        lambda out, part, case: (_drawn(out[0]), part, case.args[3]),
        "cache = (linear_cache, activation_cache)"),
    "L_model_forward": _Link("L_model_backward", "caches", 1,
                             lambda out, part, case: (out[0], _labels(out[0]), part),
                             "caches.append(cache)"),
    "initialize_parameters_deep": _Link(
        "L_model_forward", "parameters", None,
        lambda out, part, case: (_drawn(np.zeros((case.args[0][0], 3))), part),
        "parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01"),
}


@dataclass
class Handed:
    """What went wrong where the learner's output was handed on, on which case."""

    case: Case
    detail: str  # for the report's first line
    words: str  # the hint, without the learner's line
    key: str
    line: str  # the course's statement that makes the output


def _structure(mine: Any, right: Any, label: str, kind: str | None) -> str | None:
    """Where the learner's output is built otherwise: "your cache holds 3 entries where the
    course's holds 2 (linear_cache, activation_cache)"; None where it is built the same."""
    if isinstance(right, dict):
        if not isinstance(mine, dict):
            return f"your {label} is a {type(mine).__name__} where the course's is a dict"
        extra = [str(k) for k in mine if k not in right]
        if extra:
            return (f"your {label} has the key{'s' * (len(extra) > 1)} {', '.join(extra[:4])} "
                    f"too: the course's holds only {', '.join(map(str, right))}")
        return None
    if not isinstance(right, (tuple, list)):
        return None
    if not isinstance(mine, (tuple, list)):
        return f"your {label} is a {type(mine).__name__} where the course's is a tuple"
    if len(mine) != len(right):
        holds = f" {_HOLDS[kind]}" if kind in _HOLDS else ""
        return (f"your {label} holds {len(mine)} entries where the course's holds "
                f"{len(right)}{holds}")
    for i, (a, b) in enumerate(zip(mine, right, strict=True)):
        inner = _INNER.get(kind, [])
        child = inner[i] if isinstance(inner, list) and i < len(inner) else (
            inner if isinstance(inner, str) else None)
        if child is None:
            continue
        named = f"{label}[{i}] ({child})" if kind != "caches" else f"{label}[{i}]"
        if (said := _structure(a, b, named, child)) is not None:
            return said
    return None


def _call(function: Callable, args: tuple) -> tuple[Any, BaseException | None]:
    """The course's function on arguments made of the learner's output: its error, if any."""
    state = np.random.get_state()
    try:
        with quiet():
            draws()
            return function(*copy.deepcopy(args)), None
    except Exception as error:  # (the learner's output made it raise)
        return None, error
    finally:
        np.random.set_state(state)


def _part(value: Any, link: _Link) -> Any:
    return value if link.index is None else value[link.index]


def handed_on(name: str, all_cases: list[Case], expected: list[Any], got: list[Any]
              ) -> Handed | None:
    """The first case where the learner's `name` (`got`, its outputs, right on their own)
    breaks the course's neighbour that takes them; None where the neighbour gives the course's
    numbers with them too. `expected`: the course's outputs (None where it refused a case)."""
    link = LINKS.get(name)
    if link is None:
        return None
    neighbour = reference(link.consumer)
    for case, right, mine in zip(all_cases, expected, got, strict=True):
        if right is None or mine is None:
            continue
        ours, theirs = _part(right, link), _part(mine, link)
        should, _ = _call(neighbour, link.args(right, ours, case))
        gives, raised = _call(neighbour, link.args(right, theirs, case))
        structure = _structure(theirs, ours, link.part, link.part)
        extra = [k for k in theirs if k not in ours] if isinstance(theirs, dict) and \
            isinstance(ours, dict) else []
        line = f"{link.part}[{extra[0]!r}] = {extra[0]}" if extra else link.line
        how = structure.removeprefix(f"your {link.part} ") if structure else None
        if raised is not None:
            verb = "cannot unpack" if "unpack" in str(raised) else "raises given"
            return Handed(case, f"its {link.part}, handed to the course's {link.consumer}, "
                          f"raised {type(raised).__name__}: {raised}",
                          f"the course's {link.consumer} {verb} your {link.part}"
                          + (f": it {how}" if how and how != structure else
                             f": {structure}" if structure else f" ({raised})"),
                          f"{link.part}:breaks {link.consumer}", line)
        difference = first_difference(link.consumer, should, gives)
        if difference is not None:
            return Handed(case, f"its {link.part}, handed to the course's {link.consumer}, "
                          f"gives {difference.text()}",
                          f"the course's {link.consumer}, given your {link.part}, gives other "
                          f"numbers than with the course's"
                          + (f": {structure}" if structure else ""),
                          f"{link.part}:misleads {link.consumer}", line)
    return None
