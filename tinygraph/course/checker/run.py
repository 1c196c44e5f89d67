"""Run a learner's function and the reference on the same cases, and say what differs.

Each function is first run in isolation: the course functions it calls are tinygraph's, so a
difference is its own. When it is right that way but calls other functions of the learner's,
it runs again with theirs; a difference then names the function that causes it (`caused_by`).
"""

from __future__ import annotations

import copy
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..notebook import app_initialize_parameters_deep
from .agree import Theirs
from .cases import DRAWS, Case, cases, draws, helper_cases
from .chain import Handed, handed_on
from .compare import Difference, first_difference
from .course import APP, FUNCTIONS, HELPERS, CheckError, is_supplied, reference, reference_namespace
from .diagnose import diagnose
from .errors import explain_error
from .explain import Explanation, explain, in_place, unseeded
from .limits import (
    CheckTimeout,
    learner_error,
    real_interrupts,
    time_limit,
)
from .lines import Recording, record
from .outcome import DRAWING, varying
from .resemble import learner_lines, line_like, returns_nothing, their_text
from .runner import Outcome, Runner, quiet, with_globals
from .trace import run_case
from .warm import expected as course_outcomes

# A bad shape shows as a ValueError from NumPy or tinygraph, or an IndexError from a mask.
_SHAPE_OR_INDEX = (IndexError, ValueError)


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


def _called_names(code: types.CodeType) -> list[str]:
    """Global names the code uses, nested functions included, in order of first use."""
    found = list(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found += _called_names(const)
    return list(dict.fromkeys(found))


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
        expected = course_outcomes(name, all_cases, self.runner)  # (once per process)
        isolated = with_globals(function, self.reference_names(name))
        got = self.outcomes(isolated, name, all_cases)
        failure = _first_failure(name, all_cases, expected, got)
        if failure is not None:
            result = self._result(name, failure, all_cases)
            if failure.kind == TIMED_OUT:
                return result  # not called again, not even to explain it
            found = self._explain(name, isolated, all_cases, got, failure,
                                  [e.value if e.error is None else None for e in expected])
            difference = failure.difference  # `got` is an array but for "returned"
            nothing = (difference is not None and difference.reason == "returned"
                       and difference.got == "None")
            if found is None and nothing and (why := returns_nothing(function)) is not None:
                found = Explanation("returns:None", f"your {name} returns None: {why}.")
            chained = all_cases[failure.index].chained
            if chained is not None:  # what the course's test cases do not reach, said
                found = Explanation(found.key if found else "chained", (
                    found.text[:-1] + "; " if found else "") + chained + ".")
            if found is not None:
                result.hint, result.explanation = found.text, found.key
            return result
        try:
            handed = handed_on(name, all_cases, [e.value if e.error is None else None
                                                 for e in expected], [g.value for g in got])
        except Exception:  # a learner's output of a shape the neighbour's words cannot read
            handed = None
        if handed is not None:
            return self._handed(name, function, handed)
        return self._check_with_callees(name, function, all_cases, expected)

    def _handed(self, name: str, function: types.FunctionType, handed: Handed) -> Result:
        """Right on its own, wrong where the course hands its output on: said as that, with
        the learner's line that reads like the course's line making it."""
        line = line_like(function, handed.line)
        where = f" ({self._place(function)(line)})" if line is not None else ""
        return Result(name, "differs", f"on {handed.case.label}: {handed.detail}",
                      hint=f"{handed.words}{where}.", case=handed.case,
                      explanation=handed.key)

    def _result(self, name: str, failure: _Failure, all_cases: list[Case]) -> Result:
        return Result(name, failure.status, failure.detail, difference=failure.difference,
                      case=all_cases[failure.index], error_kind=failure.kind)

    def _explain(self, name: str, function: types.FunctionType, all_cases: list[Case],
                 got: list[Outcome], failure: _Failure, expected: list[Any]
                 ) -> Explanation | None:
        """Why it differs: the relation its numbers have to the course's, or its error in
        the learner's terms; with the learner's line that produces the value."""
        if failure.changed:
            return in_place(name, failure.changed)
        every, theirs, right = self._shortened(name, function, all_cases, got, expected)
        with quiet():
            try:
                diagnosis = diagnose(name, every, [g.error if g.error is not None
                                                   else g.value for g in theirs], right,
                                     Theirs([g.floating for g in theirs],
                                            *learner_lines(function)))
            except Exception:  # the learner's outputs of a shape no relation reads
                diagnosis = None
        case = diagnosis.case if diagnosis is not None else all_cases[failure.index]
        # A model's 101 iterations, line by line, cost more than its line would tell.
        recording = None if name in _MODELS else self._record(function, case)
        like = None if failure.status == "error" else (  # (an error says its line first)
            lambda text: line_like(function, text))
        found = explain(name, diagnosis, self._place(function), recording, like,
                        lambda line: their_text(function, line))
        if failure.status != "error":
            changed = got[failure.index].changed
            found = in_place(name, changed[0], found) if changed else found
            return self._drawn(name, function, all_cases[failure.index],
                               got[failure.index].value, found)
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

    def _shortened(self, name: str, function: types.FunctionType, all_cases: list[Case],
                   got: list[Outcome], expected: list[Any]) -> tuple[list, list, list]:
        """A model's cases, with its first trained 2 iterations only put first: a change of
        the course's model is tried on it before its 101 iterations (mutants.py)."""
        if name not in _MODELS:
            return all_cases, got, expected
        case = all_cases[0]
        short = Case(f"{case.label.split(', 101')[0]}, 2 iterations", case.args,
                     {**case.kwargs, "num_iterations": 2})
        right = self.runner.call(reference(name), short, name)
        mine = self.runner.call(function, short, name)
        if right.error is not None or mine.error is not None:
            return all_cases, got, expected  # (said on the 101 iterations)
        return [short, *all_cases], [mine, *got], [right.value, *expected]

    def _drawn(self, name: str, function: types.FunctionType, case: Case, value: Any,
               found: Explanation | None) -> Explanation | None:
        """Said first: which outputs change from call to call (a draw without its seed)."""
        if name not in DRAWING:
            return found
        state = np.random.get_state()
        try:
            with quiet(), real_interrupts(), time_limit(self.runner.time_limit):
                draws(DRAWS + 1)
                other = function(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except BaseException as error:
            if not learner_error(error):
                raise
            return found
        finally:
            np.random.set_state(state)
        return unseeded(varying(name, value, other), found)

    def _record(self, function: types.FunctionType, case: Case) -> Recording | None:
        try:
            with quiet(), real_interrupts(), time_limit(self.runner.time_limit):
                draws()  # the draws of the run it explains
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
        # Their functions, and the course's for the names their file leaves to the notebook
        # (a cell that calls linear_backward without defining it), as in isolation.
        supplied = {k: v for k, v in self.reference_names(name).items()
                    if k not in function.__globals__}
        got = self.outcomes(self._own(name, with_globals(function, supplied)), name, all_cases)
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
