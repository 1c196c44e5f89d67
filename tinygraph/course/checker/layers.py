"""Which layers a change is made in, and an activation said layer by layer.

The diagnosis tries a relation in every layer, the last, the hidden ones, the first
(diagnose.SELECTORS); an activation is also tried in any other set of a net's layers, counted
from the last one (an output-layer test one layer off, `l == L - 1`, puts sigmoid on layer
L - 1 and relu on layer L: the selector "layers L-1, L"), then from the first, a hidden
layer's number and the last ("layers 2": sigmoid on layer 2 of a net of 3 or more). Such a
change, or one made in every layer, is said layer by layer against the course's relu in
layers 1 .. L - 1, sigmoid in L.

    >>> other_sets(3)
    ['layers L-1', 'layers L-2, L', 'layers L-1, L', 'layers 2', 'layers 1, L', 'layers 2, L']
    >>> [layer for layer in (1, 2, 3, 4) if picked("layers L-1, L", layer, 4)]
    [3, 4]
    >>> [layer for layer in (1, 2) if picked("layers 2, L", layer, 2)]
    [2]
"""

from __future__ import annotations

from itertools import combinations

from .outcome import Found
from .trace import Trace

_WHERE = {"hidden": "in the hidden layers", "last": "in the last layer"}


def _end(offset: int) -> str:
    return "L" if offset == 0 else f"L-{offset}"


def other_sets(L: int) -> list[str]:
    """The selectors of every set of an L-layer net's layers that every layer, the last, the
    hidden ones or the first do not already pick: counted from the last layer, then from
    the first."""
    plain = [{L}, {*range(1, L)}, {1}]  # (every layer: n < L)
    sets = [set(layers) for n in range(1, L) for layers in combinations(range(1, L + 1), n)]
    sets = [layers for layers in sets if layers not in plain]
    found = ["layers " + ", ".join(name(layer) for layer in sorted(layers))
             for name in (lambda layer: _end(L - layer), lambda layer: _end(0) if layer == L
                          else str(layer)) for layers in sets]
    return list(dict.fromkeys(found))


def picked(selector: str, layer: int, L: int) -> bool:
    """Whether a "layers ..." selector picks `layer` of an L-layer net."""
    ends = selector.removeprefix("layers ").split(", ")
    # (a layer counted from the first is a hidden one: a net that short has none there)
    return any(layer == int(e) < L if e.isdigit() else layer == L - (
        0 if e == "L" else int(e[2:])) for e in ends)


def by_layer(name: str, found: Found, trace: Trace | None) -> str | None:
    """An activation changed in some layers, said layer by layer: the learner's where it is
    not the course's."""
    selector = found.selector or ""
    if trace is None or found.relation.symbol != "activation" or not (
            selector == "all" or selector.startswith("layers ")):
        return None
    steps = [s for s in trace.steps if s.symbol == "activation" and s.layer]
    if selector == "all":
        return _swapped(name, found, trace, steps)
    L = trace.layers
    said = []
    for s in steps:
        if picked(selector, s.layer, L):
            last = " (the last)" * (s.layer == L)
            said.append(f"layer {s.layer}{last} is {found.relation.make(s, trace)} where "
                        f"the course has {s.value}")
    if not said:
        return None
    back = f", and {'its derivative' if len(said) == 1 else 'their derivatives'} going back " \
        "(11)" if name.endswith("backward") else ""
    head = f"your activation in {said[0]}"
    return head + "".join(f", and in {s}" for s in said[1:]) + back


def _swapped(name: str, found: Found, trace: Trace, steps: list) -> str | None:
    """A change made in every layer whose course value is not the same in each (relu in the
    hidden layers, sigmoid in the last): said for the hidden layers and the last."""
    if len({str(s.value) for s in steps}) < 2:
        return None
    said = []
    for selector in ("hidden", "last"):
        mine = [s for s in steps if (s.layer < trace.layers) == (selector == "hidden")]
        course = {str(s.value) for s in mine}
        used = {str(found.relation.make(s, trace)) for s in mine}
        if len(course) == 1 and len(used) == 1 and course != used:
            said.append(f"{_WHERE[selector]} is {used.pop()} where the course has "
                        f"{course.pop()}")
    if len(said) < 2:
        return None
    back = ", and so are their derivatives going back (11)" * name.endswith("backward")
    return f"your activation {said[0]}, and {said[1]}: the two are swapped{back}"
