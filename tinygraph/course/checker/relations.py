"""The relations a learner's value L can have to the course's value R at one named step.

Each relation is a way to compute, from what the graph holds at that step, the value the
learner's code would give instead: L = c R (c in m, 1/m, -1, 2 ...), R transposed, summed
over the wrong axis or not summed, keepdims dropped, a term of the course's formula missing
or with the wrong sign, one of the formula's inputs replaced by another value the graph holds
(dA where dZ belongs), the whole value replaced by another (Z where A belongs), or another
layer's value. The catalog (mistakes.py) adds relations with words of their own.

    >>> from tinygraph.checker.cases import course_case
    >>> from tinygraph.checker.trace import run_case
    >>> _, trace = run_case("linear_backward", course_case("linear_backward"))
    >>> db = trace.find("db")
    >>> [r.what for r in relations(db, trace)][:3]
    ['missing 1/m', 'extra 1/m', 'wrong sign']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from .trace import Step, Trace


@dataclass(frozen=True)
class Relation:
    """L as a function of what the graph holds at a step; `what` is the stable short key."""

    symbol: str  # the step's course name ("db"); the relation applies to steps of that name
    what: str  # "missing 1/m": with the symbol and equation it is the explanation's key
    words: str  # how it reads after "your db": "is m times the course's: ... (9)"
    make: Callable[[Step, Trace], Any]  # the learner's value at that step, None: not here
    rank: int = 1  # tried in this order: 0 the catalog, 1 arithmetic, 2 swaps, 3 layers
    other_layer: bool = False  # another layer's value of the same name (`layer_swaps`)


def _close(a: Any, b: Any) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind not in "biuf" or b.dtype.kind not in "biuf" or a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-8, equal_nan=True))


# ---------------------------------------------------------------------------------- scale

# (c as a function of the case's constants, what, words); words follow "your <label>".
_SCALES: list[tuple[Callable[[dict], float | None], str, str]] = [
    (lambda k: k.get("m"), "missing 1/m", "is m times the course's: the 1/m of {eq} is "
     "missing"),
    (lambda k: 1 / k["m"] if "m" in k else None, "extra 1/m", "is the course's divided by m:"
     " {eq} has no 1/m there"),
    (lambda k: -1.0, "wrong sign", "has the wrong sign: it is minus the course's {eq}"),
    (lambda k: -k["m"] if "m" in k else None, "wrong sign, missing 1/m", "is -m times the "
     "course's: the sign is wrong and the 1/m of {eq} is missing"),
    (lambda k: 2.0, "twice", "is twice the course's {eq}"),
    (lambda k: 0.5, "half", "is half the course's {eq}"),
    (lambda k: 1 / math.log(10), "log10", "is the course's divided by ln 10: np.log10 where "
     "{eq} has the natural logarithm np.log"),
    (lambda k: k.get("m", 0) ** 2 or None, "m squared", "is m * m times the course's: "
     "1/m is missing twice {eq}"),
]


def _scale(step: Step, c: Callable[[Trace], float | None]) -> Callable[[Step, Trace], Any]:
    def make(s: Step, t: Trace) -> Any:
        factor = c(t)
        return None if factor is None else factor * np.asarray(s.value)
    return make


def _scales(step: Step) -> Iterator[Relation]:
    for c, what, words in _SCALES:
        yield Relation(step.symbol, what, words, _scale(step, lambda t, c=c: c(t.constants)))
    for _i, name in enumerate(("n", "n_prev")):
        yield Relation(step.symbol, f"m is {name}",
                       f"divides by {name} (a layer's width) where {{eq}} divides by m, the "
                       f"number of examples (A_prev.shape[1])",
                       _scale(step, lambda t, name=name: t.constants["m"] / t.constants[name]
                              if name in t.constants else None))


# ---------------------------------------------------------------------------------- shape

def _shapes(step: Step) -> Iterator[Relation]:
    value = np.asarray(step.value)
    if value.ndim == 2:
        yield Relation(step.symbol, "transposed", "is the course's transposed: {eq} gives "
                       "shape {shape}", lambda s, t: np.asarray(s.value).T)
        yield Relation(step.symbol, "transposed, missing 1/m", "is the course's transposed "
                       "and m times it: {eq} gives shape {shape}, with its 1/m",
                       lambda s, t: np.asarray(s.value).T * t.constants.get("m", 1))
    if value.ndim == 2 and 1 in value.shape:
        yield Relation(step.symbol, "keepdims dropped", "lost a dimension: the course's {eq} "
                       "keeps shape {shape} (np.sum(..., keepdims=True))",
                       lambda s, t: np.asarray(s.value).reshape(-1))
        yield Relation(step.symbol, "keepdims dropped, missing 1/m", "lost a dimension and "
                       "is m times the course's: {eq} keeps shape {shape} (keepdims=True) and "
                       "has a 1/m", lambda s, t: np.asarray(s.value).reshape(-1)
                       * t.constants.get("m", 1))
    if step.summand is not None:
        yield from _reductions(step)


def _reductions(step: Step) -> Iterator[Relation]:
    ways = [("not summed", "is not summed over the examples: {eq} sums over them (axis 1)",
             lambda S: S),
            ("summed over axis 0", "is summed over axis 0 (the units) where {eq} sums over "
             "axis 1 (the examples)", lambda S: np.sum(S, axis=0, keepdims=True)),
            ("summed over axis 0, no keepdims", "is summed over axis 0 (the units) where {eq}"
             " sums over axis 1 (the examples), keepdims=True",
             lambda S: np.sum(S, axis=0)),
            ("summed over everything", "sums every entry into one number: {eq} sums over "
             "axis 1 only, keepdims=True", np.sum)]
    for what, words, f in ways:
        yield Relation(step.symbol, what, words, lambda s, t, f=f: None if s.summand is None
                       else _like(s.value, f(s.summand)))
        yield Relation(step.symbol, f"{what}, missing 1/m", words + ", and the 1/m of {eq} is "
                       "missing", lambda s, t, f=f: None if s.summand is None else _like(
                           s.value, f(s.summand) * t.constants.get("m", 1)))


def _like(right: Any, value: Any) -> Any:
    """A cost is a number: what is not summed comes back squeezed, as the course's is."""
    return np.squeeze(value) if np.ndim(right) == 0 else value


