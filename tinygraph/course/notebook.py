"""The course's functions, with the course's names, signatures, caches and return values.

"Building your Deep Neural Network: Step by Step" writes these by hand; here each one builds
the little graph it describes and runs the graph's op rules (`tinygraph.ops`), so the
formulas exist once. Each function calls
the others through this module, so a learner can swap any one for their own version:

    >>> import numpy as np
    >>> from tinygraph import notebook as nb
    >>> np.random.seed(1)
    >>> A, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    >>> Z, linear_cache = nb.linear_forward(A, W, b)
    >>> Z
    array([[ 3.26295337, -1.23429987]])

Conventions, as in the course: `dZ`, `dA` are per example (column i is dL(i)/dZ(i)), so
`dW = dZ A_prev.T / m` (8) and `db = sum(dZ) / m` (9) take the mean over the m examples.
The backward functions take whatever caches they are given: they do not assume the numbers
came from a forward pass they saw. Labels may be any finite numbers, as in the course's code
(its own tests train on `np.random.randn` labels); where the course's code gives nan only
from 0 * log(0) (AL exactly 0 or 1, and the matching label), the term is 0, its true value.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import numpy as np

from ..engine import ops
from ..engine.autograd import backward, rule
from ..engine.tensor import BIAS, INPUT, LABELS, PRE_ACTIVATION, WEIGHT, Tensor
from ..engine.validate import as_array
from ..errors import InputError, ShapeError
from ..models.fit import RECORD_EVERY
from ..models.nn import Network, initial_parameters, input_leaf
from ..models.optim import GradientDescent
from ..models.predict import decide, label_row

Cache = tuple


def initialize_parameters(n_x: int, n_h: int, n_y: int) -> dict[str, np.ndarray]:
    """Two-layer parameters: `np.random.seed(1)`, W = randn * 0.01, b = 0.

        >>> initialize_parameters(3, 2, 1)["W1"]
        array([[ 0.01624345, -0.00611756, -0.00528172],
               [-0.01072969,  0.00865408, -0.02301539]])
    """
    np.random.seed(1)
    return initial_parameters([n_x, n_h, n_y], "two_layer", randn=np.random.randn)


def initialize_parameters_deep(layer_dims: list[int]) -> dict[str, np.ndarray]:
    """L-layer parameters: `np.random.seed(3)`, W[l] = randn(n_l, n_prev) * 0.01, b[l] = 0."""
    np.random.seed(3)
    return initial_parameters(layer_dims, "deep", randn=np.random.randn)


def _leaf(value: Any, name: str, role: str | None = None) -> Tensor:
    """A checked leaf (finite numbers) of a forward function's graph."""
    return Tensor(as_array(value, name), name=name, role=role)


def _parameter(value: Any, name: str, role: str | None = None) -> Tensor:
    """A leaf of a backward function's graph, whose gradient the function returns. Its numbers
    are taken as they come: a learner's cache may hold anything."""
    return Tensor(np.asarray(value), name=name, role=role, requires_grad=True)


def linear_forward(A: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, Cache]:
    """Z = W A + b (4); the cache is `(A, W, b)`."""
    Z = ops.add_bias(ops.matmul(_leaf(W, "W", WEIGHT), _leaf(A, "A_prev", INPUT)),
                     _leaf(b, "b", BIAS))
    return Z.value, (A, W, b)


