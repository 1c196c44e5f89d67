"""The course's functions as named steps: every value the graph holds, with its course name.

`run(name, args)` computes the reference's output the way the course writes it, one named
value at a time (`dZ` of layer 2 by (11), then `dW2` by (8) ...), and keeps them all in a
`Trace`. A `change` can replace the value at any step: what follows is computed from the
changed value, so a diagnosis can ask "if the learner's dZ were relu's derivative where the
sigmoid's belongs, would every output be theirs?"

    >>> from tinygraph.checker.cases import course_case
    >>> output, trace = run("linear_backward", course_case("linear_backward").args)
    >>> [str(step) for step in trace.steps if not step.given]
    ['dW (8)', 'db (9)', 'dA_prev (10)']
    >>> trace.constants["m"]
    4

Each value comes from tinygraph.notebook (the ops' rules); a step's `formula` recomputes it
from named inputs only so that one input can be swapped for another value, and
tests/test_diagnosis.py holds every formula to the notebook's value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import notebook as nb
from .cases import Case


@dataclass
class Step:
    """One named value: `dZ` of layer 2, computed by (11) from `inputs`."""

    symbol: str  # the course's name without its layer: "dZ", "dW", "A", "cost"
    layer: int | None
    eq: str  # the course's equation number, "(11)", or ""
    value: Any
    inputs: dict[str, Any] = field(default_factory=dict)  # the formula's inputs, course names
    formula: Callable[..., Any] | None = None  # formula(**inputs) == value
    terms: dict[str, Any] = field(default_factory=dict)  # value == sum of these, when a sum
    summand: Any = None  # value == summand summed over axis 1 (keepdims), for a reduction
    given: bool = False  # an argument of the function (or a part of one), not computed

    @property
    def label(self) -> str:
        """The course's name with its layer: `dW2`, `dA_prev` in a one-layer function."""
        if self.layer is None:
            return self.symbol
        if self.symbol == "dA_prev":
            return f"dA{self.layer - 1}"
        return f"{self.symbol}{self.layer}" if self.symbol not in ("cache", "activation") else (
            f"layer {self.layer}'s {self.symbol}")

    def __str__(self) -> str:
        return f"{self.label} {self.eq}".strip()


Change = Callable[[Step, "Trace"], Any]  # the value to use instead, or None to keep it


class Trace:
    """The steps of one run, in order; `change(step, trace)` may replace a step's value."""

    def __init__(self, change: Change | None = None) -> None:
        self.steps: list[Step] = []
        self.change = change
        self.constants: dict[str, float] = {}  # m, n, n_prev, learning_rate ... of this case
        self.layers = 0  # L, for a function of a whole network
        # Values by (symbol, layer), given ones known before they are used (every cache).
        self.known: dict[tuple[str, int | None], Any] = {}

    def __call__(self, symbol: str, value: Any, eq: str = "", layer: int | None = None,
                 **parts: Any) -> Any:
        step = Step(symbol, layer, eq, value, **parts)
        if self.change is not None:
            changed = self.change(step, self)
            if changed is not None:
                step.value = changed
        self.steps.append(step)
        self.known[(symbol, layer)] = step.value
        return step.value

    def given(self, symbol: str, value: Any, layer: int | None = None) -> Any:
        """An argument (or a part of one), by its course name."""
        return self(symbol, value, "", layer, given=True)

    def find(self, symbol: str, layer: int | None = None) -> Step | None:
        return next((s for s in reversed(self.steps) if s.symbol == symbol
                     and s.layer == layer), None)


# ------------------------------------------------------------------------ one-layer pieces

def _activation(t: Trace, activation: str, layer: int | None) -> str:
    return t.given("activation", activation, layer)


