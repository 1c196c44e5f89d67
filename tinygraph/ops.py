"""The operations: each a class with `forward` and `backward`, every derivative written once.

An op's `forward(*values)` returns `(value, saved)`, where `saved` is only what `backward`
needs. `backward(dout, saved, needs)` turns the gradient of the op's output into one gradient
per input, computing only those where `needs[i]` is true (no `dA0` when `X` needs none).
`formulas` say the same thing as text, one line per input, for the debugger and the docs.

Gradients here are dJ/d(value), J the mean cost: the 1/m of the course's equations (8) and (9)
enters once, in `cross_entropy`'s backward, and reaches dW and db through the products.

    >>> import numpy as np, tinygraph as tg
    >>> W = tg.parameter(np.ones((1, 2)), name="W1", layer=1)
    >>> X = tg.tensor(np.ones((2, 3)), name="X")
    >>> tg.matmul(W, X).value
    array([[2., 2., 2.]])

To add your own op, subclass `Op` (see docs/debugging.md, "Write your own op", and
`tinygraph/contrib.py`).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from .errors import InputError, ShapeError
from .hooks import active as _hooks  # what debugging tools installed (detect_anomaly), if any
from .tensor import Tensor, as_array


class Op:
    """One differentiable operation. Subclasses set `name`, `formulas`, `forward`, `backward`.

    In `formulas`, `{x0}`, `{x1}` stand for the inputs' names, `{dx0}` for their gradients,
    `{out}` and `{dout}` for the output and its gradient.
    """

    name: ClassVar[str] = "op"
    formulas: ClassVar[tuple[str, ...]] = ()

    @staticmethod
    def forward(*values: np.ndarray) -> tuple[np.ndarray, tuple]:
        raise NotImplementedError

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        raise NotImplementedError

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        """Raise a ShapeError naming the op, layer and shapes when the inputs do not fit."""

    @classmethod
    def apply(cls, *inputs: Any, name: str = "", layer: int | None = None) -> Tensor:
        """Run forward and record a node that remembers its inputs.

            >>> Relu.apply(tg.tensor([[-1.0, 2.0]], name="Z1")).value  # doctest: +SKIP
            array([[0., 2.]])
        """
        # Lists, not generators, here: this runs for every node of every graph, and starting a
        # generator costs more than passing the two or three inputs through it.
        inputs = tuple([x if isinstance(x, Tensor) else Tensor(as_array(x)) for x in inputs])
        if layer is None:
            layer = max([x.layer for x in inputs if x.layer is not None], default=None)
        cls.check(inputs, layer)
        value, saved = cls.forward(*[x.value for x in inputs])
        requires_grad = any([x.requires_grad for x in inputs])
        node = Tensor(value, op=cls, inputs=inputs, saved=saved if requires_grad else (),
                      name=name or default_name(cls, inputs), layer=layer,
                      requires_grad=requires_grad)
        hooks = _hooks.get()
        if hooks is not None:  # a debugging tool looks at each new node, e.g. detect_anomaly
            hooks.after_forward(node)
        return node


def default_name(op: type[Op], inputs: tuple[Tensor, ...]) -> str:
    """`relu(Z1)`, `W1@X`: short names for nodes the user did not name."""
    names = [x.name or "?" for x in inputs]
    if any(len(n) > 12 for n in names):
        return op.name
    if op is MatMul:
        return "@".join(names)
    if op is AddBias:
        return "+".join(names)
    return f"{op.name}({', '.join(names)})"


def where(layer: int | None) -> str:
    return "" if layer is None else f" in layer {layer}"


def _two_dimensional(op: type[Op], x: Tensor, layer: int | None) -> None:
    if x.value.ndim != 2:
        raise ShapeError(f"{op.name}{where(layer)}: {x.name or 'input'} has shape {x.shape}; "
                         "tinygraph works on 2-D arrays (features, examples)")


# Terms per entry of W @ A_prev (A_prev's rows) from which an F-ordered A_prev is multiplied
# in the transposed order (see MatMul.forward): the course's first layer has 12,288.
LONG_PRODUCT = 1024


class MatMul(Op):
    """W @ A_prev, the product in Z[l] = W[l] A[l-1] + b[l]   # (4)"""

    name = "matmul"
    formulas = ("{dx0} = {dout} @ {x1}.T   # (8)", "{dx1} = {x0}.T @ {dout}   # (10)")

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        W, A = inputs
        _two_dimensional(cls, W, layer)
        _two_dimensional(cls, A, layer)
        if W.shape[1] != A.shape[0]:
            raise ShapeError(f"matmul{where(layer)}: {W.name or 'W'} has shape {W.shape} but "
                             f"{A.name or 'A'} has shape {A.shape}")

    @staticmethod
    def forward(W: np.ndarray, A_prev: np.ndarray) -> tuple[np.ndarray, tuple]:
        if (A_prev.shape[0] >= LONG_PRODUCT and A_prev.flags.f_contiguous
                and not A_prev.flags.c_contiguous):
            # The course's X is F-ordered (the transpose of a C array of examples). For such an
            # A_prev, OpenBLAS computes the same product faster as (A_prev.T W.T).T: the
            # course's W1 X took 0.82x the time in float64 and 0.57x in float32 on the bench
            # machine (docs/performance.md). Only for long products: for short ones both
            # orders cost the same, and the F-ordered Z this gives would slow every later small
            # product (4.1 us against 2.9 us for 32x32 by 32x64).
            return (A_prev.T @ W.T).T, (W, A_prev)
        return W @ A_prev, (W, A_prev)

    @staticmethod
    def backward(dZ: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        W, A_prev = saved
        dW = dZ @ A_prev.T if needs[0] else None  # (8), the 1/m already inside dZ
        dA_prev = W.T @ dZ if needs[1] else None  # (10)
        return dW, dA_prev


class AddBias(Op):
    """Z + b, with b (n, 1) broadcast over the m columns: the "+ b[l]" of (4)."""

    name = "add_bias"
    formulas = ("{dx0} = {dout}", "{dx1} = sum({dout}, axis=1)   # (9)")

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        Z, b = inputs
        _two_dimensional(cls, Z, layer)
        if b.value.ndim != 2 or b.shape != (Z.shape[0], 1):
            raise ShapeError(f"add_bias{where(layer)}: {b.name or 'b'} has shape {b.shape} but "
                             f"{Z.name or 'Z'} has shape {Z.shape}; b must be "
                             f"({Z.shape[0]}, 1)")

    @staticmethod
    def forward(Z: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
        return Z + b, ()

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        dZ = dout if needs[0] else None
        db = dout.sum(axis=1, keepdims=True) if needs[1] else None  # (9)
        return dZ, db


class Relu(Op):
    """A = max(0, Z)"""

    name = "relu"
    formulas = ("{dx0} = {dout} * ({x0} > 0)   # (11), g'(Z) = 1 where Z > 0, else 0",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        return np.maximum(Z, 0), (Z,)

    @staticmethod
    def backward(dA: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (Z,) = saved
        return (np.where(Z > 0, dA, 0) if needs[0] else None,)  # (11): dZ = 0 where Z <= 0


class Sigmoid(Op):
    """A = 1 / (1 + exp(-Z))"""

    name = "sigmoid"
    formulas = ("{dx0} = {dout} * {out} * (1 - {out})   # (11), g'(Z) = s (1 - s)",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        with np.errstate(over="ignore"):  # exp(800) is inf and 1/inf is the right 0
            A = 1 / (1 + np.exp(-Z))
        return A, (A,)

    @staticmethod
    def backward(dA: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (A,) = saved
        return (dA * A * (1 - A) if needs[0] else None,)  # (11)


def check_label_shape(Y: Tensor, AL: Tensor, op: type[Op], layer: int | None) -> None:
    if Y.shape != AL.shape:
        raise ShapeError(f"{op.name}{where(layer)}: {AL.name or 'AL'} has shape {AL.shape} but "
                         f"{Y.name or 'Y'} has shape {Y.shape}")


def check_labels(Y: Tensor, op: type[Op]) -> None:
    """Labels are probabilities of label 1: 0 and 1, or soft labels in between (label
    smoothing uses them). The cost's formulas hold for any real Y, and the course's code
    takes any finite labels: `cross_entropy(..., any_labels=True)` skips this check."""
    if not ((Y.value >= 0) & (Y.value <= 1)).all():
        bad = Y.value[(Y.value < 0) | (Y.value > 1)]
        raise InputError(f"{op.name}: labels {Y.name or 'Y'} must be in [0, 1] (0 or 1, or a "
                         f"soft label in between), found {np.unique(bad)[:5].tolist()}")


def _times_log(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Y log(P), with 0 log(0) = 0: a label that is exactly 0 adds nothing to (7), even where
    P is 0 (the course's code gives nan there, from 0 * -inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(Y == 0, 0.0, Y * np.log(P))


def _over(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Y / P, with 0 / 0 = 0: the derivative of a term (7) that is not there."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(Y == 0, 0.0, Y / P)


class CrossEntropy(Op):
    """J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL))   # (7), from probabilities AL."""

    name = "cross_entropy"
    formulas = ("{dx0} = -(Y / {x0} - (1 - Y) / (1 - {x0})) / m",)

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        AL, Y = inputs
        check_label_shape(Y, AL, cls, layer)
        if np.any((AL.value < 0) | (AL.value > 1)):
            raise InputError(f"cross_entropy: {AL.name or 'AL'} must hold probabilities in "
                             "[0, 1]; apply sigmoid first")

    @staticmethod
    def forward(AL: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, tuple]:
        m = Y.shape[1]
        # log(0) = -inf where a label meets a sure mistake: the true cost; 0 log 0 = 0.
        # (0.0 - x rather than -x: a cost of 0 reads 0.0, not -0.0.)
        J = 0.0 - (_times_log(Y, AL) + _times_log(1 - Y, 1 - AL)).sum() / m  # (7)
        return np.asarray(J, dtype=AL.dtype), (AL, Y)

    @staticmethod
    def backward(dJ: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        AL, Y = saved
        m = Y.shape[1]
        scale = dJ / m  # dJ/dJ = 1 in the graph; the course's per-example dAL uses m / m = 1
        dAL = -(_over(Y, AL) - _over(1 - Y, 1 - AL)) * scale if needs[0] else None
        return dAL, None


def _softplus_parts(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """log(1 + e^-|Z|), max(Z, 0) and max(-Z, 0): softplus(Z) is the first plus the second,
    softplus(-Z) the first plus the third. Each part is >= 0 and exact to an ulp or two."""
    return np.log1p(np.exp(-np.abs(Z))), np.maximum(Z, 0), np.maximum(-Z, 0)


def _sigmoids(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sigmoid(Z) and sigmoid(-Z) = 1 - sigmoid(Z), each from e^-|Z| <= 1, so neither is
    ever computed as 1 minus something close to 1."""
    e = np.exp(-np.abs(Z))
    big, small = 1 / (1 + e), e / (1 + e)
    positive = Z >= 0
    return np.where(positive, big, small), np.where(positive, small, big)


class SigmoidCrossEntropy(Op):
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
    formulas = ("", "", "{dx2} = ({x0} - {x1}) / m   # dAL * AL * (1 - AL), simplified")

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        AL, Y, _ = inputs
        check_label_shape(Y, AL, cls, layer)

    @staticmethod
    def forward(AL: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        m = Y.shape[1]
        log_term, Z_plus, Z_minus = _softplus_parts(Z)
        J = (log_term + Y * Z_minus + (1 - Y) * Z_plus).sum() / m  # (7)
        return np.asarray(J, dtype=Z.dtype), (Y, Z)

    @staticmethod
    def backward(dJ: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        Y, Z = saved
        m = Y.shape[1]
        if not needs[2]:
            return None, None, None
        s, s_minus = _sigmoids(Z)
        dZ = ((1 - Y) * s - Y * s_minus) * (dJ / m)  # AL - Y, written without cancelling
        return None, None, dZ


def matmul(W: Tensor, A_prev: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """W @ A_prev as a node, e.g. `matmul(W1, X)`; shapes (n_l, n_prev) @ (n_prev, m)."""
    return MatMul.apply(W, A_prev, name=name, layer=layer)


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
        check_labels(Y, CrossEntropy)
    if stable and isinstance(AL, Tensor) and AL.op is Sigmoid:
        cost = SigmoidCrossEntropy.apply(AL, Y, AL.inputs[0], name=name)
    else:
        cost = CrossEntropy.apply(AL, Y, name=name)
    cost.layer = None  # the cost belongs to no layer: it is drawn below the network
    return cost