def sigmoid(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A = 1 / (1 + exp(-Z)); the cache is Z."""
    return ops.sigmoid(_leaf(Z, "Z", PRE_ACTIVATION)).value, Z


def relu(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A = max(0, Z); the cache is Z."""
    return ops.relu(_leaf(Z, "Z", PRE_ACTIVATION)).value, Z


_ACTIVATIONS = ("sigmoid", "relu")


def _check_activation(activation: str) -> None:
    if activation not in _ACTIVATIONS:
        raise InputError(f"activation must be 'sigmoid' or 'relu', not {activation!r}")


def linear_activation_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray,
                              activation: str) -> tuple[np.ndarray, Cache]:
    """A = g(W A_prev + b); the cache is `(linear_cache, activation_cache)`."""
    _check_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X: np.ndarray, parameters: dict[str, np.ndarray]) -> tuple[np.ndarray, list]:
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID; returns `(AL, caches)`, one per layer."""
    caches = []
    A = X
    L = check_parameters("L_model_forward", parameters)
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        _check_layer(l, A, W, b)
        A, cache = linear_activation_forward(A, W, b, "relu" if l < L else "sigmoid")
        caches.append(cache)
    return A, caches


_KEY = re.compile(r"([Wb])([1-9][0-9]*)$")


def check_parameters(function: str, parameters: dict[str, Any]) -> int:
    """L, once `parameters` holds exactly W1, b1, ..., WL, bL; else an error naming what is
    missing (a missing b2 would make the course's `len(parameters) // 2` skip a layer)."""
    if not isinstance(parameters, dict):
        raise InputError(f"{function}: parameters must be a dictionary {{'W1': ..., 'b1': ...}}"
                         f", not {type(parameters).__name__}")
    layers = [int(m.group(2)) for m in map(_KEY.match, map(str, parameters)) if m]
    L = max(layers, default=0)
    expected = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    problems = []
    if missing := [key for key in expected if key not in parameters]:
        problems.append(f"missing {', '.join(missing)}")
    if unknown := [repr(key) for key in parameters if key not in expected]:
        problems.append(f"unexpected {', '.join(unknown)}")
    if L == 0:
        problems.append("no W1")
    if problems:
        have = ", ".join(map(str, parameters)) or "no keys"
        raise InputError(f"{function}: parameters have {have} ({'; '.join(problems)})"
                         "; expected W1, b1, ..., WL, bL")
    return L


def _check_layer(l: int, A_prev: Any, W: Any, b: Any) -> None:
    """Name the layer in a shape error, e.g. `matmul in layer 2: W2 has shape ...`."""
    A_name = "X" if l == 1 else f"A{l - 1}"
    inputs = (Tensor(np.asarray(W), name=f"W{l}"), Tensor(np.asarray(A_prev), name=A_name))
    ops.MatMul.check_shapes(inputs, l)
    WA = Tensor(np.empty((inputs[0].shape[0], inputs[1].shape[1])), name=f"W{l}@{A_name}")
    ops.AddBias.check_shapes((WA, Tensor(np.asarray(b), name=f"b{l}")), l)


def compute_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    """J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)) (7), squeezed to a number.

    Any finite labels, as the course's code; a term with label 0 adds 0, even at AL = 1:

        >>> float(compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]])))
        0.0
    """
    AL, Y = as_array(AL, "AL"), as_array(Y, "Y")
    _same_shape("compute_cost", AL, "AL", Y, "Y")
    if AL.ndim != 2:
        raise ShapeError(f"compute_cost: AL has shape {AL.shape}; expected (1, m)")
    if np.any((AL < 0) | (AL > 1)):
        raise InputError(f"compute_cost: AL must hold probabilities in [0, 1] (the sigmoid's "
                         f"output), found {np.unique(AL[(AL < 0) | (AL > 1)])[:5].tolist()}")
    cost = ops.CrossEntropy.apply(Tensor(AL, name="AL"), Tensor(Y, name="Y", role=LABELS))  # (7)
    return np.squeeze(cost.value)


def _same_shape(what: str, a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    if a.shape != b.shape:
        raise ShapeError(f"{what}: {a_name} has shape {a.shape} but {b_name} has shape "
                         f"{b.shape}; they must match")


def sigmoid_backward(dA: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """dZ = dA * s * (1 - s), s = sigmoid(Z) (11); the cache is Z."""
    dA, Z = np.asarray(dA), np.asarray(cache)
    _same_shape("sigmoid_backward", dA, "dA", Z, "Z (the cache)")
    (dZ,) = rule(ops.sigmoid(_parameter(Z, "Z", PRE_ACTIVATION)), dA)  # (11)
    return dZ


def relu_backward(dA: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """dZ = dA where Z > 0, else 0 (11); the cache is Z."""
    dA, Z = np.asarray(dA), np.asarray(cache)
    _same_shape("relu_backward", dA, "dA", Z, "Z (the cache)")
    (dZ,) = rule(ops.relu(_parameter(Z, "Z", PRE_ACTIVATION)), dA)  # (11)
    return dZ


def linear_backward(dZ: np.ndarray, cache: Cache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(dA_prev, dW, db)` from dZ and the cache `(A_prev, W, b)`: (8), (9), (10)."""
    A_prev, W, b = (np.asarray(x) for x in cache)
    dZ = np.asarray(dZ)
    if dZ.shape[0] != W.shape[0] or dZ.shape[1:] != A_prev.shape[1:]:
        raise ShapeError(f"linear_backward: dZ has shape {dZ.shape} but W has shape {W.shape} "
                         f"and A_prev has shape {A_prev.shape}; dZ must be "
                         f"({W.shape[0]}, {A_prev.shape[-1]})")
    m = A_prev.shape[1]
    WA = ops.matmul(_parameter(W, "W", WEIGHT), _parameter(A_prev, "A_prev", INPUT))
    # (9) reads dZ alone, not b: a learner's b of another shape ((n,), say) changes nothing.
    Z = ops.add_bias(WA, _parameter(np.zeros((W.shape[0], 1), dZ.dtype), "b", BIAS))
    dWA, db = rule(Z, dZ)  # (9)
    dW, dA_prev = rule(WA, dWA)  # (8), (10)
    # The course's dZ is per example, so the graph's sums over examples become means here.
    return dA_prev, dW / m, db / m


def linear_activation_backward(dA: np.ndarray, cache: Cache,
                               activation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(dA_prev, dW, db)` for one LINEAR -> ACTIVATION layer."""
    _check_activation(activation)
    linear_cache, activation_cache = cache
    if activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        dZ = relu_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL: np.ndarray, Y: np.ndarray, caches: list) -> dict[str, np.ndarray]:
    """The course's `grads`: `dA0..dA{L-1}`, `dW1..dWL`, `db1..dbL`."""
    grads = {}
    L = len(caches)
    if L == 0:
        raise InputError("L_model_backward: caches is empty; pass the list L_model_forward "
                         "returned, one cache per layer")
    AL, Y = as_array(AL, "AL"), as_array(Y, "Y")
    if AL.ndim != 2 or Y.size != AL.size:
        raise ShapeError(f"L_model_backward: AL has shape {AL.shape} but Y has shape {Y.shape};"
                         f" both must be (1, m)")
    Y = Y.reshape(AL.shape)  # as the course: Y may come as (m,) or (m, 1)
    grads[f"dA{L}"] = _dAL(AL, Y)
    for l in reversed(range(1, L + 1)):
        try:
            dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                grads[f"dA{l}"], caches[l - 1], "sigmoid" if l == L else "relu")
        except (ShapeError, InputError) as error:
            raise type(error)(f"L_model_backward, layer {l} (caches[{l - 1}]): "
                              f"{error}") from None
        grads[f"dA{l - 1}"] = dA_prev
    del grads[f"dA{L}"]  # the course's grads has no dAL
    return grads


def _dAL(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The course's dAL = -(Y/AL - (1 - Y)/(1 - AL)), per example: m * dJ/dAL, the cost's rule
    with dJ = m. AL may hold anything a learner's cache holds (even numbers outside [0, 1])."""
    cost = ops.CrossEntropy.apply(_parameter(AL, "AL"), Tensor(Y, name="Y", role=LABELS))
    with np.errstate(all="ignore"):
        (dAL, _) = rule(cost, np.asarray(AL.shape[1], dtype=AL.dtype))
    return dAL


def update_parameters(parameters: dict[str, np.ndarray], grads: dict[str, np.ndarray],
                      learning_rate: float) -> dict[str, np.ndarray]:
    """W[l] = W[l] - learning_rate * dW[l], same for b; returns new arrays, as the course."""
    check_parameters("update_parameters", parameters)
    for key, value in parameters.items():
        grad = grads.get(f"d{key}")
        if grad is None:
            raise InputError(f"update_parameters: grads has no d{key} for parameters['{key}'] "
                             f"(layer {key[1:]}); it has {', '.join(map(str, grads))}")
        if np.shape(grad) != np.shape(value):
            raise ShapeError(f"update_parameters, layer {key[1:]}: grads['d{key}'] has shape "
                             f"{np.shape(grad)} but parameters['{key}'] has shape "
                             f"{np.shape(value)}; they must match")
    parameters = copy.deepcopy(parameters)
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads[f"d{key}"]
    return parameters


# ------------------------------------------------ "Deep Neural Network - Application"

def two_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims: tuple[int, int, int],
                    learning_rate: float = 0.0075, num_iterations: int = 3000,
                    print_cost: bool = False) -> tuple[dict[str, np.ndarray], list[float]]:
    """LINEAR -> RELU -> LINEAR -> SIGMOID, trained by gradient descent on the graph.

    Returns `(parameters, costs)`, the course's list: a cost at each i % 100 == 0 (with
    `print_cost`, the course also prints the last iteration's; it does not record it).

        >>> parameters, costs = two_layer_model(train_x, train_y, (12288, 7, 1),
        ...                                     num_iterations=2500)      # doctest: +SKIP
        >>> costs[0], costs[-1]                                           # doctest: +SKIP
        (0.693049735659989, 0.04421498215868956)
    """
    if len(layers_dims) != 3:
        raise InputError(f"two_layer_model needs layers_dims (n_x, n_h, n_y), got "
                         f"{tuple(layers_dims)}; use L_layer_model for more layers")
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost)


def app_initialize_parameters_deep(layers_dims: list[int]) -> dict[str, np.ndarray]:
    """The Application notebook's own `initialize_parameters_deep`: `np.random.seed(1)`,
    W[l] = randn(n_l, n_prev) / sqrt(n_prev), b[l] = 0 (the Step-by-Step one multiplies by
    0.01 and seeds 3)."""
    np.random.seed(1)
    return initial_parameters(layers_dims, "app", randn=np.random.randn)


def L_layer_model(X: np.ndarray, Y: np.ndarray, layers_dims: list[int],
                  learning_rate: float = 0.0075, num_iterations: int = 3000,
                  print_cost: bool = False) -> tuple[dict[str, np.ndarray], list[float]]:
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, trained by gradient descent on the graph.

    Initialised as the Application notebook's own `initialize_parameters_deep` does:
    `np.random.seed(1)`, W[l] = randn(n_l, n_prev) / sqrt(n_prev), b[l] = 0. Returns
    `(parameters, costs)`, a cost at each i % 100 == 0, as the course's list.

        >>> parameters, costs = L_layer_model(train_x, train_y, [12288, 20, 7, 5, 1],
        ...                                   num_iterations=2500)        # doctest: +SKIP
        >>> costs[0], costs[-1]                                           # doctest: +SKIP
        (0.7717493284237686, 0.08843994344170202)
    """
    parameters = app_initialize_parameters_deep(layers_dims)
    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost)


def _train(X: np.ndarray, Y: np.ndarray, parameters: dict[str, np.ndarray],
           learning_rate: float, num_iterations: int,
           print_cost: bool) -> tuple[dict[str, np.ndarray], list[float]]:
    """The course's loop, with the graph doing forward, cost and the backward walk.

    `train.fit` is the same loop with more (mini-batches, a float32 network, a progress bar,
    the last iteration in its history); this one keeps the course's labels and `costs` list.
    """
    net = Network.from_values(parameters)
    X = input_leaf(X, net.dtype)
    Y = as_array(Y, "Y")
    if Y.ndim != 2 or Y.shape != (1, X.shape[1]):
        raise ShapeError(f"Y has shape {Y.shape} but X has shape {X.shape}; Y must be "
                         f"(1, {X.shape[1]}), one label per column of X")
    Y = Tensor(Y.astype(X.value.dtype, copy=False), name="Y")
    update = GradientDescent(net, learning_rate)  # update_parameters, in place
    costs = []
    for i in range(num_iterations):
        cost = ops.cross_entropy(net.forward(X), Y, any_labels=True)  # (7), before the update
        backward(cost)
        update.step()
        if print_cost and (i % RECORD_EVERY == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {float(cost.value)}")
        if i % RECORD_EVERY == 0:
            costs.append(float(cost.value))
    return net.values(), costs


def predict(X: np.ndarray, y: np.ndarray, parameters: dict[str, np.ndarray]) -> np.ndarray:
    """1 where AL > 0.5, else 0, shape (1, m); prints the accuracy, as the course does.

        >>> p = predict(test_x, test_y, parameters)      # doctest: +SKIP
        Accuracy: 0.8
    """
    probas, _ = L_model_forward(X, parameters)
    m = probas.shape[1]
    y = label_row(y, m, "predict")
    p = decide(probas)
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
