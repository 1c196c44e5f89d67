"""Which one change of the course's code gives the learner's numbers, on every case.

Where no relation at a named step explains a difference (relations.py), the diagnosis asks
the course's code itself (program.py): every single change of it (mutate.py) is run on the
first case that differs, and a change that gives the learner's outputs there (or raises
their error) is run on every case. The first that agrees everywhere is the explanation, in
the course's code: "your dZ is dA * s * (1 + s), where the course's (11) has
dA * s * (1 - s): 1 - s written as 1 + s".

    >>> import numpy as np
    >>> from tinygraph.checker.cases import helper_cases
    >>> def mine(dA, cache):
    ...     s = 1 / (1 + np.exp(-cache))
    ...     return dA * s * (1 + s)
    >>> all_cases = helper_cases("sigmoid_backward")
    >>> got = [mine(*c.args) for c in all_cases]
    >>> found = search("sigmoid_backward", all_cases, got, 0)
    >>> print(found.words)
    is dA * s * (1 + s), where the course's (11) has dA * s * (1 - s): 1 - s written as 1 + s
"""

from __future__ import annotations

import ast
import copy
import dis
import functools
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .cases import Case, draws
from .mutate import Mutation, changed_line, copy_tree, mutations, statement_at
from .program import (
    CALLS,
    SOURCES,
    SPELLED,
    base,
    build,
    compiled,
    equation,
    fresh,
    namespace,
    tree,
)

_MODELS = ("two_layer_model", "L_layer_model")
_PROBE_LINE = 100_000
_MODULES = ("np", "math", "copy")
_KEYED = re.compile(r"\b(\w+)\[['\"](\w+)['\"] \+ str\([^()]*\)\]")  # grads['db' + str(l)]
# A model's 101 iterations per change: only changes of its lines as lines, and its keys.
_MODEL_KINDS = ("line dropped", "not assigned", "moved into the loop", "off by one",
                "activation", "moved into the if", "moved out of the if",
                "moved into the loop, after", "block moved into the loop")


@dataclass
class Changed:
    """The change that gives the learner's numbers, and what its line gave first."""

    mutation: Mutation
    program: str  # the function changed: the one checked, or a course function it calls
    eq: str  # the equation of the changed line, "(11)", or ""
    after: str  # the changed line, as it reads with the change made
    value: Any = None  # the changed line's value, the first time it ran (to find theirs)

    @property
    def what(self) -> str:
        """The short key's part after the subject: "1 - s as 1 + s", "not assigned: ..."."""
        m = self.mutation
        if m.statement:
            return f"{m.kind}: {m.old}"[:80]
        if m.note.endswith("without its minus sign"):
            return "minus sign dropped"
        if m.note:  # "+ b is outside the parentheses it belongs in", its first clause
            return self._short(m.note).split(",")[0][:80]
        old, new = self._short(m.old), self._short(m.new)
        return f"{old} as {new}"[:80]

    def _short(self, code: str) -> str:
        """grads['db' + str(l + 1)] as db, the course's name, unless the change is in the
        key itself (str(l + 1) as str(l))."""
        m = self.mutation
        if _KEYED.sub(r"\2", m.before) == _KEYED.sub(r"\2", self.after or m.after):
            return code
        return _KEYED.sub(r"\2", code)

    @property
    def words(self) -> str:
        """How it reads after "your <subject>"."""
        m = self.mutation
        course = f"the course's {self.eq}" if self.eq else "the course"
        if m.kind == "line dropped":
            return f"has no line {m.before}{' ' * bool(m.note)}{m.note}, which {course} has"
        if m.kind == "not assigned":
            return (f"calls {m.after} and drops its result: {course} keeps it, {m.before}")
        if m.kind == "moved into the if":
            return (f"runs {m.old} only {m.after}: {course} runs it every time, before the "
                    f"if")
        if m.kind == "moved out of the if":
            return (f"runs {m.old} only {m.after}: {course} runs it every time, after the "
                    f"if")
        if m.kind == "moved":
            return f"runs {m.old} {m.after}: {course} runs it {m.note}"
        if m.kind == "moved into the loop, after":
            return (f"runs {m.old} at the end of every turn of the loop {m.after}: {course} "
                    f"runs it once, after the loop")
        if m.kind.endswith("moved into the loop"):
            return (f"runs {m.old} at every turn of the loop {m.after}: {course} runs "
                    f"{'them' if ' after it' in m.old else 'it'} once, before the loop")
        before, after = self._short(_sides(m.before)), self._short(_sides(self.after))
        note = self._short(m.note) or f"{self._short(m.old)} written as {self._short(m.new)}"
        if m.kind.endswith("everywhere"):
            note += ", in every line that has it"
        if m.before.startswith("return "):
            return f"{after}, where {course} returns {before}: {note}"
        return f"is {after}, where {course} has {before}: {note}"

    def subject(self, name: str) -> str:
        m = self.mutation
        if m.statement:
            return name
        if m.before.startswith(("for ", "if ", "elif ")):
            return "loop" if m.before.startswith("for ") else "test"
        if m.before.startswith("return "):
            return f"{name} returns"
        return m.target or "line"



