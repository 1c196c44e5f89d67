"""What every check needs of the course, made once in the process that forks the checks.

A file is checked in a child process forked from the one that asked (isolate.py): what the
child computes dies with it, and the next file's child starts cold. The course's side of a
check is the same for every learner: the course's outputs on each case (the reference run
once, `expected`), and the list of every single change of each course program that the
search tries (mutants.py, a few thousand made from the syntax trees). Made here once, in the
parent, every child forked after it inherits them; the learner's side (their outputs, which
changes agree with them) is still computed in the child, as before.

    >>> first = expected("linear_forward", cases("linear_forward"))
    >>> first[0].error is None, expected("linear_forward", cases("linear_forward")) is first
    (True, False)
"""

from __future__ import annotations

import copy
import time
from dataclasses import replace

import numpy as np

from .cases import Case, cases, helper_cases
from .course import FUNCTIONS, HELPERS, reference
from .mutants import _MODELS, MODEL_ASKS, _mutations, _programs, _spellings
from .program import SOURCES
from .runner import Outcome, Runner

_EXPECTED: dict[str, list[Outcome]] = {}
_warmed: float | None = None  # how long warming took, once done


def expected(name: str, all_cases: list[Case], runner: Runner | None = None) -> list[Outcome]:
    """The reference's outcomes on `all_cases` (the same cases on every call: cases.py),
    run once per process; their values copied each time (a caller may change what it is
    given), an error as it was raised."""
    if name not in _EXPECTED:
        runner = runner or Runner(set())
        _EXPECTED[name] = [runner.call(reference(name), case, name) for case in all_cases]
    return [replace(o, value=copy.deepcopy(o.value), changed=list(o.changed))
            for o in _EXPECTED[name]]


def warm() -> float:
    """Every course function's outcomes and changes made now (once per process), in the
    parent before it forks; the seconds it took (0 after the first time). The learner's
    NumPy generator is left as it was."""
    global _warmed
    if _warmed is not None:
        return 0.0
    start = time.perf_counter()
    import numpy.random  # noqa: F401 - (a child would import it first: the seeds' module)

    state = np.random.get_state()
    try:
        for name in HELPERS + FUNCTIONS:
            expected(name, cases(name) or helper_cases(name))
            for program in _programs(name) + _spellings(name) if name in SOURCES else []:
                for kinds in MODEL_ASKS if name in _MODELS else (None,):
                    _mutations(program, kinds)
    finally:
        np.random.set_state(state)
    _warmed = time.perf_counter() - start
    return _warmed
