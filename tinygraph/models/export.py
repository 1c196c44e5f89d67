"""ONNX: the forward graph, from X to AL, as a model that any ONNX runtime runs.

    >>> import tinygraph as tg
    >>> net = tg.Network([12288, 20, 7, 5, 1])
    >>> model = export_onnx(net, classes=("non-cat", "cat"), image_shape=(64, 64, 3))
    >>> [(node.name, node.op_type) for node in model.graph.node][:3]
    [('Z1', 'Gemm'), ('A1', 'Relu'), ('Z2', 'Gemm')]
    >>> [node.name for node in model.graph.node][-2:], model.graph.output[0].name
    (['Z4', 'AL'], 'AL')

Runtimes take a batch first, one example per row, so the model's input X is the course's
X.T, (batch, n_x), and every value inside is the course's transposed: `Z1` is the course's
Z1.T, (batch, n1); the output AL is (batch, 1). A layer W[l] A[l-1] + b[l] is one Gemm node
named Z[l], which keeps W[l] in the course's shape (n_l, n_prev) and multiplies by its
transpose (transB=1), as PyTorch's Linear keeps its weight; b[l] is stored as (n_l,).

Nodes are translated by what their op is (the op's class, its node's role), never by their
names; an op with no ONNX form (dropout, a learner's own op) is an error naming it and its
node. `pixels=True` makes a model that takes the uint8 pixels and divides them by 255 itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..engine.autograd import topological_order
from ..engine.ops import (
    Add,
    AddBias,
    Div,
    Exp,
    Log,
    MatMul,
    Mean,
    Mul,
    Neg,
    Power,
    Relu,
    Sigmoid,
    Sub,
    Sum,
    Tanh,
    Transpose,
)
from ..engine.tensor import COST, INPUT, LABELS, MASK, OUTPUT, Tensor
from ..errors import InputError
from .io import atomic_path
from .nn import Network

# Opset 17 (2022): ONNX Runtime 1.13 and later, onnxruntime-web, TensorRT 8.6, OpenVINO ...
# read it; IR version 8 is the file format it came with (a newer one is refused by older
# runtimes even when the ops are old).
OPSET, IR_VERSION = 17, 8

# The ONNX op of each op that is one ONNX op, the same in the transposed world.
_SAME = {Relu: "Relu", Sigmoid: "Sigmoid", Tanh: "Tanh", Exp: "Exp", Log: "Log", Neg: "Neg",
         Add: "Add", Sub: "Sub", Mul: "Mul", Div: "Div"}
_OTHERS = (MatMul, AddBias, Power, Transpose, Sum, Mean)
SUPPORTED = tuple(_SAME) + _OTHERS


def _version() -> str:
    """tinygraph's version, as installed (the package's face is above this module)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tinygraph")
    except PackageNotFoundError:
        return "unknown"


def export_onnx(source: Network | Tensor, path: str | os.PathLike | None = None, *,
                pixels: bool = False, classes: Sequence[str] | None = None,
                image_shape: Sequence[int] | None = None, force: bool = False) -> Any:
    """The forward graph of `source` as an ONNX model (`onnx.ModelProto`), checked with
    `onnx.checker.check_model(full_check=True)` and written to `path` if given (atomically;
    a read-only file is replaced only when `force`). Needs the `onnx` extra.

    `source` is a `Network` (its graph, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID) or a
    node: the output AL of any graph of supported ops, or its cost J (the model ends at the
    cost's AL). The graph's input (the node whose role is input, X) becomes the model's input.
    `classes` and `image_shape` are written into the model's description of its input and
    output. `pixels=True`: the input is uint8 pixel values 0..255 instead of pixels / 255.

        >>> export_onnx(net, "model.onnx")           # doctest: +SKIP
    """
    onnx = require_onnx()
    output = _output_of(source)
    graph = _Translation(onnx, output, pixels).graph()
    model = onnx.helper.make_model(graph, producer_name="tinygraph",
                                   producer_version=_version(), ir_version=IR_VERSION,
                                   opset_imports=[onnx.helper.make_opsetid("", OPSET)])
    x = _input_of(output)
    n_x, dtype = x.shape[0], output.dtype
    model.doc_string = contract(n_x, dtype, pixels, classes, image_shape, output.name)
    onnx.helper.set_model_props(model, _properties(source, n_x, pixels, classes, image_shape))
    onnx.checker.check_model(model, full_check=True)
    if path is not None:
        with atomic_path(path, force=force) as tmp:
            onnx.save(model, tmp)
    return model


