"""Elementwise ops: what the operators on Tensor record (`1 - AL`, `Y * AL.log()`, `W1 ** 2`),
the next notebooks' activation tanh, exp and log, and inverted dropout.

A binary op broadcasts as NumPy does, (n, m) with (n, 1), (1, m) or a scalar, and sends each
input a gradient of its own shape: summed over the axes it was broadcast along (`sum_to`, said
in its formulas' comments), which is how the course's db = sum(dZ, axis=1) (9) comes about.
`W1 @ X + b1` with an (n, 1) parameter b1 records the course's `add_bias`
(engine/ops/course.py), the same Z1 as `Network` builds.

    >>> import numpy as np, tinygraph as tg
    >>> AL = tg.parameter([[0.25, 0.5]], name="AL")
    >>> (1 - AL).name, (AL ** 2).value
    ('1-AL', array([[0.0625, 0.25  ]]))
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from ...errors import InputError, ShapeError
from ..tensor import MASK, Tensor
from .contract import Op, operand, operands, where
from .course import AddBias, Sigmoid


def sum_to(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
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
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
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
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, dict]:
        return a + b, {"a_shape": a.shape, "b_shape": b.shape}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return sum_to(dout, saved["a_shape"]), sum_to(dout, saved["b_shape"])


class Sub(_Broadcasting):
    """a - b"""

    name, symbol = "sub", "-"
    formulas = ("{dx0} = {dout}   # summed to {x0}'s shape",
                "{dx1} = -{dout}   # summed to {x1}'s shape")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, dict]:
        return a - b, {"a_shape": a.shape, "b_shape": b.shape}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return (sum_to(dout, saved["a_shape"]),
                sum_to(-dout, saved["b_shape"]) if needs[1] else None)


class Mul(_Broadcasting):
    """a * b, elementwise (the course's `Y * np.log(AL)`, `A1 * D1`)"""

    name, symbol = "mul", "*"
    formulas = ("{dx0} = {dout} * {x1}   # summed to {x0}'s shape",
                "{dx1} = {dout} * {x0}   # summed to {x1}'s shape")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, dict]:
        return a * b, {"a": a, "b": b}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        a, b = saved["a"], saved["b"]
        return (sum_to(dout * b, a.shape) if needs[0] else None,
                sum_to(dout * a, b.shape) if needs[1] else None)


class Div(_Broadcasting):
    """a / b, elementwise"""

    name, symbol = "div", "/"
    formulas = ("{dx0} = {dout} / {x1}   # summed to {x0}'s shape",
                "{dx1} = -{dout} * {x0} / {x1}**2   # summed to {x1}'s shape")

    @staticmethod
    def forward(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, dict]:
        return a / b, {"a": a, "b": b}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        a, b = saved["a"], saved["b"]
        return (sum_to(dout / b, a.shape) if needs[0] else None,
                sum_to(-dout * a / (b * b), b.shape) if needs[1] else None)


class Neg(Op):
    """-x"""

    name = "neg"
    formulas = ("{dx0} = -{dout}",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return "-" + operand(names[0], "neg")

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, dict]:
        return -x, {}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return (-dout,)


