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

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .cases import Case
from .compare import OUTPUTS, _get, outputs, same
from .mistakes import catalog
from .relations import Relation, relations
from .trace import Step, Trace, run_case

_BRANCH = {"linear_activation_forward": 3, "linear_activation_backward": 2}
SELECTORS = ("all", "last", "hidden", "first")
# Functions whose tuple outputs are steps of the same names (dA_prev, dW, db; Z; A).
_STEPPED = {"linear_backward", "linear_activation_backward", "linear_forward",
            "linear_activation_forward", "compute_cost", "sigmoid_backward", "relu_backward"}


@dataclass
class Found:
    """A relation that holds, where (`selector` of the layers), and at which step."""

    relation: Relation
    selector: str | None  # None, or "all" (also for a value of one layer only: dAL), "last" ...
    step: Step  # the step, as the course computes it, in the first case that differs
    value: Any  # the learner's value there (the changed value)
    leaves: set = field(default_factory=set)  # the outputs it explains, in that case


@dataclass
class Diagnosis:
    found: list[Found]
    complete: bool  # together, they give the learner's outputs on every case
    case: Case  # the first case that differs
    trace: Trace  # the course's steps on it
    branch: str | None = None  # "sigmoid" when only that activation's cases were looked at
    nets: dict[int, bool] = field(default_factory=dict)  # layers -> right on every such case
    layers: dict[int, bool] = field(default_factory=dict)  # layer -> right, in `case`
    other: Diagnosis | None = None  # the other activation's cases, when they differ too
    first_leaf: tuple | None = None  # (Output, learner's, course's) of the first difference
    got: Any = None  # the learner's output on `case`
    right: Any = None  # the course's


def _selected(selector: str | None, layer: int | None, L: int) -> bool:
    if selector is None or layer is None:
        return True
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
            if not any(_equal(final, v) for v in checks[step.label]):
                raise _Contradicted
        return value
    return change


_MISSING = object()


def _leaf(name: str, value: Any, path: tuple) -> Any:
    try:
        return _get(value, path, OUTPUTS[name])
    except (KeyError, IndexError, TypeError):
        return _MISSING


