"""A learner's outputs beside the course's, leaf by leaf, and what a diagnosis finds.

`Run` holds one case: the course's output and its steps (trace.py), the learner's output or
the exception they raised, and which outputs differ. `identities` finds an output that is, on
every case, another value the graph holds (the cache's W where its A_prev belongs, the dW
returned where dA_prev belongs), or the course's value under another key of theirs.

    >>> leaf("linear_backward", ("dA_prev", "dW", "db"), ("db",))
    'db'
    >>> equal(np.ones(2), np.ones(2) + 1e-9), leaf("L_model_backward", {}, ("grads", "dW1"))
    (True, <missing>)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .cases import Case
from .compare import OUTPUTS, _get, close, outputs, same
from .relations import Relation
from .trace import Step, Trace


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


@dataclass
class Found:
    """A relation that holds, where (`selector` of the layers), and at which step."""

    relation: Relation
    selector: str | None  # None, or "all" (also for a value of one layer only: dAL), "last" ...
    step: Step  # the step, as the course computes it, in the first case that differs
    value: Any  # the learner's value there (the changed value)
    leaves: set = field(default_factory=set)  # the outputs it explains, in that case
    said: str = ""  # a change of the course's code: the line the learner's should read like


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


MISSING = _Missing()  # an output the learner's value does not have
# The functions whose outputs are drawn at random (with the course's seed): a learner's that
# draws without it gives other numbers at each call. (The models call them: their own code
# seldom draws, and a second training costs more than it would tell.)
DRAWING = ("initialize_parameters", "initialize_parameters_deep")


def varying(name: str, one: Any, other: Any) -> list[str]:
    """The outputs two runs of the learner's function on one case give differently: its
    draws change from call to call."""
    try:
        found = outputs(name, one)
    except Exception:  # not the course's structure: nothing to name
        return []
    return [o.label.split('"')[1] if '"' in o.label else o.label for o in found
            if not equal(leaf(name, other, o.path), leaf(name, one, o.path))]


def leaf(name: str, value: Any, path: tuple) -> Any:
    try:
        return _get(value, path, OUTPUTS[name])
    except (KeyError, IndexError, TypeError):
        return MISSING


def equal(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind in "f" and b.dtype.kind in "f":  # the usual case, made quick
        return close(a, b)
    try:
        return same(b, a) is None
    except Exception:
        return False


def identical(a: Any, b: Any) -> bool:
    """The same arrays, in lists or tuples of the same lengths: a value held elsewhere."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and np.array_equal(a, b)
    return False


@dataclass
class Run:
    """One case: the course's output and steps, the learner's output (or error), and
    which outputs differ."""

    case: Case
    right: Any  # the reference's output
    trace: Trace
    got: Any  # the learner's value, or None when they raised
    error: BaseException | None
    paths: list[tuple]
    differing: set
    checks: dict | None = None  # output step label -> (learner's, course's), to stop early
    floating: frozenset | None = None  # NumPy's floating-point errors in their run (agree.py)


def identities(name: str, prepared: list[Run], first: Run) -> list[Found]:
    """An output that is, on every case, another value the graph holds (the cache's W
    where its A_prev belongs, the dW returned where dA_prev belongs)."""
    if first.error is not None:
        return []
    found = []
    described = {o.path: o for o in outputs(name, first.right)}
    for path in sorted(first.differing, key=str):
        mine = leaf(name, first.got, path)
        if mine is MISSING:
            moved = _moved(name, prepared, first, path, described[path])
            found += [moved] if moved is not None else []
            continue
        try:
            if not np.any(np.asarray(mine, dtype=float) != 0):
                continue  # zeros (an initial b) are everywhere: no telling which value it is
        except (ValueError, TypeError):
            continue  # not numbers (a cache where Z belongs): the output's order, not a value
        for step in first.trace.steps:
            if step.label == str(path[-1]) or not equal(mine, step.value):
                continue
            if all(_same_step(name, c, path, step) for c in prepared if c is not first):
                output = described[path]
                label = output.label + (f" ({output.symbol})" if output.symbol else "")
                words = f"is {_label(step)}, where the course has {output.symbol or label}"
                relation = Relation(label, f"is {step.symbol}", words, lambda s, t: None, 2)
                course = Step(label, None, "", leaf(name, first.right, path))
                found.append(Found(relation, None, course, mine, {path}))
                break
    return found


def _moved(name: str, prepared: list[Run], first: Run, path: tuple, output: Any
           ) -> Found | None:
    """A key the learner's dict lacks, whose course value sits under another of its keys
    (grads["dA1"] holding dA0): on every case, the same other key."""
    container = leaf(name, first.got, path[:-1]) if len(path) > 1 else MISSING
    if not isinstance(container, dict):
        return None
    right = leaf(name, first.right, path)
    for key, value in container.items():
        if equal(value, right) and all(
                c.error is not None or any(equal(leaf(name, c.got, p), leaf(name, c.right, path))
                                           for p in (path, path[:-1] + (key,)))
                for c in prepared if leaf(name, c.right, path) is not MISSING):
            words = (f'is missing: the course\'s {path[-1]} is under another key, your '
                     f'{path[0]}["{key}"]')
            relation = Relation(output.label, f"{path[-1]} under another key", words,
                                lambda s, t: None, 2)
            return Found(relation, None, Step(output.label, None, "", right), None, {path})
    return None


def _label(step: Step) -> str:
    return step.label if step.layer is None or step.symbol not in ("W_old", "b_old") else (
        f"the {step.symbol[0]}{step.layer} it was given")


def _same_step(name: str, c: Run, path: tuple, step: Step) -> bool:
    if c.error is not None:
        return True
    mine = leaf(name, c.got, path)
    if mine is MISSING:
        return True
    other = c.trace.find(step.symbol, step.layer)
    return other is not None and equal(mine, other.value)
