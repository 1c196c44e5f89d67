"""From `layer_dims` to named parameters and the course's forward graph.

    [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID -> cross-entropy

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([5, 4, 3, 1], init="deep")
    >>> X = tg.tensor(np.random.default_rng(0).normal(size=(5, 10)), name="X")
    >>> cost = net.cost(X, np.ones((1, 10)))
    >>> grads = tg.course_grads(tg.backward(cost))
    >>> sorted(grads)
    ['dA1', 'dA2', 'dW1', 'dW2', 'dW3', 'db1', 'db2', 'db3']

Every node is named in the course's notation and knows its layer: `W1`, `b1`, `W1@X`, `Z1`,
`A1`, ..., `AL`, `cost`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import _replay, validate
from ..engine._fast import fast_layout
from ..engine._provenance import at_user_call, user_line
from ..engine.autograd import NO_GRADIENTS_YET, topological_order
from ..engine.ops import add_bias, check_labels, cross_entropy, matmul, relu, sigmoid, tanh
from ..engine.tensor import (
    ACTIVATION,
    BIAS,
    INPUT,
    LABELS,
    OUTPUT,
    WEIGHT,
    Tensor,
    parameter,
)
from ..errors import InputError, ShapeError


@dataclass(frozen=True)
class Init:
    """One recipe for W[l]: the seed it starts from, and W from randn(n, n_prev) and n_prev."""

    seed: int
    scaled: Callable[[np.ndarray, int], np.ndarray]
    about: str


# How W[l] is drawn: the course's recipes and two common ones, in one table. Each keeps the
# course's own arithmetic (randn / sqrt(n_prev) is not randn * (1 / sqrt(n_prev)) to the bit).
INITS: dict[str, Init] = {
    "two_layer": Init(1, lambda W, n_prev: W * 0.01,
                      "seed 1, randn * 0.01 (SbS initialize_parameters, App two-layer model)"),
    "deep": Init(3, lambda W, n_prev: W * 0.01,
                 "seed 3, randn * 0.01 (SbS initialize_parameters_deep)"),
    "app": Init(1, lambda W, n_prev: W / np.sqrt(n_prev),
                "seed 1, randn / sqrt(n_prev) (App initialize_parameters_deep)"),
    "he": Init(1, lambda W, n_prev: W * np.sqrt(2 / n_prev), "randn * sqrt(2 / n_prev)"),
    "xavier": Init(1, lambda W, n_prev: W / np.sqrt(n_prev), "randn * sqrt(1 / n_prev)"),
}
DTYPES = validate.DTYPES
# Why a network of the course's data (labels cat or non-cat) ends with one unit.
ONE_OUTPUT = "the output is one sigmoid unit (cat or not), so the last size must be 1"
# `course`: the Application notebook's choice for the network's depth (see `init_recipe`).
INIT_CHOICES = ("course", *INITS)


def init_recipe(layer_dims: Sequence[int], init: str) -> str:
    """The `INITS` key for `init`; "course" picks the Application notebook's: the two-layer
    recipe for 3 sizes (seed 1, * 0.01), else "app" (seed 1, / sqrt(n_prev)).

        >>> init_recipe([12288, 7, 1], "course"), init_recipe([12288, 20, 7, 5, 1], "course")
        ('two_layer', 'app')
    """
    if init == "course":
        return "two_layer" if len(layer_dims) == 3 else "app"
    if init not in INITS:
        raise InputError(f"unknown init {init!r}; choose one of {', '.join(INIT_CHOICES)}")
    return init


def initial_parameters(layer_dims: Sequence[int], init: str = "app", seed: int | None = None,
                       *, randn: Any = None, dtype: Any = np.float64) -> dict[str, np.ndarray]:
    """`{"W1": ..., "b1": ..., ...}` drawn as the course draws them.

    The course seeds NumPy's legacy generator; a private `RandomState(seed)` gives the very
    same numbers without touching the global one. Pass `randn=np.random.randn` to draw from
    the global generator instead (the notebook functions do, as the course does).

        >>> initial_parameters([3, 2, 1], "two_layer")["W2"]
        array([[ 0.01744812, -0.00761207]])
    """
    layer_dims = check_layer_dims(layer_dims)
    dtype = check_dtype(dtype)
    recipe = INITS[init_recipe(layer_dims, init)]
    if randn is None:
        check_seed(seed)
        randn = np.random.RandomState(recipe.seed if seed is None else seed).randn
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = recipe.scaled(randn(layer_dims[l], layer_dims[l - 1]), layer_dims[l - 1])
        parameters[f"W{l}"] = W.astype(dtype, copy=False)
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=dtype)
    return parameters


def check_layer_dims(layer_dims: Sequence[int]) -> list[int]:
    """`layer_dims` as ints, or an InputError naming the entry that is not a size."""
    return validate.layer_dims(layer_dims)


check_seed = validate.seed
check_dtype = validate.dtype


def input_leaf(X: Any, dtype: Any = None) -> Tensor:
    """X as the graph's input leaf, the course's A[0]: named "X", layer 0, in `dtype`.

    The one place an X leaf is made (Network, fit, the stepper, the CLI); its role is the
    network's input, whatever it is called. An array is checked
    (numeric, finite, 2-D) and cast once to the network's dtype, so a float32 network stays
    float32 whatever X it is given; a Tensor already in that dtype is used as it is. A long
    C-ordered X (>= 1,024 features) is laid out in F order, as the course's X is: the products
    with it are then as fast whichever order it came in (make the leaf once, as `fit` does).

        >>> input_leaf(np.ones((3, 2)), np.float32)
        Tensor X (3, 2) layer 0
    """
    if isinstance(X, Tensor):
        if dtype is None or X.value.dtype == dtype:
            X.role, X.layer = INPUT, 0
            return X
        X = X.value
    array = validate.as_array(X, "X")
    if array.ndim != 2:
        raise InputError(f"X has shape {array.shape}; expected a 2-D array (features, "
                         "examples), one example per column")
    if dtype is not None:
        array = array.astype(dtype, copy=False)
    return Tensor(fast_layout(array), name="X", role=INPUT, layer=0)


def labels_leaf(Y: Any, dtype: Any) -> Tensor:
    """Y as the cost's labels leaf in `dtype`, as `cross_entropy` makes it (a Tensor already in
    that dtype is used as it is): 0 and 1 are exact in any float, and float32 stays float32."""
    labels = Y.value if isinstance(Y, Tensor) else validate.as_array(Y, "Y")
    if labels.dtype != dtype:
        labels = labels.astype(dtype)
    if isinstance(Y, Tensor) and labels is Y.value:
        Y.role = Y.role or LABELS  # what the cost says of it (so a replay has nothing to say)
        return Y
    return Tensor(labels, name=Y.name if isinstance(Y, Tensor) else "Y", role=LABELS)


def L_layer_graph(X: Tensor, parameters: dict[str, Tensor],
                  activation: Callable[..., Tensor] = relu) -> Tensor:
    """The forward graph, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, ending at AL.

    `activation` replaces relu in the hidden layers, e.g. `tg.tanh` (the planar-data notebook).
    """
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        WA = matmul(W, A, name=f"{W.name}@{A.name}", layer=l)
        Z = add_bias(WA, b, name=f"Z{l}", layer=l)  # (4)
        if l < L:
            A = activation(Z, name=f"A{l}", layer=l)
            A.role = ACTIVATION  # whatever op `activation` is, a learner's own included
        else:
            A = sigmoid(Z, name="AL", layer=l)
            A.role = OUTPUT
    return A


# The engine's activations: their graphs are the same for the same shapes, so they replay (a
# function of one's own may draw a dropout mask or keep state: its graphs are always built).
_REPLAYABLE = (relu, tanh, sigmoid)


class Network:
    """Parameters for `layer_dims` as graph leaves, and the graph that uses them.

    `parameters` maps "W1", "b1", ... to `Tensor`s that need gradients; `values()` gives the
    plain arrays, in the course's dictionary.
    """

    def __init__(self, layer_dims: Sequence[int], init: str = "app", seed: int | None = None,
                 dtype: Any = np.float64) -> None:
        layer_dims = check_layer_dims(layer_dims)
        self._start(as_parameters(initial_parameters(layer_dims, init, seed, dtype=dtype)),
                    layer_dims, init_recipe(layer_dims, init))  # "course": the recipe it chose

    @classmethod
    def from_values(cls, values: dict[str, np.ndarray]) -> Network:
        """A network around existing parameters (a checkpoint, the course's dictionary)."""
        net = cls.__new__(cls)
        parameters = as_parameters(values)
        L = len(values) // 2
        layer_dims = [parameters["W1"].shape[1]] + [
            parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
        net._start(parameters, layer_dims, "given")
        return net

    def _start(self, parameters: dict[str, Tensor], layer_dims: list[int], init: str) -> None:
        """Everything a network holds, set in one place for both ways of making one."""
        self.parameters, self.layer_dims, self.init = parameters, layer_dims, init
        self._plans: dict[tuple, _replay.Plans] = {}  # the graphs it replays (see cost)
        self._labels_checked: tuple[Tensor, int] | None = None  # labels known in [0, 1]

    @property
    def dtype(self) -> np.dtype:
        """The parameters' dtype: X and Y are cast to it, so the whole graph runs in it."""
        return self.parameters["W1"].value.dtype

    @property
    def L(self) -> int:
        return len(self.layer_dims) - 1

    def forward(self, X: Any, *, activation: Callable[..., Tensor] = relu) -> Tensor:
        """AL for the examples in the columns of X (a wrong n_x fails in layer 1's matmul)."""
        return at_user_call(lambda: self._forward(input_leaf(X, self.dtype), activation))

    def cost(self, X: Any, Y: Any, *, stable: bool = True,
             activation: Callable[..., Tensor] = relu) -> Tensor:
        """The cost node J (7) of the whole graph, ready for `backward`.

        From the second call with the same shapes on, the graph is replayed from a plan
        (engine/_replay.py): the same numbers, and the same nodes to anyone who looks."""
        dtype = self.dtype
        return at_user_call(lambda: self._cost(input_leaf(X, dtype), labels_leaf(Y, dtype),
                                               stable, activation))

    def _forward(self, X: Tensor, activation: Callable[..., Tensor]) -> Tensor:
        return self._graph(("forward", activation), (*self.parameters.values(), X),
                           lambda: L_layer_graph(X, self.parameters, activation))

    def unseen_cost(self, X: Tensor, Y: Tensor) -> Tensor:
        """`cost(X, Y)` for a maker that shows its graph to nobody and walks it for the
        parameters' gradients only, as `fit` does: replayed, it keeps only what the
        backward needs (engine/_replay.py); after its backward it has nothing left to show.

            >>> net = Network([3, 2, 1], init="two_layer")
            >>> X, Y = np.ones((3, 4)), np.array([[1.0, 0.0, 1.0, 0.0]])
            >>> costs = [net.unseen_cost(X, Y) for _ in range(2)]  # built, then replayed
            >>> float(costs[1].value) == float(net.cost(X, Y).value)
            True
        """
        dtype = self.dtype
        return self._cost(input_leaf(X, dtype), labels_leaf(Y, dtype), True, relu, unseen=True)

    def _cost(self, X: Tensor, Y: Tensor, stable: bool, activation: Callable[..., Tensor],
              unseen: bool = False) -> Tensor:
        cost = self._graph(("cost", activation, stable), (*self.parameters.values(), X, Y),
                           lambda: cross_entropy(L_layer_graph(X, self.parameters, activation),
                                                 Y, stable=stable), unseen)
        if type(cost) is _replay.Replayed and self._labels_checked != (Y, Y.version):
            check_labels(Y)  # what cross_entropy checks on the full path (its other check,
            # AL in [0, 1], holds for any sigmoid's output); the same labels, unchanged since
            # (fit's full batch, every iteration), need it once
            self._labels_checked = (Y, Y.version)
        return cost

    def _graph(self, key: tuple, leaves: tuple[Tensor, ...], build: Callable[[], Tensor],
               unseen: bool = False) -> Tensor:
        """`build()`, the graph made node by node, the first time for these leaves' shapes; its
        plan replayed after that (engine/_replay.py). An activation of one's own, or a
        debugging tool looking, always takes the full path."""
        if key[1] not in _REPLAYABLE or not _replay.ready():
            return at_user_call(build)
        plans = self._plans.get(key)
        if plans is None:
            plans = self._plans[key] = _replay.Plans()
        plan, signature = plans.find(leaves)
        if plan is not None and plan.replayable:
            return plan.forward(leaves, user_line(), unseen)
        root = at_user_call(build)
        if plan is None:
            plans.record(topological_order(root), leaves, signature)
        return root

    def values(self) -> dict[str, np.ndarray]:
        return {name: p.value for name, p in self.parameters.items()}

    def to_torch(self) -> Any:
        """This network as a `torch.nn.Module` with copies of its weights, batch first:
        `model(torch.from_numpy(X.T))` is AL.T (models/pytorch.py; needs PyTorch).

            >>> net.to_torch()                    # doctest: +SKIP
            Sequential(
              (Z1): Linear(in_features=5, out_features=4, bias=True) ...
        """
        from .pytorch import to_torch  # torch loads only here, and only if it is installed

        return to_torch(self)


def as_parameters(values: dict[str, np.ndarray]) -> dict[str, Tensor]:
    """`{"W1": array}` -> `{"W1": parameter named W1 in layer 1}`; checks the layers chain."""
    parameters = {}
    L = len(values) // 2
    for l in range(1, L + 1):
        for kind in "Wb":
            key = f"{kind}{l}"
            if key not in values:
                raise InputError(f"parameters have no {key}; expected W1, b1, ..., W{L}, b{L}")
            parameters[key] = parameter(values[key], name=key, layer=l,
                                        role=WEIGHT if kind == "W" else BIAS)
            check_dtype(parameters[key].dtype, f"parameter {key}")
    for l in range(2, L + 1):
        W_prev, W = parameters[f"W{l - 1}"], parameters[f"W{l}"]
        if W.shape[1] != W_prev.shape[0]:
            raise ShapeError(f"layer {l}: W{l} has shape {W.shape} but W{l - 1} has shape "
                             f"{W_prev.shape}; W{l} needs {W_prev.shape[0]} columns")
    return parameters


class CourseGrads(dict):
    """The course's `grads` dictionary: a plain dict, shown as a table in Jupyter."""


# The course's key for the gradient of each role: dW1, db1, dA1 (dA0 for X).
_GRAD_KEYS = {WEIGHT: "dW", BIAS: "db", ACTIVATION: "dA", INPUT: "dA"}


def course_grads(root: Tensor) -> CourseGrads:
    """The course's `grads` dictionary, from a graph after `backward`.

    `dW{l}` and `db{l}` are dJ/dW and dJ/db (the nodes' `.grad`). `dA{l}` is the course's
    per-example gradient: column i is dL(i)/dA(i), which is m * dJ/dA (see docs/concepts.md).
    `dA0` is the gradient for X and appears only when X needs a gradient; as in the course,
    there is no dA{L} of the output layer. The keys come from each node's role and layer,
    whatever the nodes are called. Before any backward there are none, and it says so.
    """
    grads = CourseGrads()
    order = topological_order(root)
    if all([node.grad is None for node in order]):
        raise InputError(f"course_grads: {NO_GRADIENTS_YET}")
    L = max([node.layer for node in order if node.role == WEIGHT and node.layer is not None],
            default=None)
    for node in order:
        key = _GRAD_KEYS.get(node.role)
        if node.grad is None or key is None or node.layer is None or (
                key == "dA" and node.layer == L):
            continue
        grad = node.grad * node.shape[1] if key == "dA" else node.grad
        grads[f"{key}{node.layer}"] = grad
    return grads
