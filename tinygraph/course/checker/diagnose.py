"""Find which relation the learner's numbers have to the course's: a diagnosis, not a lookup.

For a function that differs, every named step of the course's computation (trace.py) is
tried with every relation that can hold there (relations.py, and the catalog's in
mistakes.py), in every layer selection that fits (every layer, the last, the hidden ones, the
first): the step's value is changed, what follows is recomputed, and the change is kept when
it gives the learner's outputs, on every case, where it touches them. Changes are taken
greedily, the one that explains the most outputs first, until every differing output is
explained; then they are run together, to say whether the explanation is complete.

    >>> from tinygraph.checker.cases import cases
    >>> import numpy as np
    >>> def mine(dZ, cache):
    ...     A_prev, W, b = cache
    ...     m = A_prev.shape[1]
    ...     return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True)
    >>> all_cases = cases("linear_backward")
    >>> found = diagnose("linear_backward", all_cases, [mine(*c.args) for c in all_cases])
    >>> [(f.relation.symbol, f.relation.what) for f in found.found], found.complete
    ([('db', 'missing 1/m')], True)
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from ...engine._provenance import at_user_call
from .agree import Theirs, finite
from .cases import Case
from .compare import outputs
from .layers import other_sets, picked
from .mistakes import catalog
from .mutants import search
from .outcome import Diagnosis, Found, Run, equal, identities, leaf
from .pairs import search_pairs
from .program import RECIPES, compiled, tree
from .relations import Relation, relations
from .trace import Step, Trace, run_case

_BRANCH = {"linear_activation_forward": 3, "linear_activation_backward": 2}
SELECTORS = ("all", "last", "hidden", "first")
# Functions whose tuple outputs are steps of the same names (dA_prev, dW, db; Z; A).
_STEPPED = {"linear_backward", "linear_activation_backward", "linear_forward",
            "linear_activation_forward", "compute_cost", "sigmoid_backward", "relu_backward"}


def _selected(selector: str | None, layer: int | None, L: int) -> bool:
    if selector is None or layer is None:
        return True
    if selector.startswith("layers "):
        return picked(selector, layer, L)
    return {"all": True, "last": layer == L, "hidden": layer < L,
            "first": layer == 1}[selector]


class _Contradicted(Exception):
    """A changed run gave an output that is neither the learner's nor the course's."""


def _change(picks: list[tuple[Relation, str | None]], fired: list | None = None,
            checks: dict | None = None) -> Callable[[Step, Trace], Any]:
    """The change a diagnosis makes; with `checks` ({label: (learner's, course's)}), a run
    stops at the first output that is neither, as nothing after it can mend it."""
    def change(step: Step, trace: Trace) -> Any:
        value = None
        for relation, selector in picks:
            if relation.symbol == step.symbol and _selected(selector, step.layer,
                                                            trace.layers):
                try:
                    value = relation.make(step, trace)
                except Exception:  # the learner's code would raise here too
                    if fired is not None:
                        fired.append((replace(step), None))
                    raise
                if value is not None:
                    if fired is not None:  # a copy: the trace keeps the changed value
                        fired.append((replace(step), value))
                    break
        if checks is not None and step.label in checks:
            final = step.value if value is None else value
            if not any(equal(final, v) for v in checks[step.label]):
                raise _Contradicted
        return value
    return change


def _explains(name: str, c: Run, value: Any = None, error: BaseException | None = None,
              strict: bool = True) -> set | None:
    """The outputs this alternative run gives as the learner's; None when it contradicts."""
    if c.error is not None or error is not None:
        if c.error is None or error is None:
            return None
        if type(c.error) is type(error) and str(c.error) == str(error):
            return set()
        return set() if not strict and _kin(c.error, error) else None
    explained = set()
    for path in c.paths:
        mine, theirs, right = (leaf(name, v, path) for v in (value, c.got, c.right))
        if equal(mine, theirs):
            if path in c.differing and not finite(theirs) and finite(right):
                return None  # a NaN of theirs: only a change of the code says where it was made
            if path in c.differing:
                explained.add(path)
        elif not equal(mine, right):
            return None
    return explained


def _kin(a: BaseException, b: BaseException) -> bool:
    shape = (IndexError, ValueError, KeyError)
    return type(a) is type(b) or (isinstance(a, shape) and isinstance(b, shape))


def _attempt(name: str, c: Run, picks: list, fired: list | None = None
             ) -> tuple[Any, BaseException | None]:
    """The changed run's output, or what it raised; _Contradicted passes through."""
    try:
        # (a model's reference output, known: its training is not run again)
        return run_case(name, c.case, _change(picks, fired, c.checks), c.right)[0], None
    except _Contradicted:
        raise
    except Exception as error:  # what the learner's code would raise, made the same way
        return None, error