def require_onnx() -> Any:
    """The `onnx` package, or an InputError saying how to install it."""
    try:
        import onnx
    except ImportError:
        raise InputError("ONNX export needs the onnx package: pip install 'tinygraph[onnx]'"
                         ) from None
    return onnx


def contract(n_x: int, dtype: np.dtype, pixels: bool, classes: Sequence[str] | None,
             image_shape: Sequence[int] | None, output: str = "AL") -> str:
    """What the model takes and gives, in words: its ONNX doc_string (Netron shows it).

        >>> print(contract(12288, np.dtype("float32"), False, ("non-cat", "cat"), (64, 64, 3)))
        ... # doctest: +NORMALIZE_WHITESPACE
        tinygraph model. Input X: float32 (batch, 12288), one example per row: a 64x64x3
        picture's pixels flattened in the course's order (height, width, channel, as
        pictures.reshape(batch, -1) gives them) and divided by 255, as for training.
        Output AL: (batch, 1), the probability of label 1 ('cat'); the course predicts 1
        where AL > 0.5. Inside, each value is the course's transposed, batch first (Z1 here
        is the course's Z1.T); W[l] keeps the course's shape (n_l, n_prev).
    """
    what = (f"a {'x'.join(str(n) for n in image_shape)} picture's pixels flattened in the "
            "course's order (height, width, channel, as pictures.reshape(batch, -1) gives "
            "them)" if image_shape else "the course's X.T, features in the course's order")
    if pixels:
        given = (f"Input pixels: uint8 (batch, {n_x}), one example per row: {what}, values "
                 f"0..255; the model divides them by 255 in {dtype.name}, as training did.")
    else:
        given = (f"Input X: {dtype.name} (batch, {n_x}), one example per row: {what} and "
                 "divided by 255, as for training.")
    label = f" ({classes[1]!r})" if classes else ""
    return (f"tinygraph model. {given} Output {output}: (batch, 1), the probability of label "
            f"1{label}; the course predicts 1 where {output} > 0.5. Inside, each value is the "
            "course's transposed, batch first (Z1 here is the course's Z1.T); W[l] keeps the "
            "course's shape (n_l, n_prev).")


def _properties(source: Any, n_x: int, pixels: bool, classes: Sequence[str] | None,
                image_shape: Sequence[int] | None) -> dict[str, str]:
    """The model's metadata_props: what a program reading the file needs, as JSON."""
    props = {"input": "pixels 0..255 (uint8)" if pixels else "pixels / 255", "n_x": str(n_x)}
    if isinstance(source, Network):
        props["layer_dims"] = json.dumps(source.layer_dims)
    if classes:
        props["classes"] = json.dumps(list(classes))
    if image_shape:
        props["image_shape"] = json.dumps([int(n) for n in image_shape])
    return props


def _output_of(source: Network | Tensor) -> Tensor:
    """The node the model ends at: a network's AL, a cost's AL, or the node given."""
    if isinstance(source, Network):
        X = np.zeros((source.layer_dims[0], 2), dtype=source.dtype)  # values do not matter
        return source.forward(X)
    if not isinstance(source, Tensor):
        raise InputError(f"export_onnx: give a Network or a graph's output node, not "
                         f"{type(source).__name__}")
    if source.role == COST:
        outputs = [x for x in source.inputs if x.role == OUTPUT]
        if not outputs:
            raise InputError(f"export_onnx: the cost {source.name!r} has no input whose role "
                             "is output (AL); export the output node itself")
        return outputs[0]
    return source


def _input_of(output: Tensor) -> Tensor:
    """The graph's one input leaf X (role input), or an InputError."""
    inputs = [x for x in topological_order(output) if x.op is None and x.role == INPUT]
    if len(inputs) != 1:
        found = ", ".join(repr(x.name) for x in inputs) or "none"
        raise InputError(f"export_onnx: the graph to {output.name!r} must have exactly one "
                         f"input node (role input, the course's X) to become the model's "
                         f"input; found {found}")
    if inputs[0].value.ndim != 2:
        raise InputError(f"export_onnx: the input {inputs[0].name!r} has shape "
                         f"{inputs[0].shape}; expected (n_x, m)")
    return inputs[0]


