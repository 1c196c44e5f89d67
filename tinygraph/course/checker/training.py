"""A model's change of the course's code, run on its training no further than it must be.

A change of two_layer_model or L_layer_model is tried on 101 iterations of training, and
most changes fail: `first_cost` tries one iteration first (its error, or its first cost,
must be the learner's). Where the learner's model raised at iteration i of a case and a
change must raise their error in their state to agree (i among it), a change that has
raised nothing after i + 2 iterations cannot: its full run is not made (`run_model`).

    >>> import numpy as np
    >>> from tinygraph.checker.cases import cases
    >>> case = cases("L_layer_model")[0]
    >>> calls = []
    >>> def model(X, Y, layers_dims, num_iterations=3000, **kwargs):
    ...     calls.append(num_iterations)
    ...     return {}, []
    >>> theirs = None
    >>> def learner_model(X, Y, layers_dims, num_iterations=3000, **kwargs):
    ...     for i in range(num_iterations):
    ...         if i == 3:
    ...             raise ValueError("W contains NaN")
    >>> try:
    ...     learner_model(*case.args, **case.kwargs)
    ... except ValueError as error:
    ...     theirs = error
    >>> ran = run_model(model, case, theirs, "learner_model", lenient=lambda: False)
    >>> calls, ran.error
    ([5], None)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .agree import Ran, alike, run, state
from .cases import Case


def first_cost(made: Callable, case: Case, got: Any, name: str) -> bool:
    """A model's change, tried for one iteration first: its error (it raises at once, as
    it would in 101 iterations), or its first cost, must be the learner's."""
    ran = run(made, Case(case.label, case.args, {**case.kwargs, "num_iterations": 1}))
    if ran.error is not None:  # (its num_iterations is not theirs: the full run compares)
        return isinstance(got, BaseException) and type(got) is type(ran.error) and str(
            got) == str(ran.error)
    if isinstance(got, BaseException):  # theirs raised in the first iteration: so must it
        where = state(got, name, course=False)
        return where is None or where.get("i") != 0
    theirs = got[1] if isinstance(got, tuple) and len(got) == 2 else None
    mine = ran.value[1] if isinstance(ran.value, tuple) and len(ran.value) == 2 else None
    if not (isinstance(theirs, list) and theirs and isinstance(mine, list) and mine):
        return True  # nothing to compare yet: the 101 iterations will say
    return alike(mine[0], theirs[0])


def run_model(made: Callable, case: Case, got: Any, name: str, lenient: Callable[[], bool],
              probe: list | None = None) -> Ran:
    """`made` (a change of the course's model `name`) on `case`, where the learner's run
    gave `got`. When theirs raised at iteration i, and only the same error in the same
    state agrees (not `lenient()`: no leeway for its line, no NameError a second slip may
    leave aside), a run that raises nothing by iteration i + 1 is stopped there: after it,
    an error would come at another i, and no error at all cannot agree. Its Ran then holds
    no error, as the whole run's would not by then. A run that raises within them is made
    whole (an iteration may read num_iterations: the last one's branch), `probe` (what
    the changed line gives) emptied first."""
    at = _raised_at(got, name)
    iterations = case.kwargs.get("num_iterations")
    if at is None or not isinstance(iterations, int) or at + 2 >= iterations or lenient():
        return run(made, case)
    short = run(made, Case(case.label, case.args, {**case.kwargs, "num_iterations": at + 2}))
    if short.error is None:
        return short
    if probe is not None:
        probe.clear()
    return run(made, case)


def _raised_at(got: Any, name: str) -> int | None:
    """The iteration (their `i`) at which the learner's model raised `got`; None when it
    did not raise, raised a NameError, or has no `i` of the loop there."""
    if not isinstance(got, BaseException) or isinstance(got, NameError):
        return None
    where = state(got, name, course=False)
    i = where.get("i") if where is not None else None
    return i if isinstance(i, int) and not isinstance(i, bool) else None