def _forward_layer(t: Trace, A_prev: Any, W: Any, b: Any, activation: str,
                   layer: int | None) -> tuple:
    """Z = W A_prev + b (4), A = g(Z): one LINEAR -> ACTIVATION layer."""
    Z0 = nb.linear_forward(A_prev, W, b)[0]
    Z = t("Z", Z0, "(4)", layer, inputs={"W": W, "A_prev": A_prev, "b": b},
          formula=lambda W, A_prev, b: nb.linear_forward(A_prev, W, b)[0],
          terms={"W A_prev": Z0 - b, "b": np.broadcast_to(b, np.shape(Z0))})
    activation = _activation(t, activation, layer)
    g = nb.sigmoid if activation == "sigmoid" else nb.relu
    A = t("A", g(Z)[0], "(4)", layer, inputs={"Z": Z}, formula=lambda Z: g(Z)[0])
    return A, ((A_prev, W, b), Z)


def _unpack(t: Trace, linear_cache: tuple, layer: int | None) -> tuple:
    """(A_prev, W, b), each by its course name."""
    A_prev, W, b = linear_cache
    return t.given("A_prev", A_prev, layer), t.given("W", W, layer), t.given("b", b, layer)


def _linear_backward(t: Trace, dZ: Any, cache: tuple, layer: int | None) -> tuple:
    """dW (8), db (9), dA_prev (10), in the course's order."""
    A_prev, W, b = cache = _unpack(t, cache, layer)

    def part(i: int) -> Callable[..., Any]:
        return lambda dZ, A_prev=A_prev, W=W: nb.linear_backward(dZ, (A_prev, W, b))[i]

    dA_prev, dW, db = nb.linear_backward(dZ, cache)
    m = np.shape(A_prev)[1]
    dW = t("dW", dW, "(8)", layer, inputs={"dZ": dZ, "A_prev": A_prev}, formula=part(1))
    db = t("db", db, "(9)", layer, inputs={"dZ": dZ}, formula=part(2),
           summand=np.asarray(dZ) / m)
    dA_prev = t("dA_prev", dA_prev, "(10)", layer, inputs={"dZ": dZ, "W": W},
                formula=part(0))
    return dA_prev, dW, db


def _backward_layer(t: Trace, dA: Any, cache: tuple, activation: str,
                    layer: int | None) -> tuple:
    """dZ = dA * g'(Z) (11), then the linear part."""
    linear_cache, Z = cache
    t.known[("linear_cache", layer)] = linear_cache  # known before Z: Z made again from it
    Z = t.given("Z", Z, layer)
    activation = _activation(t, activation, layer)
    g_backward = nb.sigmoid_backward if activation == "sigmoid" else nb.relu_backward
    dZ = t("dZ", g_backward(dA, Z), "(11)", layer, inputs={"dA": dA, "Z": Z},
           formula=lambda dA, Z: g_backward(dA, Z))
    return _linear_backward(t, dZ, linear_cache, layer)


def _sizes(t: Trace, **arrays: Any) -> None:
    """m and the layer widths of the case, to name a wrong scale (`m`) or a shape."""
    for name, array in arrays.items():
        t.constants[name] = np.shape(array)


# ----------------------------------------------------------------------------- functions

def _linear_forward(t: Trace, A: Any, W: Any, b: Any) -> tuple:
    t.constants.update(m=np.shape(A)[1], n=np.shape(W)[0], n_prev=np.shape(W)[1])
    A, W, b = _unpack(t, (A, W, b), None)
    Z0 = nb.linear_forward(A, W, b)[0]
    Z = t("Z", Z0, "(4)", inputs={"W": W, "A_prev": A, "b": b},
          formula=lambda W, A_prev, b: nb.linear_forward(A_prev, W, b)[0],
          terms={"W A_prev": Z0 - b, "b": np.broadcast_to(b, np.shape(Z0))})
    return Z, (A, W, b)


def _linear_activation_forward(t: Trace, A_prev: Any, W: Any, b: Any, activation: str
                               ) -> tuple:
    t.constants.update(m=np.shape(A_prev)[1], n=np.shape(W)[0], n_prev=np.shape(W)[1])
    A_prev, W, b = _unpack(t, (A_prev, W, b), None)
    return _forward_layer(t, A_prev, W, b, activation, None)


