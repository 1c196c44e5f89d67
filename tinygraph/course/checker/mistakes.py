"""The catalog: relations with words of their own, where the generic ones (relations.py) have
none to give.

Each entry is a `Relation` at one named step of the course's function, like the generic ones:
the value the learner's code computes there instead (relu's derivative with its mask on the
wrong side, the Step-by-Step weights drawn with another seed, a cost recorded at every
iteration ...). The diagnosis tries both in one pass, on every case, so a mistake written
inline or through a helper is recognised all the same, by its numbers:

    >>> [r.what for r in catalog("dZ")][:3]
    ['relu mask inverted', 'relu masked by dA', 'relu times A']

Everything that is not the mistake is the reference's own code (tinygraph.notebook): these are
deliberately wrong variants, and the right formulas stay in the ops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...models.fit import RECORD_EVERY
from ...models.nn import initial_parameters
from .. import notebook as nb
from ..notebook import app_initialize_parameters_deep
from .program import compiled
from .relations import Relation
from .trace import Step, Trace


def _activation(t: Trace, s: Step) -> str | None:
    return t.known.get(("activation", s.layer))


def _when(activation: str, f: Callable[[Any, Any, Any], Any]) -> Callable[[Step, Trace], Any]:
    """dZ computed by `f(dA, Z, s)` instead, in a layer whose activation is `activation`."""
    def make(s: Step, t: Trace) -> Any:
        if _activation(t, s) != activation or "dA" not in s.inputs:
            return None
        dA, Z = np.asarray(s.inputs["dA"]), np.asarray(s.inputs["Z"])
        return f(dA, Z, nb.sigmoid(Z)[0])
    return make


_RELU = "relu backward"
_SIGMOID = "sigmoid backward"
_DZ = [
    ("relu mask inverted", f"is {_RELU} with its mask on the wrong side: it keeps dA where Z "
     "<= 0; {eq} keeps dA where Z > 0 and zeroes it where Z <= 0", "relu",
     lambda dA, Z, s: np.where(Z > 0, 0.0, dA)),
    ("relu masked by dA", f"is {_RELU} masked by dA's sign instead of Z's: dZ = 0 where Z <= "
     "0, whatever dA is {eq}", "relu", lambda dA, Z, s: np.where(dA > 0, dA, 0.0)),
    ("relu times A", "multiplies dA by A = relu(Z), the activation, where {eq} has its "
     "derivative g'(Z) = 1 where Z > 0, else 0", "relu", lambda dA, Z, s: dA * np.maximum(Z, 0)),
    ("relu times Z", "multiplies dA by Z where {eq} has relu's derivative g'(Z) = 1 where Z > "
     "0, else 0", "relu", lambda dA, Z, s: dA * Z),
    ("sigmoid on Z", f"is {_SIGMOID} on Z where s = sigmoid(Z) belongs: {{eq}} is dZ = dA * s "
     "* (1 - s)", "sigmoid", lambda dA, Z, s: dA * Z * (1 - Z)),
    ("sigmoid without 1 - s", "is dA * s: {eq} is dZ = dA * s * (1 - s), the (1 - s) is "
     "missing", "sigmoid", lambda dA, Z, s: dA * s),
    ("sigmoid without dA", "is s * (1 - s) alone: {eq} multiplies sigmoid's derivative by dA",
     "sigmoid", lambda dA, Z, s: s * (1 - s)),
    ("sigmoid times A", "multiplies dA by A = sigmoid(Z), the activation, where {eq} has its "
     "derivative s * (1 - s)", "sigmoid", lambda dA, Z, s: dA * s),
]


def _other_activation(s: Step, t: Trace) -> str | None:
    return {"relu": "sigmoid", "sigmoid": "relu"}.get(s.value)


def _dAL_as_dZ(s: Step, t: Trace) -> Any:
    AL, Y = np.asarray(s.inputs["AL"]), np.asarray(s.inputs["Y"])
    return AL - Y


def _dZ_shortcut(s: Step, t: Trace) -> Any:
    """AL - Y for the sigmoid layer's dZ: (11) with s = AL, true only when AL = sigmoid(Z)."""
    AL, Y = t.known.get(("AL", None)), t.known.get(("Y", None))
    if t.known.get(("activation", s.layer)) != "sigmoid" or AL is None or Y is None:
        return None
    return np.asarray(AL) - np.asarray(Y).reshape(np.shape(AL))


