"""The picture of a wrong backward function: its graph, the node where the learner's numbers
leave the reference's in red, and beside it the course's formula with both sets of numbers.

The graph is the one the function's case describes (the layers in its caches); its nodes
carry the course's names, so `grads["dW2"]` is drawn on W2, `dA_prev` on A_prev.

    >>> from tinygraph.check.cases import course_case
    >>> root, node = graph_for("linear_backward", course_case("linear_backward"), ("dW",))
    >>> root.name, node.name
    ('Z', 'W')
"""

from __future__ import annotations

import html
import re
from typing import Any

import numpy as np

from ..autograd import topological_order
from ..errors import TinygraphError
from ..nn import Network
from ..ops import add_bias, matmul, relu, sigmoid
from ..tensor import Tensor, parameter, tensor
from .cases import Case
from .run import Result

# The course's formula for each gradient, {l} its layer: (8), (9), (10), (11).
FORMULAS = {
    "dW": "dW{l} = (1/m) dZ{l} A{p}.T   (8)",
    "db": "db{l} = (1/m) np.sum(dZ{l}, axis=1, keepdims=True)   (9)",
    "dA": "dA{p} = W{l}.T dZ{l}   (10)",
    "dZ": "dZ{l} = dA{l} * g'(Z{l})   (11)",
}


def _node(root: Tensor, name: str) -> Tensor | None:
    return next((n for n in topological_order(root) if n.name == name), None)


def _one_layer(case: Case, name: str) -> Tensor:
    """Z = W A_prev + b (and A = g(Z)) from the case's cache, nodes named as the course."""
    if name in ("relu_backward", "sigmoid_backward"):
        Z = parameter(case.args[1], name="Z")
        return (relu if name == "relu_backward" else sigmoid)(Z, name="A")
    cache = case.args[1] if name == "linear_backward" else case.args[1][0]
    A_prev, W, b = cache
    Z = add_bias(matmul(parameter(W, name="W"), parameter(A_prev, name="A_prev"), name="W@A_prev"),
                 parameter(b, name="b"), name="Z")
    if name == "linear_backward":
        return Z
    return (relu if case.args[2] == "relu" else sigmoid)(Z, name="A")


def graph_for(name: str, case: Case, path: tuple) -> tuple[Tensor, Tensor | None]:
    """(root of the graph, the node whose gradient is `path`'s) for one case."""
    key = str(path[-1])
    if name == "L_model_backward":
        AL, Y, caches = case.args
        values = {f"{k}{l}": np.asarray(cache[0][i]) for l, cache in enumerate(caches, start=1)
                  for k, i in (("W", 1), ("b", 2))}
        X = tensor(caches[0][0][0], name="X", layer=0)
        root = Network.from_values(values).cost(X, np.asarray(Y).reshape(1, -1))
        kind, layer = re.fullmatch(r"d([WbA])(\d+)", key).groups()
        node_name = "X" if key == "dA0" else f"{kind}{layer}"
        if kind == "A" and int(layer) == len(caches):
            node_name = "AL"
        return root, _node(root, node_name)
    root = _one_layer(case, name)
    target = {"dW": "W", "db": "b", "dA_prev": "A_prev", "dZ": "Z"}.get(key)
    return root, _node(root, target) if target else None


def formula(name: str, path: tuple) -> str:
    key = str(path[-1])
    match = re.fullmatch(r"d([WbAZ])(\d*)(_prev)?", key)
    if match is None:
        return ""
    kind, layer, _ = match.groups()
    l = int(layer) + (kind == "A") if layer else None
    text = FORMULAS[f"d{kind}"]
    if l is None:
        return text.format(l="", p="_prev" if kind != "Z" else "")
    return text.format(l=l, p=l - 1)


def _numbers(value: Any) -> str:
    a = np.asarray(value)
    if a.dtype.kind not in "biuf":
        return repr(value)
    with np.printoptions(precision=6, suppress=True, threshold=24, edgeitems=3):
        return f"shape {a.shape}\n{a}"


def picture_html(result: Result) -> str:
    """The graph with the node highlighted, next to the formula and both sets of numbers."""
    difference, case = result.difference, result.case
    path = difference.output.path
    lines = [f"{result.name}: {difference.output.label} on {case.label}",
             formula(result.name, path), "",
             "tinygraph's:", _numbers(difference.expected), "", "yours:", _numbers(difference.got)]
    text = (f"<pre style='text-align:left;white-space:pre-wrap;max-width:40em'>"
            f"{html.escape(chr(10).join(lines))}</pre>")
    try:
        from ..render import draw

        root, node = graph_for(result.name, case, path)
        svg = draw(root, highlight=[node] if node is not None else [],
                   title=f"{result.name}: where your numbers leave tinygraph's").svg()
    except (TinygraphError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        svg = ""  # no Graphviz, or a case the graph cannot be built from: the numbers stay
    return (f"<div style='display:flex;gap:1em;align-items:flex-start'><div>{svg}</div>"
            f"{text}</div>")