class _Translation:
    """One walk over the graph, from X to the output, writing ONNX nodes batch first.

    `names[id(node)]` is the ONNX name of a node's transposed value; leaves other than X
    become initializers in the form an ONNX node needs them (`_constant`).
    """

    def __init__(self, onnx: Any, output: Tensor, pixels: bool) -> None:
        self.onnx, self.output, self.pixels = onnx, output, pixels
        self.dtype = output.dtype
        if self.dtype not in (np.float32, np.float64):
            raise InputError(f"export_onnx: {output.name!r} is {self.dtype}; ONNX export "
                             "takes float32 or float64 graphs")
        self.elem = onnx.helper.np_dtype_to_tensor_dtype(self.dtype)
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.names: dict[int, str] = {}
        self.constants: dict[tuple[int, str], str] = {}
        self.taken: set[str] = set()
        self.order = topological_order(output)
        self.users: dict[int, list[Tensor]] = {}
        for node in self.order:
            for x in node.inputs:
                self.users.setdefault(id(x), []).append(node)

    def graph(self) -> Any:
        helper = self.onnx.helper
        X = _input_of(self.output)
        n_x = X.shape[0]
        if self.pixels:
            given = helper.make_tensor_value_info(self._name("pixels"),
                                                  self.onnx.TensorProto.UINT8, ["batch", n_x])
            floats = self._emit("Cast", ["pixels"], "pixels as floats", to=self.elem)
            self.names[id(X)] = self._emit("Div", [floats, self._number(255.0, "255")],
                                           X.name or "X")
        else:
            self.names[id(X)] = self._name(X.name or "X")
            given = helper.make_tensor_value_info(self.names[id(X)], self.elem,
                                                  ["batch", n_x])
        for node in self.order:
            if node.op is not None and id(node) not in self.names:
                self._translate(node)
        out = self.output
        batch = ["batch", out.shape[0]] if out.value.ndim == 2 and out.shape[1] == X.shape[1] \
            else list(out.shape[::-1])
        result = helper.make_tensor_value_info(self.names[id(out)], self.elem, batch)
        return helper.make_graph(self.nodes, "tinygraph", [given], [result],
                                 initializer=self.initializers)

    # ------------------------------------------------------------------ one node at a time

    def _translate(self, node: Tensor) -> None:
        op = _known(node)
        if node.value.ndim not in (0, 2):
            raise InputError(f"export_onnx: node {node.name!r}{_layer(node)} has shape "
                             f"{node.shape}; ONNX export keeps 2-D values (features, "
                             "examples) and single numbers: use keepdims=True")
        name = node.name
        if op in _SAME:
            self.names[id(node)] = self._emit(_SAME[op], [self._value(x) for x in node.inputs],
                                              name)
        elif op is MatMul:
            if not self._fused(node):  # else the AddBias that uses it makes both one Gemm
                self.names[id(node)] = self._product(node, name)
        elif op is AddBias:
            self.names[id(node)] = self._layer_output(node, name)
        elif op is Power:
            exponent = self._number(float(node.op.k), f"{node.op.k:g}")
            self.names[id(node)] = self._emit("Pow", [self._value(node.inputs[0]), exponent],
                                              name)
        elif op is Transpose:
            self.names[id(node)] = self._emit("Transpose", [self._value(node.inputs[0])], name,
                                              perm=[1, 0])
        else:  # Sum, Mean
            self.names[id(node)] = self._reduction(node, op, name)

    def _fused(self, node: Tensor) -> bool:
        """W @ A whose only user is `+ b`: both become one Gemm, named as the user (Z1)."""
        users = self.users.get(id(node), [])
        return (node.inputs[0].op is None and len(users) == 1 and node is not self.output
                and _known(users[0]) is AddBias and users[0].inputs[0] is node
                and users[0].inputs[1].op is None)

    def _product(self, node: Tensor, name: str) -> str:
        """(W A).T = A.T W.T: Gemm with W as it is and transB=1 when W is a leaf."""
        W, A = node.inputs
        if W.op is None:
            return self._emit("Gemm", [self._value(A), self._constant(W, "as is")], name,
                              transB=1)
        return self._emit("MatMul", [self._value(A), self._value(W)], name)

    def _layer_output(self, node: Tensor, name: str) -> str:
        """Z = W A + b: one Gemm when W A was left for it, else Z.T + b.T."""
        WA, b = node.inputs
        if WA.op is not None and id(WA) not in self.names:  # W @ A left to it: `_fused`
            W, A = WA.inputs
            return self._emit("Gemm", [self._value(A), self._constant(W, "as is"),
                                       self._constant(b, "vector")], name, transB=1)
        return self._emit("Add", [self._value(WA), self._value(b)], name)

    def _reduction(self, node: Tensor, op: type, name: str) -> str:
        axis, keepdims = node.op.axis, int(node.op.keepdims)
        x = self._value(node.inputs[0])
        onnx_op = "ReduceSum" if op is Sum else "ReduceMean"
        if axis is None:
            return self._emit(onnx_op, [x], name, keepdims=keepdims)
        axis = 1 - axis % 2  # rows and columns trade places, batch first
        if op is Sum:  # opset 13 on: ReduceSum's axes are an input
            axes = self._initializer(np.array([axis], dtype=np.int64), f"{name} axes")
            return self._emit(onnx_op, [x, axes], name, keepdims=keepdims)
        return self._emit(onnx_op, [x], name, axes=[axis], keepdims=keepdims)

    # ---------------------------------------------------------------- values and constants

    def _value(self, x: Tensor) -> str:
        """The ONNX name of x's value, batch first: a node's output or a constant, x.T."""
        if id(x) in self.names:
            return self.names[id(x)]
        if x.op is not None:  # a fused W @ A used by something else: not fused after all
            raise AssertionError(f"{x.name} was not translated before its user")
        return self._constant(x, "transposed")

    def _constant(self, leaf: Tensor, form: str) -> str:
        """A leaf as an initializer: "as is" (W for Gemm), "vector" (b as (n,) for Gemm's C)
        or "transposed" (anything else, batch first)."""
        if leaf.role in (LABELS, MASK):
            raise InputError(f"export_onnx: node {leaf.name!r} holds the {leaf.role} of one "
                             "batch; the model computes its output from X alone")
        key = (id(leaf), form)
        if key not in self.constants:
            value = np.asarray(leaf.value, dtype=self.dtype)
            if value.ndim not in (0, 2):
                raise InputError(f"export_onnx: {leaf.name!r} has shape {leaf.shape}; ONNX "
                                 "export keeps 2-D values and single numbers")
            array = {"as is": value, "vector": value.reshape(-1), "transposed": value.T}[form]
            name = leaf.name or "constant"
            if form == "transposed" and value.size > 1:
                name += ".T"  # b1.T: the course's b1 (n, 1) as the row (1, n)
            self.constants[key] = self._initializer(array, name)
        return self.constants[key]

    def _number(self, number: float, name: str) -> str:
        return self._initializer(np.array(number, dtype=self.dtype), name)

    def _initializer(self, array: np.ndarray, name: str) -> str:
        name = self._name(name)
        self.initializers.append(self.onnx.numpy_helper.from_array(
            np.array(array, order="C"), name))  # (ascontiguousarray makes 0-d 1-d)
        return name

    def _emit(self, op_type: str, inputs: list[str], name: str, **attributes: Any) -> str:
        """One ONNX node named `name` whose output value has the same name."""
        name = self._name(name or op_type.lower())
        self.nodes.append(self.onnx.helper.make_node(op_type, inputs, [name], name=name,
                                                     **attributes))
        return name

    def _name(self, wanted: str) -> str:
        """`wanted`, or `wanted_2` ... when a value already has it: ONNX names are unique."""
        name, k = wanted, 1
        while name in self.taken:
            k += 1
            name = f"{wanted}_{k}"
        self.taken.add(name)
        return name


def _known(node: Tensor) -> type:
    """The shipped op class `node.op` is (or a fixed constant of), or an InputError naming
    the op and the node: a learner's own op, or one that changes a shipped op's forward."""
    for cls in node.op.__mro__:
        if cls in SUPPORTED:
            return cls
        if "forward" in vars(cls):  # its own forward: ONNX cannot know what it computes
            break
    hint = ("; dropout belongs to training: export the graph the course's predict runs, "
            "without it" if node.op.name == "dropout" else "")
    names = ", ".join(sorted({cls.name for cls in SUPPORTED}))
    raise InputError(f"export_onnx: node {node.name!r}{_layer(node)} is made by op "
                     f"{node.op.name!r} ({node.op.__qualname__}), which has no ONNX form; "
                     f"ONNX export knows {names}{hint}")


def _layer(node: Tensor) -> str:
    return "" if node.layer is None else f" (layer {node.layer})"