def _L_model_forward(t: Trace, X: Any, parameters: dict) -> tuple:
    t.constants.update(m=np.shape(X)[1])
    L = t.layers = t("L", len(parameters) // 2)
    X = t.given("X", X)
    caches, A = [], X
    for l in range(1, L + 1):
        A_prev = t("A_prev", A, "", l)
        W, b = t.given("W", parameters[f"W{l}"], l), t.given("b", parameters[f"b{l}"], l)
        A, cache = _forward_layer(t, A_prev, W, b, "relu" if l < L else "sigmoid", l)
        caches.append(cache)
    caches = t("caches", caches)
    return A, caches


def _compute_cost(t: Trace, AL: Any, Y: Any) -> Any:
    AL, Y = t("AL", np.asarray(AL, dtype=float)), t("Y", np.asarray(Y, dtype=float))
    m = t.constants["m"] = Y.shape[1]
    with np.errstate(all="ignore"):
        inputs = {"Y": Y, "log(AL)": np.log(AL), "1 - Y": 1 - Y, "log(1 - AL)": np.log(1 - AL)}

    def formula(**kw: Any) -> Any:
        return np.squeeze(-(1 / m) * np.sum(kw["Y"] * kw["log(AL)"]
                                            + kw["1 - Y"] * kw["log(1 - AL)"]))

    return t("cost", nb.compute_cost(AL, Y), "(7)", inputs=inputs, formula=formula,
             summand=-(Y * inputs["log(AL)"] + (1 - Y) * inputs["log(1 - AL)"]) / m,
             terms={"Y log(AL)": -np.sum(Y * inputs["log(AL)"]) / m,
                    "(1 - Y) log(1 - AL)": -np.sum((1 - Y) * inputs["log(1 - AL)"]) / m})


def _linear_backward_function(t: Trace, dZ: Any, cache: tuple) -> tuple:
    A_prev, W, _ = cache
    dZ = t.given("dZ", dZ)
    t.constants.update(m=np.shape(A_prev)[1], n=np.shape(W)[0], n_prev=np.shape(W)[1])
    return _linear_backward(t, dZ, cache, None)


def _linear_activation_backward(t: Trace, dA: Any, cache: tuple, activation: str) -> tuple:
    (A_prev, W, _), _ = cache
    t.constants.update(m=np.shape(A_prev)[1], n=np.shape(W)[0], n_prev=np.shape(W)[1])
    dA = t.given("dA", dA)
    return _backward_layer(t, dA, cache, activation, None)


def _L_model_backward(t: Trace, AL: Any, Y: Any, caches: list) -> dict:
    grads = {}
    L = t.layers = len(caches)
    AL = np.asarray(AL)
    Y = np.asarray(Y).reshape(AL.shape)
    t.constants["m"] = AL.shape[1]
    with np.errstate(all="ignore"):
        terms = {"Y/AL": -Y / AL, "(1 - Y)/(1 - AL)": (1 - Y) / (1 - AL)}
    AL, Y = t.given("AL", AL), t.given("Y", Y)
    t.known.update({("cache", l): caches[l - 1] for l in range(1, L + 1)})
    dA = t("dAL", nb._dAL(AL, Y), "", L, inputs={"AL": AL, "Y": Y}, terms=terms)
    for l in reversed(range(1, L + 1)):
        if l < L:
            dA = t("dA", grads[f"dA{l}"], "", l)
        cache = t.given("cache", caches[l - 1], l)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = _backward_layer(
            t, dA, cache, "sigmoid" if l == L else "relu", l)
    return grads


def _update_parameters(t: Trace, parameters: dict, grads: dict, learning_rate: float
                       ) -> dict:
    t.constants["learning_rate"] = learning_rate
    right = nb.update_parameters(parameters, grads, learning_rate)
    L = t.layers = len(parameters) // 2
    new = {}
    for l in range(1, L + 1):
        for kind, eq in (("W", "(16)"), ("b", "(17)")):
            old = t.given(kind + "_old", parameters[f"{kind}{l}"], l)
            grad = t.given("d" + kind, grads[f"d{kind}{l}"], l)
            new[f"{kind}{l}"] = t(
                kind, right[f"{kind}{l}"], eq, l,
                inputs={kind: old, f"d{kind}": grad, "learning_rate": learning_rate},
                formula=lambda *, _k=kind, **kw: kw[_k] - kw["learning_rate"] * kw[f"d{_k}"],
                terms={kind: old, f"learning_rate * d{kind}": -learning_rate * np.asarray(grad)})
    return new


def _initialize(name: str) -> Callable[..., Any]:
    """The draw, W and b of each layer by name: (n_x, n_h, n_y) or layer_dims."""
    def run(t: Trace, *args: Any) -> dict:
        dims = list(args) if name == "initialize_parameters" else list(args[0])
        t.known[("layer_dims", None)] = dims
        t.constants["seed"] = 1 if name == "initialize_parameters" else 3
        L = t("L", len(dims))
        t.layers = L - 1
        right = nb.initial_parameters(dims[:L], "deep", seed=t.constants["seed"]) if L > 1 \
            else {}
        return {f"{kind}{l}": t(kind, right[f"{kind}{l}"], "", l)
                for l in range(1, L) for kind in "Wb"}
    return run


def _model(name: str) -> Callable[..., Any]:
    """The Application's models and predict: the whole output is one step."""
    def run(t: Trace, *args: Any, **kwargs: Any) -> Any:
        t.known[("function", None)] = name
        t.known[("arguments", None)] = (args, kwargs)
        model = getattr(nb, name)
        known = t.known.get(("output", None))
        return t("model", known if known is not None else model(*args, **kwargs))
    return run


def _helper(name: str) -> Callable[..., Any]:
    """The learner's own sigmoid, relu, sigmoid_backward or relu_backward."""
    def run(t: Trace, *args: Any) -> Any:
        value = getattr(nb, name)(*args)
        t.given("activation", name.split("_")[0])
        if name.endswith("backward"):
            t.constants["m"] = np.shape(args[0])[1]
            g = getattr(nb, name)
            return t("dZ", value, "(11)", inputs={"dA": args[0], "Z": args[1]},
                     formula=lambda dA, Z: g(dA, Z))
        A = t("A", value[0], "(4)", inputs={"Z": args[0]},
              formula=lambda Z: getattr(nb, name)(Z)[0])
        return A, args[0]
    return run


PROGRAMS: dict[str, Callable[..., Any]] = {
    "linear_forward": _linear_forward,
    "linear_activation_forward": _linear_activation_forward,
    "L_model_forward": _L_model_forward,
    "compute_cost": _compute_cost,
    "linear_backward": _linear_backward_function,
    "linear_activation_backward": _linear_activation_backward,
    "L_model_backward": _L_model_backward,
    "update_parameters": _update_parameters,
    **{name: _initialize(name) for name in ("initialize_parameters",
                                             "initialize_parameters_deep")},
    **{name: _model(name) for name in ("two_layer_model", "L_layer_model", "predict")},
    **{name: _helper(name) for name in ("sigmoid", "relu", "sigmoid_backward",
                                        "relu_backward")},
}


def run(name: str, args: tuple, kwargs: dict | None = None, change: Change | None = None,
        known: Any = None) -> tuple[Any, Trace]:
    """The reference's output on `args`, and the trace of its named values (`known`: the
    output when it was computed already; a model's whole training is one step)."""
    trace = Trace(change)
    trace.known[("output", None)] = known
    with np.errstate(all="ignore"):
        output = PROGRAMS[name](trace, *args, **(kwargs or {}))
    return output, trace


def run_case(name: str, case: Case, change: Change | None = None, known: Any = None
             ) -> tuple[Any, Trace]:
    return run(name, case.args, case.kwargs, change, known)
