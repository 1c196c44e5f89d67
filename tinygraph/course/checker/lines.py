"""The learner's lines: which one produced a value, and what the names held where one raised.

`record` runs a learner's function once more under `sys.settrace`, following only frames of
the learner's own files, and keeps what each line assigned; `line_of` then finds the first
line whose result is a given value (the wrong db, the dZ with relu's derivative). Where the
function raised, the recording keeps the names the failing line used and their values, so the
error can be told in the learner's terms (which argument, which shape, which cache element).

    >>> import numpy as np
    >>> def f(x):
    ...     y = x * 2
    ...     z = y + 1
    ...     return z
    >>> recording = record(f, (np.ones(2),), {}, {f.__code__.co_filename})
    >>> line_of(recording, np.full(2, 3.0)) - f.__code__.co_firstlineno
    2

The recording holds only copies of numbers, so it can be made in another process.
"""

from __future__ import annotations

import copy
import dis
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_LARGE = 100_000  # entries: a bigger array is not copied line by line (the course's are small)


@dataclass
class Recording:
    """What the learner's lines assigned, in order; and where and with what it raised."""

    assigned: list[tuple[int, str, str, Any]] = field(default_factory=list)  # line, function,
    #                                                                          name, value
    error_line: int | None = None
    error_function: str | None = None
    error_names: dict[str, Any] = field(default_factory=dict)  # the names the line used
    # For each of those names, the names the line that assigned it read (s = sigmoid(Z)).
    made_from: dict[str, list[str]] = field(default_factory=dict)
    arguments: list[Any] = field(default_factory=list)  # what the function was given


def _snapshot(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy() if value.size <= _LARGE else value
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in list(value.items())[:64]}
    if isinstance(value, (list, tuple)) and len(value) <= 64:
        return type(value)(_snapshot(v) for v in value) if isinstance(value, list) else tuple(
            _snapshot(v) for v in value)
    if isinstance(value, (int, float, str, np.generic)) or value is None:
        return value
    return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (dict, list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a.values() if isinstance(a, dict) else a,
                                        b.values() if isinstance(b, dict) else b, strict=True))
    try:
        return bool(a == b)
    except Exception:
        return False


def names_on_line(code: types.CodeType, line: int) -> list[str]:
    """The local and global names the bytecode of `line` reads, in order."""
    found, current = [], None
    for instruction in dis.get_instructions(code):
        starts = getattr(instruction, "line_number", None) or instruction.starts_line
        if isinstance(starts, int) and not isinstance(starts, bool):
            current = starts
        if current == line and instruction.opname in ("LOAD_FAST", "LOAD_NAME",
                                                       "LOAD_GLOBAL", "LOAD_DEREF"):
            found.append(str(instruction.argval))
    return list(dict.fromkeys(found))


def record(function: Callable, args: tuple, kwargs: dict, files: set[str]) -> Recording:
    """Run `function(*args, **kwargs)` and record its lines (the learner's files only)."""
    recording = Recording()
    seen: dict[int, dict[str, Any]] = {}

    def local(frame: types.FrameType, event: str, arg: Any) -> Any:
        fresh = id(frame) not in seen  # its arguments: no line of the body made them
        before = seen.setdefault(id(frame), {})
        for name, value in list(frame.f_locals.items()):
            if name not in before or not _same(before[name], value):
                snap = _snapshot(value)
                before[name] = snap
                if fresh:
                    recording.arguments.append(snap)
                else:
                    recording.assigned.append((before.get("<line>", frame.f_lineno),
                                               frame.f_code.co_name, name, snap))
        before["<line>"] = frame.f_lineno
        if event == "return":
            recording.assigned.append((frame.f_lineno, frame.f_code.co_name, "<return>",
                                       _snapshot(arg)))
        if event == "exception" and recording.error_line is None:
            recording.error_line, recording.error_function = frame.f_lineno, \
                frame.f_code.co_name
            recording.error_names = {n: _snapshot(frame.f_locals[n]) for n in names_on_line(
                frame.f_code, frame.f_lineno) if n in frame.f_locals}
            made = {name: line for line, function, name, _ in recording.assigned
                    if function == frame.f_code.co_name}  # the last line assigning each
            recording.made_from = {n: names_on_line(frame.f_code, made[n])
                                   for n in recording.error_names if n in made}
        return local

    def start(frame: types.FrameType, event: str, arg: Any) -> Any:
        if event == "call" and frame.f_code.co_filename in files:
            return local
        return None

    previous = sys.gettrace()
    sys.settrace(start)
    try:
        function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except BaseException:  # the learner's error is what the recording keeps
        pass
    finally:
        sys.settrace(previous)
    return recording


def _holds(snap: Any, value: np.ndarray) -> bool:
    if isinstance(snap, np.ndarray):
        return snap.shape == value.shape and np.allclose(snap, value, rtol=1e-6, atol=1e-8,
                                                         equal_nan=True)
    if isinstance(snap, dict):
        return any(_holds(v, value) for v in snap.values())
    if isinstance(snap, (list, tuple)):
        return any(_holds(v, value) for v in snap)
    return False


def line_of(recording: Recording, value: Any) -> int | None:
    """The first line after which one of the learner's names holds `value`."""
    if value is None or isinstance(value, str):
        return None
    try:
        value = np.asarray(value, dtype=float)
    except (ValueError, TypeError):
        return None  # not one array (a model's (parameters, costs))
    if value.dtype.kind not in "biuf" or value.size == 0 or not np.any(value):
        return None  # zeros are everywhere: they would name a line at random
    if any(_holds(snap, value) for snap in recording.arguments):
        return None  # an argument passed on: no line of theirs computes it
    for line, _, _, snap in recording.assigned:
        if _holds(snap, value):
            return line
    return None
