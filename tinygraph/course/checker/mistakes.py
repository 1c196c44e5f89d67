"""The mistakes learners make in the course's functions, each as the wrong output it gives.

A mistake is recognised by what it computes, never by reading the learner's code: each entry
makes the course's function with that one mistake in it (`mutant(name, key)`), and a learner's
function that gives the mutant's numbers on every case, or raises where it raises, has made
it. Written inline or through a helper, the numbers are the same:

    >>> dZ, cache = np.ones((2, 3)), (np.ones((4, 3)), np.ones((2, 4)), np.ones((2, 1)))
    >>> mutant("linear_backward", "db_without_1/m")(dZ, cache)[2]
    array([[3.],
           [3.]])

Everything that is not the mistake is the reference's own code (tinygraph.notebook): these
are deliberately wrong variants, and the right formulas stay in the ops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from ...models.fit import RECORD_EVERY
from ...models.nn import initial_parameters
from .. import notebook as nb
from ..notebook import app_initialize_parameters_deep


@dataclass(frozen=True)
class Mistake:
    key: str
    hint: str


_ENTRIES = [
    # linear backward (8), (9), (10)
    Mistake("dW_without_1/m", "dW is missing its 1/m: dW = (1/m) dZ A_prev.T (8)."),
    Mistake("db_without_1/m", "db is missing its 1/m: db = (1/m) sum of dZ over the examples "
            "(9)."),
    Mistake("db_axis_0", "db is summed over axis 0 (the units) instead of axis 1 (the "
            "examples): db = (1/m) np.sum(dZ, axis=1, keepdims=True) (9)."),
    Mistake("db_without_keepdims", "db lost its second dimension: sum with keepdims=True so "
            "db has b's shape (n, 1) (9)."),
    Mistake("db_sum_all", "db sums every entry of dZ into one number: sum over axis 1 only, "
            "with keepdims=True (9)."),
    # activation backward (11)
    Mistake("relu_mask_inverted", "relu backward has its mask on the wrong side: dZ = dA where "
            "Z > 0 and 0 where Z <= 0 (11)."),
    Mistake("relu_mask_on_dA", "relu backward masks with dA's sign instead of Z's: dZ = 0 "
            "where Z <= 0, whatever dA is (11)."),
    Mistake("relu_times_A", "relu backward multiplies dA by A = relu(Z) instead of by "
            "g'(Z) = 1 where Z > 0, else 0 (11)."),
    Mistake("sigmoid_on_Z", "sigmoid backward uses Z where s = sigmoid(Z) is meant: "
            "dZ = dA * s * (1 - s) (11)."),
    Mistake("activations_swapped", "sigmoid and relu are swapped: activation=\"sigmoid\" "
            "means sigmoid going forward and its derivative g'(Z) going back (11)."),
    Mistake("dA_prev_from_dA", "dA_prev is computed from dA instead of dZ: dA_prev = W.T dZ "
            "(10)."),
    # L_model_backward
    Mistake("dAL_sign", "dAL has the wrong sign: dAL = -(Y/AL - (1 - Y)/(1 - AL)), the "
            "derivative of the cost (7) with respect to AL."),
    Mistake("dAL_parentheses", "dAL's minus sign covers only the first term: dAL = "
            "-(Y/AL - (1 - Y)/(1 - AL)), with the parentheses."),
    Mistake("cache_index_L", "the last layer's cache is caches[L - 1]: caches holds L "
            "entries, numbered from 0."),
    Mistake("caches_off_by_one", "caches are indexed off by one: layer l's cache is "
            "caches[l - 1] (caches[0] is layer 1's)."),
    Mistake("dA_keys_shifted", "grads[\"dA\" + str(l)] is the gradient of A[l]: layer l's "
            "dA_prev goes in grads[\"dA\" + str(l - 1)], so the keys run dA0 .. dA{L-1}."),
    Mistake("last_layer_relu", "the last layer uses relu where the course has sigmoid: "
            "[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID."),
    Mistake("layers_swapped", "sigmoid and relu are swapped: relu in layers 1 to L-1, "
            "sigmoid in layer L only."),
    # forward (4)
    Mistake("no_bias", "Z is missing its b: Z = W A_prev + b (4)."),
    Mistake("last_cache_missing", "caches holds one cache per layer: append the last "
            "layer's (LINEAR -> SIGMOID) cache too."),
    Mistake("L_not_halved", "L counts the parameters, not the layers: L = len(parameters) "
            "// 2, as parameters holds a W and a b per layer."),
    # cost (7)
    Mistake("cost_without_minus", "the cost is missing its minus sign: J = -(1/m) sum(Y "
            "log(AL) + (1 - Y) log(1 - AL)) (7)."),
    Mistake("cost_without_1/m", "the cost is missing its 1/m: J = -(1/m) sum(...) (7)."),
    Mistake("cost_outer_product", "np.dot(Y.T, np.log(AL)) multiplies every example with every "
            "other: use element-wise Y * np.log(AL), or np.dot(Y, np.log(AL).T) (7)."),
    Mistake("cost_dot_shapes", "np.dot(Y, np.log(AL)) cannot multiply two (1, m) arrays: use "
            "element-wise Y * np.log(AL), or np.dot(Y, np.log(AL).T) (7)."),
    # the Application's models
    Mistake("costs_every_iteration", "costs gets one entry when i % 100 == 0, not one every "
            "iteration: the course's tests compare the list whole."),
    Mistake("stale_parameters", "W1, b1, W2, b2 are not read back from parameters after "
            "update_parameters, so every forward pass uses the first weights."),
    Mistake("fixed_learning_rate", "the model ignores its learning_rate argument: pass "
            "learning_rate on to update_parameters."),
    # update (16), (17)
    Mistake("update_adds", "the update adds the gradient: W = W - learning_rate * dW (16), "
            "b = b - learning_rate * db (17)."),
]
_ENTRIES += [Mistake(f"seed_{seed}", f"the parameters are drawn after np.random.seed({seed}); "
                     "the course's numbers need its seed, set once at the top of the function.")
             for seed in range(11)]
_SCALES = {"scale_1": "W = np.random.randn(...) without the * 0.01",
           "scale_0.1": "W = np.random.randn(...) * 0.1, not * 0.01",
           "scale_sqrt": "W = randn(...) / sqrt(n_prev), the Application's recipe, not * 0.01",
           "scale_he": "W = randn(...) * sqrt(2 / n_prev) (He), not * 0.01"}
_ENTRIES += [Mistake(key, f"the weights are drawn as {text}.") for key, text in
             _SCALES.items()]
_ENTRIES += [Mistake("app_recipe", "these are the Application's weights (seed 1, W = randn(...) "
                     "/ sqrt(n_prev)); Step by Step's use np.random.seed(3) and * 0.01."),
             Mistake("W_transposed", "W[l] has shape (layer_dims[l], layer_dims[l-1]): "
                     "randn(n_l, n_prev), not randn(n_prev, n_l)."),
             Mistake("b_flat", "b[l] has shape (layer_dims[l], 1): np.zeros((n, 1)), not "
                     "np.zeros(n).")]
CATALOG = {m.key: m for m in _ENTRIES}

_LINEAR = ["dW_without_1/m", "db_without_1/m", "db_axis_0", "db_without_keepdims",
           "db_sum_all"]
_RELU = ["relu_mask_inverted", "relu_mask_on_dA", "relu_times_A"]
_ACTIVATION = [*_RELU, "sigmoid_on_Z", "activations_swapped", "dA_prev_from_dA"]
_INIT = ["app_recipe", "W_transposed", "b_flat", *_SCALES,
         *(f"seed_{s}" for s in range(11))]


# ---------------------------------------------------------------- backward, with one mistake

def _dZ(dA: np.ndarray, Z: np.ndarray, activation: str, wrong: str) -> np.ndarray:
    if activation == "relu":
        if wrong == "relu_mask_inverted":
            return dA - nb.relu_backward(dA, Z)
        if wrong == "relu_mask_on_dA":
            return nb.relu_backward(dA, dA)
        if wrong == "relu_times_A":
            return dA * nb.relu(Z)[0]
        return nb.relu_backward(dA, Z)
    if wrong == "sigmoid_on_Z":  # the rule (11), dA * s * (1 - s), given Z where s belongs
        return dA * Z * (1 - Z)
    return nb.sigmoid_backward(dA, Z)


def _linear_backward(dZ: np.ndarray, cache: tuple, wrong: str = "") -> tuple:
    dA_prev, dW, db = nb.linear_backward(dZ, cache)
    m = np.shape(cache[0])[1]
    if wrong == "dW_without_1/m":
        dW = dW * m
    elif wrong == "db_without_1/m":
        db = db * m
    elif wrong == "db_axis_0":
        db = np.sum(dZ, axis=0, keepdims=True) / m
    elif wrong == "db_without_keepdims":
        db = db[:, 0]
    elif wrong == "db_sum_all":
        db = np.sum(db)  # the m-mean of every entry of dZ, one number
    return dA_prev, dW, db


def _linear_activation_backward(dA: np.ndarray, cache: tuple, activation: str,
                                wrong: str = "") -> tuple:
    linear_cache, Z = cache
    if wrong == "activations_swapped":
        activation = "relu" if activation == "sigmoid" else "sigmoid"
    dA_prev, dW, db = _linear_backward(_dZ(dA, Z, activation, wrong), linear_cache, wrong)
    if wrong == "dA_prev_from_dA":
        dA_prev = nb.linear_backward(dA, linear_cache)[0]  # the rule (10) fed dA, not dZ
    return dA_prev, dW, db


def _L_model_backward(AL: np.ndarray, Y: np.ndarray, caches: list, wrong: str = "") -> dict:
    grads = {}
    L = len(caches)
    AL = np.asarray(AL)
    Y = np.asarray(Y).reshape(AL.shape)
    dAL = _dAL(AL, Y, wrong)
    if wrong == "dAL_parentheses":
        dAL = -Y / AL - (1 - Y) / (1 - AL)
    last = "relu" if wrong in ("last_layer_relu", "layers_swapped") else "sigmoid"
    hidden = "sigmoid" if wrong == "layers_swapped" else "relu"
    cache = caches[L] if wrong == "cache_index_L" else caches[L - 1]
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = _linear_activation_backward(
        dAL, cache, last, wrong)
    for l in reversed(range(1, L)):
        cache = caches[l] if wrong == "caches_off_by_one" else caches[l - 1]
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = _linear_activation_backward(
            grads[f"dA{l}"], cache, hidden, wrong)
    if wrong == "dA_keys_shifted":
        grads = {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v
                 for k, v in grads.items()}
    return grads


# ----------------------------------------------------------------- forward, with one mistake

def _linear_forward(A: np.ndarray, W: np.ndarray, b: np.ndarray, wrong: str = "") -> tuple:
    Z, cache = nb.linear_forward(A, W, b)
    return (Z - b if wrong == "no_bias" else Z), cache


def _linear_activation_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray,
                               activation: str, wrong: str = "") -> tuple:
    if wrong == "activations_swapped":
        activation = "relu" if activation == "sigmoid" else "sigmoid"
    Z, linear_cache = _linear_forward(A_prev, W, b, wrong)
    A, Z = nb.sigmoid(Z) if activation == "sigmoid" else nb.relu(Z)
    return A, (linear_cache, Z)


def _L_model_forward(X: np.ndarray, parameters: dict, wrong: str = "") -> tuple:
    caches = []
    A = X
    L = len(parameters) if wrong == "L_not_halved" else len(parameters) // 2
    last = "relu" if wrong in ("last_layer_relu", "layers_swapped") else "sigmoid"
    hidden = "sigmoid" if wrong == "layers_swapped" else "relu"
    for l in range(1, L + 1):
        A, cache = _linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                              hidden if l < L else last, wrong)
        caches.append(cache)
    return A, caches[:-1] if wrong == "last_cache_missing" else caches


def _compute_cost(AL: np.ndarray, Y: np.ndarray, wrong: str = "") -> float:
    AL, Y = np.asarray(AL), np.asarray(Y)
    m = Y.shape[1]
    if wrong == "cost_outer_product":
        return np.squeeze(-np.sum(np.dot(Y.T, np.log(AL)) + np.dot((1 - Y).T, np.log(1 - AL)))
                          / m)
    if wrong == "cost_dot_shapes":
        return np.squeeze(-(np.dot(Y, np.log(AL)) + np.dot(1 - Y, np.log(1 - AL))) / m)
    cost = nb.compute_cost(AL, Y)
    if wrong == "cost_without_minus":
        return -cost
    return cost * m if wrong == "cost_without_1/m" else cost


def _update_parameters(parameters: dict, grads: dict, learning_rate: float,
                       wrong: str = "") -> dict:
    return nb.update_parameters(parameters, grads, -learning_rate if wrong == "update_adds"
                                else learning_rate)


def _init(layer_dims: list[int], seed: int, wrong: str) -> dict:
    """The reference's draw (seed 1 or 3, randn * 0.01: nn.INITS) with one mistake made."""
    if wrong == "app_recipe":
        return initial_parameters(layer_dims, "app")
    recipe = {"scale_sqrt": "app", "scale_he": "he"}.get(wrong, "deep")
    seed = int(wrong[5:]) if wrong.startswith("seed_") else seed
    parameters = initial_parameters(layer_dims, recipe, seed=seed)
    times = {"scale_1": 100.0, "scale_0.1": 10.0}.get(wrong, 1.0)  # randn * 0.01 * 100 = randn
    for key, value in parameters.items():
        if key[0] == "W":
            # randn(n_prev, n) draws the same numbers in the same order as randn(n, n_prev)
            parameters[key] = (value.reshape(value.shape[::-1]) if wrong == "W_transposed"
                               else value * times)
        elif wrong == "b_flat":
            parameters[key] = value.reshape(-1)
    return parameters