def _sides(line: str) -> str:
    """The right-hand side of an assignment; a loop's head or a return as they are."""
    if line.startswith(("for ", "if ", "return ")):
        return line.removeprefix("return ").rstrip(":")
    try:
        statement = ast.parse(line.strip()).body[0]
    except SyntaxError:
        return line
    if isinstance(statement, (ast.Assign, ast.AugAssign)):
        return ast.unparse(statement.value)
    return line


def _programs(name: str) -> list[str]:
    """The programs whose change can be the learner's: their own, and the course
    functions they may have written inline (not a model's: it calls tinygraph's)."""
    if name in _MODELS or name == "predict":
        return [name]
    return [name] + [c for c in CALLS[name] if c in SOURCES]


def _spellings(name: str) -> list[str]:
    """The course's code of `name` and its callees as others write it (program.py)."""
    if name in _MODELS or name == "predict":
        return []
    return [p for p in list(SOURCES) + SPELLED if "/" in p and base(p) in _programs(name)]


def _locals(name: str, case: Case) -> dict[str, Any]:
    """The course program's names at its return, on `case`: to keep only the swaps of
    values of one shape."""
    found: dict[str, Any] = {}
    target = compiled(name).__code__

    def tracer(frame: types.FrameType, event: str, arg: Any) -> Any:
        if frame.f_code is target:
            return lambda f, e, a: found.update(f.f_locals) if e == "return" else None
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        compiled(name)(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
    except Exception:
        pass
    finally:
        sys.settrace(previous)
    return found


_MASK = re.compile(r"\((\w+) > 0\), relu's mask")


def _fits(m: Mutation, values: dict[str, Any], raised: bool) -> bool:
    """A swap of one name for another only where their values have one shape; where the
    learner's code raised, one kind (arrays and tuples of them, numbers, dictionaries),
    and no value summed to fit (it would not raise). A mask only of a value of the line's
    shape, an index only into an array."""
    if m.kind == "mask added":
        mask = _MASK.search(m.note)
        shapes = [getattr(values.get(n), "shape", ()) for n in (mask and mask.group(1), m.target)]
        return not raised and mask is not None and shapes[0] == shapes[1] != ()
    if m.kind == "indexed":
        value = values.get(m.old)
        return isinstance(value, np.ndarray) and value.ndim == 2
    if not m.kind.startswith("swapped") or m.old not in values:
        return True
    if raised and m.kind.startswith("swapped, summed"):
        return False
    new = m.new.removeprefix("np.sum(").split(",")[0]
    if new not in values:
        return True
    old, other = values[m.old], values[new]
    if raised:
        return _sort(old) == _sort(other)
    if isinstance(old, np.ndarray) != isinstance(other, np.ndarray):
        return False
    if not isinstance(old, np.ndarray):
        return type(old) is type(other)
    if m.kind.startswith("swapped, summed"):
        return other.ndim == 2 and old.shape == (other.shape[0], 1)
    return old.ndim == other.ndim  # dW for dZ inside np.sum: one shape in the end


def _sort(value: Any) -> str:
    if isinstance(value, (np.ndarray, tuple, list)):
        return "data"
    return "number" if isinstance(value, (int, float, np.generic)) else type(value).__name__


def _probe(function: ast.FunctionDef, m: Mutation) -> ast.FunctionDef:
    """After the changed line, `__probe__.append(<what it assigned>)`."""
    if m.statement or not m.paths:
        return function
    body, index = statement_at(function, m.paths[0])
    statement = body[index]
    if not isinstance(statement, (ast.Assign, ast.AugAssign)):
        return function
    target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
    if not isinstance(target, (ast.Name, ast.Subscript)):
        return function
    loaded = copy_tree(target)
    loaded.ctx = ast.Load()
    probe = ast.Expr(ast.Call(ast.Attribute(ast.Name("__probe__", ast.Load()), "append",
                                            ast.Load()), [loaded], []))
    for node in ast.walk(probe):  # a line of its own: not read as the changed line's
        node.lineno = node.end_lineno = _PROBE_LINE
        node.col_offset = node.end_col_offset = 0
    body.insert(index + 1, probe)
    return function


def _made(name: str, program: str, m: Mutation, probe: list, pure: bool = False
          ) -> tuple[Callable, ast.FunctionDef] | None:
    """The course's `name` with `m` made in `program` (itself or a callee), and the
    changed program. `pure`: its callees the course's code too, quicker than tinygraph's
    and the same numbers, but not the same errors (ShapeError is tinygraph's)."""
    try:
        changed = _probe(m.apply(tree(program)), m)  # after its line: its place holds
        made = build(changed, {**namespace(program, pure=pure), "__probe__": probe})
        if base(program) == name:
            return made, changed
        return fresh(name, namespace(name, {base(program): made}, pure=pure)), changed
    except Exception:  # a change that is not Python (an empty loop): never the learner's
        return None


def run(function: Callable, case: Case) -> tuple[Any, BaseException | None]:
    draws()  # as the learner's function was run: a draw made before the seed is theirs
    try:
        return function(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs)), None
    except Exception as error:
        return None, error


