"""Run a learner's function and the reference on the same cases, and say what differs.

Each function is first run in isolation: the course functions it calls are tinygraph's, so a
difference is its own. When it is right that way but calls other functions of the learner's,
it runs again with theirs; a difference then names the function that causes it (`caused_by`).

Every call of a learner's function has a time limit; one that is still running then is
stopped once and never called again (`Runner.stopped`):

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

from ..notebook import app_initialize_parameters_deep
from .cases import Case, cases, helper_cases
from .compare import Difference, first_difference
from .course import APP, FUNCTIONS, HELPERS, CheckError, is_supplied, reference, reference_namespace
from .diagnose import diagnose
from .explain import Explanation, explain, explain_error
from .limits import (
    SECONDS,
    CheckTimeout,
    Progress,
    learner_error,
    real_interrupts,
    time_limit,
)
from .lines import Recording, record
from .trace import run_case

# A bad shape shows as a ValueError from NumPy or tinygraph, or an IndexError from a mask.
_SHAPE_OR_INDEX = (IndexError, ValueError)


@dataclass
class Outcome:
    """What one call gave: its value, or the exception and the learner's line it came from."""

    value: Any = None
    error: BaseException | None = None
    line: str | None = None
    changed: list[str] = field(default_factory=list)  # arguments changed in place


