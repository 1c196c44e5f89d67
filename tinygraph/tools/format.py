"""Words for a node and its numbers: the text the debugger, the stepper and the renderer show.

    >>> import numpy as np
    >>> format_array(np.array([[1.0, -2.5]]))
    '[[ 1.  -2.5]]'
    >>> print(format_array(np.array([[-0.0003, 0.0002]])))   # small but not zero: never 0
    [[-0.0003  0.0002]]
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from ..engine.ops.contract import (
    ShapeTerm,
    examples,
    formula_fields,
    formula_lines,
    formula_text,
    grad_name,
)
from ..engine.tensor import Tensor

if TYPE_CHECKING:
    from ..engine.autograd import Step

SMALL = 24  # arrays with at most this many numbers are printed in full (a 4x3 W1 is readable)


def where_made(node: Tensor) -> str:
    """`examples/foo.py:12`: where the user's code made the node (relative to the cwd)."""
    file, line = node.created_at
    try:
        relative = os.path.relpath(file)
        file = file if relative.startswith("..") else relative
    except ValueError:  # another drive on Windows
        pass
    return f"{file}:{line}"


def describe_node(node: Tensor, origin: bool = True) -> str:
    """`Z2 (add_bias, layer 2, created at foo.py:12)`: enough to find the node in your code.

    `origin=False` leaves out where it was created (for graphs the `tinygraph` command made).
    """
    what = [node.kind]
    if node.layer is not None:
        what.append(f"layer {node.layer}")
    if origin:
        what.append(f"created at {where_made(node)}")
    return f"{node.name or '?'} ({', '.join(what)})"


def array_lines(a: np.ndarray, *, precision: int = 5, small: int = SMALL,
                shape: bool = True) -> list[str]:
    """A small array in full, one line per row; a big one as (shape,) min, mean and max.

        >>> array_lines(np.array([[0.5, 0.25], [1.0, 2.0]]), precision=3)
        ['[[0.5  0.25]', ' [1.   2.  ]]']
        >>> array_lines(np.arange(30.0).reshape(3, 10), shape=False)
        ['min 0, mean 14.5, max 29']

    A number that is not zero is never printed as 0: when rounding to `precision` decimals
    would hide one (a db1 of -0.0003), every number is written with `precision` significant
    digits instead.
    """
    a = np.asarray(a)
    if a.size <= small and a.ndim <= 2:
        return np.array2string(a, max_line_width=96, **_number_format(a, precision)).splitlines()
    finite = a[np.isfinite(a)]
    text = (f"min {finite.min():.4g}, mean {finite.mean():.4g}, max {finite.max():.4g}"
            if finite.size else "no finite values")
    if finite.size < a.size:
        text += f" ({not_finite(a)})"
    return [f"{a.shape} array: {text}" if shape else text]


def _number_format(a: np.ndarray, precision: int) -> dict:
    nonzero = np.abs(a[np.isfinite(a) & (a != 0)])
    if nonzero.size and nonzero.min() < 0.5 * 10.0 ** -precision:  # would round to 0
        return {"formatter": {"float_kind": lambda x: f"{x:.{precision}g}"}}
    return {"precision": precision, "suppress_small": True}


def format_array(a: np.ndarray, indent: str = "", precision: int = 5) -> str:
    """`array_lines` as one string, later lines indented by `indent`."""
    return ("\n" + indent).join(array_lines(a, precision=precision))


def not_finite(a: np.ndarray) -> str:
    """`2 NaN and 1 inf of 6 values`, or '' when every value is finite."""
    parts = [f"{n} {what}" for n, what in ((int(np.isnan(a).sum()), "NaN"),
                                            (int(np.isinf(a).sum()), "inf")) if n]
    return f"{' and '.join(parts)} of {a.size} values" if parts else ""


def formula_with_shapes(node: Tensor, grad: np.ndarray,
                        input_grads: Iterable[tuple[Tensor, np.ndarray]] = ()) -> str:
    """The node's rule with the real shapes beside it, one line per input that gets a gradient.

        dW2 = d(W2@A1) @ A1.T   (7, 20) = (7, 209) @ (209, 20)   # (8)

    The gradients are dJ/d(node), so a rule has no 1/m: it sits once, in the cost's rule.
    Both halves are the op's own formulas, once with the names and once with the shapes.
    """
    text = formula_text(node)
    if node.op is None:
        return f"{text}   {shape(grad)}"
    m = examples(node)
    shapes = formula_lines(node, formula_fields(
        node, lambda x: ShapeTerm(x.shape),
        lambda x: ShapeTerm(np.shape(grad) if x is node else x.shape),
        "m" if m is None else str(m)))
    lines = []
    for named, shaped in zip(text.splitlines(), shapes, strict=True):
        code, hash_, comment = named.partition("#")
        lines.append(f"{code.rstrip()}   {shaped.partition('#')[0].rstrip()}"
                     + (f"   # {comment.strip()}" if hash_ else ""))
    return "\n".join(lines)


