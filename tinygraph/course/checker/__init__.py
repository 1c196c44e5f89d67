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
notebook's test calls) are never executed. A file is checked in a child process of its own
(isolate); a folder or several files are a class (classroom). See docs/checking.md.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from .classroom import ClassReport, check_class
from .course import CheckError
from .isolate import Limits, check_file
from .limits import SECONDS
from .namespace import check_namespace
from .report import Report
from .run import Result, check_one
from .supplied import course_modules

__all__ = ["SECONDS", "CheckError", "ClassReport", "Report", "Result", "check", "check_class",
           "check_function", "check_namespace"]


def check(target: Any, *, time_limit: float | None = None, memory_mb: int | None = None,
          jobs: int | None = None) -> Report | ClassReport:
    """Check a learner's functions: a path (.py, .ipynb), a module, or `globals()`; a folder
    or a list of paths is a class (a ClassReport).

        >>> tg.check(globals())                                  # doctest: +SKIP
        >>> tg.check("my_dnn.ipynb").exit_status                  # doctest: +SKIP
        0
        >>> tg.check("submissions/", time_limit=5)                # doctest: +SKIP

    In Jupyter the report shows as a table, with the graph of the first wrong backward
    function; in a terminal it prints as text; `report.to_json()` is the CLI's --json.
    `time_limit`: seconds a call of a learner's function may run (SECONDS unless given);
    `memory_mb` and `jobs` (one per core) are for files, which run in child processes.
    """
    if isinstance(target, (str, Path)) and not Path(target).is_dir():
        report = check_file(target, Limits.of(time_limit, memory_mb))
        if report.error is not None:
            raise CheckError(report.error)
        return report
    if isinstance(target, (str, Path, list, tuple)):
        return check_class(target, time_limit, memory_mb, jobs)
    limits = Limits.of(time_limit)  # (checks the number)
    if isinstance(target, types.ModuleType):
        return check_namespace(vars(target), getattr(target, "__file__", None)
                               or target.__name__, time_limit=limits.time_limit)
    if isinstance(target, dict):
        return check_namespace(target, str(target.get("__file__") or "the notebook"),
                               time_limit=limits.time_limit)
    raise CheckError(f"check takes a file name, a folder, a module or globals(), not "
                     f"{type(target).__name__}")


def check_function(name: str, function: Any) -> Result:
    """One course function on its own, e.g. `check_function("linear_forward", f)`."""
    with course_modules():
        return check_one(name, function)
