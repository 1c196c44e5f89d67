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
import functools
import re
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .agree import Theirs, agrees, finite, likeness, run, state, tokens
from .cases import Case
from .leeway import agrees_but, aside_words, loose_for
from .mutate import Mutation, changed_line, copy_tree, mutations, statement_at
from .mutation import sides
from .own import own_changes
from .own import words as own_words
from .program import (
    CALLS,
    RECIPES,
    SOURCES,
    SPELLED,
    base,
    build,
    compiled,
    equation,
    fresh,
    namespace,
    owner,
    tree,
)
from .resemble import idle_like, resemblance
from .swaps import key as swap_key
from .swaps import other_calls, unpacking
from .swaps import words as swap_words
from .training import first_cost, run_model

_MODELS = ("two_layer_model", "L_layer_model")
_PROBE_LINE = 100_000
_KEYED = re.compile(r"\b(\w+)\[['\"](\w+)['\"] \+ str\([^()]*\)\]")  # grads['db' + str(l)]
# A model's 101 iterations per change: only changes of its lines as lines, and its keys.
_MODEL_KINDS = ("line dropped", "not assigned", "moved into the loop", "off by one",
                "activation", "activations exchanged", "another function", "moved into the if",
                "moved out of the if", "moved into the loop, after", "block moved into the loop")
# All `_changes` asks `_mutations` for in a model: its kinds, its calls' arguments, swaps.
MODEL_ASKS = (_MODEL_KINDS, ("arguments",), ("swapped", "reversed"))


# Not paired with another change (pairs.py): two changes already, or a number of the
# course's that gives its outputs times a factor (it would crowd out the single slips).
_NOT_PAIRED = ("activations exchanged", "hard-coded", "overwritten")
_OWN_NOTE = ("axis", "arguments", "hard-coded", "transposed", "scale inside",  # keyed "old
             "arguments, everywhere", "off by one, everywhere")  # as new", not by their note


@dataclass
class Changed:
    """The change that gives the learner's numbers, and what its line gave first."""

    mutation: Mutation
    program: str  # the function changed: the one checked, or a course function it calls
    eq: str  # the equation of the changed line, "(11)", or ""
    after: str  # the changed line, as it reads with the change made
    value: Any = None  # the changed line's value, the first time it ran (to find theirs)
    score: tuple = ()  # how much it reads like the learner's code (resemble.py)
    idle: str | None = None  # their line that keeps nothing, where the change drops one
    aside: str = ""  # their second slip, where one raised a NameError on some case

    @property
    def what(self) -> str:
        """The short key's part after the subject: "1 - s as 1 + s", "not assigned: ..."."""
        m = self.mutation
        if m.statement:
            return f"{m.kind}: {m.old}"[:80]
        if swap_key(m) is not None:
            return swap_key(m)
        if m.note.endswith("without its minus sign"):
            return "minus sign dropped"
        if m.kind == "flattened":  # (one key for b[:, 0], b.ravel() and b.flatten())
            return f"{m.old} flattened"
        if m.note and m.kind not in _OWN_NOTE:  # "+ b is outside ...", its first clause
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
        """How it reads after "your <subject>" (and their second slip, if any)."""
        return self._words() + self.aside

    def _words(self) -> str:
        m = self.mutation
        course = f"the course's {self.eq}" if self.eq else "the course"
        if self.program in RECIPES:  # the recipe they follow: "the Application's ..."
            course = f"{owner(self.program)} {base(self.program)}"
        said = swap_words(m, course, tree(self.program)) or own_words(m, course)
        if said is not None:
            return said
        if m.kind == "line dropped":
            said = f"has no line {m.before}{' ' * bool(m.note)}{m.note}, which {course} has"
            if self.idle:  # theirs computes it and keeps nothing
                said += f": your {self.idle} computes a value and keeps nothing" + (
                    " (== compares; = assigns)" if "==" in self.idle and "==" not in
                    m.before else "")
            return said
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
        if m.kind == "arguments exchanged":
            a, b = m.old.split(" and ")
            return (f"uses {a} where the course uses {b}, and {b} where it uses {a}: the two "
                    f"arguments exchanged")
        if m.kind == "repeated":  # a seed again: the draws after it start over
            return (f"runs {m.old} again {m.after}: {course} runs it once"
                    + (", so the draws after it start over from the seed's first numbers"
                       if "seed" in m.old else ""))
        if m.kind == "moved into the loop, after":
            return (f"runs {m.old} at the end of every turn of the loop {m.after}: {course} "
                    f"runs it once, after the loop")
        if m.kind.endswith("moved into the loop"):
            return (f"runs {m.old} at every turn of the loop {m.after}: {course} runs "
                    f"{'them' if ' after it' in m.old else 'it'} once, before the loop")
        before, after = self._short(sides(m.before)), self._short(sides(self.after))
        note = self._short(m.note) or f"{self._short(m.old)} written as {self._short(m.new)}"
        if m.kind.endswith("everywhere") and " in every " not in note:
            note += ", in every line that has it"
        if m.before.startswith("return "):
            return f"{after}, where {course} returns {before}: {note}"
        return f"is {after}, where {course} has {before}: {note}"

    def subject(self, name: str) -> str:
        m = self.mutation
        if m.statement or unpacking(m) or m.kind == "activations exchanged":
            return name
        if m.before.startswith(("for ", "if ", "elif ")):
            return "loop" if m.before.startswith("for ") else "test"
        if m.before.startswith("return "):
            return f"{name} returns"
        return m.target or "line"


