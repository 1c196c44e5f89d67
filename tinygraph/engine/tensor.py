"""The node of the graph: a NumPy value, the op that made it, its inputs, and its gradient.

A leaf is either a parameter (`W1`, `b1`: it needs a gradient) or data (`X`, `Y`: it does
not). Every other node is made by an op (engine/ops) and remembers its inputs, so that the
backward walk (engine/autograd.py) can go from the cost back to the leaves.

    >>> import numpy as np
    >>> from tinygraph.tensor import parameter, tensor
    >>> W1 = parameter(np.ones((2, 3)), name="W1", layer=1)
    >>> X = tensor(np.zeros((3, 4)), name="X")
    >>> W1, X.requires_grad
    (Tensor W1 (2, 3) layer 1, False)

`grad` is always dJ/d(node), J the cost the last `backward` started from; it is None until a
backward pass has reached the node.

What a node is in the course's network, its `role` (input, weight, bias, pre-activation,
activation, output, cost ...), and its `layer` are set by the builder that knows them
(`Network`, the course's functions, `W1 @ X + b1`), never read from its name: drawings and
the course's `grads` dictionary read them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import InputError
from ._provenance import user_line
from .validate import as_array

Hook = Callable[[np.ndarray], "np.ndarray | None"]

# The roles of the course's network, as its figures name the nodes.
INPUT = "input"                    # X = A[0]
LABELS = "labels"                  # Y
WEIGHT = "weight"                  # W[l]
BIAS = "bias"                      # b[l]
LINEAR = "linear"                  # W[l] @ A[l-1]
PRE_ACTIVATION = "pre-activation"  # Z[l] = W[l] A[l-1] + b[l]   (4)
ACTIVATION = "activation"          # A[l] = g(Z[l])
OUTPUT = "output"                  # AL = A[L], the network's prediction
COST = "cost"                      # J   (7)
MASK = "mask"                      # D[l], a dropout mask
ROLES = (INPUT, LABELS, WEIGHT, BIAS, LINEAR, PRE_ACTIVATION, ACTIVATION, OUTPUT, COST, MASK)


class Tensor:
    """One node: `value`, `op`, `inputs`, `name`, `role`, `layer`, `grad`, `requires_grad`.

    Ops create these; users create leaves with `tensor(...)` and `parameter(...)`.
    `saved` holds what the op's backward needs, by name (nothing when no input needs a
    gradient); `created_at` is the (file, line) of the user's code that made the node.

    `version` counts the changes of `value` (an optimizer's step, `W1 -= ...`, `W1.value = ...`);
    a node remembers its inputs' versions (`seen`), so a backward through a graph built from
    parameters that have changed since is an error, not a silently wrong gradient.
    """

    __slots__ = (
        "_value", "op", "inputs", "saved", "name", "role", "layer", "requires_grad", "grad",
        "hooks", "created_at", "version", "seen",
    )

    def __init__(
        self,
        value: np.ndarray,
        *,
        op: Any = None,
        inputs: tuple[Tensor, ...] = (),
        saved: Any = (),
        name: str = "",
        role: str | None = None,
        layer: int | None = None,
        requires_grad: bool = False,
    ) -> None:
        self._value = value
        self.version = 0
        self.op = op
        self.inputs = inputs
        self.seen = tuple([x.version for x in inputs])
        self.saved = saved
        self.name = name
        self.role = role
        self.layer = layer
        self.requires_grad = requires_grad
        self.grad: np.ndarray | None = None
        self.hooks: list[Hook] = []
        self.created_at = user_line()

    @property
    def value(self) -> np.ndarray:
        return self._value

    @value.setter
    def value(self, value: np.ndarray) -> None:
        """A new value (`p.value -= learning_rate * p.grad` sets it too): a new version."""
        self._value = value
        self.version += 1

    @property
    def shape(self) -> tuple[int, ...]:
        return self._value.shape

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
    # Each operator records an op of engine/ops, and `backward` runs the walk of
    # engine/autograd. Both sit above this module (they import Tensor), so they are reached
    # through `_engine`, which the engine package fills when it loads (`import tinygraph`
    # always does): this module imports neither, and every operator is written out here,
    # where a reader of the node looks for it.

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Tensor:
        """`np.log(AL)`, `np.exp(-Z)`, `Y * AL` with an array Y: NumPy's ufuncs record the
        op they are, as the operators do (engine/ops/numpy_functions.py)."""
        return _engine.ops.numpy_functions.call_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, function: Any, types: Any, args: tuple,
                           kwargs: dict) -> Tensor:
        """`np.dot(W, A)`, `np.sum(x, axis=1, keepdims=True)`, `np.squeeze(cost)`: ops too."""
        return _engine.ops.numpy_functions.call_function(function, args, kwargs)

    def __matmul__(self, other: Any) -> Tensor:
        return _engine.ops.matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return _engine.ops.matmul(other, self)

    def __add__(self, other: Any) -> Tensor:
        return _engine.ops.add(self, other)

    def __radd__(self, other: Any) -> Tensor:
        return _engine.ops.add(other, self)

    def __sub__(self, other: Any) -> Tensor:
        return _engine.ops.sub(self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return _engine.ops.sub(other, self)

    def __mul__(self, other: Any) -> Tensor:
        return _engine.ops.mul(self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return _engine.ops.mul(other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return _engine.ops.div(self, other)

    def __rtruediv__(self, other: Any) -> Tensor:
        return _engine.ops.div(other, self)

    def __neg__(self) -> Tensor:
        return _engine.ops.neg(self)

    def __pow__(self, k: float) -> Tensor:
        return _engine.ops.power(self, k)

    # `W1 -= learning_rate * dW1`: an update of a leaf, in place, outside the graph (a new
    # version); on a node an op made, Python's `Z = Z - x` (a new node) as usual.

    def __isub__(self, other: Any) -> Tensor:
        return self._update(np.subtract, other)

    def __iadd__(self, other: Any) -> Tensor:
        return self._update(np.add, other)

    def __imul__(self, other: Any) -> Tensor:
        return self._update(np.multiply, other)

    def __itruediv__(self, other: Any) -> Tensor:
        return self._update(np.divide, other)

    def _update(self, ufunc: Any, other: Any) -> Tensor:
        if self.op is not None:
            return NotImplemented
        value = self._value
        ufunc(value, other.value if isinstance(other, Tensor) else other, out=value,
              casting="same_kind")
        self.value = value  # a new version
        return self

    @property
    def T(self) -> Tensor:
        return _engine.ops.transpose(self)

    def sum(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        """The sum of all entries (axis=None), of each column (0) or each row (1)."""
        return _engine.ops.sum(self, axis, keepdims)

    def mean(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        return _engine.ops.mean(self, axis, keepdims)

    def relu(self, *, name: str = "") -> Tensor:
        return _engine.ops.relu(self, name=name)

    def sigmoid(self, *, name: str = "") -> Tensor:
        return _engine.ops.sigmoid(self, name=name)

    def tanh(self, *, name: str = "") -> Tensor:
        return _engine.ops.tanh(self, name=name)

    def exp(self) -> Tensor:
        return _engine.ops.exp(self)

    def log(self) -> Tensor:
        return _engine.ops.log(self)

    def backward(self, gradient: Any = None) -> Tensor:
        """`tg.backward(self, gradient)`: fill every `.grad` of this node's graph; returns
        self. From a node that is not one number, `gradient` is dJ/d(node), as PyTorch's."""
        return _engine.autograd.backward(self, gradient)

    def find(self, name: str) -> Tensor:
        """The node called `name` in this node's graph, e.g. `cost.find("A1")`."""
        return _engine.autograd.find(self, name)

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


class _Engine:
    """What the operators and `backward` call: the ops package and the walk, once loaded."""

    ops: Any = None
    autograd: Any = None


_engine = _Engine()


def tensor(value: Any, *, name: str = "", layer: int | None = None, role: str | None = None,
           requires_grad: bool = False) -> Tensor:
    """A leaf holding data (`X`, `Y`): checked to be numeric, non-empty and finite.

        >>> tensor([[0, 1, 1]], name="Y").value
        array([[0., 1., 1.]])
    """
    return Tensor(as_array(value, name), name=name, layer=layer, role=role,
                  requires_grad=requires_grad)


def parameter(value: Any, *, name: str = "", layer: int | None = None,
              role: str | None = None) -> Tensor:
    """A leaf that needs a gradient: a weight `W[l]` or a bias `b[l]`."""
    return tensor(value, name=name, layer=layer, role=role, requires_grad=True)