def _alike(outcome: tuple[Any, BaseException | None], got: Any, name: str) -> bool:
    """The changed program's (value, error) is the learner's value, or their error raised
    in the same state: every name of the course's that their function holds where it
    raised, the changed program holds there too, with the same value (a list index out of
    range is many mistakes' error; l = 3 where it raised is one's)."""
    value, error = outcome
    if isinstance(got, BaseException) or error is not None:
        if not (isinstance(got, BaseException) and error is not None
                and type(got) is type(error) and str(got) == str(error)):
            return False
        theirs, ours = _state(got, name, course=False), _state(error, name, course=True)
        if theirs is None or ours is None:
            return True  # raised before their function ran a line: nothing to compare
        line, other = set(theirs["<line>"]), set(ours["<line>"])  # the lines that raised
        if len(line & other) < len(line | other) / 2 and not isinstance(error, NameError):
            return False  # (a NameError's message names it; CPython may name the line before)
        return all(n in ours and alike(ours[n], theirs[n]) for n in ours["<names>"]
                   if n in theirs)
    return alike(value, got)


def _state(error: BaseException, name: str, course: bool) -> dict[str, Any] | None:
    """The locals of the function `name` where `error` went through it: the course's
    program's (with "<names>", every name it has), or the learner's."""
    tb, found = error.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == name and code.co_filename.startswith("<the course's") == course:
            found = tb
        tb = tb.tb_next
    if found is None:
        return None
    frame = found.tb_frame
    state = dict(frame.f_locals)
    state["<line>"] = _tokens(frame.f_code, found.tb_lineno)
    if course:
        state["<names>"] = [n for n in frame.f_code.co_varnames if not n.startswith("__")]
    return state