def _programs(name: str) -> list[str]:
    """The programs whose change can be the learner's: their own (and the Application's
    recipe of it), and the course functions they may have written inline (not a model's:
    it calls tinygraph's)."""
    if name in _MODELS or name == "predict":
        return [name]
    return [name, *(r for r in RECIPES if base(r) == name)] + [
        c for c in CALLS[name] if c in SOURCES]


def _spellings(name: str) -> list[str]:
    """The course's code of `name` and its callees as others write it (program.py)."""
    if name in _MODELS:
        return []
    return [p for p in list(SOURCES) + SPELLED if "/" in p and p not in RECIPES
            and base(p) in _programs(name)]


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
    if m.kind == "reversed":  # only a list of several entries
        value = values.get(m.old)
        return isinstance(value, list) and len(value) > 1
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


_MADE: dict[tuple, tuple | None] = {}  # (name, program, change, pure) -> what _made gives


def _made(name: str, program: str, m: Mutation, pure: bool = False
          ) -> tuple[Callable, ast.FunctionDef, list] | None:
    """The course's `name` with `m` made in `program` (itself or a callee), the changed
    program, and the list its probe appends to. `pure`: its callees the course's code too,
    quicker than tinygraph's and the same numbers, but not the same errors (ShapeError is
    tinygraph's). Made once: both branches of an activation, and the searches after the
    first, try the same changes."""
    key = (name, program, id(m), pure)
    if key in _MADE and _MADE[key] is not None and _MADE[key][3] is m:
        return _MADE[key][:3]
    if len(_MADE) > 20_000:
        _MADE.clear()
    probe: list = []
    try:
        changed = _probe(m.apply(tree(program)), m)  # after its line: its place holds
        made = build(changed, {**namespace(program, pure=pure, raising=not pure),
                               "__probe__": probe})
        if base(program) != name:
            made = fresh(name, namespace(name, {base(program): made}, pure=pure,
                                         raising=not pure))
    except Exception:  # a change that is not Python (an empty loop): never the learner's
        _MADE[key] = None
        return None
    _MADE[key] = (made, changed, probe, m)  # (m kept: its id is not taken by another)
    return made, changed, probe


@functools.lru_cache(maxsize=64)
def _mutations(program: str, kinds: tuple[str, ...] | None) -> list[Mutation]:
    found = mutations(tree(program), kinds)
    if kinds is None or "another function" in kinds:  # (a call as another program makes it)
        found += other_calls(tree(program))
    return found


def search(name: str, cases: list[Case], got: list[Any], first: int,
           tried: list | None = None, spelled: bool = False, theirs: Theirs | None = None
           ) -> Changed | None:
    """The change of the course's code that gives, on every case, what the learner's
    function gives (`got`: their values, or the exceptions they raised), the one that reads
    most like their code where several do (`theirs`: their lines, and the floating-point
    errors that made a NaN of theirs); None when none does. `spelled`: of the course's
    code as others write it (program.py); `tried` gets each change tried, with its
    function (for two at once, pairs.py)."""
    if name not in SOURCES:
        return None
    state = np.random.get_state()  # the programs seed NumPy's generator, as the course does
    try:
        with np.errstate(all="ignore"):
            return _search(name, cases, got, first, tried, spelled, theirs or Theirs())
    finally:
        np.random.set_state(state)


