"""Two changes of the course's code at once, where no one change gives the learner's numbers.

The single changes the search made (mutants.py) are run once more on the first case that
differs, and each is scored by how near it brings the outputs to the learner's: an output
equal to theirs counts 2, one that is theirs times a number (a sign, a 1/m: backward
passes are linear in dAL, so a slip upstream scales everything after it) counts 1. The
changes that score above the course's own code are tried two by two, and the first pair
that gives the learner's numbers on every case is the explanation: "your dAL has the wrong
sign ...; and your activation in the hidden layers is sigmoid where the course has relu".

    >>> closeness({"dW1": np.ones(2), "db1": np.ones(1)}, {"dW1": np.ones(2), "db1": -np.ones(1)})
    3
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .agree import Theirs, alike, finite, run
from .cases import Case
from .mutants import Changed
from .mutation import Mutation, changed_line
from .program import build, compiled, equation, fresh, namespace, tree

_CANDIDATES = 6  # the best-scoring single changes, tried two by two: 15 pairs at most


@dataclass
class Both:
    """Two changes that, made together, give the learner's numbers."""

    name: str  # the function checked
    first: Changed
    second: Changed

    @property
    def what(self) -> str:
        return f"{self.first.what} + {self.second.what}"

    @property
    def eq(self) -> str:
        return self.first.eq

    @property
    def value(self) -> Any:
        return self.first.value

    @property
    def words(self) -> str:
        return (f"{self.first.words}; and your {self.second.subject(self.name)} "
                f"{self.second.words}")

    def subject(self, name: str) -> str:
        return self.first.subject(name)


def _arrays(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Every array (or number) in an output, by where it sits."""
    if isinstance(value, dict):
        return {p: v for k, item in value.items() for p, v in _arrays(item, path + (k,)).items()}
    if isinstance(value, (tuple, list)) and not all(np.isscalar(v) for v in value):
        return {p: v for i, item in enumerate(value)
                for p, v in _arrays(item, path + (i,)).items()}
    return {path: value}


def _scaled(a: Any, b: Any) -> bool:
    """a = c b for one number c (not 0, not 1): a sign or a factor upstream."""
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    if x.shape != y.shape or not np.all(np.isfinite(x)) or not np.any(y):
        return False
    c = float(np.sum(x * y) / np.sum(y * y))
    return abs(c) > 1e-9 and not alike(c, 1.0) and alike(x, c * y)


def closeness(outcome: Any, got: Any) -> int:
    """How near an output is to the learner's: 2 for each array equal to theirs, 1 for one
    that is theirs times a number."""
    mine, theirs = _arrays(outcome), _arrays(got)
    score = 0
    for path, value in theirs.items():
        if path in mine:
            score += 2 if alike(mine[path], value) else int(_scaled(value, mine[path]))
    return score


def _near(function: Callable, case: Case, got: Any, floating: frozenset | None = None) -> int:
    """How near the function's output comes to the learner's (-1: it raised, or a NaN of
    theirs made by other floating-point errors than theirs)."""
    ran = run(function, case)
    if ran.error is not None or (floating is not None and not finite(got)
                                 and ran.floating != floating):
        return -1
    return closeness(ran.value, got)


def _together(name: str, program: str, a: Mutation, b: Mutation
              ) -> tuple[Callable, Any] | None:
    """The course's `name` with both changes made in `program`."""
    if any(p[:len(q)] == q or q[:len(p)] == p for p in a.paths for q in b.paths):
        return None  # one inside the other: not two changes
    try:
        changed = b.apply(a.apply(tree(program)))
        made = build(changed, namespace(program))
        function = made if program == name else fresh(name, namespace(name, {program: made}))
        return function, changed
    except Exception:  # the two do not fit together (a line moved that the other changed)
        return None


def search_pairs(name: str, cases: list[Case], got: list[Any], first: int,
                 tried: list[tuple[str, Mutation, Callable]], theirs: Theirs | None = None
                 ) -> Both | None:
    """The first pair of the single changes `tried` (program, change, changed function)
    that gives `got` on every case; None when none does."""
    state = np.random.get_state()  # the programs seed NumPy's generator, as the course does
    try:
        with np.errstate(all="ignore"):
            return _pairs(name, cases, got, first, tried, theirs or Theirs())
    finally:
        np.random.set_state(state)


def _pairs(name: str, cases: list[Case], got: list[Any], first: int,
           tried: list[tuple[str, Mutation, Callable]], theirs: Theirs) -> Both | None:
    base = _near(compiled(name), cases[first], got[first])
    scored = sorted(((_near(function, cases[first], got[first]), i)
                     for i, (_, _, function) in enumerate(tried)), key=lambda s: -s[0])
    best = [tried[i] for score, i in scored[:_CANDIDATES] if score > base]
    for (program, a, _), (other, b, _) in itertools.combinations(best, 2):
        if program != other:
            continue
        made = _together(name, program, a, b)
        if made is None:
            continue
        if all(_near(made[0], case, got[i], theirs.floating_at(i)) == closeness(got[i], got[i])
               for i, case in sorted(enumerate(cases), key=lambda c: c[0] != first)):
            return Both(name, *(Changed(m, program, equation(program, m.line),
                                        changed_line(made[1], m)) for m in (a, b)))
    return None