def _prepare(name: str, cases: list[Case], got: list[Any], expected: list[Any] | None,
             theirs: Theirs) -> list[Run]:
    prepared = []
    for i, (case, g) in enumerate(zip(cases, got, strict=True)):
        try:
            right, trace = run_case(name, case, known=expected[i] if expected else None)
        except Exception:
            continue  # the reference refuses this case: nothing to compare
        error = g if isinstance(g, BaseException) else None
        value = None if error is not None else g
        paths = [o.path for o in outputs(name, right)]
        differing = set() if error is not None else {
            p for p in paths if not equal(leaf(name, value, p), leaf(name, right, p))}
        checks = None if error is not None else {
            str(p[-1]): (leaf(name, value, p), leaf(name, right, p)) for p in paths
            if isinstance(p[-1], str) and (len(p) > 1 or name in _STEPPED)}
        prepared.append(Run(case, right, trace, value, error, paths, differing, checks,
                            theirs.floating_at(i)))
    return prepared


def _candidates(first: Run) -> list[tuple[Relation, str | None, Step]]:
    """Every (relation, layers) to try, the catalog's first, another layer's value last."""
    found, seen = [], set()
    L = first.trace.layers
    layers: dict[str, set] = {}
    for step in first.trace.steps:
        layers.setdefault(step.symbol, set()).add(step.layer)
    for step in first.trace.steps:
        selectors = [None] if step.layer is None else ["all"] if len(
            layers[step.symbol]) == 1 else [s for s in SELECTORS if _selected(s, step.layer, L)]
        for relation in catalog(step.symbol) + relations(step, first.trace):
            for selector in selectors:
                selector = None if len(layers[step.symbol]) == 1 else selector
                key = (relation.symbol, relation.what, selector)
                if key not in seen:
                    seen.add(key)
                    found.append((relation, selector, step))
    return sorted(found, key=lambda c: c[0].rank)


def _other_sets(name: str, first: Run) -> list[tuple[Relation, str, Step]]:
    """An activation in any other set of the layers (layers.py), tried where no other
    relation holds; a model's (each try a training run) only in every layer, the last ...."""
    steps = [s for s in first.trace.steps if s.symbol == "activation" and s.layer]
    if name.endswith("_model") or not steps:
        return []
    return [(relation, selector, steps[0]) for relation in catalog("activation")
            for selector in other_sets(first.trace.layers)]


_REFUSED_FIRST = (set(), None)  # refused on the first case alone


def _holds(name: str, all_cases: list[Run], first: Run, relation: Relation,
           selector: str | None) -> tuple[set, Found | None] | None:
    fired: list = []
    try:
        value, error = _attempt(name, first, [(relation, selector)], fired)
    except _Contradicted:
        return _REFUSED_FIRST
    leaves = _explains(name, first, value, error)
    if leaves is None or not fired or (first.error is None and not leaves):
        return _REFUSED_FIRST
    explained_somewhere = bool(leaves)
    for c in all_cases:
        if c is first:
            continue
        try:
            v, e = _attempt(name, c, [(relation, selector)])
        except _Contradicted:
            return None
        more = _explains(name, c, v, e, strict=first.error is not None)
        if more is None:
            return None
        explained_somewhere |= bool(more)
    if not explained_somewhere and first.error is None:
        return None
    step, changed = fired[0]
    return leaves, Found(relation, selector, step, changed, leaves)


def diagnose(name: str, cases: list[Case], got: list[Any],
             expected: list[Any] | None = None, theirs: Theirs | None = None
             ) -> Diagnosis | None:
    """Which relations make the course's function give `got` (values, or the exceptions
    raised) on `cases`; None when the function's numbers cannot be related at all.

    A function with an activation argument is diagnosed for each activation on its own
    (a copy-pasted branch is wrong for one of them only). `expected`, the reference's
    outputs when they are known already, spares a model's training run; `theirs`, what is
    known of the learner's function besides (agree.py), tells changes apart."""
    # tinygraph's nodes, made by the thousand here, need not each look up the user's line.
    return at_user_call(lambda: _diagnosis(name, cases, got, expected, theirs or Theirs()))


def _diagnosis(name: str, cases: list[Case], got: list[Any], expected: list[Any] | None,
               theirs: Theirs) -> Diagnosis | None:
    prepared = _prepare(name, cases, got, expected, theirs)
    if name not in _BRANCH:
        return _diagnose(name, prepared, None, theirs)
    searched: dict = {}  # one change of the code, tried on both branches' cases once
    found = [_diagnose(name, [c for c in prepared if c.case.args[_BRANCH[name]] == branch],
                       branch, theirs, (prepared, searched)) for branch in ("sigmoid", "relu")]
    found = [d for d in found if d is not None]
    if not found:
        return None
    if len(found) == 2:
        found[0].other = found[1]
    return found[0]


