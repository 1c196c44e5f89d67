"""Whether a changed course program agrees with the learner's run: the same numbers, or the
same error raised in the same state, and a NaN made by the same operations.

A change is the learner's mistake only where it gives what their function gives. Numbers
agree to the course's tolerance (`alike`). An error agrees when it is the same exception,
raised on a line that reads like theirs, with the course's names there holding the values
theirs hold (a list index out of range is many mistakes' error; `l = 3` where it raised is
one's). A NaN agrees with a NaN only when NumPy's floating-point errors on the way were the
same ones: np.log(AL - 1) and np.log(1 - Y) both give a cost of NaN, the first by an
"invalid value" (the log of a negative number), the second by a "divide by zero" (log(0))
first; only a change of the same kind is theirs.

    >>> import numpy as np
    >>> ran = run(lambda x: np.log(x - 1), Case("", (np.array([0.5]),)))
    >>> sorted(ran.floating), alike(ran.value, np.array([np.nan]))
    (['invalid value'], True)
"""

from __future__ import annotations

import copy
import dis
import functools
import re
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .cases import Case, draws
from .compare import TOLERANCE, close

_MODULES = ("np", "math", "copy")


@dataclass
class Ran:
    """One run of a function on a case: its value or its error, and NumPy's floating-point
    errors on the way ("invalid value", "divide by zero", "overflow")."""

    value: Any = None
    error: BaseException | None = None
    floating: frozenset = frozenset()


@dataclass
class Theirs:
    """What is known of the learner's function beyond its outputs, to tell changes apart."""

    floating: list[frozenset | None] = field(default_factory=list)  # per case, see Ran
    lines: list[str] = field(default_factory=list)  # their statements, as ast.unparse reads
    idle: list[str] = field(default_factory=list)  # of those, the ones that keep nothing

    def floating_at(self, i: int) -> frozenset | None:
        return self.floating[i] if i < len(self.floating) else None


@contextmanager
def floating_errors() -> Iterator[set[str]]:
    """The floating-point errors NumPy meets inside, as a set of their kinds (an underflow
    is no mistake: every exp of a large negative number has one)."""
    kinds: set[str] = set()
    with np.errstate(all="call", under="ignore", call=lambda kind, flag: kinds.add(kind)):
        yield kinds


def run(function: Callable, case: Case) -> Ran:
    """`function` on a copy of `case`, NumPy's generator seeded as for the learner's run (a
    draw made before the seed is theirs)."""
    draws()
    with floating_errors() as kinds:
        try:
            value = function(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except Exception as error:
            return Ran(None, error, frozenset(kinds))
    return Ran(value, None, frozenset(kinds))


def finite(value: Any) -> bool:
    """No NaN or infinity anywhere in an output (dicts, tuples, lists, arrays)."""
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, (tuple, list)):
        return all(finite(v) for v in value)
    try:
        array = np.asarray(value)
    except Exception:
        return True
    return array.dtype.kind not in "fc" or bool(np.all(np.isfinite(array)))


def agrees(ran: Ran, got: Any, name: str, floating: frozenset | None = None,
           loose: Callable[[], str | bool] | None = None) -> bool:
    """The changed program's run gives the learner's value, or their error raised in the
    same state; where their value holds a NaN or an infinity, by the same floating-point
    errors (`floating`, theirs; None when not known, and none known where theirs met none).
    `loose()`, asked only where an error of their type is not theirs in the same state:
    "type" or "message" when that much of it is enough (False: not)."""
    if isinstance(got, BaseException) or ran.error is not None:
        if _same_error(ran.error, got, name):
            return True
        if loose is None or type(got) is not type(ran.error):
            return False
        enough = loose()
        return bool(enough) and (enough == "type" or same_message(got, ran.error))
    if not alike(ran.value, got):
        return False
    # (none where theirs is not finite: made inside tinygraph's functions, which compute
    # with NumPy's warnings off, as a model's callees do; nothing to tell changes apart by)
    return not floating or finite(got) or ran.floating == floating


def _same_error(error: BaseException | None, got: Any, name: str) -> bool:
    if not (isinstance(got, BaseException) and error is not None
            and type(got) is type(error) and same_message(got, error)):
        return False
    theirs, ours = state(got, name, course=False), state(error, name, course=True)
    if theirs is None or ours is None:
        return True  # raised before their function ran a line: nothing to compare
    line, other = set(theirs["<line>"]), set(ours["<line>"])  # the lines that raised
    if len(line & other) < len(line | other) / 2 and not isinstance(error, NameError):
        return False  # (a NameError's message names it; CPython may name the line before)
    if str(got) != str(error) and _matrices(theirs) != _matrices(ours):
        return False  # (a product's other message: its operands read in the same order)
    return all(n in ours and alike(ours[n], theirs[n]) for n in ours["<names>"] if n in theirs)