# ---------------------------------------------------------------------------------- terms

def _terms(step: Step) -> Iterator[Relation]:
    for term in step.terms:
        yield Relation(step.symbol, f"missing {term}", f"is missing the term {term} of {{eq}}",
                       lambda s, t, term=term: _minus(s, term, 1.0))
        yield Relation(step.symbol, f"{term} sign", f"has the wrong sign on the term {term} "
                       f"of {{eq}}", lambda s, t, term=term: _minus(s, term, 2.0))
        for factor in ("learning_rate", "m"):
            if factor in term:
                yield Relation(step.symbol, f"{term} without {factor}",
                               f"is missing the {factor} of {{eq}}: the term {term} without "
                               f"its {factor}",
                               lambda s, t, term=term, f=factor: _without(s, t, term, f))
                yield Relation(step.symbol, f"{term} divided by {factor}",
                               f"divides by {factor} where {{eq}} multiplies by it (the term "
                               f"{term})",
                               lambda s, t, term=term, f=factor: _without(s, t, term, f, 2))


def _minus(step: Step, term: str, times: float) -> Any:
    if term not in step.terms:
        return None
    return np.asarray(step.value) - times * np.asarray(step.terms[term])


def _without(step: Step, trace: Trace, term: str, factor: str, power: int = 1) -> Any:
    """The term without its factor (power 1), or divided by it (power 2)."""
    if term not in step.terms or not trace.constants.get(factor):
        return None
    t = np.asarray(step.terms[term])
    return np.asarray(step.value) - t + t / trace.constants[factor] ** power


# ------------------------------------------------------------------------ another value

def _nearby(step: Step, trace: Trace) -> Iterator[Step]:
    """Values the graph holds beside `step`: in its layer, or of the whole function."""
    seen = set()
    for other in reversed(trace.steps):
        # In a layer, its own values, and X (fed to every layer); AL, Y belong to none.
        near = other.layer == step.layer or other.symbol == "X" or step.layer is None
        if near and other.label not in seen:
            seen.add(other.label)
            yield other


