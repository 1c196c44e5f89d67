"""The course's ops: the L-layer network's LINEAR, RELU, SIGMOID and the cross-entropy cost.

Gradients here are dJ/d(value), J the mean cost: the 1/m of the course's equations (8) and (9)
enters once, in the cost's backward, and reaches dW and db through the products.

    >>> import numpy as np, tinygraph as tg
    >>> W = tg.parameter(np.ones((1, 2)), name="W1", layer=1)
    >>> X = tg.tensor(np.ones((2, 3)), name="X")
    >>> Z1 = add_bias(matmul(W, X), tg.parameter(np.zeros((1, 1)), name="b1"))
    >>> Z1.name, Z1.role, W.role, X.role
    ('Z1', 'pre-activation', 'weight', 'input')
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import InputError, ShapeError
from .._fast import product
from ..tensor import BIAS, COST, INPUT, LABELS, LINEAR, OUTPUT, PRE_ACTIVATION, WEIGHT, Tensor
from ..validate import as_array
from .contract import Op, operands, two_dimensional, where


def _is_parameter(x: Tensor) -> bool:
    return x.op is None and x.requires_grad


class MatMul(Op):
    """W @ A_prev, the product in Z[l] = W[l] A[l-1] + b[l]   # (4)"""

    name = "matmul"
    symbol, title = "@", "LINEAR"
    formulas = ("{dx0} = {dout} @ {x1.T}   # (8)", "{dx1} = {x0.T} @ {dout}   # (10)")

    @staticmethod
    def forward(W: np.ndarray, A_prev: np.ndarray) -> tuple[np.ndarray, dict]:
        Z = product(W, A_prev)  # W @ A_prev, in the memory order BLAS does fastest
        return Z, {"W": W, "A_prev": A_prev}

    @staticmethod
    def backward(dZ: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        W, A_prev = saved["W"], saved["A_prev"]
        dW = np.dot(dZ, A_prev.T) if needs[0] else None  # (8), the 1/m already inside dZ
        dA_prev = np.dot(W.T, dZ) if needs[1] else None  # (10)
        return dW, dA_prev

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        W, A = inputs
        two_dimensional(cls, W, layer)
        two_dimensional(cls, A, layer)
        if W.shape[1] != A.shape[0]:
            rows = (f"; columns are examples: {A.name or 'X'}.T?"  # the network's X, as rows
                    if A.role == INPUT and A.layer == 0 and A.shape[1] == W.shape[1] else "")
            raise ShapeError(f"matmul{where(layer)}: {W.name or 'W'} has shape {W.shape} but "
                             f"{A.name or 'A'} has shape {A.shape}{rows}")

    @classmethod
    def mark_roles(cls, node: Tensor) -> None:
        """A parameter times A[l-1] is the LINEAR part of layer l: the parameter is W[l], and a
        data leaf it multiplies is the network's input, X = A[l-1]."""
        W, A = node.inputs
        if not _is_parameter(W):
            return
        node.role = LINEAR
        W.role = W.role or WEIGHT
        if A.op is None and not A.requires_grad and A.role is None:
            A.role = INPUT
            if A.layer is None and W.layer is not None:
                A.layer = W.layer - 1


class AddBias(Op):
    """Z + b, with b (n, 1) broadcast over the m columns: the "+ b[l]" of (4).

    `W1 @ X + b1` records this op when b1 is an (n, 1) parameter, so the course's Z[l] is the
    same node whether it is written with operators or built by `Network`.
    """

    name = "add_bias"
    symbol, title = "+", "LINEAR"
    role = PRE_ACTIVATION
    formulas = ("{dx0} = {dout}", "{dx1} = np.sum({dout}, axis=1, keepdims=True)   # (9)")

    @staticmethod
    def forward(Z: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, dict]:
        return Z + b, {}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return dout, dout.sum(axis=1, keepdims=True)  # (9)

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        Z, b = inputs
        two_dimensional(cls, Z, layer)
        if b.value.ndim != 2 or b.shape != (Z.shape[0], 1):
            raise ShapeError(f"add_bias{where(layer)}: {b.name or 'b'} has shape {b.shape} but "
                             f"{Z.name or 'Z'} has shape {Z.shape}; b must be "
                             f"({Z.shape[0]}, 1)")

    @classmethod
    def mark_roles(cls, node: Tensor) -> None:
        node.role = PRE_ACTIVATION
        b = node.inputs[1]
        if _is_parameter(b):
            b.role = b.role or BIAS

    @classmethod
    def default_name(cls, node: Tensor) -> str:
        """`Z2` in layer 2: the course's name of W2 @ A1 + b2."""
        if node.layer is not None:
            return f"Z{node.layer}"
        return super().default_name(node)


class Relu(Op):
    """A = max(0, Z)"""

    name = "relu"
    activation = True
    formulas = ("{dx0} = {dout} * ({x0} > 0)   # (11), g'(Z) = 1 where Z > 0, else 0",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, dict]:
        A = np.maximum(Z, 0.0)
        # A, not Z: A > 0 exactly where Z > 0, and A is kept anyway (the next layer's A_prev),
        # so Z can go as soon as A is made (docs/performance.md, "What a plan keeps")
        return A, {"A": A}

    @staticmethod
    def backward(dA: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        A = saved["A"]
        return (np.where(A > 0, dA, 0.0),)  # (11): dZ = 0 where Z <= 0, i.e. where A is 0


class Sigmoid(Op):
    """A = 1 / (1 + exp(-Z))"""

    name = "sigmoid"
    activation = True
    formulas = ("{dx0} = {dout} * {out} * (1 - {out})   # (11), g'(Z) = s (1 - s)",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, dict]:
        with np.errstate(over="ignore"):  # exp(800) is inf and 1/inf is the right 0
            A = 1 / (1 + np.exp(-Z))
        return A, {"A": A}

    @staticmethod
    def backward(dA: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        A = saved["A"]
        return (dA * A * (1 - A),)  # (11)


def _times_log(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Y log(P), with 0 log(0) = 0: a label that is exactly 0 adds nothing to (7), even where
    P is 0 (the course's code gives nan there, from 0 * -inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(Y == 0, 0.0, Y * np.log(P))


def _over(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Y / P, with 0 / 0 = 0: the derivative of a term (7) that is not there."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(Y == 0, 0.0, Y / P)


class _Cost(Op):
    """A cost of predictions AL against labels Y: one number for the batch, in no layer.

    Its formulas are written for dJ/dJ = 1, as a cost is where the walk starts."""

    in_layer = False  # drawn below the network
    role = COST

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        AL, Y = inputs[:2]
        if Y.shape != AL.shape:
            flat = (f"; write {Y.name or 'Y'}.reshape(1, -1)"
                    if Y.value.ndim == 1 and Y.value.size == AL.value.size else "")
            raise ShapeError(f"{cls.name}{where(layer)}: {AL.name or 'AL'} has shape {AL.shape} "
                             f"but {Y.name or 'Y'} has shape {Y.shape}{flat}")

    @classmethod
    def mark_roles(cls, node: Tensor) -> None:
        """The cost's predictions are the network's output AL = A[L]; its labels are Y."""
        node.role = COST
        AL, Y = node.inputs[:2]
        AL.role = OUTPUT
        Y.role = Y.role or LABELS


class CrossEntropy(_Cost):
    """J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL))   # (7), from probabilities AL."""

    name = "cross_entropy"
    formulas = ("{dx0} = -({x1} / {x0} - (1 - {x1}) / (1 - {x0})) / {m}", "")

    @staticmethod
    def forward(AL: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, dict]:
        m = Y.shape[1]
        # log(0) = -inf where a label meets a sure mistake: the true cost; 0 log 0 = 0.
        # (0.0 - x rather than -x: a cost of 0 reads 0.0, not -0.0.)
        J = 0.0 - (_times_log(Y, AL) + _times_log(1 - Y, 1 - AL)).sum() / m  # (7)
        return np.asarray(J, dtype=AL.dtype), {"AL": AL, "Y": Y}

    @staticmethod
    def backward(dJ: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        AL, Y = saved["AL"], saved["Y"]
        m = Y.shape[1]
        scale = dJ / m  # dJ/dJ = 1 in the graph; the course's per-example dAL uses m / m = 1
        return -(_over(Y, AL) - _over(1 - Y, 1 - AL)) * scale, None


class SigmoidCrossEntropy(_Cost):
    """The cost (7) of AL = sigmoid(Z), computed from Z so it stays finite when AL is 0 or 1.

    Inputs are (AL, Y, Z): AL is drawn as the cost's input, as the course draws it, but the
    gradient goes straight to Z: dZ = (AL - Y) / m, the course's dAL * AL * (1 - AL) with the
    AL (1 - AL) cancelled. When Z = 800, AL rounds to 1.0 and dAL is inf; dZ is still exact.

    Exact to a few ulps, not just finite. With softplus(z) = log(1 + e^z):
    -log(AL) = softplus(-Z) and -log(1 - AL) = softplus(Z), so each example costs
    Y softplus(-Z) + (1 - Y) softplus(Z), a sum of terms >= 0 for labels in [0, 1]: nothing
    cancels (log(1 + e^Z) - Y Z loses every digit when Y = 1 and Z = 30). Likewise
    AL - Y = (1 - Y) sigmoid(Z) - Y sigmoid(-Z): -sigmoid(-Z) when Y = 1, never 1 - AL.
    """

    name = "cross_entropy"
    formulas = ("", "", "{dx2} = ({x0} - {x1}) / {m}   # dAL * AL * (1 - AL), simplified")
    edge_labels = {2: "stable:\ncost from\nZ[L]"}  # drawn dashed: why Z[L] feeds the cost
    bypass = (0, 2)  # AL is drawn as the cost's input, its gradient goes to Z[L]

    @staticmethod
    def forward(AL: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, dict]:
        m = Y.shape[1]
        # softplus(Z) = log(1 + e^-|Z|) + max(Z, 0) and softplus(-Z) = log(1 + e^-|Z|) +
        # max(Z, 0) - Z: every part >= 0 and exact to an ulp (max(Z, 0) - Z is 0 or -Z exactly).
        e = np.exp(-np.abs(Z))  # <= 1: never overflows
        Z_plus = np.maximum(Z, 0)
        J = (np.log1p(e) + Y * (Z_plus - Z) + (1 - Y) * Z_plus).sum() / m  # (7)
        return np.asarray(J, dtype=Z.dtype), {"Y": Y, "e": e, "positive": Z >= 0}

    @staticmethod
    def backward(dJ: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        Y, e = saved["Y"], saved["e"]
        m = Y.shape[1]
        # AL - Y = (1 - Y) sigmoid(Z) - Y sigmoid(-Z), where sigmoid(|Z|) = 1 / (1 + e) and
        # sigmoid(-|Z|) = e / (1 + e): neither is 1 minus something close to 1, so at Y = 1
        # it is -sigmoid(-Z), exact, never 1 - AL.
        dZ = np.where(saved["positive"], (1 - Y) - Y * e, (1 - Y) * e - Y) / (1 + e)
        return None, None, dZ * (dJ / m)


def check_labels(Y: Tensor) -> None:
    """Labels are probabilities of label 1: 0 and 1, or soft labels in between (label
    smoothing uses them). The cost's formulas hold for any real Y, and the course's code
    takes any finite labels: `cross_entropy(..., any_labels=True)` skips this check."""
    if not ((Y.value >= 0) & (Y.value <= 1)).all():
        bad = Y.value[(Y.value < 0) | (Y.value > 1)]
        raise InputError(f"cross_entropy: labels {Y.name or 'Y'} must be in [0, 1] (0 or 1, "
                         f"or a soft label in between), found {np.unique(bad)[:5].tolist()}")


def matmul(W: Tensor, A_prev: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """W @ A_prev as a node, e.g. `matmul(W1, X)`; shapes (n_l, n_prev) @ (n_prev, m).
    An array on either side becomes a data leaf in the other's dtype (see `operands`)."""
    return MatMul.apply(*operands(W, A_prev), name=name, layer=layer)


def add_bias(Z: Tensor, b: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """Z + b with b of shape (n, 1) added to each of the m columns."""
    return AddBias.apply(Z, b, name=name, layer=layer)


def relu(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """max(0, Z), elementwise."""
    return Relu.apply(Z, name=name, layer=layer)


def sigmoid(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """1 / (1 + exp(-Z)), elementwise."""
    return Sigmoid.apply(Z, name=name, layer=layer)


def cross_entropy(AL: Tensor, Y: Any, *, name: str = "cost", stable: bool = True,
                  any_labels: bool = False) -> Tensor:
    """The mean binary cross-entropy J (7) of predictions AL against labels Y in [0, 1].

    When AL was made by `sigmoid` and `stable` is true, J is computed from the sigmoid's Z
    (see `SigmoidCrossEntropy`); with `stable=False` the walk follows the course step by step:
    dAL, then the sigmoid's (11). Labels may be soft (any value in [0, 1]);
    `any_labels=True` takes any finite Y, as the course's code does (the notebook's models).

        >>> Z = tg.parameter([[0.0, 50.0]], name="Z1"); AL = tg.sigmoid(Z, name="AL")
        >>> float(tg.cross_entropy(AL, [[1, 0]]).value)   # finite although AL[1] == 1.0
        25.34657359027...
    """
    labels = Y.value if isinstance(Y, Tensor) else as_array(Y, "Y")
    if isinstance(AL, Tensor) and labels.dtype != AL.dtype:
        # Labels in the predictions' dtype (0 and 1 are exact in any float) keep a float32
        # network float32 (int64 labels would make dZ[L], and then dZ1 @ X.T, float64).
        labels = labels.astype(AL.dtype)
    if not isinstance(Y, Tensor) or labels is not Y.value:
        Y = Tensor(labels, name=Y.name if isinstance(Y, Tensor) else "Y")
    if not any_labels:
        check_labels(Y)
    if stable and isinstance(AL, Tensor) and AL.op is Sigmoid:
        return SigmoidCrossEntropy.apply(AL, Y, AL.inputs[0], name=name)
    if isinstance(AL, Tensor) and np.any((AL.value < 0) | (AL.value > 1)):
        raise InputError(f"cross_entropy: {AL.name or 'AL'} must hold probabilities in "
                         "[0, 1]; apply sigmoid first")
    return CrossEntropy.apply(AL, Y, name=name)