def _initialize_parameters(n_x: int, n_h: int, n_y: int, wrong: str = "") -> dict:
    return _init([n_x, n_h, n_y], 1, wrong)


def _initialize_parameters_deep(layer_dims: list[int], wrong: str = "") -> dict:
    return _init(layer_dims, 3, wrong)


# ------------------------------------------------------ the Application's models, one mistake

def _dAL(AL: np.ndarray, Y: np.ndarray, wrong: str) -> np.ndarray:
    dAL = nb._dAL(AL, Y.reshape(AL.shape))
    return -dAL if wrong == "dAL_sign" else dAL


def _costs(costs: list, i: int, cost: float, wrong: str) -> None:
    if i % RECORD_EVERY == 0 or wrong == "costs_every_iteration":
        costs.append(cost)


def _two_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims: tuple,
                     learning_rate: float = 0.0075, num_iterations: int = 3000,
                     print_cost: bool = False, wrong: str = "") -> tuple:
    if wrong == "fixed_learning_rate":
        learning_rate = 0.0075
    parameters = nb.initialize_parameters(*layers_dims)
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    costs = []
    for i in range(num_iterations):
        A1, cache1 = nb.linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = nb.linear_activation_forward(A1, W2, b2, "sigmoid")
        _costs(costs, i, nb.compute_cost(A2, Y), wrong)
        dA1, dW2, db2 = nb.linear_activation_backward(_dAL(A2, Y, wrong), cache2, "sigmoid")
        _, dW1, db1 = nb.linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = nb.update_parameters(parameters, grads, learning_rate)
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
        AL, caches = nb.L_model_forward(X, parameters)
        _costs(costs, i, nb.compute_cost(AL, Y), wrong)
        grads = _L_model_backward(AL, Y, caches, wrong)
        parameters = nb.update_parameters(parameters, grads, learning_rate)
    return parameters, costs


