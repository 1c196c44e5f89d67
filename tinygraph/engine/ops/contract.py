"""The contract of an op: a class with `forward` and `backward`, and what it says about itself.

An op's `forward(*values)` returns `(value, saved)`: `saved` names what `backward` needs, e.g.
`{"A": A}`, and nothing else. `backward(dout, saved, needs)` turns dJ/d(output) into one
gradient per input, a tuple, None for an input that needs none (`needs[i]` is false: X needs
no dA0). The backward walk checks what it returns. Nobody else builds `saved`: the walk hands
backward what forward kept (an op of your own may keep a tuple; it gets it back as it is).

`formulas` say the same as backward, one line per input, and they are code: `{x0}`, `{x1}`
stand for the inputs, `{out}` for the output, `{dx0}`, `{dout}` for their gradients, `{m}` for
the number of examples, and `{x1.T}`, `{x0.shape}` for a transpose and a shape. The debugger
shows them with the nodes' names (`dW2 = dZ2 @ A1.T`) or shapes, and a test evaluates each one
against its op's backward on random numbers, so a formula cannot drift from the code. (A
gradient is always summed back to its input's shape where the input was broadcast, `sum_to`:
a formula's comment says so where it happens.)

How a node is named, what it is in the course's network (its role) and how it is drawn come
from class attributes too, so a learner's own op is named and drawn like the shipped ones.

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph.ops import Relu
    >>> Relu.formulas[0]
    "{dx0} = {dout} * ({x0} > 0)   # (11), g'(Z) = 1 where Z > 0, else 0"
    >>> Z1 = tg.parameter([[-1.0, 2.0]], name="Z1")
    >>> print(formula_text(Relu.apply(Z1, name="A1")))
    dZ1 = dA1 * (Z1 > 0)   # (11), g'(Z) = 1 where Z > 0, else 0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from ...errors import DTypeError, ShapeError
from ..probes import active as _probes  # what debugging tools installed (detect_anomaly), if any
from ..tensor import ACTIVATION, PRE_ACTIVATION, Tensor
from ..validate import as_array


class Op:
    """One differentiable operation. Subclasses set `name`, `formulas`, `forward`, `backward`.

    Drawing and naming: `symbol` writes an unnamed node between its inputs' names (`W1@X`,
    `A1*D1`), `title` is the op's word in a layer's box ("LINEAR"; by default its name in
    capitals), `activation` makes the output of a pre-activation Z[l] the activation A[l],
    and `role` is what the output is in the course's network (`cost` for a cost).
    """

    name: ClassVar[str] = "op"
    symbol: ClassVar[str] = ""
    title: ClassVar[str] = ""
    activation: ClassVar[bool] = False
    role: ClassVar[str | None] = None
    formulas: ClassVar[tuple[str, ...]] = ()
    # Inputs drawn with a dashed edge and this label, e.g. the stable cost's Z[L].
    edge_labels: ClassVar[dict[int, str]] = {}
    # (drawn, sent): input `drawn` is drawn as an input but its gradient goes to input `sent`.
    bypass: ClassVar[tuple[int, int] | None] = None
    # A node is in the deepest layer of its inputs; False for one number of the whole batch
    # (a cost), which belongs to no layer and is drawn below the network.
    in_layer: ClassVar[bool] = True

    @staticmethod
    def forward(*values: np.ndarray) -> tuple[np.ndarray, Any]:
        raise NotImplementedError

    @staticmethod
    def backward(dout: np.ndarray, saved: Any, needs: tuple[bool, ...]) -> tuple:
        raise NotImplementedError

    @classmethod
    def check_shapes(cls, inputs: tuple[Tensor, ...], layer: int | None) -> None:
        """Raise a ShapeError naming the op, layer and shapes when the inputs do not fit."""

    @classmethod
    def mark_roles(cls, node: Tensor) -> None:
        """Say what the new node (and any input it alone can tell) is in the course's network:
        an activation of a pre-activation is the layer's A[l]."""
        if cls.activation and node.inputs[0].role == PRE_ACTIVATION:
            node.role = ACTIVATION
        elif cls.role is not None:
            node.role = cls.role

    @classmethod
    def default_name(cls, node: Tensor) -> str:
        """`A1` for the activation of layer 1, `W1@X`, `relu(Z)`: names for nodes the user did
        not name; the op's bare name when an input's name is long (a box stays narrow)."""
        if node.layer is not None and node.role == ACTIVATION:
            return f"A{node.layer}"
        # (Plain loops and string tests, no regex: operators name every node they make.)
        names = [x.name or "?" for x in node.inputs]
        return cls.name if max([len(n) for n in names]) > 12 else cls.label(names)

    @classmethod
    def label(cls, names: list[str]) -> str:
        """The name of a node made from inputs of these (short) names; ops override it."""
        if len(names) == 2 and cls.symbol:
            a, b = names
            return f"{_operand(a, cls.symbol)}{cls.symbol}{_operand(b, cls.symbol, True)}"
        return f"{cls.name}({', '.join(names)})"

    @classmethod
    def fixed(cls, **constants: Any) -> type[Op]:
        """This op with constants set, e.g. `Sum.fixed(axis=1, keepdims=True)`.

        A subclass, made once per set of constants: a node's op alone says how to run its
        forward again (gradcheck does), and `{axis}` in `formulas` reads the constant.

            >>> from tinygraph.ops import Power
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

            >>> Relu.apply(tg.tensor([[-1.0, 2.0]], name="Z1")).value
            array([[0., 2.]])
        """
        # Lists, not generators, here: this runs for every node of every graph, and starting a
        # generator costs more than passing the two or three inputs through it.
        inputs = tuple([x if isinstance(x, Tensor) else Tensor(as_array(x)) for x in inputs])
        if layer is None and cls.in_layer:  # the inputs' deepest (a plain loop: the quickest)
            for x in inputs:
                if x.layer is not None and (layer is None or x.layer > layer):
                    layer = x.layer
        cls.check_shapes(inputs, layer)
        values = [x.value for x in inputs]
        if len(values) > 1 and any([v.dtype != values[0].dtype for v in values]):
            values = _one_dtype(cls, inputs, values, layer)
        value, saved = cls.forward(*values)
        if type(value) is not np.ndarray:  # NumPy gives a scalar for 0-d arithmetic (a cost)
            value = np.asarray(value)
        requires_grad = any([x.requires_grad for x in inputs])
        node = Tensor(value, op=cls, inputs=inputs, saved=saved if requires_grad else (),
                      layer=layer, requires_grad=requires_grad)
        cls.mark_roles(node)
        node.name = name or cls.default_name(node)
        probes = _probes.get()
        if probes is not None:  # a debugging tool looks at each new node, e.g. detect_anomaly
            probes.after_forward(node)
        return node