def _diagnose(name: str, prepared: list[Run], branch: str | None, theirs: Theirs,
              whole: tuple[list[Run], dict] | None = None) -> Diagnosis | None:
    wrong = [c for c in prepared if c.differing or c.error is not None]
    if not wrong:
        return None
    first = next((c for c in wrong if c.error is None), wrong[0])
    diagnosis = Diagnosis([], False, first.case, first.trace, branch)
    diagnosis.nets, diagnosis.layers = _nets(prepared), _layers(name, first)
    diagnosis.got, diagnosis.right = first.got, first.right
    diagnosis.first_leaf = next(((o, leaf(name, first.got, o.path), leaf(name, first.right,
                                                                           o.path))
                                 for o in outputs(name, first.right)
                                 if o.path in first.differing), None)
    holding, refused = [], set()
    layers = {s.layer for s in first.trace.steps}
    for tried in (_candidates(first), _other_sets(name, first)):
        if holding:  # (an activation in other layers: only where nothing plainer holds)
            break
        for relation, selector, _ in tried:
            # "hidden" and "first" are the same layers in a 2-layer case: refused once, refused.
            same = (relation.symbol, relation.what,
                    frozenset(l for l in layers if _selected(selector, l, first.trace.layers)))
            if same in refused:
                continue
            found = _holds(name, prepared, first, relation, selector)
            if found is _REFUSED_FIRST:
                refused.add(same)
            elif found is not None:
                holding.append(found[1])
    holding += identities(name, prepared, first)
    diagnosis.found = _cover(first, holding)
    if diagnosis.found:
        picks = [(f.relation, f.selector) for f in diagnosis.found]
        diagnosis.complete = all(_together(name, c, picks) for c in prepared) and (
            first.error is not None or set().union(*(f.leaves for f in diagnosis.found))
            >= first.differing)
    # Another layer's value in some layers only, where an error raised, is what a loop's
    # bound does: its cause, a change of the code, said where one raises the same
    # (range(1, L - 1) for range(1, L)). In every layer, the relation says the fix itself.
    symptom = first.error is not None and diagnosis.found and all(
        f.relation.other_layer and f.selector not in (None, "all") for f in diagnosis.found)
    # Another recipe beside another relation: the recipe's code, changed once, may say both
    # (range(1, L - 1) in the Application's initialize_parameters_deep).
    recipe = len(diagnosis.found) > 1 and any(f.relation.what.endswith("'s recipe")
                                              for f in diagnosis.found)
    # A name the relation speaks of that their code gives a number (L = 6 where "L counts
    # the parameters" gives the same KeyError): the number written for it, where a change
    # making it one gives their outputs.
    number = any(re.fullmatch(rf"{re.escape(f.relation.symbol)} = \d+", line)
                 for f in diagnosis.found for line in theirs.lines)
    # A name the relation says is off that their code computes by the course's own line
    # (L = len(parameters) // 2 kept, the loop's range changed): the change is elsewhere.
    kept = any(f.relation.rank == 0 and _course_line(name, f.relation.symbol) in theirs.lines
               for f in diagnosis.found)
    if not diagnosis.complete or symptom or recipe or number or kept:  # one change of the code?
        changed = _changed(name, prepared, first, theirs, whole)
        if changed is not None and (changed.relation.what.split(" as ")[-1].isdigit()
                                    or not number or not diagnosis.complete):
            diagnosis.found, diagnosis.complete = [changed], True
    return diagnosis


def _course_line(name: str, symbol: str) -> str | None:
    """The course's line that gives `symbol` its value in `name`, as ast.unparse reads it
    (the learner's lines are read the same way), when that one line does: None for a name
    assigned twice, or used through an attribute or an index (caches.append(cache) changes
    the caches = [] of its line)."""
    nodes = list(ast.walk(tree(name)))
    lines = [ast.unparse(n) for n in nodes if isinstance(n, ast.Assign)
             and [getattr(t, "id", None) for t in n.targets] == [symbol]]
    changed = any(isinstance(n, (ast.Attribute, ast.Subscript)) and getattr(n.value, "id", None)
                  == symbol or isinstance(n, ast.AugAssign) and getattr(n.target, "id", None)
                  == symbol for n in nodes)
    return lines[0] if len(lines) == 1 and not changed else None


