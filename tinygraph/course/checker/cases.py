"""The inputs each course function is checked on: the course's own, then random shapes.

The course's test inputs come first (the numbers a learner sees in the notebook); then
networks of 1 to 5 layers with m from 1 to 64. Backward functions get caches drawn at random,
not made by a forward pass, as the course's own tests do: Z need not be W A_prev + b.

    >>> [case.label for case in cases("linear_backward")][:2]
    ["the course's test case", 'random: 1 layer, m = 1']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Case:
    label: str
    args: tuple
    kwargs: dict[str, Any] = field(default_factory=dict)
    # A case made as the course's notebook chains the functions, which its test cases do not
    # reach: what it holds that they lack, said with any difference found on it.
    chained: str | None = None


# (layers, m) of the random cases: one example, a full 64, a 5-layer network.
SHAPES = [(1, 1), (2, 64), (3, 7), (5, 23)]
COURSE = "the course's test case"


def _randn(seed: int, *shapes: tuple[int, ...]) -> list[np.ndarray]:
    """The course's way: `np.random.seed(seed)` then `randn` for each shape, in order."""
    state = np.random.RandomState(seed)
    return [state.randn(*shape) for shape in shapes]


def _widths(rng: np.random.Generator, layers: int) -> list[int]:
    """n_1 .. n_L of an L-layer network: hidden widths 1 to 6, one output unit."""
    return [int(n) for n in rng.integers(1, 7, size=layers - 1)] + [1]


def _label(layers: int, m: int) -> str:
    return f"random: {layers} layer{'s' * (layers > 1)}, m = {m}"


def _random_cache(rng: np.random.Generator, n_prev: int, n: int, m: int) -> tuple:
    """((A_prev, W, b), Z), every array drawn on its own: Z is not W A_prev + b."""
    A_prev, W, b, Z = (rng.normal(size=s) for s in ((n_prev, m), (n, n_prev), (n, 1), (n, m)))
    return (A_prev, W, b), Z


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    Y = rng.integers(0, 2, size=(1, m))
    Y[0, 0] = 1 - Y[0, -1] if m > 1 else Y[0, 0]  # both classes, where there is room
    return Y


def _params(rng: np.random.Generator, dims: list[int]) -> dict[str, np.ndarray]:
    return {key: rng.normal(size=(dims[l], dims[l - 1]) if key[0] == "W" else (dims[l], 1))
            for l in range(1, len(dims)) for key in (f"W{l}", f"b{l}")}


