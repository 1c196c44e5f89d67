"""Calls of a learner's function on a case: a time limit, quiet, NumPy's draws fixed.

Every call of a learner's function has a time limit; one that is still running then is
stopped once and never called again (`Runner.stopped`):

    >>> from tinygraph.checker.cases import cases
    >>> def linear_forward(A, W, b):
    ...     while True:
    ...         pass
    >>> runner = Runner({linear_forward.__code__.co_filename}, time_limit=0.2)
    >>> case = cases("linear_forward")[0]
    >>> print(runner.call(linear_forward, case, "linear_forward").error)
    still running after 0.2 s: an endless loop?
    >>> runner.was_stopped(linear_forward)
    True
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .agree import floating_errors
from .cases import Case, draws
from .course import reference
from .limits import SECONDS, CheckTimeout, Progress, learner_error, real_interrupts, time_limit


@dataclass
class Outcome:
    """What one call gave: its value, or the exception and the learner's line it came from."""

    value: Any = None
    error: BaseException | None = None
    line: str | None = None
    changed: list[str] = field(default_factory=list)  # arguments changed in place
    floating: frozenset = frozenset()  # NumPy's floating-point errors on the way (agree.py)



@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No prints, progress bars or NumPy warnings from the functions being compared."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _same(a: Any, b: Any) -> bool:
    """Exactly the same contents (to see whether a function changed its argument)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b, strict=True)))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(a, b, equal_nan=True)
    return a == b


class Runner:
    """Calls functions on cases; knows which code is the learner's, to name their lines.

    A function still running after `time_limit` seconds is stopped, and from then on its
    calls give that same outcome at once: an endless loop costs its time limit once."""

    def __init__(self, files: set[str], where: Callable[[int], str] | None = None,
                 time_limit: float | None = None, progress: Progress | None = None) -> None:
        self.files = files
        self.where = where
        self.time_limit = SECONDS if time_limit is None else time_limit
        self.progress = progress or Progress()
        self.stopped: dict[types.CodeType, Outcome] = {}

    def was_stopped(self, function: Callable) -> bool:
        return getattr(function, "__code__", None) in self.stopped

    def call(self, function: Callable, case: Case, name: str) -> Outcome:
        code = getattr(function, "__code__", None)
        if code in self.stopped:
            return self.stopped[code]
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)  # case: untouched
        self.progress.calling()
        state = np.random.get_state()
        try:
            with quiet(), real_interrupts(), time_limit(self.time_limit), \
                    floating_errors() as kinds:
                draws()  # a draw without the course's seed: the same at every call
                value = function(*args, **kwargs)
        except BaseException as error:  # the learner's exception is what we report
            if not learner_error(error):
                raise  # a Ctrl-C, or Python itself giving up
            outcome = Outcome(error=error, line=self.line(error))
            if isinstance(error, CheckTimeout) and code is not None:
                self.stopped[code] = outcome
            return outcome
        finally:
            np.random.set_state(state)
        changed = [i for i, (a, b) in enumerate(zip(args, case.args, strict=True))
                   if not _same(a, b)]
        if changed:  # named as the course names its arguments
            names = list(inspect.signature(reference(name)).parameters)
            changed = [names[i] if i < len(names) else f"argument {i + 1}" for i in changed]
        return Outcome(value, changed=changed, floating=frozenset(kinds))

    def line(self, error: BaseException) -> str | None:
        """`cell 4, line 2 (in L_model_backward)`: the deepest frame in the learner's code."""
        found = None
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in self.files:
                found = tb
            tb = tb.tb_next
        if found is None:
            return None
        lineno, code = found.tb_lineno, found.tb_frame.f_code
        if self.where is not None:
            return f"{self.where(lineno)} (in {code.co_name})"
        if "ipykernel" in code.co_filename or code.co_filename.startswith("<ipython"):
            return f"line {lineno} of the cell that defines {code.co_name}"
        return f"line {lineno} of {Path(code.co_filename).name} (in {code.co_name})"


def with_globals(function: types.FunctionType, names: dict[str, Any]) -> types.FunctionType:
    """The same code, seeing `names` instead of what its module holds under those names."""
    new = types.FunctionType(function.__code__, {**function.__globals__, **names},
                             function.__name__, function.__defaults__, function.__closure__)
    new.__kwdefaults__ = function.__kwdefaults__
    return new