@dataclass
class Result:
    """The verdict on one function; `difference` and `case` feed the Jupyter picture."""

    name: str
    status: str  # "ok", "differs", "error", "missing"
    detail: str = ""
    hint: str | None = None  # the explanation's one line, as the report shows it
    caused_by: str | None = None
    difference: Difference | None = None
    case: Case | None = None
    # The explanation's stable short key, for counting: "db:missing 1/m (9)"; "error:KeyError"
    # for an exception told in the learner's terms; None when nothing could be said.
    explanation: str | None = None
    # An error in a few words, the same for everyone who makes it ("raised IndexError", "an
    # endless loop?"): a class report counts them.
    error_kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "detail": self.detail,
                "hint": self.hint, "caused_by": self.caused_by,
                "explanation": self.explanation}

    def text(self) -> str:
        lines = [f"{self.name}: {self.status}" + (f": {self.detail}" if self.detail else "")]
        if self.caused_by:
            lines.append(f"  caused by: {self.caused_by}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
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
        try:
            with _quiet(), real_interrupts(), time_limit(self.time_limit):
                value = function(*args, **kwargs)
        except BaseException as error:  # the learner's exception is what we report
            if not learner_error(error):
                raise  # a Ctrl-C, or Python itself giving up
            outcome = Outcome(error=error, line=self.line(error))
            if isinstance(error, CheckTimeout) and code is not None:
                self.stopped[code] = outcome
            return outcome
        changed = [i for i, (a, b) in enumerate(zip(args, case.args, strict=True))
                   if not _same(a, b)]
        if changed:  # named as the course names its arguments
            names = list(inspect.signature(reference(name)).parameters)
            changed = [names[i] if i < len(names) else f"argument {i + 1}" for i in changed]
        return Outcome(value, changed=changed)

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


def _called_names(code: types.CodeType) -> list[str]:
    """Global names the code uses, nested functions included, in order of first use."""
    found = list(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found += _called_names(const)
    return list(dict.fromkeys(found))


def _changed_hint(name: str, argument: str) -> str:
    if name == "update_parameters":
        return ("update_parameters changed the dictionary it was given: start from a copy, "
                "parameters = copy.deepcopy(params), so the caller's parameters stay as they "
                "were (16), (17).")
    if argument == "dA":
        return (f"{name} changed its argument dA in place (dZ = dA makes no copy, so "
                f"dZ[Z <= 0] = 0 zeroes dA too): dZ = np.array(dA, copy=True) (11).")
    return (f"{name} changed its argument {argument} in place: work on a copy "
            f"(np.array(x, copy=True), copy.deepcopy) so the caller's {argument} stays as it was.")


TIMED_OUT = "an endless loop?"
_MODELS = ("two_layer_model", "L_layer_model")  # a failure's kind when the function was stopped


@dataclass
class _Failure:
    index: int
    status: str
    detail: str
    difference: Difference | None = None
    changed: str | None = None
    kind: str | None = None  # an error's, in a few words (Result.error_kind)


def _first_failure(name: str, all_cases: list[Case], expected: list[Outcome],
                   got: list[Outcome]) -> _Failure | None:
    for i, (case, e, g) in enumerate(zip(all_cases, expected, got, strict=True)):
        if e.error is not None:
            continue  # the reference refuses this case: nothing to compare
        if g.error is not None:
            at = f" at {g.line}" if g.line else ""
            if isinstance(g.error, CheckTimeout):  # (said once: it is not called again)
                return _Failure(i, "error", f"on {case.label}: still running after "
                                f"{g.error.seconds:g} s{at}: an endless loop? (stopped, and not "
                                f"called again)", kind=TIMED_OUT)
            message = f": {_short(g.error)}" if str(g.error) else ""
            kind = ("ran out of memory" if isinstance(g.error, MemoryError)
                    else f"raised {type(g.error).__name__}")
            return _Failure(i, "error", f"on {case.label}: raised "
                            f"{type(g.error).__name__}{message}{at}", kind=kind)
        difference = first_difference(name, e.value, g.value)
        if difference is not None:
            return _Failure(i, "differs", f"on {case.label}: {difference.text()}", difference)
        if g.changed:
            return _Failure(i, "differs", f"on {case.label}: the outputs are right but it "
                            f"changed its argument {', '.join(g.changed)} in place",
                            changed=g.changed[0])
    return None


def _short(error: BaseException, limit: int = 200) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[:limit] + "..."


def _kin(a: BaseException, b: BaseException) -> bool:
    """Two errors of the same family: a bad index and a bad shape are one mistake's kin."""
    return type(a) is type(b) or (isinstance(a, _SHAPE_OR_INDEX)
                                  and isinstance(b, _SHAPE_OR_INDEX))


class Checker:
    """Checks a learner's course functions, found in one namespace (a module's or globals)."""

    def __init__(self, namespace: dict[str, Any], runner: Runner) -> None:
        self.namespace = namespace
        self.runner = runner
        self.results: dict[str, Result] = {}
        # The learner's own helpers that are not the course's (sigmoid returning A alone):
        # their callers keep them, even in isolation.
        self.own_helpers: dict[str, Any] = {}
        self.notes: list[str] = []
        # Functions stopped (an endless loop) or that crashed Python: in the namespace,
        # tinygraph's takes their place, so their callers are checked with it.
        self.replaced: set[str] = set()

    def reference_names(self, name: str) -> dict[str, Any]:
        return {**reference_namespace(name), **self.own_helpers}

    def cases(self, name: str) -> list[Case]:
        return cases(name) or helper_cases(name)

    def outcomes(self, function: Callable, name: str, all_cases: list[Case]) -> list[Outcome]:
        return [self.runner.call(function, case, name) for case in all_cases]

    def learner_callees(self, name: str, function: types.FunctionType) -> list[str]:
        return [n for n in _called_names(function.__code__)
                if n != name and n in self.results and self.results[n].status != "missing"
                and n not in self.replaced]

    def check_helper(self, name: str, function: types.FunctionType) -> Result | None:
        """A learner's sigmoid, relu, sigmoid_backward or relu_backward; None when it does not
        return what the course's does at all (a helper of their own that shares the name)."""
        result = self.check(name, function)
        difference = result.difference
        if (name in ("sigmoid", "relu") and difference is not None
                and difference.reason == "returned" and difference.got != "None"):
            self.own_helpers[name] = function
            self.notes.append(f"your {name} {difference.text()}: it is taken as a "
                              f"helper of your own, not checked, and your functions keep it")
            return None
        return result

    def check(self, name: str, function: types.FunctionType) -> Result:
        all_cases = self.cases(name)
        expected = self.outcomes(reference(name), name, all_cases)
        isolated = with_globals(function, self.reference_names(name))
        got = self.outcomes(isolated, name, all_cases)
        failure = _first_failure(name, all_cases, expected, got)
        if failure is not None:
            result = self._result(name, failure, all_cases)
            if failure.kind == TIMED_OUT:
                return result  # not called again, not even to explain it
            found = self._explain(name, isolated, all_cases, got, failure,
                                  [e.value if e.error is None else None for e in expected])
            if found is not None:
                result.hint, result.explanation = found.text, found.key
            return result
        return self._check_with_callees(name, function, all_cases, expected)

    def _result(self, name: str, failure: _Failure, all_cases: list[Case]) -> Result:
        return Result(name, failure.status, failure.detail, difference=failure.difference,
                      case=all_cases[failure.index], error_kind=failure.kind)

    def _explain(self, name: str, function: types.FunctionType, all_cases: list[Case],
                 got: list[Outcome], failure: _Failure, expected: list[Any]
                 ) -> Explanation | None:
        """Why it differs: the relation its numbers have to the course's, or its error in
        the learner's terms; with the learner's line that produces the value."""
        if failure.changed:
            return Explanation(f"{failure.changed}:changed in place",
                               _changed_hint(name, failure.changed))
        with _quiet():
            try:
                diagnosis = diagnose(name, all_cases, [g.error if g.error is not None
                                                       else g.value for g in got], expected)
            except Exception:  # the learner's outputs of a shape no relation reads
                diagnosis = None
        case = diagnosis.case if diagnosis is not None else all_cases[failure.index]
        # A model's 101 iterations, line by line, cost more than its line would tell.
        recording = None if name in _MODELS else self._record(function, case)
        found = explain(name, diagnosis, self._place(function), recording)
        if failure.status != "error":
            return found
        outcome = got[failure.index]
        trace = _trace(name, all_cases[failure.index])
        recording = None if name in _MODELS else self._record(function,
                                                              all_cases[failure.index])
        if diagnosis is not None and diagnosis.found:  # the relation that raises as theirs
            return explain_error(outcome.error, recording, trace, outcome.line, found)
        error = explain_error(outcome.error, recording, trace, outcome.line)
        if found is not None:  # the layers or nets it differs on
            error.text = error.text[:-1] + "; " + found.text
        return error

    def _record(self, function: types.FunctionType, case: Case) -> Recording | None:
        try:
            with _quiet(), real_interrupts(), time_limit(self.runner.time_limit):
                return record(function, case.args, case.kwargs, self.runner.files)
        except BaseException as error:  # the learner's, as in Runner.call: no line, then
            if not learner_error(error):
                raise
            return None

    def _place(self, function: types.FunctionType) -> Callable[[int], str]:
        where = self.runner.where
        file = Path(function.__code__.co_filename).name
        return lambda line: where(line) if where is not None else f"line {line} of {file}"

    def _own(self, name: str, function: types.FunctionType) -> types.FunctionType:
        """The learner's function as it stands, but an Application function keeps the
        Application's initialisation when the learner's initialize_parameters_deep is the
        (right) Step by Step one (or tinygraph's, in place of one that was stopped): the
        Application imports its own from dnn_app_utils_v3."""
        deep = self.results.get("initialize_parameters_deep")
        if name in APP and deep is not None and (
                deep.status == "ok" or "initialize_parameters_deep" in self.replaced):
            return with_globals(function,
                                {"initialize_parameters_deep": app_initialize_parameters_deep})
        return function

    def _check_with_callees(self, name: str, function: types.FunctionType,
                            all_cases: list[Case], expected: list[Outcome]) -> Result:
        callees = self.learner_callees(name, function)
        if not callees:
            return Result(name, "ok")
        got = self.outcomes(self._own(name, function), name, all_cases)
        failure = _first_failure(name, all_cases, expected, got)
        if failure is None:
            return Result(name, "ok")
        culprit = self._culprit(name, function, callees, all_cases, expected)
        result = self._result(name, failure, all_cases)
        if culprit is not None:
            result.caused_by = self.results[culprit].caused_by or culprit
            result.detail = (f"right with tinygraph's {culprit}; with your {culprit}, "
                             f"{failure.detail}")
        return result

    def _culprit(self, name: str, function: types.FunctionType, callees: list[str],
                 all_cases: list[Case], expected: list[Outcome]) -> str | None:
        """The callee that, alone of the learner's, makes `name` differ."""
        for callee in callees:
            names = {**self.reference_names(name), callee: self.namespace[callee]}
            trial = self._own(name, with_globals(function, names))
            got = self.outcomes(trial, name, all_cases)
            if _first_failure(name, all_cases, expected, got) is not None:
                return callee
        return next((c for c in callees if self.results[c].status != "ok"), None)


def _trace(name: str, case: Case) -> Any:
    """The course's named values on `case` (to name what a learner's variable holds)."""
    try:
        return run_case(name, case)[1]
    except Exception:
        return None


def missing(name: str, found: Any) -> Result:
    """The verdict on a course function that is not the learner's own."""
    if found is None:
        return Result(name, "missing", "not defined")
    if is_supplied(found):
        source = getattr(found, "__module__", "tinygraph")
        return Result(name, "missing", f"not defined here (the one in use comes from {source})")
    return Result(name, "missing", f"{name} is a {type(found).__name__}, not a function")


def check_one(name: str, function: Any) -> Result:
    """One course function on its own, e.g. `check_one("linear_forward", f)`, while the
    course's helper modules are in place (a notebook's `public_tests` call it)."""
    if name not in FUNCTIONS + HELPERS:
        raise CheckError(f"{name!r} is not one of the course's functions: "
                         f"{', '.join(FUNCTIONS)}")
    if not isinstance(function, types.FunctionType):
        return missing(name, function)
    return Checker({name: function}, Runner({function.__code__.co_filename})).check(
        name, function)