def _search(name: str, cases: list[Case], got: list[Any], first: int,
            tried: list | None, spelled: bool, theirs: Theirs) -> Changed | None:
    raised = isinstance(got[first], BaseException)
    # Where any case raised, the course's callees are tinygraph's, to raise its errors.
    pure = not any(isinstance(g, BaseException) for g in got)
    cheapest = min(range(len(cases)), key=lambda i: _size(cases[i].args))
    found: list[Changed] = []
    where = state(got[first], name, course=False) if raised else None  # (their line's tokens)
    raising = where["<line>"] if where is not None else []
    for program in _spellings(name) if spelled else _programs(name):
        values = _locals(program, cases[first]) if base(program) == name else {}
        for m in _changes(name, program, got[first]) + own_changes(program,
                                                                    tuple(theirs.lines)):
            if not _fits(m, values, raised):
                continue
            made = _made(name, program, m, pure)
            if made is not None and tried is not None and pure and name not in _MODELS \
                    and m.kind not in _NOT_PAIRED:
                tried.append((program, m, made[0]))  # for two changes at once (pairs.py)
            if made is None or name in _MODELS and not first_cost(made[0], cases[cheapest],
                                                                    got[cheapest], name):
                continue
            function, changed_tree, probe = made
            probe.clear()
            loose = loose_for(m, changed_tree, theirs.lines, raising) if raised else None
            fits = functools.partial(agrees_but, m, name, got, first, theirs, loose, aside := [])
            on = _runner(function, cases, got, name, loose, probe)
            ran = on(cheapest)
            if not fits(cheapest, ran):
                continue  # most changes fail on the smallest case: quick
            if first != cheapest:  # (the same case: its run, and what the probe holds, kept)
                probe.clear()
                ran = on(first)
            if not agrees(ran, got[first], name, theirs.floating_at(first), loose):
                continue
            value = probe[0] if probe else None  # what the changed line gave first
            if all(fits(i, on(i)) for i in range(len(cases)) if i not in (cheapest, first)):
                changed = Changed(m, program, equation(program, m.line),
                                  changed_line(changed_tree, m), value)
                changed.aside = aside_words([(cases[i], got[i]) for i in aside])
                # Several changes may give their numbers (many raise the one error): the
                # one that reads like their code.
                penalty, ratio = resemblance(m, changed.after, program, theirs.lines,
                                             theirs.idle)
                changed.idle = idle_like(m, theirs.idle)
                strict = agrees(ran, got[first], name, theirs.floating_at(first))  # (state too)
                changed.score = (penalty, strict, likeness(got[first], ran.error, name),
                                 ratio) if raised else (penalty, ratio)
                found.append(changed)
                # Stop at the first that reads like theirs, unless a NaN (any change that
                # makes one in the same way) or a line of theirs that keeps nothing (what a
                # change drops, or what it leaves) leaves room for a nearer one.
                sure = not raised and finite(got[first]) and not theirs.idle and (
                    m.kind != "flattened")  # (b[:, 0], b.ravel(): the one they wrote)
                if (sure and changed.score[0] >= 0) or len(found) == 8:
                    return max(found, key=lambda c: c.score)
    return max(found, key=lambda c: c.score) if found else None


def _runner(function: Callable, cases: list[Case], got: list[Any], name: str,
            loose: Callable[[], str | bool] | None, probe: list) -> Callable[[int], Any]:
    """Case i's run of a change; a model's no further than it must go (training.py), with
    no leeway for its error's line unless the change's line is one of theirs."""
    if name not in _MODELS:
        return lambda i: run(function, cases[i])
    def lenient() -> bool:  # (asked only where a run may be cut short)
        return loose is not None and bool(loose())
    return lambda i: run_model(function, cases[i], got[i], name, lenient, probe)


def _changes(name: str, program: str, got: Any) -> list[Mutation]:
    """The changes to try: all of them; in a model (101 iterations each), only of its
    lines as lines and its keys, and where theirs raised, of the line like theirs, one
    value for another too."""
    if name not in _MODELS:
        return _mutations(program, None)
    kinds, arguments, swaps = MODEL_ASKS
    found = _mutations(program, kinds) + _mutations(program, arguments)
    where = state(got, name, course=False) if isinstance(got, BaseException) else None
    if where is None:  # (a call's arguments in another order: compute_cost(Y, AL))
        return found
    theirs = set(where["<line>"])
    code = compiled(program).__code__

    lines: dict[int, set] = {}

    def near(m: Mutation) -> bool:  # half of the tokens shared, or more
        if m.line not in lines:  # (a line has many changes: read once)
            lines[m.line] = set(tokens(code, m.line))
        line = lines[m.line]
        return len(theirs & line) >= len(theirs | line) / 2

    # (a call's arguments in another order anywhere: a NaN raises lines after it)
    return found + [m for m in _mutations(program, swaps) if near(m)]


def _size(value: Any) -> int:
    """How many numbers a case holds: its cost to run, near enough."""
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    return 1