class Power(Op):
    """x ** k for a constant k (`Power.fixed(k=2)`), e.g. the squares of the L2 term"""

    name = "power"
    k: ClassVar[float] = 1.0
    formulas = ("{dx0} = {dout} * {k} * ({x0})**({k} - 1)",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return f"{operand(names[0], '**', right=False)}**{cls.k:g}"

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, dict]:
        return x ** cls.k, {"x": x}

    @classmethod
    def backward(cls, dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        x = saved["x"]
        return (dout * cls.k * x ** (cls.k - 1),)


class Transpose(Op):
    """x.T"""

    name = "transpose"
    formulas = ("{dx0} = {dout.T}",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return f"{operand(names[0], '.T')}.T"

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, dict]:
        return x.T, {}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return (dout.T,)


class Reshape(Op):
    """x in another shape, the same numbers in the same order (`np.squeeze(cost)` is one)"""

    name = "reshape"
    shape: ClassVar[tuple[int, ...]] = ()
    formulas = ("{dx0} = {dout}.reshape({x0.shape})",)

    @classmethod
    def label(cls, names: list[str]) -> str:
        return f"{operand(names[0], '.T')}.reshape{cls.shape}"

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        (x,) = inputs
        if int(np.prod(cls.shape)) != x.value.size:
            raise ShapeError(f"reshape{where(layer)}: {x.name or 'x'} has shape {x.shape}, "
                             f"{x.value.size} numbers, which cannot be shaped {cls.shape}")

    @classmethod
    def forward(cls, x: np.ndarray) -> tuple[np.ndarray, dict]:
        return x.reshape(cls.shape), {"shape": x.shape}

    @classmethod
    def backward(cls, dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        return (dout.reshape(saved["shape"]),)


class Tanh(Op):
    """A = tanh(Z), the hidden activation of the planar-data notebook"""

    name = "tanh"
    activation = True
    formulas = ("{dx0} = {dout} * (1 - {out}**2)   # g'(Z) = 1 - tanh(Z)^2",)

    @staticmethod
    def forward(Z: np.ndarray) -> tuple[np.ndarray, dict]:
        A = np.tanh(Z)
        return A, {"A": A}  # what backward needs: A, not Z

    @staticmethod
    def backward(dA: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        A = saved["A"]
        return (dA * (1 - A * A),)


class Exp(Op):
    """exp(x)"""

    name = "exp"
    formulas = ("{dx0} = {dout} * {out}   # exp' = exp",)

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, dict]:
        out = np.exp(x)
        return out, {"out": out}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        out = saved["out"]
        return (dout * out,)


class Log(Op):
    """log(x), the natural logarithm of the cost (7)"""

    name = "log"
    formulas = ("{dx0} = {dout} / {x0}",)

    @staticmethod
    def forward(x: np.ndarray) -> tuple[np.ndarray, dict]:
        with np.errstate(divide="ignore"):  # log(0) = -inf, the true limit
            return np.log(x), {"x": x}

    @staticmethod
    def backward(dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        x = saved["x"]
        with np.errstate(divide="ignore"):
            return (dout / x,)


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
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        A, D = inputs
        if A.shape != D.shape:
            raise ShapeError(f"dropout{where(layer)}: {A.name or 'A'} has shape {A.shape} but "
                             f"the mask {D.name or 'D'} has shape {D.shape}")

    @classmethod
    def forward(cls, A: np.ndarray, D: np.ndarray) -> tuple[np.ndarray, dict]:
        return A * D / cls.keep_prob, {"D": D}

    @classmethod
    def backward(cls, dout: np.ndarray, saved: dict, needs: tuple[bool, ...]) -> tuple:
        D = saved["D"]
        return (dout * D / cls.keep_prob, None)


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
    """a / b elementwise, broadcasting, e.g. `cost / m`; the course's sigmoid written out,
    `1 / (1 + np.exp(-Z))`, is the sigmoid op of Z (the same numbers, to the bit)."""
    a, b = operands(a, b)
    Z = _written_sigmoid(a, b)
    if Z is not None:
        return Sigmoid.apply(Z, name=name, layer=layer)
    return Div.apply(a, b, name=name, layer=layer)


def _written_sigmoid(one: Tensor, denominator: Tensor) -> Tensor | None:
    """Z, when the division is 1 / (1 + exp(-Z)) as dnn_utils writes sigmoid; else None."""
    if not (one.op is None and one.value.size == 1 and one.value.reshape(-1)[0] == 1
            and denominator.op is Add):
        return None
    for constant, e in (denominator.inputs, denominator.inputs[::-1]):
        if (constant.op is None and constant.value.size == 1
                and constant.value.reshape(-1)[0] == 1 and e.op is Exp
                and e.inputs[0].op is Neg):
            return e.inputs[0].inputs[0]
    return None


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


def reshape(x: Tensor, shape: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """x with another shape, e.g. `np.squeeze(cost)`: shape ()."""
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    shape = tuple(int(n) for n in shape)
    if -1 in shape:  # NumPy's "whatever is left"
        shape = np.empty(x.shape, dtype=bool).reshape(shape).shape
    return Reshape.fixed(shape=shape).apply(x, name=name, layer=layer)


def tanh(Z: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """tanh(Z), elementwise, e.g. `A1 = tg.tanh(Z1)`."""
    return Tanh.apply(Z, name=name, layer=layer)


def exp(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """exp(x), elementwise."""
    return Exp.apply(x, name=name, layer=layer)


def log(x: Tensor, *, name: str = "", layer: int | None = None) -> Tensor:
    """The natural logarithm of x, elementwise, e.g. `AL.log()` in the cost (7)."""
    return Log.apply(x, name=name, layer=layer)


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
    mask = Tensor(D, name="D" if layer is None else f"D{layer}", layer=layer, role=MASK)
    return Dropout.fixed(keep_prob=float(keep_prob)).apply(A, mask, name=name, layer=layer)