def _course(name: str) -> list[Case]:
    """The inputs of the course's notebook and its testCases (COURSE.md lists the numbers)."""
    if name == "initialize_parameters":
        return [Case(COURSE, (3, 2, 1))]
    if name == "initialize_parameters_deep":
        return [Case(COURSE, ([5, 4, 3],))]
    if name == "linear_forward":
        return [Case(COURSE, tuple(_randn(1, (3, 2), (1, 3), (1, 1))))]
    if name == "linear_activation_forward":
        A_prev, W, b = _randn(2, (3, 2), (1, 3), (1, 1))
        return [Case(f"{COURSE} ({g})", (A_prev, W, b, g)) for g in ("sigmoid", "relu")]
    if name == "L_model_forward":
        X, W1, b1, W2, b2, W3, b3 = _randn(6, (5, 4), (4, 5), (4, 1), (3, 4), (3, 1), (1, 3),
                                           (1, 1))
        return [Case(COURSE, (X, {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3,
                                  "b3": b3}))]
    if name == "compute_cost":
        return [Case(COURSE, (np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])))]
    if name == "linear_backward":
        dZ, A_prev, W, b = _randn(1, (3, 4), (5, 4), (3, 5), (3, 1))
        return [Case(COURSE, (dZ, (A_prev, W, b)))]
    if name == "linear_activation_backward":
        dA, A, W, b, Z = _randn(2, (1, 2), (3, 2), (1, 3), (1, 1), (1, 2))
        return [Case(f"{COURSE} ({g})", (dA, ((A, W, b), Z), g)) for g in ("sigmoid", "relu")]
    if name == "L_model_backward":
        AL, A1, W1, b1, Z1, A2, W2, b2, Z2 = _randn(
            3, (1, 2), (4, 2), (3, 4), (3, 1), (3, 2), (3, 2), (1, 3), (1, 1), (1, 2))
        caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))
        return [Case(COURSE, (AL, np.array([[1, 0]]), caches))]
    if name == "update_parameters":
        W1, b1, W2, b2 = _randn(2, (3, 4), (3, 1), (1, 3), (1, 1))
        dW1, db1, dW2, db2 = _randn(3, (3, 4), (3, 1), (1, 3), (1, 1))
        return [Case(COURSE, ({"W1": W1, "b1": b1, "W2": W2, "b2": b2},
                              {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, 0.1))]
    return []


def _random(name: str, rng: np.random.Generator, layers: int, m: int) -> list[Case]:
    label = _label(layers, m)
    dims = [int(rng.integers(1, 7))] + _widths(rng, layers)
    if name == "initialize_parameters":
        sizes = tuple(int(n) for n in rng.integers(1, 9, size=3))
        return [Case(f"random: (n_x, n_h, n_y) = {sizes}", sizes)]
    if name == "initialize_parameters_deep":
        return [Case(f"random: layer_dims = {dims}", (dims,))]
    n_prev, n = int(rng.integers(1, 7)), int(rng.integers(1, 7))
    if name == "linear_forward":
        return [Case(label, tuple(rng.normal(size=s) for s in ((n_prev, m), (n, n_prev),
                                                                (n, 1))))] if layers < 4 else []
    if name == "linear_activation_forward":
        A_prev, W, b = (rng.normal(size=s) for s in ((n_prev, m), (n, n_prev), (n, 1)))
        return [Case(f"{label} ({g})", (A_prev, W, b, g)) for g in ("sigmoid", "relu")]
    if name == "L_model_forward":
        return [Case(label, (rng.normal(size=(dims[0], m)), _params(rng, dims)))]
    if name == "compute_cost":
        return [Case(f"random: m = {m}", (rng.uniform(0.01, 0.99, size=(1, m)),
                                          _labels(rng, m)))]
    if name == "linear_backward":
        linear_cache, _ = _random_cache(rng, n_prev, n, m)
        return [Case(label, (rng.normal(size=(n, m)), linear_cache))]
    if name == "linear_activation_backward":
        cache = _random_cache(rng, n_prev, n, m)
        dA = rng.normal(size=(n, m))
        return [Case(f"{label} ({g})", (dA, cache, g)) for g in ("sigmoid", "relu")]
    if name == "L_model_backward":
        caches = [_random_cache(rng, dims[l - 1], dims[l], m) for l in range(1, len(dims))]
        AL = rng.uniform(0.05, 0.95, size=(1, m))
        return [Case(label, (AL, _labels(rng, m), caches))]
    if name == "update_parameters":
        parameters = _params(rng, dims)
        grads = {f"d{k}": rng.normal(size=v.shape) for k, v in parameters.items()}
        return [Case(label, (parameters, grads, float(rng.choice([0.0075, 0.1, 1.2]))))]
    return []


def _models(name: str, rng: np.random.Generator) -> list[Case]:
    """Small data, few iterations: 101 of them record the costs at i = 0 and i = 100; 102
    end on an iteration that is not a multiple of 100 (a cost appended at the last one too
    shows only there: the course's costs has 2 entries, not 3).

    print_cost=True: older copies of the course record costs only when they print them
    (the output is not shown)."""
    found = []
    for n_x, hidden, m, n in ((6, [4], 20, 101), (9, [5, 3], 40, 102)):
        X = rng.uniform(0, 1, size=(n_x, m))
        Y = _labels(rng, m)
        train = {"learning_rate": 0.5, "num_iterations": n, "print_cost": True}
        if name == "two_layer_model":
            found.append(Case(f"(n_x, n_h, n_y) = {(n_x, hidden[0], 1)}, m = {m}, "
                              f"{n} iterations", (X, Y, (n_x, hidden[0], 1)), train))
        if name == "L_layer_model":
            found.append(Case(f"layers_dims = {[n_x, *hidden, 1]}, m = {m}, {n} iterations",
                              (X, Y, [n_x, *hidden, 1]), train))
        if name == "predict":
            found.append(Case(f"layers_dims = {[n_x, *hidden, 1]}, m = {m}",
                              (X, Y, _params(rng, [n_x, *hidden, 1]))))
    return found


# NumPy's global generator is seeded with this before every run of a learner's function or
# of a changed course program: draws made without the course's seed (or before it) are then
# the same in both, so "np.random.seed(1) left out" is a change like any other. No course
# function uses it (theirs are 1 and 3), so a missing seed never passes for the course's.
DRAWS = 271_828


def draws(seed: int = DRAWS) -> None:
    """Seed NumPy's global generator for one run (see DRAWS); the check puts the learner's
    own generator state back when it ends."""
    np.random.seed(seed)


def cases(name: str) -> list[Case]:
    """Every case `name` is checked on, the course's first; the same on every call."""
    rng = np.random.default_rng(sum(map(ord, name)))  # a fixed seed per function
    if name in ("two_layer_model", "L_layer_model", "predict"):
        return _models(name, rng)
    found = _course(name)
    for layers, m in SHAPES:
        found += _random(name, rng, layers, m)
    return found + _as_the_course_chains(name)


def _as_the_course_chains(name: str) -> list[Case]:
    """Inputs as the course's neighbour makes them: update_parameters gets grads as
    L_model_backward returns them, with dA0 .. dA{L-1} beside dW and db (the course's test
    case has none: a learner's L = len(grads) // 2 is right there, wrong in the model)."""
    if name != "update_parameters":
        return []
    parameters, grads, rate = _course(name)[0].args
    state, m = np.random.RandomState(4), 3
    with_dA = dict(grads)
    for l in range(len(parameters) // 2):  # dA_l has the shape of A_l: (n_l, m)
        with_dA[f"dA{l}"] = state.randn(parameters[f"W{l + 1}"].shape[1], m)
    keys = ", ".join(k for k in with_dA if k.startswith("dA"))
    return [Case("grads as L_model_backward returns them (with dA keys)",
                 (parameters, with_dA, rate),
                 chained=f"the course's L_model_backward returns grads with {keys} beside "
                 f"dW and db (its test case for update_parameters has no dA keys): "
                 f"len(grads) counts them too, and a loop over grads' keys meets them")]


def course_case(name: str) -> Case:
    return cases(name)[0]


def helper_cases(name: str) -> list[Case]:
    """Inputs for a learner's own sigmoid, relu, sigmoid_backward or relu_backward."""
    rng = np.random.default_rng(7)
    found = []
    for layers, m in SHAPES:
        Z = rng.normal(size=(layers, m))
        args: tuple = (Z,) if name in ("sigmoid", "relu") else (rng.normal(size=Z.shape), Z)
        found.append(Case(_label(layers, m).replace("layers", "rows").replace("layer", "row"),
                          args))
    return found

