"""An exception in the learner's terms: their line, what the names on it held there (shapes,
the course's name of each value, a dictionary's keys), which dictionary lacks a key and its
nearest, a layer index against the layer its input belongs to, the course's formula the line
was computing; with the change of the course's code that raises it, said first.

    >>> def update_parameters(params, grads, learning_rate):
    ...     return {k: v - learning_rate * grads[k] for k, v in params.items()}
    >>> from tinygraph.checker.cases import course_case
    >>> from tinygraph.checker.lines import record
    >>> case = course_case("update_parameters")
    >>> recording = record(update_parameters, case.args, {},
    ...                    {update_parameters.__code__.co_filename})
    >>> print(explain_error(KeyError("W1"), recording, None, None).text.split("; ")[0])
    KeyError: grads has no key 'W1': its nearest is 'dW1'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .compare import OUTPUTS
from .course import CACHES, holds
from .explain import Explanation, _symbol
from .lines import Recording
from .outcome import identical
from .trace import Trace

# The course's formulas, to say which one a line that raised was computing.
FORMULAS = {"Z": "Z = W A_prev + b", "A": "A = g(Z)", "cost": "J = -(1/m) sum(Y log(AL) + "
            "(1 - Y) log(1 - AL))", "dZ": "dZ = dA * g'(Z)", "dW": "dW = (1/m) dZ A_prev.T",
            "db": "db = (1/m) np.sum(dZ, axis=1, keepdims=True)", "dA_prev": "dA_prev = W.T dZ",
            "W": "W = W - learning_rate * dW", "b": "b = b - learning_rate * db"}


def _formula_for(names: dict[str, Any], trace: Trace | None) -> str | None:
    """The course's formula whose inputs are the values the failing line used."""
    if trace is None:
        return None
    used = {_named(v, trace) for v in names.values()} - {None}
    best = max((s for s in trace.steps if s.symbol in FORMULAS and s.inputs),
               key=lambda s: len(used & set(s.inputs)), default=None)
    if best is None or len(used & set(best.inputs)) < min(2, len(best.inputs)):
        return None
    return f"{best.eq} is {FORMULAS[best.symbol]}".strip()


def _named(value: Any, trace: Trace | None, name: str = "") -> str | None:
    """The course's name of a value the graph holds (`W2`, `layer 2's cache`), if any."""
    if trace is None:
        return None
    for step in trace.steps:  # a formula's input of that name first: relu's Z is not its A
        if any(identical(v, value) for k, v in step.inputs.items() if k == name):
            return name
    for step in trace.steps:
        if identical(step.value, value):
            return _symbol(step.label)
    return None


_UNPACK = re.compile(r"(not enough|too many) values to unpack \(expected (\d+)(?:, got (\d+))?")
# What each of the course's tuples holds, in its words.
_HOLDS = {len(parts): holds(name) for name, parts in CACHES.items() if len(parts) > 1}


def _unpacked(error: BaseException, recording: Recording | None, trace: Trace | None
              ) -> str | None:
    """`A_prev, W, b = cache` where cache holds (linear_cache, activation_cache): what the
    tuple holds, in the course's words, and where what they wanted is."""
    found = _UNPACK.search(str(error))
    if found is None or recording is None:
        return None
    wanted = int(found.group(2))
    held = [(n, v) for n, v in recording.error_names.items() if isinstance(v, (tuple, list))
            and len(v) != wanted and (found.group(3) is None or len(v) == int(found.group(3)))]
    if len(held) != 1:
        return None
    name, value = held[0]
    entries = [_named(e, trace) for e in value]
    holds = (f"({', '.join(e or '?' for e in entries)})" if all(entries) else
             _HOLDS.get(len(value), ""))
    said = f"your line unpacks {name} into {wanted} names, but it holds {len(value)} {holds}"
    inner = next((i for i, e in enumerate(value) if isinstance(e, (tuple, list))
                  and len(e) == wanted), None)
    if inner is not None:
        said += f": {name}[{inner}] holds {wanted}" + (f", {_HOLDS[wanted]}" if wanted in
                                                       _HOLDS else "")
    return said.rstrip()


def _missing_argument(error: BaseException) -> str | None:
    """`linear_activation_forward() missing 1 required positional argument: 'activation'`,
    said as a call without it."""
    found = re.search(r"(\w+)\(\) missing \d+ required positional arguments?: (.*)",
                      str(error))
    if not isinstance(error, TypeError) or found is None:
        return None
    return (f"your call of {found.group(1)} gives it no {found.group(2).replace(chr(39), '')}: "
            f"the course's {found.group(1)} takes it")


