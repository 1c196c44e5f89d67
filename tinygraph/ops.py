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

The operators on Tensor record the ops of the second half of this file: `W1 @ X + b1` is
matmul then add_bias (the course's Z1), `1 - AL` is sub, `(W1 ** 2).sum()` is power then sum
(docs/expressions.md). With a cost written as (7), `-(Y * AL.log() + ...).sum() / m`, the 1/m
enters through that division instead. An op with constants (sum's axis, power's k, dropout's
keep_prob) is a subclass made once per constant by `Op.fixed`.

    >>> (W @ X + 1).sum().item()
    9.0

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

    How a node is named and drawn comes from these class attributes too, so a learner's own op
    is named and drawn like the shipped ones: `symbol` writes an unnamed node between its
    inputs' names (`W1@X`, `A1*D1`), `title` is the op's word in a layer's box ("LINEAR"; by
    default its name in capitals), and `activation` names the output A[l] of an input Z[l].
    """

    name: ClassVar[str] = "op"
    formulas: ClassVar[tuple[str, ...]] = ()
    symbol: ClassVar[str] = ""
    title: ClassVar[str] = ""
    activation: ClassVar[bool] = False
    # Inputs drawn with a dashed edge and this label, e.g. the stable cost's Z[L].
    edge_labels: ClassVar[dict[int, str]] = {}
    # (drawn, sent): input `drawn` is drawn as an input but its gradient goes to input `sent`.
    bypass: ClassVar[tuple[int, int] | None] = None
    # A node is in the deepest layer of its inputs; False for one number of the whole batch
    # (a cost), which belongs to no layer and is drawn below the network.
    in_layer: ClassVar[bool] = True

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
    def default_name(cls, inputs: tuple[Tensor, ...]) -> str:
        """`relu(Z1)`, `W1@X`, `A1` (an activation of Z1): names for nodes the user did not name;
        the op's bare name when an input's name is long (a drawing's box stays narrow)."""
        # (Plain loops and string tests, no regex: operators name every node they make.)
        names = [x.name or "?" for x in inputs]
        return cls.name if max([len(n) for n in names]) > 12 else cls.label(names)

    @classmethod
    def label(cls, names: list[str]) -> str:
        """The name of a node made from inputs of these (short) names; ops override it."""
        if len(names) == 1 and cls.activation and names[0][0] == "Z" and names[0][1:].isdigit():
            return "A" + names[0][1:]  # the course's A[l] = g(Z[l])
        if len(names) == 2 and cls.symbol:
            a, b = names
            return f"{_operand(a, cls.symbol)}{cls.symbol}{_operand(b, cls.symbol, True)}"
        return f"{cls.name}({', '.join(names)})"

    @classmethod
    def fixed(cls, **constants: Any) -> type[Op]:
        """This op with constants set, e.g. `Sum.fixed(axis=1, keepdims=True)`.

        A subclass, made once per set of constants: a node's op alone says how to run its
        forward again (gradcheck does), and `{axis}` in `formulas` reads the constant.

            >>> Power.fixed(k=2).apply(tg.tensor([[3.0]])).value
            array([[9.]])
        """
        key = (cls, tuple(sorted(constants.items())))
        made = _FIXED.get(key)
        if made is None:
            text = ", ".join(f"{k}={v!r}" for k, v in constants.items())
            formulas = tuple(_with_constants(f, constants) for f in cls.formulas)
            made = type(f"{cls.__name__}({text})", (cls,),
                        {**constants, "formulas": formulas, "__doc__": cls.__doc__,
                         "__module__": cls.__module__, "__qualname__": cls.__qualname__})
            _FIXED[key] = made
        return made

    @classmethod
    def apply(cls, *inputs: Any, name: str = "", layer: int | None = None) -> Tensor:
        """Run forward and record a node that remembers its inputs.

            >>> Relu.apply(tg.tensor([[-1.0, 2.0]], name="Z1")).value  # doctest: +SKIP
            array([[0., 2.]])
        """
        # Lists, not generators, here: this runs for every node of every graph, and starting a
        # generator costs more than passing the two or three inputs through it.
        inputs = tuple([x if isinstance(x, Tensor) else Tensor(as_array(x)) for x in inputs])
        if layer is None and cls.in_layer:  # the inputs' deepest (a plain loop: the quickest)
            for x in inputs:
                if x.layer is not None and (layer is None or x.layer > layer):
                    layer = x.layer
        cls.check(inputs, layer)
        value, saved = cls.forward(*[x.value for x in inputs])
        if type(value) is not np.ndarray:  # NumPy gives a scalar for 0-d arithmetic (a cost)
            value = np.asarray(value)
        requires_grad = any([x.requires_grad for x in inputs])
        node = Tensor(value, op=cls, inputs=inputs, saved=saved if requires_grad else (),
                      name=name or cls.default_name(inputs), layer=layer,
                      requires_grad=requires_grad)
        hooks = _hooks.get()
        if hooks is not None:  # a debugging tool looks at each new node, e.g. detect_anomaly
            hooks.after_forward(node)
        return node


_FIXED: dict[tuple, type[Op]] = {}


# How tightly each operator binds, as in Python: names of nodes keep the formula's meaning.
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "neg": 2.5, "**": 3, ".T": 4}


