"""The node of the graph: a NumPy value, the op that made it, its inputs, and its gradient.

A leaf is either a parameter (`W1`, `b1`: it needs a gradient) or data (`X`, `Y`: it does
not). Every other node is made by an op (see `ops.py`) and remembers its inputs, so that the
backward walk (see `autograd.py`) can go from the cost back to the leaves.

    >>> import numpy as np
    >>> from tinygraph.tensor import parameter, tensor
    >>> W1 = parameter(np.ones((2, 3)), name="W1", layer=1)
    >>> X = tensor(np.zeros((3, 4)), name="X")
    >>> W1, X.requires_grad
    (Tensor W1 (2, 3) layer 1, False)

`grad` is always dJ/d(node), J the cost the last `backward` started from; it is None until a
backward pass has reached the node.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import numpy as np

from .errors import DTypeError, InputError

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

Hook = Callable[[np.ndarray], "np.ndarray | None"]
Built = TypeVar("Built")

# While a builder makes a whole graph for one call of the user's (`Network.cost`), each node
# it makes records that call's (file, line), found once: looking it up for every node walks
# the stack and makes a Python frame object per level, a tenth of a small net's iteration.
_user_call: ContextVar[tuple[str, int] | None] = ContextVar("user_call", default=None)


class Tensor:
    """One node: `value`, `op`, `inputs`, `name`, `layer`, `grad`, `requires_grad`.

    Ops create these; users create leaves with `tensor(...)` and `parameter(...)`.
    `saved` holds what the op's backward needs (and nothing when no input needs a gradient);
    `created_at` is the (file, line) of the user's code that made the node.
    """

    __slots__ = (
        "value", "op", "inputs", "saved", "name", "layer", "requires_grad", "grad",
        "hooks", "created_at",
    )

    def __init__(
        self,
        value: np.ndarray,
        *,
        op: Any = None,
        inputs: tuple[Tensor, ...] = (),
        saved: tuple = (),
        name: str = "",
        layer: int | None = None,
        requires_grad: bool = False,
    ) -> None:
        self.value = value
        self.op = op
        self.inputs = inputs
        self.saved = saved
        self.name = name
        self.layer = layer
        self.requires_grad = requires_grad
        self.grad: np.ndarray | None = None
        self.hooks: list[Hook] = []
        self.created_at = _user_call.get() or _user_frame()

    @property
    def shape(self) -> tuple[int, ...]:
        return self.value.shape

    @property
    def dtype(self) -> np.dtype:
        return self.value.dtype

    @property
    def is_leaf(self) -> bool:
        return self.op is None

    @property
    def kind(self) -> str:
        """What made the node: its op's name (`matmul`), or `parameter` / `data` for a leaf."""
        if self.op is not None:
            return self.op.name
        return "parameter" if self.requires_grad else "data"

    def register_hook(self, hook: Hook) -> Hook:
        """Call `hook(grad)` when this node's gradient is complete; a returned array replaces it.

            >>> seen = []
            >>> _ = W1.register_hook(lambda g: seen.append(g.copy()))  # doctest: +SKIP
        """
        self.hooks.append(hook)
        return hook

    def __repr__(self) -> str:
        layer = "" if self.layer is None else f" layer {self.layer}"
        made_by = "" if self.op is None else f" = {self.op.name}(...)"
        return f"Tensor {self.name or '?'} {self.shape}{layer}{made_by}"

    # -----------------------------------------------------------------------------------------
    # Writing the course's formulas: `W1 @ X + b1`, `1 - AL`, `(W1 ** 2).sum()`.
    #
    # Each operator records an op of ops.py. ops.py sits above this module (it imports
    # Tensor), so the methods reach it through `_ops()`, which imports it on first use: no
    # import cycle, and every operator is written out here, where a reader of the node looks
    # for it (ops.py attaching methods to Tensor would hide them).

    __array_ufunc__ = None  # `Y * AL`, `1 - AL` with a NumPy array on the left: NumPy defers

    def __matmul__(self, other: Any) -> Tensor:
        return _ops().matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return _ops().matmul(other, self)

    def __add__(self, other: Any) -> Tensor:
        return _ops().add(self, other)

    def __radd__(self, other: Any) -> Tensor:
        return _ops().add(other, self)

    def __sub__(self, other: Any) -> Tensor:
        return _ops().sub(self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return _ops().sub(other, self)

    def __mul__(self, other: Any) -> Tensor:
        return _ops().mul(self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return _ops().mul(other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return _ops().div(self, other)

    def __rtruediv__(self, other: Any) -> Tensor:
        return _ops().div(other, self)

    def __neg__(self) -> Tensor:
        return _ops().neg(self)

    def __pow__(self, k: float) -> Tensor:
        return _ops().power(self, k)

    @property
    def T(self) -> Tensor:
        return _ops().transpose(self)

    def sum(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        """The sum of all entries (axis=None), of each column (0) or each row (1)."""
        return _ops().sum(self, axis, keepdims)

    def mean(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        return _ops().mean(self, axis, keepdims)

    def relu(self, *, name: str = "") -> Tensor:
        return _ops().relu(self, name=name)

    def sigmoid(self, *, name: str = "") -> Tensor:
        return _ops().sigmoid(self, name=name)

    def tanh(self, *, name: str = "") -> Tensor:
        return _ops().tanh(self, name=name)

    def exp(self) -> Tensor:
        return _ops().exp(self)

    def log(self) -> Tensor:
        return _ops().log(self)

    def backward(self, gradient: Any = None) -> Tensor:
        """`tg.backward(self, gradient)`: fill every `.grad` of this node's graph; returns
        self. From a node that is not one number, `gradient` is dJ/d(node), as PyTorch's."""
        from .autograd import backward
        return backward(self, gradient)

    def find(self, name: str) -> Tensor:
        """The node called `name` in this node's graph, e.g. `cost.find("A1")`."""
        from .autograd import topological_order
        order = topological_order(self)
        for node in order:
            if node.name == name:
                return node
        names = sorted({node.name for node in order if node.name})
        raise InputError(f"find: no node named {name!r} in the graph of "
                         f"{self.name or 'this node'}; its nodes are {', '.join(names[:30])}")

    def item(self) -> float:
        """The value of a one-element node as a Python float, e.g. `cost.item()`."""
        if self.value.size != 1:
            raise InputError(f"item: {self.name or 'this node'} has shape {self.shape}; only a "
                             "one-element node (a cost) is a single number")
        return float(self.value.reshape(-1)[0])

    def __float__(self) -> float:
        return self.item()

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """`np.asarray(node)` is the node's value."""
        if copy:
            return np.array(self.value, dtype=dtype)
        return self.value if dtype is None else self.value.astype(dtype, copy=False)


_OPS: Any = None


def _ops() -> Any:
    """The module ops.py, imported on first use (it imports this one: see the operators)."""
    global _OPS
    if _OPS is None:
        from . import ops
        _OPS = ops
    return _OPS


def tensor(value: Any, *, name: str = "", layer: int | None = None,
           requires_grad: bool = False) -> Tensor:
    """A leaf holding data (`X`, `Y`): checked to be numeric, non-empty and finite.

        >>> tensor([[0, 1, 1]], name="Y").value
        array([[0., 1., 1.]])
    """
    return Tensor(as_array(value, name), name=name, layer=layer, requires_grad=requires_grad)


def parameter(value: Any, *, name: str = "", layer: int | None = None) -> Tensor:
    """A leaf that needs a gradient: a weight `W[l]` or a bias `b[l]`."""
    return tensor(value, name=name, layer=layer, requires_grad=True)


def as_array(value: Any, name: str = "") -> np.ndarray:
    """`value` as a float array, or a clear error saying why it cannot be one.

    Integers and booleans become float64 (the course's labels are int64); float32 stays
    float32, so a float32 network runs in float32 end to end.
    """
    what = name or "input"
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise DTypeError(f"{what} cannot be turned into a numeric array: {error}") from None
    if array.dtype.kind in "biu":
        array = array.astype(np.float64)
    elif array.dtype.kind != "f":
        raise DTypeError(f"{what} has dtype {array.dtype}; tinygraph needs numbers (float32 "
                         "or float64)")
    if array.size == 0:
        raise InputError(f"{what} is empty (shape {array.shape}); a batch needs at least one "
                         "example")
    bad = array.size - np.count_nonzero(np.isfinite(array))
    if bad:
        raise InputError(f"{what} contains NaN or inf ({bad} of {array.size} values); "
                         "tinygraph needs finite inputs")
    return array


def at_user_call(build: Callable[[], Built]) -> Built:
    """`build()`, every node it makes created at the user's call, looked up once.

        >>> X, Y = at_user_call(lambda: (tensor([[1.0]], name="X"), tensor([[0.0]], name="Y")))
        >>> X.created_at == Y.created_at   # the line above, for both
        True
    """
    if _user_call.get() is not None:  # inside another builder: its user's call stands
        return build()
    token = _user_call.set(_user_frame())
    try:
        return build()
    finally:
        _user_call.reset(token)


def _user_frame() -> tuple[str, int]:
    """(file, line) of the first caller outside the tinygraph package: where the user made it."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return ("<unknown>", 0)
    return (frame.f_code.co_filename, frame.f_lineno)