def _no_key(key: Any, recording: Recording | None) -> str | None:
    """Which of the line's dictionaries lacks the key, and its key nearest to it ('dB1'
    where grads has 'db1'; 'W1' where grads has 'dW1')."""
    if recording is None:
        return None
    lacking = [(n, v) for n, v in recording.error_names.items()
               if isinstance(v, dict) and v and key not in v]
    if len(lacking) != 1 or not isinstance(key, str):
        return None
    name, keys = lacking[0][0], [k for k in lacking[0][1] if isinstance(k, str)]
    # Only a key that differs by case or by a prefix ("d" + "W1"): a key of another name
    # or layer is no nearer than the keys listed after it.
    near = [k for k in keys if k.lower() == key.lower()] or [k for k in keys if key in k]
    said = f"{name} has no key {key!r}"
    return said + (f": its nearest is {near[0]!r}" + (" (keys are case-sensitive)" if
                   near[0].lower() == key.lower() else "") if near else "")


def _layer_ahead(names: dict[str, Any], trace: Trace | None) -> str | None:
    """A layer index that does not match the input its line works on: l = 2 taking W2 where
    the array the line is given is X, layer 1's input (l increased before it is used)."""
    keyed = [v for v in names.values() if isinstance(v, dict) and any(
        isinstance(k, str) and k[:1] == "W" for k in v)]
    indices = {n: v for n, v in names.items() if isinstance(v, (int, np.integer))
               and not isinstance(v, bool) and n not in ("m", "n", "L") and keyed
               and 0 <= v <= len(keyed[0]) // 2 + 1}
    inputs = {n: c for n, v in names.items() if isinstance(v, np.ndarray)
              and (c := _named(v, trace)) is not None and re.fullmatch(r"X|A\d+", c)}
    if len(indices) != 1 or not inputs:
        return None
    (index, l), (array, course) = next(iter(indices.items())), next(iter(inputs.items()))
    layer = 1 if course == "X" else int(course[1:]) + 1
    if l == layer:
        return None
    whose = "the first layer's" if layer == 1 else f"layer {layer}'s"
    return (f"your {index} is {l} there, so the line takes W{l} and b{l}, but {array} is the "
            f"course's {course}, {whose} input (W{layer}, b{layer}): {index} is "
            f"{abs(l - layer)} {'ahead of' if l > layer else 'behind'} the layer it works on")


def _describe(name: str, value: Any, trace: Trace | None,
              made_from: list[str] | None = None) -> str | None:
    course = _named(value, trace, name)
    also = f" (the course's {course})" if course and course != name else ""
    if isinstance(value, np.ndarray):
        return f"{name} has shape {value.shape}{also}"
    if isinstance(value, dict):
        keys = ", ".join(map(str, list(value)[:8]))
        return f"{name} has the keys {keys}" if value else f"{name} is empty"
    pair = next((f for f in made_from or [] if len(OUTPUTS.get(f, ())) > 1), None)
    if isinstance(value, (list, tuple)) and pair is not None:  # s = sigmoid(Z): (A, cache)
        outputs = OUTPUTS[pair]
        return (f"{name} holds what {pair} returns, the {'pair' * (len(outputs) == 2) or 'tuple'}"
                f" ({', '.join(outputs)}): {name} = {pair}(...)[0] is its {outputs[0]}")
    if isinstance(value, (list, tuple)):
        return f"{name} holds {len(value)} entr{'y' if len(value) == 1 else 'ies'}{also}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{name} = {value}"
    return None


def explain_error(error: BaseException, recording: Recording | None, trace: Trace | None,
                  where: str | None, found: Explanation | None = None) -> Explanation:
    """An exception in the learner's terms: their line, what its names held there; with
    `found`, the change of the course's code that raises it, said first."""
    kind = type(error).__name__
    text = f"{kind} at {where}" if where else kind
    parts = [found.text.rstrip(".").replace(f" ({(where or '').split(' (in ')[0]})", "")
             ] if found is not None else []  # (its line said once, first)
    if isinstance(error, KeyError):
        parts.append((_no_key(error.args[0], recording) or f"there is no key {error.args[0]!r}")
                     if error.args else "")
    elif type(error).__module__.startswith("tinygraph") and found is None:
        parts.append(str(error))  # tinygraph's own words, written for learners
    elif found is None:  # Python's words, in the learner's terms
        parts.append(_unpacked(error, recording, trace) or _missing_argument(error))
    said = []  # (an unpacking says what each name holds already)
    if recording is not None and not (found and found.key.endswith("in another order")):
        said = [d for n, v in recording.error_names.items()
                if (d := _describe(n, v, trace, recording.made_from.get(n))) is not None]
    if said:
        parts.append("there, " + ", ".join(said[:6]))
    if recording is not None and found is None and not any(  # (its line's first run)
            a[0] == recording.error_line and not a[2].startswith("<")
            for a in recording.assigned):
        parts.append(_layer_ahead(recording.error_names, trace))
    formula = _formula_for(recording.error_names, trace) if recording is not None else None
    if formula and found is None:
        parts.append(formula)
    text += "".join(f"{': ' if i == 0 else '; '}{p}" for i, p in enumerate(filter(None, parts)))
    return Explanation(found.key if found is not None else f"error:{kind}", text + ".")