def formula_with_numbers(step: Step) -> str:
    """The step's rule, then every array it names, in full when small: the formula with numbers.

    `step` is the walk's `Step` or the debugger's `DebugStep` (both have node, grad,
    input_grads)."""
    arrays = numbers(step)
    rule = formula_with_shapes(step.node, step.grad, step.input_grads)
    return f"{rule}\n{arrays}" if arrays else rule


def numbers(step: Step) -> str:
    """Every array the step's rule names, in full when small: the numbers of
    `formula_with_numbers` without its rule (for a text that shows the rule already)."""
    lines = []
    for name, array in named_arrays(step):
        lines.append(f"  {name} =")
        lines.append("    " + format_array(array, indent="    "))
    return "\n".join(lines)


def named_arrays(step: Step) -> list[tuple[str, np.ndarray]]:
    """[(name, array)] for every array the step's rule names that has a value by now, in the
    order the rule names them (read from the op's formulas, not from their text)."""
    node = step.node
    if node.op is None:
        return [(grad_name(node.name), step.grad)]
    arrays = {"out": (node.name, node.value), "dout": (grad_name(node.name), step.grad)}
    for i, x in enumerate(node.inputs):
        arrays[f"x{i}"] = (x.name, x.value)
    sent = {id(x): g for x, g in step.input_grads}
    for i, x in enumerate(node.inputs):
        if id(x) in sent:
            arrays[f"dx{i}"] = (grad_name(x.name), sent[id(x)])
    named: dict[str, np.ndarray] = {}
    for template, x in zip(node.op.formulas, node.inputs, strict=False):
        if not template or not x.requires_grad:
            continue
        for _, field, _, _ in string.Formatter().parse(template.partition("#")[0]):
            base = (field or "").split(".")[0]
            if base in arrays and arrays[base][0] not in named:
                name, array = arrays[base]
                named[name] = array
    return list(named.items())


def describe(step: Step, total: int | None = None, path: list[Tensor] | None = None) -> str:
    """One block of text for a step, as the terminal stepper and its transcript print it."""
    node = step.node
    count = f"{step.index + 1}/{total}" if total else f"{step.index + 1}"
    layer = "" if node.layer is None else f", layer {node.layer}"
    lines = [f"step {count}: {node.name}  ({node.kind}{layer})"]
    if path:
        lines.append(f"  path      {' -> '.join(n.name for n in path)}")
    origin = "the seed: dJ/dJ = 1" if step.index == 0 else "complete, from every consumer"
    lines.append(f"  arrives   {grad_name(node.name)} {shape(step.grad)}   ({origin})")
    rule = step.formula.splitlines()
    lines.append(f"  rule      {rule[0] if rule else '(no formula: this op has none)'}")
    lines += [f"            {line}" for line in rule[1:]]
    if step.input_grads:
        lines.append(f"  sends     {sent_text(step.input_grads)}")
    if node.op is None:
        lines.append(f"  {grad_name(node.name)} = " +
                     format_array(step.grad, indent=" " * (5 + len(grad_name(node.name)))))
    return "\n".join(lines)


def sent_text(input_grads: Iterable[tuple[Tensor, np.ndarray]]) -> str:
    """What a step sends back: `dW2 (1, 3), dA1 (3, 4)`."""
    return ", ".join(f"{grad_name(x.name)} {shape(g)}" for x, g in input_grads)


def shape(a: np.ndarray) -> str:
    """`(7, 20)`."""
    return str(tuple(np.shape(a)))


def shape_text(array: np.ndarray) -> str:
    """`(7, 20)`, with the dtype when it is not float64: `(7, 20) float32`; `scalar` for ()."""
    text = "scalar" if array.shape == () else str(tuple(array.shape))
    return text if array.dtype == np.float64 else f"{text} {array.dtype}"


def norm_text(g: np.ndarray, digits: int = 3) -> str:
    """|g| to `digits` significant digits, as a node in a drawing shows it: `0.0693` (a
    notebook's table, with room to spare, shows 4)."""
    return f"{float(np.linalg.norm(np.asarray(g, dtype=np.float64))):.{digits}g}"