# A product's two messages of the same shapes: np.dot's (and .dot's) and matmul's (@), each
# read as (the left operand's last size, the right one's first), the two that differ.
_PRODUCT = ((re.compile(r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim \d+\)"), (1, 2)),
            (re.compile(r"^matmul: Input operand 1 has a mismatch in its core dimension 0, .*"
                        r"\(size (\d+) is different from (\d+)\)$"), (2, 1)))


def same_message(theirs: BaseException, ours: BaseException) -> bool:
    """The same message, or what a product says of the same shapes: dZ @ A_prev raises
    matmul's message where np.dot(dZ, A_prev) raises np.dot's, of the same two sizes in
    the same places (A.T @ W is not np.dot(W.T, A): its sizes are the other way round).

        >>> same_message(ValueError("shapes (3,4) and (5,4) not aligned: 4 (dim 1) != 5 "
        ...     "(dim 0)"), ValueError("matmul: Input operand 1 has a mismatch in its core "
        ...     "dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 5 is "
        ...     "different from 4)"))
        True
    """
    if str(theirs) == str(ours):
        return True
    sizes = [_sizes(str(e)) for e in (theirs, ours)]
    return sizes[0] is not None and sizes[0] == sizes[1]


def _matrices(found: dict[str, Any]) -> list[str]:
    """The names a line that raised reads that hold matrices there, in the order read:
    dZ @ A_prev and 1 / m * np.dot(dZ, A_prev) both read dZ, then A_prev."""
    return [t for t in found["<line>"] if np.ndim(found.get(t)) == 2]


def _sizes(message: str) -> tuple[str, str] | None:
    for pattern, (left, right) in _PRODUCT:
        if found := pattern.search(message):
            return found.group(left), found.group(right)
    return None


def state(error: BaseException, name: str, course: bool) -> dict[str, Any] | None:
    """The locals of the function `name` where `error` went through it: the course's
    program's (with "<names>", every name it has), or the learner's; "<line>", what the
    line that raised reads."""
    tb, found = error.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == name and code.co_filename.startswith("<the course's") == course:
            found = tb
        tb = tb.tb_next
    if found is None:
        return None
    frame = found.tb_frame
    found_state = dict(frame.f_locals)
    found_state["<line>"] = tokens(frame.f_code, found.tb_lineno)
    found_state["<lineno>"] = found.tb_lineno
    if course:
        found_state["<names>"] = [n for n in frame.f_code.co_varnames if not n.startswith("__")]
    return found_state


def alike(a: Any, b: Any) -> bool:
    """The same numbers in the same structure (dicts, tuples, lists, arrays), to the
    course's tolerance."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(alike(a[k], b[k]) for k in a))
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list))
                and len(a) == len(b) and all(alike(x, y) for x, y in zip(a, b, strict=True)))
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind == "f" and b.dtype.kind == "f":  # the usual case, made quick
        return close(a, b)
    try:
        x, y = np.asarray(a), np.asarray(b)
        if x.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
            return bool(a == b)
        return x.shape == y.shape and bool(np.allclose(x, y, equal_nan=True, **TOLERANCE))
    except Exception:
        return False


def tokens(code: types.CodeType, line: int) -> list[str]:
    """What a line reads: its names and its numbers (caches[L] is not caches[L + 1]); of a
    statement written on several lines (a call's arguments on the next), all of them. Of
    an assignment, what its value reads, not its targets' keys (grads["dW" + str(l)], ... =
    f(dA, cache) reads as dA_prev, dW, db = f(dA, cache)): the targets come after."""
    return list(_tokens(code, line))


@functools.lru_cache(maxsize=512)
def _tokens(code: types.CodeType, line: int) -> tuple[str, ...]:
    """(Read once per line of a code object: a model's is read at each change tried.)"""
    found = []
    current = None
    instructions = list(dis.get_instructions(code))
    spans = [getattr(i, "positions", None) for i in instructions]  # (Python 3.11 on)
    last = max((p.end_lineno or line for p in spans if p is not None and p.lineno == line),
               default=line)
    for instruction in instructions:
        starts = getattr(instruction, "line_number", None) or instruction.starts_line
        if isinstance(starts, int) and not isinstance(starts, bool):
            current = starts
        if current is None or not line <= current <= last:
            continue
        if instruction.opname.startswith(("STORE_", "UNPACK_SEQUENCE")) and found:
            break  # (the value is made: what follows stores it)
        if instruction.opname in ("LOAD_FAST", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF",
                                  "LOAD_FAST_CHECK") and instruction.argval not in _MODULES:
            found.append(str(instruction.argval))
        elif instruction.opname == "LOAD_CONST" and isinstance(instruction.argval,
                                                                 (int, float, str)):
            found.append(repr(instruction.argval))
    return tuple(found)


def likeness(theirs: BaseException, ours: BaseException | None, name: str) -> int:
    """How alike the lines that raised read: what both read, less what one reads only."""
    a, b = state(theirs, name, course=False), state(ours, name, course=True) if ours else None
    if a is None or b is None:
        return 0
    mine, other = set(a["<line>"]), set(b["<line>"])
    return len(mine & other) - len(mine ^ other)
