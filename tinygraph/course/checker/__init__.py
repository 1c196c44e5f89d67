"""`tinygraph check`: a learner's own course functions against tinygraph.notebook.

Give it a file (.py or .ipynb), a module, or a notebook's `globals()`; it says, for each of
the course's functions, `ok`, `differs` (the first output that differs, expected against got,
and a hint: the relation its numbers have to the course's), `error` (the learner's line that raised)
or `missing`:

    >>> import numpy as np
    >>> def linear_backward(dZ, cache):
    ...     A_prev, W, b = cache
    ...     m = A_prev.shape[1]
    ...     return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True)
    >>> report = check({"linear_backward": linear_backward, "__name__": "__main__"})
    >>> report["linear_backward"].status
    'differs'
    >>> print(report["linear_backward"].explanation)
    db:missing 1/m (9)

Only the learner's definitions run: a file's other statements (a training loop, the
notebook's test calls) are never executed. See docs/checking.md.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import numpy as np

from .course import FUNCTIONS, HELPERS, ORDER, CheckError, is_supplied
from .load import Learner, load
from .report import Report
from .run import Checker, Result, Runner, check_one, missing
from .supplied import course_modules

__all__ = ["CheckError", "Report", "Result", "check", "check_function"]


def _code_files(namespace: dict[str, Any]) -> set[str]:
    """The files (a notebook's cells) of the learner's functions, to find their lines."""
    own = [f for name, f in namespace.items() if isinstance(f, types.FunctionType)
           and (name in FUNCTIONS + HELPERS or f.__module__ == namespace.get("__name__"))]
    return {f.__code__.co_filename for f in own if not is_supplied(f)}


def check_namespace(namespace: dict[str, Any], file: str, learner: Learner | None = None
                    ) -> Report:
    """Check every course function defined in `namespace` (a module's dict, `globals()`)."""
    where = learner.where if learner is not None else None
    checker = Checker(namespace, Runner(_code_files(namespace), where))
    random_state = np.random.get_state()  # the course's functions seed NumPy: put it back
    try:
        with course_modules():
            for name in HELPERS + FUNCTIONS:
                found = namespace.get(name)
                if isinstance(found, types.FunctionType) and not is_supplied(found):
                    result = (checker.check_helper if name in HELPERS else checker.check)(
                        name, found)
                    if result is not None:
                        checker.results[name] = result
                elif name in FUNCTIONS:
                    checker.results[name] = missing(name, found)
    finally:
        np.random.set_state(random_state)
    results = list(checker.results.values())
    results.sort(key=lambda r: ORDER.index(r.name))
    return Report(file, results, (learner.notes if learner is not None else []) + checker.notes)


def check(target: Any) -> Report:
    """Check a learner's functions: a path (.py, .ipynb), a module, or `globals()`.

        >>> tg.check(globals())                                  # doctest: +SKIP
        >>> tg.check("my_dnn.ipynb").exit_status                  # doctest: +SKIP
        0

    In Jupyter the report shows as a table, with the graph of the first wrong backward
    function; in a terminal it prints as text; `report.to_json()` is the CLI's --json.
    """
    if isinstance(target, (str, Path)):
        learner = load(target)
        return check_namespace(vars(learner.module), str(target), learner)
    if isinstance(target, types.ModuleType):
        return check_namespace(vars(target), getattr(target, "__file__", None)
                               or target.__name__)
    if isinstance(target, dict):
        return check_namespace(target, str(target.get("__file__") or "the notebook"))
    raise CheckError(f"check takes a file name, a module or globals(), not "
                     f"{type(target).__name__}")


def check_function(name: str, function: Any) -> Result:
    """One course function on its own, e.g. `check_function("linear_forward", f)`."""
    with course_modules():
        return check_one(name, function)
