"""What an agreement of a change with the learner's run may leave aside: an error of theirs
raised on a line unlike the course's, and a second slip of theirs.

A change of the course's code is their mistake where it gives what their function gives on
every case. Two things may differ and still not contradict it: the line their error is
raised on, where theirs computes in another order what the course's changed line does (a
return that computes everything, W and b unpacked a line before a call), and a case where
a name of theirs is never assigned (no A = X before a loop that does not run on a net of
one layer): a second slip, said beside the change, not instead of it.

    >>> aside_words([(Case("random: 1 layer, m = 1", ()), UnboundLocalError(
    ...     "cannot access local variable 'A' where it is not associated with a value"))])[:60]
    '; and on the case random: 1 layer, m = 1, your A is never as'
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

from .agree import Ran, Theirs, agrees
from .cases import Case
from .mutate import Mutation, changed_line
from .mutation import text
from .swaps import unpacking

_MODULES = {"copy.deepcopy", "np.dot", "len", "str", "range"}  # (read by many lines)


def agrees_but(m: Mutation, name: str, got: list[Any], first: int, theirs: Theirs,
               loose: Callable[[], str] | None, aside: list[int], i: int, ran: Ran) -> bool:
    """The change's run `ran` of case i agrees with theirs, or (not on the `first` case,
    the one explained) raises nothing where theirs met its second slip (put in `aside`)."""
    if agrees(ran, got[i], name, theirs.floating_at(i), loose):
        return True
    if i != first and another_slip(m, got[i], ran):
        aside.append(i)
        return True
    return False


def another_slip(m: Mutation, got: Any, ran: Ran) -> bool:
    """A name of theirs never assigned on a case (no A = X before a loop that does not
    run), where the change of one name for another gives the course's run: their second
    slip, which the change does not contradict."""
    return m.kind in ("swapped", "swapped, everywhere") and isinstance(got, NameError) and (
        ran.error is None)


def aside_words(aside: list[tuple[Case, Any]]) -> str:
    """"; and on a net of 1 layer your A is never assigned (UnboundLocalError): a second
    slip"."""
    if not aside:
        return ""
    case, error = aside[0]
    named = getattr(error, "name", None) or re.search(r"'(\w+)'", str(error))
    missing = named if isinstance(named, str) else named.group(1) if named else None
    what = f"your {missing} is never assigned" if missing else "a name of yours is not set"
    return f"; and on the case {case.label}, {what} ({type(error).__name__}): a second slip"


def loose_for(m: Mutation, changed: ast.FunctionDef, lines: list[str],
              raising: list[str]) -> Callable[[], str]:
    """Asked only where an error of the learner's type differs: a changed line that is one
    of theirs as they wrote it may raise it on a line of theirs unlike the course's (a
    return that computes everything): "type" for an unpacking, else "message" is enough.
    So is the message for one name written for another where the line of theirs that
    raised reads the new name and not the old, and is the changed line's call (theirs
    linear_activation_forward(X, W, b, ...), W and b unpacked a line before, for the
    course's A_prev; not a line after it that only reads the new name)."""
    def loose() -> str | bool:  # (the changed line read only when asked: rarely)
        after = changed_line(changed, m)
        return bool(_named(m, after, raising) or after in lines) and (
            "type" if unpacking(m) else "message")
    return loose


def _named(m: Mutation, after: str, raising: list[str]) -> bool:
    if m.kind not in ("swapped", "swapped, everywhere") or not m.new.isidentifier() or (
            m.new not in raising or m.old in raising):
        return False
    try:
        called = {text(n.func) for n in ast.walk(ast.parse(after)) if isinstance(n, ast.Call)}
    except SyntaxError:
        return False
    return bool(called & set(raising) - _MODULES)