def _equal(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind in "f" and b.dtype.kind in "f":  # the usual case, made quick
        with np.errstate(all="ignore"):
            return bool(np.all((np.abs(a - b) <= 1e-8 + 1e-6 * np.abs(b))
                               | (np.isnan(a) & np.isnan(b))))
    try:
        return same(b, a) is None
    except Exception:
        return False


@dataclass
class _Case:
    case: Case
    right: Any  # the reference's output
    trace: Trace
    got: Any  # the learner's value, or None when they raised
    error: BaseException | None
    paths: list[tuple]
    differing: set
    checks: dict | None = None  # output step label -> (learner's, course's), to stop early


def _explains(name: str, c: _Case, value: Any = None, error: BaseException | None = None,
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
        mine, theirs, right = (_leaf(name, v, path) for v in (value, c.got, c.right))
        if _equal(mine, theirs):
            if path in c.differing:
                explained.add(path)
        elif not _equal(mine, right):
            return None
    return explained


def _kin(a: BaseException, b: BaseException) -> bool:
    shape = (IndexError, ValueError, KeyError)
    return type(a) is type(b) or (isinstance(a, shape) and isinstance(b, shape))


def _attempt(name: str, c: _Case, picks: list, fired: list | None = None
             ) -> tuple[Any, BaseException | None]:
    """The changed run's output, or what it raised; _Contradicted passes through."""
    try:
        return run_case(name, c.case, _change(picks, fired, c.checks))[0], None
    except _Contradicted:
        raise
    except Exception as error:  # what the learner's code would raise, made the same way
        return None, error


def _prepare(name: str, cases: list[Case], got: list[Any], expected: list[Any] | None
             ) -> list[_Case]:
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
            p for p in paths if not _equal(_leaf(name, value, p), _leaf(name, right, p))}
        checks = None if error is not None else {
            str(p[-1]): (_leaf(name, value, p), _leaf(name, right, p)) for p in paths
            if isinstance(p[-1], str) and (len(p) > 1 or name in _STEPPED)}
        prepared.append(_Case(case, right, trace, value, error, paths, differing, checks))
    return prepared


def _candidates(first: _Case) -> list[tuple[Relation, str | None, Step]]:
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


_REFUSED_FIRST = (set(), None)  # refused on the first case alone


def _holds(name: str, all_cases: list[_Case], first: _Case, relation: Relation,
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
             expected: list[Any] | None = None) -> Diagnosis | None:
    """Which relations make the course's function give `got` (values, or the exceptions
    raised) on `cases`; None when the function's numbers cannot be related at all.

    A function with an activation argument is diagnosed for each activation on its own
    (a copy-pasted branch is wrong for one of them only). `expected`, the reference's
    outputs when they are known already, spares a model's training run."""
    prepared = _prepare(name, cases, got, expected)
    if name not in _BRANCH:
        return _diagnose(name, prepared, None)
    found = [_diagnose(name, [c for c in prepared if c.case.args[_BRANCH[name]] == branch],
                       branch) for branch in ("sigmoid", "relu")]
    found = [d for d in found if d is not None]
    if not found:
        return None
    if len(found) == 2:
        found[0].other = found[1]
    return found[0]


def _diagnose(name: str, prepared: list[_Case], branch: str | None) -> Diagnosis | None:
    wrong = [c for c in prepared if c.differing or c.error is not None]
    if not wrong:
        return None
    first = next((c for c in wrong if c.error is None), wrong[0])
    diagnosis = Diagnosis([], False, first.case, first.trace, branch)
    diagnosis.nets, diagnosis.layers = _nets(prepared), _layers(name, first)
    diagnosis.got, diagnosis.right = first.got, first.right
    diagnosis.first_leaf = next(((o, _leaf(name, first.got, o.path), _leaf(name, first.right,
                                                                           o.path))
                                 for o in outputs(name, first.right)
                                 if o.path in first.differing), None)
    holding, refused = [], set()
    layers = {s.layer for s in first.trace.steps}
    for relation, selector, _ in _candidates(first):
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
    holding += _identities(name, prepared, first)
    diagnosis.found = _cover(first, holding)
    if diagnosis.found:
        picks = [(f.relation, f.selector) for f in diagnosis.found]
        diagnosis.complete = all(_together(name, c, picks) for c in prepared) and (
            first.error is not None or set().union(*(f.leaves for f in diagnosis.found))
            >= first.differing)
    return diagnosis


def _identities(name: str, prepared: list[_Case], first: _Case) -> list[Found]:
    """An output that is, on every case, another value the graph holds (the cache's W
    where its A_prev belongs, the dW returned where dA_prev belongs)."""
    if first.error is not None:
        return []
    found = []
    described = {o.path: o for o in outputs(name, first.right)}
    for path in sorted(first.differing, key=str):
        mine = _leaf(name, first.got, path)
        if mine is _MISSING:
            moved = _moved(name, prepared, first, path, described[path])
            found += [moved] if moved is not None else []
            continue
        if not np.any(np.asarray(mine, dtype=object) != 0):
            continue  # zeros (an initial b) are everywhere: no telling which value it is
        for step in first.trace.steps:
            if step.label == str(path[-1]) or not _equal(mine, step.value):
                continue
            if all(_same_step(name, c, path, step) for c in prepared if c is not first):
                output = described[path]
                label = output.label + (f" ({output.symbol})" if output.symbol else "")
                words = f"is {_label(step)}, where the course has {output.symbol or label}"
                relation = Relation(label, f"is {step.symbol}", words, lambda s, t: None, 2)
                leaf = Step(label, None, "", _leaf(name, first.right, path))
                found.append(Found(relation, None, leaf, mine, {path}))
                break
    return found


def _moved(name: str, prepared: list[_Case], first: _Case, path: tuple, output: Any
           ) -> Found | None:
    """A key the learner's dict lacks, whose course value sits under another of its keys
    (grads["dA1"] holding dA0): on every case, the same other key."""
    container = _leaf(name, first.got, path[:-1]) if len(path) > 1 else _MISSING
    if not isinstance(container, dict):
        return None
    right = _leaf(name, first.right, path)
    for key, value in container.items():
        if _equal(value, right) and all(
                c.error is not None or any(_equal(_leaf(name, c.got, p), _leaf(name, c.right, path))
                                           for p in (path, path[:-1] + (key,)))
                for c in prepared if _leaf(name, c.right, path) is not _MISSING):
            words = f'is missing: the course\'s {path[-1]} is in your {path[0]}["{key}"]'
            relation = Relation(output.label, f"{path[-1]} under another key", words,
                                lambda s, t: None, 2)
            return Found(relation, None, Step(output.label, None, "", right), None, {path})
    return None


def _label(step: Step) -> str:
    return step.label if step.layer is None or step.symbol not in ("W_old", "b_old") else (
        f"the {step.symbol[0]}{step.layer} it was given")


def _same_step(name: str, c: _Case, path: tuple, step: Step) -> bool:
    if c.error is not None:
        return True
    mine = _leaf(name, c.got, path)
    if mine is _MISSING:
        return True
    other = c.trace.find(step.symbol, step.layer)
    return other is not None and _equal(mine, other.value)


def _together(name: str, c: _Case, picks: list) -> bool:
    try:
        return _explains(name, c, *_attempt(name, c, picks), strict=False) is not None
    except _Contradicted:
        return False


def _cover(first: _Case, holding: list[Found]) -> list[Found]:
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


def _nets(prepared: list[_Case]) -> dict[int, bool]:
    """For a function of a whole network: on nets of how many layers it is right."""
    nets: dict[int, bool] = {}
    for c in prepared:
        if c.trace.layers:
            ok = c.error is None and not c.differing
            nets[c.trace.layers] = nets.get(c.trace.layers, True) and ok
    return nets


def _layers(name: str, first: _Case) -> dict[int, bool]:
    """Layer by layer, in the first case that differs: are its outputs right?"""
    if first.error is not None or not first.trace.layers:
        return {}
    layers: dict[int, bool] = {}
    for output in outputs(name, first.right):
        if output.layer is not None:
            layers[output.layer] = (layers.get(output.layer, True)
                                    and output.path not in first.differing)
    return layers