def _operand(name: str, outer: str, right: bool = False) -> str:
    """`name` as an operand of the operator `outer` in a node's name: `(x+1)**2`, `x*3+1`."""
    if name.isalnum():  # W1, X, A1: nothing to bracket (and the common case, kept quick)
        return name
    lowest, depth, i = 9.0, 0, 0
    while i < len(name):
        c = name[i]
        depth += (c == "(") - (c == ")")
        if depth == 0 and c in "+-*/@":
            if i == 0:
                lowest = min(lowest, _PRECEDENCE["neg"])
            elif name.startswith("**", i):
                lowest, i = min(lowest, _PRECEDENCE["**"]), i + 1
            else:
                lowest = min(lowest, _PRECEDENCE[c])
        i += 1
    level = _PRECEDENCE.get(outer, 2)
    return f"({name})" if lowest < level or (right and lowest == level) else name


def _with_constants(formula: str, constants: dict[str, Any]) -> str:
    for key, value in constants.items():
        formula = formula.replace("{" + key + "}", f"{value:g}" if isinstance(value, float)
                                  else str(value))
    return formula


def where(layer: int | None) -> str:
    return "" if layer is None else f" in layer {layer}"


def _two_dimensional(op: type[Op], x: Tensor, layer: int | None) -> None:
    if x.value.ndim != 2:
        raise ShapeError(f"{op.name}{where(layer)}: {x.name or 'input'} has shape {x.shape}; "
                         "tinygraph works on 2-D arrays (features, examples)")