def input_swaps(step: Step, trace: Trace) -> Iterator[tuple[Relation, str]]:
    """Concrete swaps: for each input of the formula, another of its inputs (log(AL) where
    log(1 - AL) belongs) or a value nearby, of a shape that fits."""
    if step.formula is None:
        return
    for name, value in step.inputs.items():
        for other, other_value in step.inputs.items():
            if other != name and _is_array(other_value) and np.shape(other_value) == np.shape(
                    value) and not _close(other_value, value):
                yield (Relation(step.symbol, f"{other} for {name}", f"uses {other} where {{eq}}"
                                f" uses {name}", lambda s, t, name=name, other=other: None if (
                                    s.formula is None or other not in s.inputs) else s.formula(
                                    **{**s.inputs, name: s.inputs[other]}), 2), other)
        shape = np.shape(value)
        for other in _nearby(step, trace):
            if (other is step or other.symbol == name or not _is_array(other.value)
                    or not _fits(np.shape(other.value), shape) or _close(other.value, value)):
                continue
            label = other.symbol  # a layer's own values by their names, no layer number

            def make(s: Step, t: Trace, name: str = name, symbol: str = other.symbol) -> Any:
                found = t.known.get((symbol, s.layer), t.known.get((symbol, None)))
                if s.formula is None or name not in s.inputs or found is None:
                    return None
                return s.formula(**{**s.inputs, name: found})

            yield (Relation(step.symbol, f"{label} for {name}",
                            f"uses {label} where {{eq}} uses {name}", make, 2), label)


def _fits(a: tuple, b: tuple) -> bool:
    """Same shape, or shapes NumPy broadcasts together (b - dW for b - db)."""
    if a == b:
        return True
    try:
        return len(a) == len(b) and np.broadcast_shapes(a, b) is not None
    except ValueError:
        return False


def value_swaps(step: Step, trace: Trace) -> Iterator[Relation]:
    """The whole value replaced by another the graph holds (Z where A belongs); in a loop
    (A_prev, dA) of any shape: X fed to every layer raises where the shapes differ."""
    loop = step.symbol in ("A_prev", "dA")
    for other in _nearby(step, trace):
        if (other is step or other.symbol == step.symbol or not _is_array(other.value)
                or not loop and np.shape(other.value) != np.shape(step.value)
                or _close(other.value, step.value)):
            continue

        def make(s: Step, t: Trace, symbol: str = other.symbol) -> Any:
            return t.known.get((symbol, s.layer), t.known.get((symbol, None)))

        words = (f"is {other.symbol} itself, where the course computes {step.symbol} from "
                 f"it {{eq}}: that step is left out, or {other.symbol} is handed on where its "
                 f"result belongs" if other.symbol in step.inputs else
                 f"is {other.symbol}, where the course has {step.symbol} {{eq}}")
        yield Relation(step.symbol, f"is {other.symbol}", words, make, 2)


def _is_array(value: Any) -> bool:
    return isinstance(value, np.ndarray) or np.isscalar(value) and not isinstance(value, str)


_NEIGHBOURS = [("layer above", lambda l, L: l + 1), ("layer below", lambda l, L: l - 1),
               ("last layer", lambda l, L: L), ("first layer", lambda l, L: 1)]


def layer_swaps(step: Step) -> Iterator[Relation]:
    """Another layer's value of the same name (caches[l] where caches[l - 1] belongs)."""
    if step.layer is None:
        return
    for where, pick in _NEIGHBOURS:
        def make(s: Step, t: Trace, pick: Callable = pick) -> Any:
            if s.layer is None:
                return None
            other = pick(s.layer, t.layers)
            return None if other == s.layer else t.known.get((s.symbol, other))

        yield Relation(step.symbol, f"the {where}'s", f"is the {where}'s {step.symbol} where "
                       f"layer l's belongs", make, 3, other_layer=True)


def _recomputed(s: Step, t: Trace) -> Any:
    """W A_prev + b of the layer's linear cache (4), where the activation cache's Z belongs."""
    cache = t.known.get(("linear_cache", s.layer))
    if cache is None:
        return None
    A_prev, W, b = cache
    return np.dot(W, A_prev) + b


def relations(step: Step, trace: Trace) -> list[Relation]:
    """Every generic relation that can hold at `step`, the simplest first."""
    found: list[Relation] = []
    if step.given and step.symbol == "Z":  # going back: Z made again from the linear cache
        return [Relation("Z", "recomputed", "is W A_prev + b, made again from the linear "
                         "cache, where the course reads Z from the activation cache (11) (the "
                         "test's cache holds a Z of its own)", _recomputed, 3)]
    if step.given:  # an argument: only the loop can take another layer's
        return list(layer_swaps(step)) if step.symbol == "cache" else []
    if _is_array(step.value):
        found += _scales(step)
        found += _shapes(step)
        found += _terms(step)
        found += (r for r, _ in input_swaps(step, trace))
        found += value_swaps(step, trace)
    if step.symbol in ("dA", "A_prev"):  # the loop fed another layer's
        found += layer_swaps(step)
    return found