def _changed(name: str, prepared: list[Run], first: Run, theirs: Theirs,
             whole: tuple[list[Run], dict] | None) -> Found | None:
    """The change of the course's code (mutants.py) that gives the learner's outputs, or
    raises their error, on every case: of both branches first (`whole`, a copy-pasted line
    is one change), else of this one."""
    changed = None
    if whole is not None:
        every, searched = whole
        if "found" not in searched:
            searched["found"] = _search(name, every, every.index(first), theirs)
        changed = searched["found"]
    changed = changed or _search(name, prepared, prepared.index(first), theirs)
    if changed is None:
        return None
    subject = changed.subject(name)
    words = changed.words + _shapes(name, first)
    words = words.replace("{", "{{").replace("}", "}}")  # code, not a template
    relation = Relation(subject, changed.what, words, lambda s, t: None, 2)
    m = getattr(changed, "mutation", None)  # their line reads as the changed one, or as
    said = "" if m is None else m.before if m.kind.startswith(  # the line moved (of one)
        ("moved", "block moved")) else (m.after if m.kind == "not assigned" else
                                        "" if m.statement else changed.after)
    return Found(relation, None, Step(subject, None, changed.eq, None), changed.value,
                 _differing(name, first, getattr(changed, "program", name)), said)


def _differing(name: str, first: Run, program: str) -> set:
    """The outputs that differ: from the course's, or, for a change of another recipe
    (RECIPES), from that recipe's (the Application's W1 is no consequence of its loop)."""
    if program not in RECIPES:
        return set(first.differing)
    state = np.random.get_state()  # (the recipe seeds NumPy's generator, as the course does)
    try:
        own = compiled(program)(*first.case.args, **first.case.kwargs)
    finally:
        np.random.set_state(state)
    return {p for p in first.paths if not equal(leaf(name, first.got, p), leaf(name, own, p))}


def _shapes(name: str, first: Run) -> str:
    """"; your b has shape (4, 1) where the course's has (3, 1)", where the first output
    that differs has another shape."""
    for output in (o for o in outputs(name, first.right) if o.path in first.differing):
        mine, right = (leaf(name, v, output.path) for v in (first.got, first.right))
        if isinstance(mine, np.ndarray) and isinstance(right, np.ndarray) and (
                mine.shape != right.shape):  # (an index of a cache is said by its name)
            said = output.path[-1] if isinstance(output.path[-1], str) else (
                f"{output.label} ({output.symbol})" if output.symbol else output.label)
            return (f"; it gives {said} of shape {mine.shape} where the course's has "
                    f"{right.shape}")
    return ""


def _search(name: str, runs: list[Run], first: int, theirs: Theirs) -> Any:
    """One change of the course's code; where none will do and the learner's code did not
    raise, two at once; then one change of the course's code as others write it. A change
    of a line they wrote as the course does is said only where no other will do."""
    tried: list = []
    cases, got = [c.case for c in runs], [c.got if c.error is None else c.error for c in runs]
    theirs = Theirs([c.floating for c in runs], theirs.lines, theirs.idle)
    one = search(name, cases, got, first, tried, theirs=theirs)
    if one is not None and one.score[0] >= 0 and not theirs.idle:
        return one  # (a line of theirs that keeps nothing: what the others say of it)
    two = search_pairs(name, cases, got, first, tried, theirs) if tried and one is None else None
    return two or max(filter(None, [one, search(name, cases, got, first, spelled=True,
                                                theirs=theirs)]),
                      key=lambda c: c.score, default=None)


def _together(name: str, c: Run, picks: list) -> bool:
    try:
        return _explains(name, c, *_attempt(name, c, picks), strict=False) is not None
    except _Contradicted:
        return False


def _cover(first: Run, holding: list[Found]) -> list[Found]:
    """The fewest relations that explain the first case's differing outputs, the most
    telling first (ties: the order tried, catalog and simple ones first)."""
    if first.error is not None:
        return holding[:1]
    holding = sorted(holding, key=lambda f: f.relation.rank)
    left, chosen = set(first.differing), []
    while left and len(chosen) < 3:
        best = max(holding, key=lambda f: len(f.leaves & left), default=None)
        if best is None or not best.leaves & left:
            break
        chosen.append(best)
        left -= best.leaves
    return chosen


def _nets(prepared: list[Run]) -> dict[int, bool]:
    """For a function of a whole network: on nets of how many layers it is right."""
    nets: dict[int, bool] = {}
    for c in prepared:
        if c.trace.layers and c.case.chained is None:  # (a chained case is no other net)
            ok = c.error is None and not c.differing
            nets[c.trace.layers] = nets.get(c.trace.layers, True) and ok
    return nets


def _layers(name: str, first: Run) -> dict[int, bool]:
    """Layer by layer, in the first case that differs: are its outputs right?"""
    if first.error is not None or not first.trace.layers:
        return {}
    layers: dict[int, bool] = {}
    for output in outputs(name, first.right):
        if output.layer is not None:
            layers[output.layer] = (layers.get(output.layer, True)
                                    and output.path not in first.differing)
    return layers