class MatMul(Op):
    """W @ A_prev, the product in Z[l] = W[l] A[l-1] + b[l]   # (4)"""

    name = "matmul"
    symbol, title = "@", "LINEAR"
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
        Z = _product(W, A_prev)  # W @ A_prev, in the memory order BLAS does fastest
        return Z, (W, A_prev)

    @staticmethod
    def backward(dZ: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        W, A_prev = saved
        dW = dZ @ A_prev.T if needs[0] else None  # (8), the 1/m already inside dZ
        dA_prev = W.T @ dZ if needs[1] else None  # (10)
        return dW, dA_prev


# Terms per entry of W @ A_prev (A_prev's rows) from which an F-ordered A_prev is multiplied
# in the transposed order (see _product): the course's first layer has 12,288.
LONG_PRODUCT = 1024


def _product(W: np.ndarray, A_prev: np.ndarray) -> np.ndarray:
    """W @ A_prev, computed in the order OpenBLAS does fastest for A_prev's memory layout.

    The course's X is F-ordered; for a long product (the first layer) (A_prev.T W.T).T is the
    same numbers sooner. docs/performance.md has the measurements behind each branch.
    """
    if (A_prev.shape[0] >= LONG_PRODUCT and A_prev.flags.f_contiguous
            and not A_prev.flags.c_contiguous):
        return (A_prev.T @ W.T).T
    return W @ A_prev


def _fast_layout(A_prev: np.ndarray) -> np.ndarray:
    """A_prev in the memory order `_product` (and dW's A_prev.T) multiplies fastest: F order
    for a long product's input, as the course lays out X; a copy only for a C-ordered one.

    For the input leaf, made once (`nn.input_leaf`): with it, how fast an iteration runs does
    not depend on the order X came in (docs/performance.md).
    """
    if A_prev.ndim == 2 and A_prev.shape[0] >= LONG_PRODUCT and not A_prev.flags.f_contiguous:
        return np.asfortranarray(A_prev)
    return A_prev


class AddBias(Op):
    """Z + b, with b (n, 1) broadcast over the m columns: the "+ b[l]" of (4).

    `W1 @ X + b1` records this op when b1 is an (n, 1) parameter, so the course's Z[l] is the
    same node whether it is written with operators or built by `Network`.
    """

    name = "add_bias"
    symbol, title = "+", "LINEAR"
    formulas = ("{dx0} = {dout}", "{dx1} = sum({dout}, axis=1)   # (9)")

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        Z, b = inputs
        _two_dimensional(cls, Z, layer)
        if b.value.ndim != 2 or b.shape != (Z.shape[0], 1):
            raise ShapeError(f"add_bias{where(layer)}: {b.name or 'b'} has shape {b.shape} but "
                             f"{Z.name or 'Z'} has shape {Z.shape}; b must be "
                             f"({Z.shape[0]}, 1)")

    @classmethod
    def default_name(cls, inputs: tuple[Tensor, ...]) -> str:
        """`Z2` for `W2@A1 + b2`: the course's name, when the bias has the course's name."""
        b = inputs[1].name
        if b[:1] == "b" and b[1:].isdigit():
            return "Z" + b[1:]
        return super().default_name(inputs)

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
    activation = True
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
    activation = True
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
    in_layer = False  # the cost of the whole batch: drawn below the network, in no layer
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
    in_layer = False  # the cost of the whole batch: drawn below the network, in no layer
    formulas = ("", "", "{dx2} = ({x0} - {x1}) / m   # dAL * AL * (1 - AL), simplified")
    edge_labels = {2: "stable:\ncost from\nZ[L]"}  # drawn dashed: why Z[L] feeds the cost
    bypass = (0, 2)  # AL is drawn as the cost's input, its gradient goes to Z[L]

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        AL, Y, _ = inputs
        check_label_shape(Y, AL, cls, layer)

    @staticmethod
    def forward(AL: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        m = Y.shape[1]
        # softplus(Z) = log(1 + e^-|Z|) + max(Z, 0) and softplus(-Z) = log(1 + e^-|Z|) +
        # max(Z, 0) - Z: every part >= 0 and exact to an ulp (max(Z, 0) - Z is 0 or -Z exactly).
        e = np.exp(-np.abs(Z))  # <= 1: never overflows
        Z_plus = np.maximum(Z, 0)
        J = (np.log1p(e) + Y * (Z_plus - Z) + (1 - Y) * Z_plus).sum() / m  # (7)
        return np.asarray(J, dtype=Z.dtype), (Y, e, Z >= 0)

    @staticmethod
    def backward(dJ: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        if not needs[2]:
            return None, None, None
        Y, e, positive = saved
        m = Y.shape[1]
        # AL - Y = (1 - Y) sigmoid(Z) - Y sigmoid(-Z), where sigmoid(|Z|) = 1 / (1 + e) and
        # sigmoid(-|Z|) = e / (1 + e): neither is 1 minus something close to 1, so at Y = 1
        # it is -sigmoid(-Z), exact, never 1 - AL.
        dZ = np.where(positive, (1 - Y) - Y * e, (1 - Y) * e - Y) / (1 + e)
        return None, None, dZ * (dJ / m)


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
        check_labels(Y, CrossEntropy)
    if stable and isinstance(AL, Tensor) and AL.op is Sigmoid:
        cost = SigmoidCrossEntropy.apply(AL, Y, AL.inputs[0], name=name)
    else:
        cost = CrossEntropy.apply(AL, Y, name=name)
    return cost


# ---------------------------------------------------------------------------------------------
# The elementwise ops, sums and the rest: what the operators on Tensor record (`W1 @ X + b1`,
# `1 - AL`, `(W1 ** 2).sum()`). A binary op broadcasts as NumPy does, (n, m) with (n, 1),
# (1, m) or a scalar, and sends each input a gradient of its own shape: summed over the axes
# it was broadcast along, which is how the course's db = sum(dZ, axis=1) (9) comes about.


def _summed_to(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """g summed back to an input of `shape` that was broadcast: (n, m) -> (n, 1) is (9)."""
    if g.shape == shape:
        return g
    if g.ndim > len(shape):  # a scalar or a 1-row input gained leading axes
        g = g.sum(axis=tuple(range(g.ndim - len(shape))))
    axes = tuple([i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1])
    return g.sum(axis=axes, keepdims=True) if axes else g


class _Broadcasting(Op):
    """A two-input elementwise op: the shapes must broadcast, as NumPy's do."""

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        a, b = inputs
        if a.shape == b.shape:
            return
        try:
            np.broadcast_shapes(a.shape, b.shape)
        except ValueError:
            raise ShapeError(f"{cls.name}{where(layer)}: {a.name or 'a'} has shape {a.shape} "
                             f"but {b.name or 'b'} has shape {b.shape}; they do not broadcast "
                             "(each dimension must match, or be 1 in one of them)") from None


class Add(_Broadcasting):
    """a + b"""

    name, symbol = "add", "+"
    formulas = ("{dx0} = {dout}   # summed to {x0}'s shape", "{dx1} = {dout}   # summed to "
                "{x1}'s shape")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
        return a + b, (a.shape, b.shape)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        a_shape, b_shape = saved
        return (_summed_to(dout, a_shape) if needs[0] else None,
                _summed_to(dout, b_shape) if needs[1] else None)


class Sub(_Broadcasting):
    """a - b"""

    name, symbol = "sub", "-"
    formulas = ("{dx0} = {dout}   # summed to {x0}'s shape",
                "{dx1} = -{dout}   # summed to {x1}'s shape")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
        return a - b, (a.shape, b.shape)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        a_shape, b_shape = saved
        return (_summed_to(dout, a_shape) if needs[0] else None,
                _summed_to(-dout, b_shape) if needs[1] else None)


class Mul(_Broadcasting):
    """a * b, elementwise (the course's `Y * np.log(AL)`, `A1 * D1`)"""

    name, symbol = "mul", "*"
    formulas = ("{dx0} = {dout} * {x1}", "{dx1} = {dout} * {x0}")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
        return a * b, (a, b)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        a, b = saved
        return (_summed_to(dout * b, a.shape) if needs[0] else None,
                _summed_to(dout * a, b.shape) if needs[1] else None)


class Div(_Broadcasting):
    """a / b, elementwise"""

    name, symbol = "div", "/"
    formulas = ("{dx0} = {dout} / {x1}", "{dx1} = -{dout} * {x0} / {x1}**2")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple]:
        return a / b, (a, b)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        a, b = saved
        return (_summed_to(dout / b, a.shape) if needs[0] else None,
                _summed_to(-dout * a / (b * b), b.shape) if needs[1] else None)


class Neg(Op):
    """-x"""

    name = "neg"
    formulas = ("{dx0} = -{dout}",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return "-" + _operand(names[0], "neg")

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, tuple]:
        return -x, ()

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        return (-dout if needs[0] else None,)


class Power(Op):
    """x ** k for a constant k (`Power.fixed(k=2)`), e.g. the squares of the L2 term"""

    name = "power"
    k: ClassVar[float] = 1.0
    formulas = ("{dx0} = {dout} * {k} * ({x0})**({k} - 1)",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return f"{_operand(names[0], '**', right=False)}**{cls.k:g}"

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, tuple]:
        return x ** cls.k, (x,)

    @classmethod
    def backward(cls, dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (x,) = saved
        return (dout * cls.k * x ** (cls.k - 1) if needs[0] else None,)


class Transpose(Op):
    """x.T"""

    name = "transpose"
    formulas = ("{dx0} = {dout}.T",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return f"{_operand(names[0], '.T')}.T"

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, tuple]:
        return x.T, ()

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        return (dout.T if needs[0] else None,)


class Tanh(Op):
    """A = tanh(Z), the hidden activation of the planar-data notebook"""

    name = "tanh"
    activation = True
    formulas = ("{dx0} = {dout} * (1 - {out}**2)   # g'(Z) = 1 - tanh(Z)^2",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, tuple]:
        A = np.tanh(Z)
        return A, (A,)  # what backward needs: A, not Z

    @staticmethod
    def backward(dA: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (A,) = saved
        return (dA * (1 - A * A) if needs[0] else None,)


class Exp(Op):
    """exp(x)"""

    name = "exp"
    formulas = ("{dx0} = {dout} * {out}   # exp' = exp",)

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, tuple]:
        out = np.exp(x)
        return out, (out,)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (out,) = saved
        return (dout * out if needs[0] else None,)


class Log(Op):
    """log(x), the natural logarithm of the cost (7)"""

    name = "log"
    formulas = ("{dx0} = {dout} / {x0}",)

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, tuple]:
        with np.errstate(divide="ignore"):  # log(0) = -inf, the true limit
            return np.log(x), (x,)

    @staticmethod
    def backward(dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (x,) = saved
        with np.errstate(divide="ignore"):
            return (dout / x if needs[0] else None,)


class _Reduction(Op):
    """A sum or mean over `axis` (None: every entry; 0: down the rows; 1: along each row)."""

    axis: ClassVar[int | None] = None
    keepdims: ClassVar[bool] = False

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        (x,) = inputs
        if cls.axis is not None and not -x.value.ndim <= cls.axis < x.value.ndim:
            raise ShapeError(f"{cls.name}{where(layer)}: axis {cls.axis} does not exist for "
                             f"{x.name or 'x'} of shape {x.shape}; use None, 0 or 1")

    @classmethod
    def label(cls, names: list[str]) -> str:
        x = names[0]
        return f"{cls.name}({x})" if cls.axis is None else f"{cls.name}({x}, axis={cls.axis})"

    @classmethod
    def _spread(cls, dout: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        """dout sent back to every entry it was made from (the axis put back first)."""
        if cls.axis is not None and not cls.keepdims:
            dout = np.expand_dims(dout, cls.axis)
        return np.broadcast_to(dout, shape).copy()  # a writable array, like every gradient


class Sum(_Reduction):
    """sum(x, axis), e.g. the course's db = sum(dZ, axis=1) or the total of the cost (7)"""

    name = "sum"
    formulas = ("{dx0} = {dout}, repeated along the summed axis",)

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, tuple]:
        return x.sum(axis=cls.axis, keepdims=cls.keepdims), (x.shape,)

    @classmethod
    def backward(cls, dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (shape,) = saved
        return (cls._spread(dout, shape) if needs[0] else None,)


class Mean(_Reduction):
    """mean(x, axis): the sum divided by the number of entries summed"""

    name = "mean"
    formulas = ("{dx0} = {dout} / n, repeated along the averaged axis (n entries)",)

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, tuple]:
        return x.mean(axis=cls.axis, keepdims=cls.keepdims), (x.shape,)

    @classmethod
    def backward(cls, dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (shape,) = saved
        n = int(np.prod(shape)) if cls.axis is None else shape[cls.axis]
        return (cls._spread(dout / n, shape) if needs[0] else None,)


class Dropout(Op):
    """Inverted dropout: A * D / keep_prob, D the mask of kept units (Regularization notebook)

    The mask D[l] is an input, a data leaf drawn beside the layer: the same mask scales the
    gradient on the way back, so a unit shut down in the forward pass gets no gradient.
    """

    name = "dropout"
    keep_prob: ClassVar[float] = 1.0
    formulas = ("{dx0} = {dout} * {x1} / {keep_prob}   # the same units shut down, same scale",
                "")

    @classmethod
    def check(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        A, D = inputs
        if A.shape != D.shape:
            raise ShapeError(f"dropout{where(layer)}: {A.name or 'A'} has shape {A.shape} but "
                             f"the mask {D.name or 'D'} has shape {D.shape}")

    @classmethod
    def forward(cls, A: np.ndarray, D: np.ndarray) -> tuple[np.ndarray, tuple]:
        return A * D / cls.keep_prob, (D,)

    @classmethod
    def backward(cls, dout: np.ndarray, saved: tuple, needs: tuple[bool, ...]) -> tuple:
        (D,) = saved
        return (dout * D / cls.keep_prob if needs[0] else None, None)


def constant(value: Any, like: Tensor) -> Tensor:
    """A number or array on one side of an operator (`1 - AL`, `Y * ...`), as a data leaf.

    It takes `like`'s float dtype, as NumPy treats a Python number: `1 - AL` of a float32 AL
    stays float32 (labels 0 and 1 are exact in any float).

        >>> constant(1, tg.tensor(np.ones((1, 2), dtype=np.float32))).value.dtype
        dtype('float32')
    """
    array = as_array(value, "a constant")
    if array.dtype != like.value.dtype and like.value.dtype.kind == "f":
        array = array.astype(like.value.dtype)
    name = f"{float(array.reshape(-1)[0]):g}" if array.size == 1 else "array"
    return Tensor(array, name=name)


def operands(a: Any, b: Any) -> tuple[Tensor, Tensor]:
    """(a, b) as nodes: the one that is a number or an array becomes a `constant` like the other."""
    if not isinstance(a, Tensor):
        a = constant(a, b)
    elif not isinstance(b, Tensor):
        b = constant(b, a)
    return a, b


def _is_bias(b: Tensor, Z: Tensor) -> bool:
    """An (n, 1) parameter added to an (n, m) node: the course's "+ b[l]" of (4)."""
    return (b.requires_grad and b.op is None and b.value.ndim == 2 and Z.value.ndim == 2
            and b.shape == (Z.shape[0], 1))


def add(a: Any, b: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """a + b, broadcasting; `W1 @ X + b1` with an (n, 1) parameter b1 records `add_bias`."""
    a, b = operands(a, b)
    if _is_bias(b, a):
        return AddBias.apply(a, b, name=name, layer=layer)
    if _is_bias(a, b):
        return AddBias.apply(b, a, name=name, layer=layer)
    return Add.apply(a, b, name=name, layer=layer)


def sub(a: Any, b: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """a - b, broadcasting, e.g. `1 - AL`."""
    return Sub.apply(*operands(a, b), name=name, layer=layer)


def mul(a: Any, b: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """a * b elementwise, broadcasting, e.g. `Y * AL.log()`."""
    return Mul.apply(*operands(a, b), name=name, layer=layer)


def div(a: Any, b: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """a / b elementwise, broadcasting, e.g. `cost / m`."""
    return Div.apply(*operands(a, b), name=name, layer=layer)


def neg(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """-x."""
    return Neg.apply(x, name=name, layer=layer)


def power(x: Tensor, k: float, *, name: str = "", layer: int | None = None) -> Tensor:
    """x ** k for a constant number k, e.g. `W1 ** 2`."""
    if isinstance(k, Tensor) or np.ndim(k) != 0:
        raise InputError(f"power: the exponent must be a constant number, not "
                         f"{type(k).__name__} (x ** k with k fixed)")
    return Power.fixed(k=float(k)).apply(x, name=name, layer=layer)


def transpose(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """x.T."""
    return Transpose.apply(x, name=name, layer=layer)


def tanh(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """tanh(Z), elementwise, e.g. `A1 = tg.tanh(Z1)`."""
    return Tanh.apply(Z, name=name, layer=layer)


def exp(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """exp(x), elementwise."""
    return Exp.apply(x, name=name, layer=layer)


def log(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """The natural logarithm of x, elementwise, e.g. `AL.log()` in the cost (7)."""
    return Log.apply(x, name=name, layer=layer)


# `tg.sum` as NumPy names it; ops.py itself never needs the builtin sum after this line.
def sum(x: Tensor, axis: int | None = None, keepdims: bool = False, *,
        name: str = "", layer: int | None = None) -> Tensor:
    """The sum of x's entries (axis=None), of each column (axis=0) or each row (axis=1)."""
    op = Sum.fixed(axis=axis, keepdims=bool(keepdims), in_layer=axis is not None)
    return op.apply(x, name=name, layer=layer)


def mean(x: Tensor, axis: int | None = None, keepdims: bool = False, *,
         name: str = "", layer: int | None = None) -> Tensor:
    """The mean of x's entries (axis=None), of each column (axis=0) or each row (axis=1)."""
    op = Mean.fixed(axis=axis, keepdims=bool(keepdims), in_layer=axis is not None)
    return op.apply(x, name=name, layer=layer)


def dropout(A: Tensor, keep_prob: float, *, seed: int | None = None,
            rng: np.random.RandomState | None = None, name: str = "",
            layer: int | None = None) -> Tensor:
    """Inverted dropout of A's units, the mask drawn as the course draws it.

    D = (rand(*A.shape) < keep_prob), from `rng` (a `np.random.RandomState`, shared by the
    layers as the course's global generator is) or from `RandomState(seed)`. The mask is a
    data leaf named D[l], drawn and stepped with the layer.

        >>> A1 = tg.tensor(np.ones((2, 3)), name="A1", layer=1)
        >>> dropout(A1, 0.5, seed=1).value
        array([[2., 0., 2.],
               [2., 2., 2.]])
    """
    if not 0 < keep_prob <= 1:
        raise InputError(f"dropout: keep_prob must be in (0, 1], not {keep_prob}")
    if rng is None:
        rng = np.random.RandomState(seed)
    layer = A.layer if layer is None else layer
    D = (rng.rand(*A.shape) < keep_prob).astype(A.dtype)
    mask = Tensor(D, name="D" if layer is None else f"D{layer}", layer=layer)
    return Dropout.fixed(keep_prob=float(keep_prob)).apply(A, mask, name=name, layer=layer)