def _cost_outer(s: Step, t: Trace) -> Any:
    k, m = s.inputs, t.constants["m"]
    return np.squeeze(-np.sum(np.dot(k["Y"].T, k["log(AL)"])
                              + np.dot(k["1 - Y"].T, k["log(1 - AL)"])) / m)


def _cost_dot(s: Step, t: Trace) -> Any:
    k, m = s.inputs, t.constants["m"]
    return np.squeeze(-(np.dot(k["Y"], k["log(AL)"]) + np.dot(k["1 - Y"], k["log(1 - AL)"]))
                      / m)


# ------------------------------------------------------------------------- initialisation

def _init(layer_dims: list[int], seed: int, wrong: str) -> dict:
    """The reference's draw (seed 1 or 3, randn * 0.01: nn.INITS) with one mistake made."""
    if wrong == "app_recipe":
        return initial_parameters(layer_dims, "app")
    recipe = {"scale_sqrt": "app", "scale_he": "he"}.get(wrong, "deep")
    seed = int(wrong[5:]) if wrong.startswith("seed_") else seed
    if wrong == "rand":
        state = np.random.RandomState(seed)
        return initial_parameters(layer_dims, "deep", randn=lambda *s: state.rand(*s))
    parameters = initial_parameters(layer_dims, recipe, seed=seed)
    times = {"scale_1": 100.0, "scale_0.1": 10.0}.get(wrong, 1.0)  # randn * 0.01 * 100 = randn
    return {k: v * times if k[0] == "W" else v for k, v in parameters.items()}


def _redraw(wrong: str) -> Callable[[Step, Trace], Any]:
    """One parameter of the whole draw made with `wrong` (every layer's, with the selector)."""
    def make(s: Step, t: Trace) -> Any:
        dims, seed = t.known.get(("layer_dims", None)), t.constants.get("seed")
        if dims is None or s.symbol not in "Wb" or (wrong == "app_recipe" and seed == 1):
            return None
        cache = t.known.setdefault(("redraw", None), {})
        if wrong not in cache:
            cache[wrong] = _init(list(dims), int(seed), wrong)
        return cache[wrong].get(f"{s.symbol}{s.layer}")
    return make


_SCALES = {"scale_1": "without the * 0.01: W = np.random.randn(...)",
           "scale_0.1": "with * 0.1, not * 0.01",
           "scale_sqrt": "as randn(...) / sqrt(n_prev), the Application's recipe, not * 0.01",
           "scale_he": "as randn(...) * sqrt(2 / n_prev) (He), not * 0.01"}
_INIT = [
    *[(k, f"scale {k[6:]}", f"is drawn {text}") for k, text in _SCALES.items()],
    ("app_recipe", "the Application's recipe", "is the Application's weight (seed 1, W = "
     "randn(...) / sqrt(n_prev)); Step by Step's use np.random.seed(3) and * 0.01"),
    ("rand", "np.random.rand", "is drawn with np.random.rand (uniform in [0, 1)) where the "
     "course draws np.random.randn (normal)"),
    *[(f"seed_{s}", f"seed {s}", f"is drawn after np.random.seed({s}); the course's "
       "numbers need its seed, set once at the top of the function") for s in range(11)],
]


# ------------------------------------------------------------------ the Application's models

def _dAL(AL: np.ndarray, Y: np.ndarray, wrong: str) -> np.ndarray:
    if wrong == "dAL_is_dZ":
        return AL - Y.reshape(AL.shape)
    dAL = nb._dAL(AL, Y.reshape(AL.shape))
    return -dAL if wrong == "dAL_sign" else dAL