def alike(a: Any, b: Any) -> bool:
    """The same numbers in the same structure (dicts, tuples, lists, arrays), to the
    course's tolerance."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(alike(a[k], b[k]) for k in a))
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list))
                and len(a) == len(b) and all(alike(x, y) for x, y in zip(a, b, strict=True)))
    try:
        x, y = np.asarray(a), np.asarray(b)
        if x.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
            return bool(a == b)
        return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-6, atol=1e-8,
                                                       equal_nan=True))
    except Exception:
        return False


@functools.lru_cache(maxsize=64)
def _mutations(program: str, kinds: tuple[str, ...] | None) -> list[Mutation]:
    return mutations(tree(program), kinds)


def search(name: str, cases: list[Case], got: list[Any], first: int,
           tried: list | None = None, spelled: bool = False) -> Changed | None:
    """The first change of the course's code that gives, on every case, what the
    learner's function gives (`got`: their values, or the exceptions they raised); None
    when none does. `spelled`: of the course's code as others write it (program.py);
    `tried` gets each change tried, with its function (for two at once, pairs.py)."""
    if name not in SOURCES:
        return None
    state = np.random.get_state()  # the programs seed NumPy's generator, as the course does
    try:
        with np.errstate(all="ignore"):
            return _search(name, cases, got, first, tried, spelled)
    finally:
        np.random.set_state(state)


def _search(name: str, cases: list[Case], got: list[Any], first: int,
            tried: list | None, spelled: bool) -> Changed | None:
    raised = isinstance(got[first], BaseException)
    # Where any case raised, the course's callees are tinygraph's, to raise its errors.
    pure = not any(isinstance(g, BaseException) for g in got)
    cheapest = min(range(len(cases)), key=lambda i: _size(cases[i].args))
    found: list[tuple[int, Changed]] = []
    for program in _spellings(name) if spelled else _programs(name):
        values = _locals(program, cases[first]) if base(program) == name else {}
        for m in _mutations(program, _MODEL_KINDS if name in _MODELS else None):
            if not _fits(m, values, raised):
                continue
            probe: list = []
            made = _made(name, program, m, probe, pure)
            if made is not None and tried is not None and pure and name not in _MODELS:
                tried.append((program, m, made[0]))  # for two changes at once (pairs.py)
            if made is None or name in _MODELS and not _first_cost(made[0], cases[cheapest],
                                                                    got[cheapest], name):
                continue
            if not _alike(run(made[0], cases[cheapest]), got[cheapest], name):
                continue  # most changes fail on the smallest case: quick
            probe.clear()
            outcome = run(made[0], cases[first])
            if not _alike(outcome, got[first], name):
                continue
            value = probe[0] if probe else None  # what the changed line gave first
            if all(_alike(run(made[0], c), got[i], name) for i, c in enumerate(cases)
                   if i not in (cheapest, first)):
                changed = Changed(m, program, equation(program, m.line),
                                  changed_line(made[1], m), value)
                if not raised:
                    return changed
                # Many changes raise the one error: the one whose line reads like theirs.
                found.append((_likeness(got[first], outcome[1], name), changed))
                if len(found) == 8:
                    break
    return max(found, key=lambda f: f[0])[1] if found else None


def _first_cost(made: Callable, case: Case, got: Any, name: str) -> bool:
    """A model's change, tried for one iteration first: its error (it raises at once, as
    it would in 101 iterations), or its first cost, must be the learner's."""
    value, error = run(made, Case(case.label, case.args, {**case.kwargs, "num_iterations": 1}))
    if error is not None:
        return _alike((value, error), got, name)
    theirs = got[1] if isinstance(got, tuple) and len(got) == 2 else None
    mine = value[1] if isinstance(value, tuple) and len(value) == 2 else None
    if not (isinstance(theirs, list) and theirs and isinstance(mine, list) and mine):
        return True  # nothing to compare yet: the 101 iterations will say
    return alike(mine[0], theirs[0])


def _size(value: Any) -> int:
    """How many numbers a case holds: its cost to run, near enough."""
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    return 1


def _tokens(code: types.CodeType, line: int) -> list[str]:
    """What a line reads: its names and its numbers (caches[L] is not caches[L + 1])."""
    found = []
    current = None
    for instruction in dis.get_instructions(code):
        starts = getattr(instruction, "line_number", None) or instruction.starts_line
        if isinstance(starts, int) and not isinstance(starts, bool):
            current = starts
        if current != line:
            continue
        if instruction.opname in ("LOAD_FAST", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF",
                                  "LOAD_FAST_CHECK") and instruction.argval not in _MODULES:
            found.append(str(instruction.argval))
        elif instruction.opname == "LOAD_CONST" and isinstance(instruction.argval,
                                                                 (int, float, str)):
            found.append(repr(instruction.argval))
    return found


def _likeness(theirs: BaseException, ours: BaseException | None, name: str) -> int:
    """How alike the lines that raised read: what both read, less what one reads only."""
    a, b = _state(theirs, name, course=False), _state(ours, name, course=True) if ours else None
    if a is None or b is None:
        return 0
    mine, other = set(a["<line>"]), set(b["<line>"])
    return len(mine & other) - len(mine ^ other)
