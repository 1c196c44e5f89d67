"""A diagnosis in the course's words: which relation holds, its equation, the learner's line.

An `Explanation` has the one line the report shows (`text`) and a stable short `key` a class
report can count, e.g. "db:missing 1/m (9)": the course's name of the value, what is wrong
with it, and the equation it breaks.

    >>> from tinygraph.checker.cases import cases
    >>> def mine(dZ, cache):
    ...     A_prev, W, b = cache
    ...     m = A_prev.shape[1]
    ...     return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True)
    >>> from tinygraph.checker.diagnose import diagnose
    >>> all_cases = cases("linear_backward")
    >>> found = explain("linear_backward", diagnose(
    ...     "linear_backward", all_cases, [mine(*c.args) for c in all_cases]))
    >>> found.key
    'db:missing 1/m (9)'
    >>> print(found.text)
    your db is m times the course's: the 1/m of (9) is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .compare import OUTPUTS, _label
from .layers import by_layer
from .lines import Recording, line_of
from .outcome import Diagnosis, Found, identical
from .trace import Trace

_NAMES = {"W_old": "W", "b_old": "b"}
_WHERE = {None: "", "all": " in every layer", "last": " in the last layer",
          "hidden": " in the hidden layers", "first": " in layer 1"}
_WHOLE = {"model": "model", "L": "L", "caches": "caches"}


@dataclass
class Explanation:
    key: str  # stable and short, for counting: "db:missing 1/m (9)"
    text: str  # one line, in the course's words


def _symbol(symbol: str) -> str:
    return _NAMES.get(symbol, symbol)


def _key(found: Found) -> str:
    """Layer numbers dropped (grads["dA"], not grads["dA1"]): one key for one mistake."""
    where = f" ({found.selector} layer{'s' * (found.selector == 'hidden')})" if (
        found.selector in ("last", "hidden", "first")) else f" ({found.selector})" * (
        (found.selector or "").startswith("layers "))
    key = f"{_symbol(found.relation.symbol)}:{found.relation.what} {found.step.eq}".strip()
    return re.sub(r"(?<=[A-Za-z])\d+(?=\W|$)", "", key) + where


def _words(name: str, found: Found) -> str:
    step, relation = found.step, found.relation
    if relation.what in ("is W_old", "is b_old"):
        return f"is the one it was given: it is never updated by {step.eq}"
    shape = np.shape(step.value) if _is_array(step.value) else ""
    words = relation.words.format(eq=step.eq, shape=shape, used=found.value, course=step.value)
    words = words.replace("where  ", "where the course ").replace(" ,", ",").replace(" :", ":")
    if not step.eq:  # no equation number to cite
        words = re.sub(r"\s+(of|by)\s*(?=$|[;(.,:])", "", words)
    if relation.symbol == "activation" and name.endswith("backward"):
        words += ", and its derivative going back (11)"
    if relation.symbol == "cache" and relation.what.startswith("the "):
        words = words.replace("cache where layer l's belongs",
                              "cache where layer l's belongs: layer l's cache is caches[l - 1]"
                              " (layers counted from 1, as in W1)")
    return re.sub(r"\s+", " ", words).strip()


def _is_array(value: Any) -> bool:
    return isinstance(value, (np.ndarray, np.generic, int, float))


def _subject(name: str, found: Found, trace: Trace | None = None, fixed: bool = False) -> str:
    """`fixed`: every case has the same layers (initialize_parameters' two): the last
    layer's W is W2."""
    symbol = _symbol(found.relation.symbol)
    if symbol == "model":
        return name
    where = _narrowed(found, trace)
    if fixed and trace is not None and trace.layers and where in ("last", "first"):
        return f"{symbol}{trace.layers if where == 'last' else 1}"
    return symbol + _WHERE.get(where, "")


def _narrowed(found: Found, trace: Trace | None) -> str | None:
    """"all" said as "last" (or "hidden") where the relation makes a value only there (AL - Y
    for the sigmoid layer's dZ)."""
    if found.selector != "all" or trace is None:
        return found.selector
    made = set()
    for step in trace.steps:
        if step.symbol == found.relation.symbol and step.layer and not step.given:
            try:
                if found.relation.make(step, trace) is not None:
                    made.add(step.layer)
            except Exception:  # (a relation that does not apply there)
                continue
    L = trace.layers
    if L and len(made) and made == {L} and L > 1:
        return "last"
    if L and made and made == set(range(1, L)):
        return "hidden"
    return found.selector


def _sentence(name: str, found: Found, place: Callable[[int], str] | None,
              recording: Recording | None, trace: Trace | None = None,
              like: Callable[[str], int | None] | None = None,
              read: Callable[[int | None], str] | None = None, fixed: bool = False) -> str:
    text = by_layer(name, found, trace) or (
        f"your {_subject(name, found, trace, fixed)} {_words(name, found)}")
    if found.relation.symbol == "loop" and found.leaves:  # what the loop makes: said too
        labels = [_label(p) for p in found.leaves]  # parameters["W1"] ... as parameters
        heads = [m.split("[")[0] for m in labels]
        made = sorted({h if heads.count(h) > 2 else m for m, h in zip(labels, heads, strict=True)})
        n = re.search(r"range\((?:0, )?(.+)\):?$", found.said)
        if name == "predict" and made == ["p"] and n:  # the loop gives each its 0 or 1
            text += f", so only the first {n.group(1)} examples get a prediction, the rest stay 0"
        else:
            text += f", so your {_counts(made)} differ{'s' * (made == labels[:1] == labels)}"
    line = line_of(recording, found.value) if recording is not None else None
    if line is None and like is not None and found.said:  # their line that reads like it
        line = like(found.said)
    if found.relation.what.startswith("keepdims dropped") and read is not None:
        text = _flat_fix(text, read(line), read(None), np.shape(found.step.value))
    if line is not None and place is not None:
        text += f" ({place(line)})"
    return text


# A flat (n,) where the course keeps a column (n, 1): the fix their own code can take.
_FLATTENED = r"\[\s*:\s*,\s*0\s*\]|\.ravel\(|\.flatten\(|reshape\(\s*-1\s*\)|squeeze"
_MADE = r"(np\.(?:zeros|ones|empty|random\.randn|random\.rand))\(\s*([^(),]+?)\s*\)"


def _flat_fix(text: str, theirs: str, whole: str, shape: tuple) -> str:
    """np.sum's keepdims named as the fix only where their code sums; np.zeros(n) told to
    take the shape (n, 1) (or (1, n), a row, where the course's is one); a column flattened
    ([:, 0], ravel) told to stay one. `theirs`: their line ("" when not known), `whole`:
    their function, read for a maker of a flat array when their line has none."""
    fix = re.search(r" \((np\.sum\(\.\.\., )?keepdims=True\)\)?", text)
    if fix is None or not (theirs or whole) or re.search(r"\bsum\b|keepdims", theirs):
        return text
    makers = [m for m in re.finditer(_MADE, whole) if "shape" not in m.group(2)]
    made = re.search(_MADE, theirs) or (makers[0] if len(makers) == 1 else None)
    flattened = re.search(_FLATTENED, theirs)
    row = len(shape) == 2 and shape[0] == 1
    kind, sized = ("a row", "(1, {})") if row else ("a column", "({}, 1)")
    said = (f" ({made.group(1)}({made.group(2)}) is flat: {kind} is "
            f"{made.group(1)}({sized.format(made.group(2))}))" if made else
            f" (your {flattened.group(0).strip('(.')} makes it flat: keep it {kind}, "
            f"shape {sized.format('n')})" if flattened else "")
    return text[:fix.start()] + said + text[fix.end():]


def _dims(trace: Trace) -> dict[int, str]:
    """The case's sizes by their course names, to read a shape: {5: "layer_dims[0]"}."""
    names: dict[int, str] = {}
    for i, n in enumerate(trace.known.get(("layer_dims", None)) or []):
        names.setdefault(int(n), f"layer_dims[{i}]")
    for key in ("m", "n", "n_prev"):
        if isinstance(trace.constants.get(key), int):
            names.setdefault(trace.constants[key], key)
    return names


def _entries(name: str, diagnosis: Diagnosis) -> Explanation | None:
    """A list of caches with entries missing: which layers' caches it holds."""
    if name != "L_model_forward" or diagnosis.first_leaf is None or diagnosis.got is None:
        return None
    mine, theirs = diagnosis.got, diagnosis.right
    if not (isinstance(mine, (tuple, list)) and len(mine) == 2 and isinstance(mine[1], list)):
        return None
    caches, right = mine[1], theirs[1]
    if len(caches) == len(right):
        return None
    held = [next((f"layer {l}'s" for l, r in enumerate(right, start=1) if identical(c, r)),
                 "a cache of no layer") for c in caches]
    return Explanation("caches:entries", f"your caches holds {len(caches)} entr"
                       f"{'y' if len(caches) == 1 else 'ies'} where the course's holds "
                       f"{len(right)}, one per layer: yours has {', '.join(held) or 'none'}")


def _costs(name: str, diagnosis: Diagnosis, place: Callable[[int], str] | None,
           like: Callable[[str], int | None] | None,
           read: Callable[[int | None], str] | None) -> Explanation | None:
    """A model's costs of another length: the course records one at each i % 100 == 0."""
    if "costs" not in OUTPUTS[name] or diagnosis.got is None or diagnosis.first_leaf is None:
        return None
    index = OUTPUTS[name].index("costs")
    mine, right = list(np.ravel(diagnosis.got[index])), list(np.ravel(diagnosis.right[index]))
    if len(mine) == len(right):
        return None
    n = int(diagnosis.case.kwargs.get("num_iterations", 0))
    kept = [i for i in range(n) if i % 100 == 0]
    more = len(mine) - len(right)
    after = more > 0 and identical(np.array(mine[:len(right)]), np.array(right))
    text = (f"your costs holds {len(mine)} entries where the course's holds {len(right)}, a "
            f"cost at each i % 100 == 0 of {n} iterations (i = {_counts(kept)})")
    if after:
        text += (f": yours has {more} more after them, as if recorded at an iteration that is "
                 f"not a multiple of 100 (the last is i = {n - 1})")
    line = like("if i % 100 == 0:") if like is not None else None
    if line is not None and read is not None and re.sub(r"\s", "", read(line)) == (
            "ifi%100==0:"):  # their test is the course's: the entry is appended elsewhere
        line = None
    if line is not None and place is not None:
        text += f" ({place(line)})"
    return Explanation(f"costs:{'extra' if more > 0 else 'missing'} entries", text)


def _wrapped(name: str, diagnosis: Diagnosis) -> Explanation | None:
    """An output that holds the course's value as one of its entries, with more beside it:
    caches.append((cache, A)) where the course appends the cache alone."""
    names = OUTPUTS[name]
    if diagnosis.got is None or diagnosis.right is None:
        return None
    mine = (diagnosis.got,) if len(names) == 1 else diagnosis.got
    right = (diagnosis.right,) if len(names) == 1 else diagnosis.right
    if not isinstance(mine, (tuple, list)) or len(mine) != len(right):
        return None
    for i, (a, b) in enumerate(zip(mine, right, strict=True)):
        found = _inside(a, b, (names[i],), diagnosis.trace)
        if found is not None:
            label, k, beside, every = found
            at = ("first", "second", "third")[k] if k < 3 else f"entry {k}"
            text = (f"each entry of your {label} is a tuple of the course's entry ({at}) and "
                    f"{beside}: the course's {label} holds its entries alone" if every else
                    f"your {label} is a tuple of the course's {label} ({at}) and {beside}: "
                    f"the course's is that alone")
            return Explanation(f"{re.sub(r'[[].*', '', label)}:wrapped", text + ".")
    return None


def _inside(mine: Any, right: Any, path: tuple, trace: Trace | None,
            depth: int = 0) -> tuple[str, int, str, bool] | None:
    """(label, entry, what is beside it, every entry so) where `mine` wraps `right`."""
    if depth > 3 or not isinstance(mine, (tuple, list)) or identical(mine, right):
        return None
    if not isinstance(right, (tuple, list)) or isinstance(right, dict):
        return None
    k = next((i for i, e in enumerate(mine) if identical(e, right)), None)
    if k is not None and len(mine) > 1:
        beside = [next((st.label for st in (trace.steps if trace else []) if identical(
            st.value, e)), type(e).__name__) for i, e in enumerate(mine) if i != k]
        return _label(path), k, ", ".join(beside[:3]), False
    if len(mine) != len(right):
        return None
    found = [_inside(a, b, path + (i,), trace, depth + 1)
             for i, (a, b) in enumerate(zip(mine, right, strict=True))]
    first = next((f for f in found if f is not None), None)
    if first is not None and len(found) > 1 and all(
            f is not None and f[1] == first[1] for f in found):
        return _label(path), first[1], re.sub(r"\d+$", "", first[2]), True
    return first


def _keys(diagnosis: Diagnosis) -> Explanation | None:
    """A dictionary with keys missing: which it has, which it lacks."""
    mine, theirs = diagnosis.got, diagnosis.right
    if not isinstance(mine, dict) or not isinstance(theirs, dict) or set(theirs) <= set(mine):
        return None
    lacking = [k for k in theirs if k not in mine]
    label = diagnosis.first_leaf[0].path[0] if diagnosis.first_leaf else "output"
    return Explanation(f"{label}:keys missing", f"your {label} has no key"
                       f"{'s' * (len(lacking) > 1)} {', '.join(lacking)}: it holds "
                       f"{', '.join(map(str, mine)) or 'nothing'}, where the course's holds "
                       f"{', '.join(theirs)}")


def _number(diagnosis: Diagnosis) -> bool:
    """An array where the course's output is one number (a cost not summed)."""
    if diagnosis.first_leaf is None:
        return False
    _, got, right = diagnosis.first_leaf
    return np.ndim(right) == 0 and _is_array(got) and np.ndim(got) > 0


def _shape(diagnosis: Diagnosis) -> Explanation | None:
    """A shape the course does not give, its sizes named: (layer_dims[0], 1) for (5, 1)."""
    if diagnosis.first_leaf is None:
        return None
    output, got, right = diagnosis.first_leaf
    got_shape, right_shape = np.shape(got) if _is_array(got) else None, np.shape(right)
    if got_shape is None or got_shape == right_shape:
        return None
    names = _dims(diagnosis.trace)

    def read(shape: tuple) -> str:
        said = [names.get(n, str(n)) if n != 1 else "1" for n in shape]
        return f"({', '.join(said)}{',' * (len(said) == 1)})"
    symbol = output.symbol or re.sub(r"\d+$", "", str(output.path[-1]))
    theirs = (f"has {right_shape} = {read(right_shape)}" if right_shape else
              "is one number, shape ()")
    return Explanation(f"{symbol}:shape", f"your {output.label} has shape {got_shape} = "
                       f"{read(got_shape)} where the course's {theirs}")


def _counts(numbers: list[int]) -> str:
    if len(numbers) < 2:
        return "".join(map(str, numbers))
    return ", ".join(map(str, numbers[:-1])) + " and " + str(numbers[-1])


def _nets(nets: dict[int, bool]) -> str | None:
    right = sorted(k for k, ok in nets.items() if ok)
    wrong = sorted(k for k, ok in nets.items() if not ok)
    if not right or not wrong:
        return None
    if max(right) < min(wrong):
        return (f"right for nets of {_counts(right)} layer{'s' * (max(right) > 1)}, "
                f"wrong from {min(wrong)} layers on")
    return f"wrong for nets of {_counts(wrong)} layers, right for {_counts(right)}"


def _layers(layers: dict[int, bool]) -> str | None:
    right = sorted(k for k, ok in layers.items() if ok)
    wrong = sorted(k for k, ok in layers.items() if not ok)
    if not right or not wrong:
        return None
    return (f"on the first case that differs, layer{'s' * (len(wrong) > 1)} "
            f"{_counts(wrong)} {'are' if len(wrong) > 1 else 'is'} wrong, "
            f"layer{'s' * (len(right) > 1)} {_counts(right)} right")


def explain(name: str, diagnosis: Diagnosis | None, place: Callable[[int], str] | None = None,
            recording: Recording | None = None,
            like: Callable[[str], int | None] | None = None,
            read: Callable[[int | None], str] | None = None) -> Explanation | None:
    """The diagnosis as one line and a key; None when there is nothing to say. With an
    activation argument, each activation whose cases differ says its own. `like(text)`,
    the learner's line that reads like a changed line of the course's code; `read(line)`,
    the text of their line (of their whole function for None), to name a fix it can take."""
    if diagnosis is None:
        return None
    first = _explain(name, diagnosis, place, recording, like, read)
    other = _explain(name, diagnosis.other, place, None, like, read) if diagnosis.other else None
    if first is None or other is None:
        return first or other
    if {f.relation.what for f in diagnosis.found} == {"other activation"} == {
            f.relation.what for f in diagnosis.other.found}:
        return Explanation("activation:swapped", "sigmoid and relu are swapped: "
                           + first.text.split(": ", 1)[1].rstrip(".") + "; and "
                           + other.text.split(": ", 1)[1])
    if first.key == other.key:  # both branches: the same mistake, said once
        first.text = re.sub(r'^with activation="\w+": ', "", first.text)
        return first
    return Explanation(f"{first.key} + {other.key}", f"{first.text[:-1]}; {other.text}")


def _explain(name: str, diagnosis: Diagnosis | None, place: Callable[[int], str] | None,
             recording: Recording | None, like: Callable[[str], int | None] | None = None,
             read: Callable[[int | None], str] | None = None) -> Explanation | None:
    if diagnosis is None:
        return None
    wrapped = _wrapped(name, diagnosis)
    if wrapped is not None:  # (what else differs is its consequence)
        return wrapped
    parts = [_sentence(name, f, place, recording, diagnosis.trace, like, read,
                       len(diagnosis.nets) == 1)
             for f in diagnosis.found]
    moved = diagnosis.found and all(f.relation.what.endswith("under another key")
                                    for f in diagnosis.found)  # (the keys said already)
    shape = _costs(name, diagnosis, place, like, read) or _entries(name, diagnosis) or (
        None if moved else _keys(diagnosis)) or (
        _shape(diagnosis) if not diagnosis.found or _number(diagnosis) and not any(
            "shape" in p for p in parts) else None)  # what the learner's output holds
    if shape is not None:
        parts.append(shape.text)
    if diagnosis.found and not diagnosis.complete:
        parts.append("that is not all of the difference")
    if not any(f.selector for f in diagnosis.found):
        parts += filter(None, [_layers(diagnosis.layers)])
    if not diagnosis.complete:  # which nets: where the relations found do not say it all
        parts += filter(None, [_nets(diagnosis.nets)])
    if not parts:
        return None
    text = "; ".join(parts) + "."
    if diagnosis.branch is not None:
        text = f'with activation="{diagnosis.branch}": {text}'
    key = " + ".join(_key(f) for f in diagnosis.found) or (shape.key if shape else
                                                           "unexplained")
    return Explanation(key, text)


# ------------------------------------------------------------------ what the outputs say

def in_place(name: str, argument: str, found: Explanation | None = None) -> Explanation:
    """An argument changed in place, said first; what the outputs' numbers show after it."""
    if name == "update_parameters":
        text = ("update_parameters changed the dictionary it was given: start from a copy, "
                "parameters = copy.deepcopy(params), so the caller's parameters stay as they "
                "were (16), (17).")
    elif argument == "dA":
        text = (f"{name} changed its argument dA in place (dZ = dA makes no copy, so "
                f"dZ[Z <= 0] = 0 zeroes dA too): dZ = np.array(dA, copy=True) (11).")
    else:
        text = (f"{name} changed its argument {argument} in place: work on a copy "
                f"(np.array(x, copy=True), copy.deepcopy) so the caller's {argument} stays "
                f"as it was.")
    if found is not None:  # (the cache it returns is the argument it changed)
        text = f"{text[:-1]}; {found.text}"
    return Explanation(f"{argument}:changed in place", text)


def unseeded(labels: list[str], found: Explanation | None) -> Explanation | None:
    """Outputs that change from call to call: drawn before the seed is set, or with none."""
    if not labels:
        return found
    text = (f"your {', '.join(labels[:4])}{' ...' * (len(labels) > 4)} change"
            f"{'s' * (len(labels) == 1)} from call to call: drawn with no np.random.seed "
            f"before {'them' if len(labels) > 1 else 'it'}")
    if found is None:
        return Explanation("seed:drawn unseeded", text + ".")
    return Explanation(found.key, f"{text}; {found.text}")