def _course(name: str) -> Callable:
    """The course's code of `name` (program.py): the same numbers as tinygraph's graph
    (test_check holds these loops to it), made quick for 101 iterations."""
    return compiled(name, pure=True)


def _costs(costs: list, i: int, cost: float, wrong: str) -> None:
    if i % RECORD_EVERY == 0 or wrong == "costs_every_iteration":
        costs.append(cost)


def _two_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims: tuple,
                     learning_rate: float = 0.0075, num_iterations: int = 3000,
                     print_cost: bool = False, wrong: str = "") -> tuple:
    if wrong == "fixed_learning_rate":
        learning_rate = 0.0075
    parameters = _course("initialize_parameters")(*layers_dims)
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    costs = []
    for i in range(num_iterations):
        A1, cache1 = _course("linear_activation_forward")(X, W1, b1, "relu")
        A2, cache2 = _course("linear_activation_forward")(A1, W2, b2, "sigmoid")
        _costs(costs, i, _course("compute_cost")(A2, Y), wrong)
        dA1, dW2, db2 = _course("linear_activation_backward")(_dAL(A2, Y, wrong), cache2, "sigmoid")
        _, dW1, db1 = _course("linear_activation_backward")(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = _course("update_parameters")(parameters, grads, learning_rate)
        if wrong != "stale_parameters":
            W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    return parameters, costs


def _L_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims: list,
                   learning_rate: float = 0.0075, num_iterations: int = 3000,
                   print_cost: bool = False, wrong: str = "") -> tuple:
    if wrong == "fixed_learning_rate":
        learning_rate = 0.0075
    parameters = app_initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = _course("L_model_forward")(X, parameters)
        _costs(costs, i, _course("compute_cost")(AL, Y), wrong)
        grads = _course("L_model_backward")(AL, Y, caches)
        if wrong == "dAL_sign":  # every gradient is linear in dAL: all of them change sign
            grads = {k: -v for k, v in grads.items()}
        parameters = _course("update_parameters")(parameters, grads, learning_rate)
    return parameters, costs


MODELS = {"two_layer_model": _two_layer_model, "L_layer_model": _L_layer_model}


def _model(wrong: str) -> Callable[[Step, Trace], Any]:
    def make(s: Step, t: Trace) -> Any:
        loop = MODELS.get(t.known.get(("function", None)))
        if loop is None or (wrong in ("stale_parameters", "dAL_is_dZ")
                            and loop is _L_layer_model):
            return None
        args, kwargs = t.known[("arguments", None)]
        return loop(*args, **kwargs, wrong=wrong)
    return make


_MODEL = [
    ("costs_every_iteration", "costs every iteration", "records a cost at every iteration: "
     "costs gets one entry when i % 100 == 0, and the course's tests compare the list whole"),
    ("stale_parameters", "parameters not read back", "never reads W1, b1, W2, b2 back from "
     "parameters after update_parameters, so every forward pass uses the first weights"),
    ("fixed_learning_rate", "learning_rate ignored", "ignores its learning_rate argument: "
     "pass learning_rate on to update_parameters"),
    ("dAL_sign", "dAL sign", "climbs the cost: dAL has the wrong sign, dAL = -(Y/AL - (1 - "
     "Y)/(1 - AL))"),
    ("dAL_is_dZ", "dA2 is AL - Y", "starts its backward pass from dA2 = A2 - Y, which is dZ2 "
     "of the sigmoid layer; dA2 = -(Y/A2 - (1 - Y)/(1 - A2)), the derivative of the cost "
     "(7)"),
]


# ------------------------------------------------------------------------------ the catalog

def _L_times(what: str, words: str, f: Callable[[int], int]) -> Relation:
    return Relation("L", what, words, lambda s, t: f(s.value) if isinstance(s.value, int)
                    else None)


def _not_updated(s: Step, t: Trace) -> Any:
    return s.inputs.get(s.symbol) if "learning_rate" in s.inputs else None