_FIXED: dict[tuple, type[Op]] = {}


def _one_dtype(op: type[Op], inputs: tuple[Tensor, ...], values: list[np.ndarray],
               layer: int | None) -> list[np.ndarray]:
    """One dtype for an op's inputs: those that need no gradient (data, constants) take the
    dtype of those that do, so a float32 network stays float32 whatever data it is given;
    inputs that need gradients in two dtypes are a DTypeError. The same for every op."""
    learned = {x.value.dtype for x in inputs if x.requires_grad}
    if len(learned) > 1:
        a, b = [x for x in inputs if x.requires_grad][:2]
        raise DTypeError(f"{op.name}{where(layer)}: {a.name or 'an input'} is {a.dtype} but "
                         f"{b.name or 'another input'} is {b.dtype}; the parameters of one "
                         "graph need one dtype (tg.Network(..., dtype=...) makes them so)")
    if not learned:
        return values  # no gradient anywhere: NumPy's own rule
    (dtype,) = learned
    return [v if v.dtype == dtype else v.astype(dtype) for v in values]


# ---------------------------------------------------------------------------------------------
# Formulas as text: with the nodes' names (the debugger), their shapes, or code (the test).


class Term(str):
    """A name in a formula, `A1`; `{x.T}` and `{x.shape}` read `A1.T` and `A1.shape`."""

    @property
    def T(self) -> Term:  # noqa: N802 (NumPy's name)
        return Term(f"{self}.T")

    @property
    def shape(self) -> Term:
        return Term(f"{self}.shape")


class ShapeTerm(str):
    """An array in a formula shown by its shape, `(3, 4)`; its `.T` is `(4, 3)`."""

    def __new__(cls, shape: tuple[int, ...]) -> ShapeTerm:
        made = super().__new__(cls, str(tuple(shape)))
        made.dims = tuple(shape)
        return made

    @property
    def T(self) -> ShapeTerm:  # noqa: N802 (NumPy's name)
        return ShapeTerm(self.dims[::-1])

    @property
    def shape(self) -> ShapeTerm:
        return self


def grad_name(name: str) -> str:
    """`dW2` for `W2`, `d(W2@A1)` for a name that is not a plain symbol."""
    plain = name.replace("_", "").isalnum() and name[:1].isalpha()
    return f"d{name}" if plain else f"d({name})"


def examples(node: Tensor) -> int | None:
    """m, the number of examples: the columns of the node's first 2-D input."""
    for x in node.inputs:
        if x.value.ndim == 2:
            return x.shape[1]
    return None


def formula_fields(node: Tensor, term: Callable[[Tensor], str], dterm: Callable[[Tensor], str],
                   m: str) -> dict[str, str]:
    """What `{out}`, `{dout}`, `{x0}`, `{dx0}` ... and `{m}` stand for in one node's formulas."""
    fields = {"out": term(node), "dout": dterm(node), "m": m}
    for i, x in enumerate(node.inputs):
        fields[f"x{i}"], fields[f"dx{i}"] = term(x), dterm(x)
    return fields


def formula_lines(node: Tensor, fields: dict[str, str]) -> list[str]:
    """The node's formulas with `fields` put in, one per input that gets a gradient."""
    if node.op is None:
        return []
    rules = zip(node.op.formulas, node.inputs, strict=False)  # a learner's op may have none
    return [template.format(**fields) for template, x in rules if template and x.requires_grad]


def formula_text(node: Tensor) -> str:
    """The node's backward rule with the real names, one line per input that gets a gradient.

    A leaf has no rule: its gradient is complete when the walk reaches it.
    """
    if node.op is None:
        return f"{grad_name(node.name)} is complete: a leaf, nothing further back"
    fields = formula_fields(node, lambda x: Term(x.name), lambda x: Term(grad_name(x.name)), "m")
    return "\n".join(formula_lines(node, fields))


# ---------------------------------------------------------------------------------------------
# Helpers of the ops' naming and checks, and of the builders that turn numbers into leaves.


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


operand = _operand  # for the ops of the other modules of this package


def _with_constants(formula: str, constants: dict[str, Any]) -> str:
    for key, value in constants.items():
        formula = formula.replace("{" + key + "}", f"{value:g}" if isinstance(value, float)
                                  else str(value))
    return formula


def where(layer: int | None) -> str:
    return "" if layer is None else f" in layer {layer}"


def two_dimensional(op: type[Op], x: Tensor, layer: int | None) -> None:
    if x.value.ndim != 2:
        raise ShapeError(f"{op.name}{where(layer)}: {x.name or 'input'} has shape {x.shape}; "
                         "tinygraph works on 2-D arrays (features, examples)")


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
