"""Check every course function found in one namespace: a module's dict, a notebook's
`globals()`, or the definitions of a learner's file (in its child process, see isolate).

The learner's functions are checked in a copy of their namespace, so a function that has to
be put aside (stopped after its time limit, or one that crashed Python) is replaced there by
tinygraph's, for every caller, and a notebook's own `globals()` is left as it was:

    >>> def linear_forward(A, W, b):
    ...     while True:
    ...         pass
    >>> def linear_activation_forward(A_prev, W, b, activation):
    ...     Z, linear_cache = linear_forward(A_prev, W, b)
    ...     A, activation_cache = (sigmoid if activation == "sigmoid" else relu)(Z)
    ...     return A, (linear_cache, activation_cache)
    >>> from tinygraph.notebook import relu, sigmoid
    >>> report = check_namespace(
    ...     {"__name__": "__main__", "linear_forward": linear_forward, "relu": relu,
    ...      "sigmoid": sigmoid, "linear_activation_forward": linear_activation_forward},
    ...     "mine", time_limit=0.2)
    >>> [(r.name, r.status) for r in report.functions][2:4]
    [('linear_forward', 'error'), ('linear_activation_forward', 'ok')]
"""

from __future__ import annotations

import difflib
import types
from typing import Any

import numpy as np

from .course import FUNCTIONS, HELPERS, ORDER, is_supplied, reference
from .limits import Progress
from .load import Learner
from .report import Report
from .run import Checker, Result, Runner, missing
from .supplied import course_modules


def _code_files(namespace: dict[str, Any]) -> set[str]:
    """The files (a notebook's cells) of the learner's functions, to find their lines."""
    return {f.__code__.co_filename for f in _own_functions(namespace).values()}


def _own_functions(namespace: dict[str, Any]) -> dict[str, types.FunctionType]:
    """The functions the learner wrote: the course's names, and those of their module."""
    return {name: f for name, f in namespace.items() if isinstance(f, types.FunctionType)
            and (name in FUNCTIONS + HELPERS or f.__module__ == namespace.get("__name__"))
            and not is_supplied(f)}


def _sandbox(namespace: dict[str, Any]) -> dict[str, Any]:
    """A copy of `namespace` whose functions look names up in the copy, not the original."""
    own = dict(namespace)
    for name, f in namespace.items():
        if isinstance(f, types.FunctionType) and f.__globals__ is namespace:
            copy = types.FunctionType(f.__code__, own, f.__name__, f.__defaults__, f.__closure__)
            copy.__kwdefaults__, copy.__qualname__ = f.__kwdefaults__, f.__qualname__
            copy.__dict__.update(f.__dict__)
            own[name] = copy
    return own


def near_misses(namespace: dict[str, Any]) -> dict[str, str]:
    """{course name: the learner's function it was probably meant to be}, for course
    functions not defined: `Linear_backward` for linear_backward, `L_model_fwd`...

        >>> mine = {"__name__": "__main__"}
        >>> exec("def Linear_backward(dZ, cache): pass", mine)
        >>> near_misses(mine)
        {'linear_backward': 'Linear_backward'}
    """
    candidates = [n for n in _own_functions(namespace) if n not in FUNCTIONS + HELPERS]
    found: dict[str, str] = {}
    for name in FUNCTIONS:
        if isinstance(namespace.get(name), types.FunctionType) or not candidates:
            continue
        score, best = max((_likeness(name, c), c) for c in candidates)
        if score >= 0.88:
            found[name] = best
            candidates.remove(best)
    return found


def _likeness(name: str, candidate: str) -> float:
    if name.lower() == candidate.lower():
        return 1.0
    return difflib.SequenceMatcher(None, name, candidate).ratio()


def check_namespace(namespace: dict[str, Any], file: str, learner: Learner | None = None,
                    time_limit: float | None = None, broken: dict[str, Result] | None = None,
                    progress: Progress | None = None) -> Report:
    """Check every course function defined in `namespace`. `broken`: results decided
    before (a function that crashed Python in an earlier child): given, not checked."""
    progress = progress or Progress()
    broken = broken or {}
    where = learner.where if learner is not None else None
    own = _sandbox(namespace)
    checker = Checker(own, Runner(_code_files(namespace), where, time_limit, progress))
    random_state = np.random.get_state()  # the course's functions seed NumPy: put it back
    try:
        with course_modules():
            for name in HELPERS + FUNCTIONS:
                found = own.get(name)
                if isinstance(found, types.FunctionType) and not is_supplied(found):
                    progress.checking(name)
                    result = broken.get(name) or (
                        checker.check_helper if name in HELPERS else checker.check)(name, found)
                    if result is not None:
                        checker.results[name] = result
                    if name in broken or checker.runner.was_stopped(found):
                        _put_aside(checker, name, broken.get(name))
                elif name in FUNCTIONS:
                    checker.results[name] = missing(name, found)
    finally:
        np.random.set_state(random_state)
    notes = (learner.notes if learner is not None else []) + checker.notes
    for name, meant in near_misses(namespace).items():
        checker.results[name].detail += f"; found {meant}: did you mean {name}?"
        notes.append(f"found {meant}: did you mean {name}?")
    results = sorted(checker.results.values(), key=lambda r: ORDER.index(r.name))
    return Report(file, results, notes)


def _put_aside(checker: Checker, name: str, crash: Result | None) -> None:
    """`name` is not called again: tinygraph's takes its place for its callers."""
    checker.replaced.add(name)
    checker.namespace[name] = reference(name)
    why = crash.error_kind if crash is not None else "an endless loop?"
    checker.notes.append(f"your {name} is not called again ({why}): your functions that "
                         f"call it were checked with tinygraph's {name} in its place")