_NOT_UPDATED = "is the one it was given: it is never updated by {eq}"
def _leaky(s: Step, t: Trace) -> Any:
    """max(0.01 Z, Z): the leaky ReLU of the course's lectures, where relu belongs."""
    if t.known.get(("activation", s.layer)) != "relu" or "Z" not in s.inputs:
        return None
    Z = np.asarray(s.inputs["Z"])
    return np.maximum(0.01 * Z, Z)


def _tanh(s: Step, t: Trace) -> Any:
    """np.tanh(Z): the hidden activation of the course's week 3, where relu belongs."""
    if t.known.get(("activation", s.layer)) != "relu" or "Z" not in s.inputs:
        return None
    return np.tanh(np.asarray(s.inputs["Z"]))


CATALOG: dict[str, list[Relation]] = {
    "A": [Relation("A", "leaky relu", "is leaky ReLU, max(0.01 Z, Z): relu {eq} is max(0, Z), "
                   "0 where Z <= 0", _leaky),
          Relation("A", "tanh", "is np.tanh(Z), week 3's hidden activation: relu {eq} is "
                   "max(0, Z)", _tanh)],
    "dZ": [*(Relation("dZ", what, words, _when(activation, f))
             for what, words, activation, f in _DZ),
           Relation("dZ", "AL - Y", "is AL - Y: that is dAL * s * (1 - s) only where AL = "
                    "sigmoid(Z), and the course's tests give a cache whose Z is not the one AL "
                    "came from: {eq} takes s = sigmoid(Z) of the cache, dZ = dAL * s * (1 - s)",
                    _dZ_shortcut)],
    "activation": [Relation("activation", "other activation", "is {used} where the course "
                            "has {course}", _other_activation)],
    "dAL": [Relation("dAL", "is AL - Y", "is AL - Y, which is dZ of the sigmoid layer; "
                     "dAL = -(Y/AL - (1 - Y)/(1 - AL)), the derivative of the cost (7) with "
                     "respect to AL", _dAL_as_dZ)],
    "cost": [Relation("cost", "np.dot outer product", "multiplies every example with every "
                      "other: np.dot(Y.T, np.log(AL)); use element-wise Y * np.log(AL), or "
                      "np.dot(Y, np.log(AL).T) {eq}", _cost_outer),
             Relation("cost", "np.dot of (1, m) arrays", "cannot come from np.dot(Y, "
                      "np.log(AL)) of two (1, m) arrays: use element-wise Y * np.log(AL), or "
                      "np.dot(Y, np.log(AL).T) {eq}", _cost_dot)],
    "L": [_L_times("not halved", "counts the parameters, not the layers: L = "
                   "len(parameters) // 2, as parameters holds a W and a b per layer",
                   lambda L: 2 * L),
          _L_times("one less", "is one less than the number of layers: the loop stops a "
                   "layer early, and the last layer is missing", lambda L: L - 1),
          _L_times("one more", "is one more than the number of layers: the loop runs a "
                   "layer too far", lambda L: L + 1)],
    "caches": [Relation("caches", "last cache missing", "holds one cache per layer but the "
                        "last: append the last layer's (LINEAR -> SIGMOID) cache too",
                        lambda s, t: s.value[:-1])],
    "W": [Relation("W", "not updated", _NOT_UPDATED, _not_updated),
          Relation("W", "drawn (n_prev, n)", "is drawn as randn(n_prev, n) where the course "
                   "draws randn(n, n_prev): W[l] has shape (layer_dims[l], layer_dims[l-1])",
                   lambda s, t: None if ("layer_dims", None) not in t.known else np.reshape(
                       s.value, np.shape(s.value)[::-1])),
          *(Relation("W", what, words, _redraw(key)) for key, what, words in _INIT)],
    "b": [Relation("b", "not updated", _NOT_UPDATED, _not_updated)],
    "model": [Relation("model", what, words, _model(key)) for key, what, words in _MODEL],
}


def catalog(symbol: str) -> list[Relation]:
    """The catalog's relations at a step named `symbol`, tried first."""
    return [Relation(r.symbol, r.what, r.words, r.make, 0) for r in CATALOG.get(symbol, [])]