# name -> (the function with a mistake in it, the mistakes it can make, in the order tried)
_MUTANTS: dict[str, tuple[Callable, list[str]]] = {
    "linear_backward": (_linear_backward, _LINEAR),
    "linear_activation_backward": (_linear_activation_backward, [*_ACTIVATION, *_LINEAR]),
    "L_model_backward": (_L_model_backward, [
        "cache_index_L", "caches_off_by_one", "dA_keys_shifted", "dAL_sign", "dAL_parentheses",
        "last_layer_relu", "layers_swapped", *_ACTIVATION[:-2], "dA_prev_from_dA", *_LINEAR]),
    "relu_backward": (lambda dA, Z, wrong: _dZ(dA, Z, "relu", wrong), _RELU),
    "sigmoid_backward": (lambda dA, Z, wrong: _dZ(dA, Z, "sigmoid", wrong), ["sigmoid_on_Z"]),
    "linear_forward": (_linear_forward, ["no_bias"]),
    "linear_activation_forward": (_linear_activation_forward,
                                  ["activations_swapped", "no_bias"]),
    "L_model_forward": (_L_model_forward, ["L_not_halved", "last_cache_missing",
                                           "last_layer_relu", "layers_swapped", "no_bias"]),
    "compute_cost": (_compute_cost, ["cost_without_minus", "cost_without_1/m",
                                     "cost_outer_product", "cost_dot_shapes"]),
    "update_parameters": (_update_parameters, ["update_adds"]),
    "two_layer_model": (_two_layer_model, ["costs_every_iteration", "stale_parameters",
                                           "fixed_learning_rate", "dAL_sign"]),
    "L_layer_model": (_L_layer_model, ["costs_every_iteration", "fixed_learning_rate",
                                       "dAL_sign"]),
    "initialize_parameters": (_initialize_parameters,
                              [k for k in _INIT if k not in ("seed_1", "app_recipe")]),
    "initialize_parameters_deep": (_initialize_parameters_deep,
                                   [k for k in _INIT if k != "seed_3"]),
}


def mistakes(name: str) -> list[Mistake]:
    """The catalog's mistakes that `name` can make, in the order they are tried."""
    return [CATALOG[key] for key in _MUTANTS.get(name, (None, []))[1]]


def mutant(name: str, key: str) -> Callable:
    """The course's `name` with mistake `key` made in it, same signature."""
    function, keys = _MUTANTS[name]
    if key not in keys:
        raise KeyError(f"{name} has no catalogued mistake {key!r}")
    return partial(function, wrong=key)
