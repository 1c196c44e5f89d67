"""The checker's view in Jupyter: the report as a table and, for a wrong backward function, its
graph, the node where the learner's numbers leave the reference's in red, and beside it the
course's formula with both sets of numbers.

The graph is the one the function's case describes (the layers in its caches); its nodes
carry the course's names, so `grads["dW2"]` is drawn on W2, `dA_prev` on A_prev.

    >>> from tinygraph.checker.cases import course_case
    >>> root, node = graph_for("linear_backward", course_case("linear_backward"), ("dW",))
    >>> root.name, node.name
    ('Z', 'W')
"""

from __future__ import annotations

import html
import re
from typing import Any

import numpy as np

from ...course.checker.cases import Case
from ...course.checker.report import Report
from ...course.checker.run import Result
from ...engine.autograd import topological_order
from ...engine.ops import add_bias, matmul, relu, sigmoid
from ...engine.tensor import (
    ACTIVATION,
    BIAS,
    INPUT,
    PRE_ACTIVATION,
    WEIGHT,
    Tensor,
    parameter,
    tensor,
)
from ...errors import TinygraphError
from ...models.nn import Network

# The course's formula for each gradient, {l} its layer: (8), (9), (10), (11).
FORMULAS = {
    "dW": "dW{l} = (1/m) dZ{l} A{p}.T   (8)",
    "db": "db{l} = (1/m) np.sum(dZ{l}, axis=1, keepdims=True)   (9)",
    "dA": "dA{p} = W{l}.T dZ{l}   (10)",
    "dZ": "dZ{l} = dA{l} * g'(Z{l})   (11)",
}


def _node(root: Tensor, role: str, layer: int | None) -> Tensor | None:
    """The node of `root`'s graph that is `role` in `layer` (roles, not names: see tensor)."""
    return next((n for n in topological_order(root) if n.role == role and n.layer == layer),
                None)


def _one_layer(case: Case, name: str) -> Tensor:
    """Z = W A_prev + b (and A = g(Z)) from the case's cache: one layer, drawn as layer 1."""
    if name in ("relu_backward", "sigmoid_backward"):
        Z = parameter(case.args[1], name="Z", role=PRE_ACTIVATION, layer=1)
        return (relu if name == "relu_backward" else sigmoid)(Z, name="A")
    cache = case.args[1] if name == "linear_backward" else case.args[1][0]
    A_prev, W, b = cache
    Z = add_bias(matmul(parameter(W, name="W", layer=1),
                        parameter(A_prev, name="A_prev", role=INPUT, layer=0), name="W@A_prev"),
                 parameter(b, name="b", layer=1), name="Z")
    if name == "linear_backward":
        return Z
    return (relu if case.args[2] == "relu" else sigmoid)(Z, name="A")


# The course's gradient keys and the roles of the nodes they are the gradients of.
_ROLES = {"W": WEIGHT, "b": BIAS, "A": ACTIVATION, "A_prev": INPUT, "Z": PRE_ACTIVATION}


def graph_for(name: str, case: Case, path: tuple) -> tuple[Tensor, Tensor | None]:
    """(root of the graph, the node whose gradient is `path`'s) for one case."""
    key = str(path[-1])
    if name == "L_model_backward":
        AL, Y, caches = case.args
        values = {f"{k}{l}": np.asarray(cache[0][i]) for l, cache in enumerate(caches, start=1)
                  for k, i in (("W", 1), ("b", 2))}
        X = tensor(caches[0][0][0], name="X", layer=0)
        root = Network.from_values(values).cost(X, np.asarray(Y).reshape(1, -1))
        kind, layer = re.fullmatch(r"d([WbA])(\d+)", key).groups()  # the course's key: dW2
        role = INPUT if key == "dA0" else _ROLES[kind]
        return root, _node(root, role, int(layer))
    root = _one_layer(case, name)
    role = _ROLES.get(key[1:]) if key.startswith("d") else None
    layer = 0 if role == INPUT else 1
    return root, _node(root, role, layer) if role else None


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
    text = (f"<pre style='text-align:left;white-space:pre-wrap;max-width:40em;margin:0'>"
            f"{html.escape(chr(10).join(lines))}</pre>")
    try:
        from ..render import draw, img_tag  # Graphviz: only when there is something to draw

        root, node = graph_for(result.name, case, path)
        title = f"{result.name}: where your numbers leave tinygraph's"
        # an <img>, not inline <svg>: an untrusted notebook keeps it
        picture = img_tag(draw(root, highlight=[node] if node is not None else [],
                               title=title).svg(), title)
    except (TinygraphError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        picture = ""  # no Graphviz, or a case the graph cannot be built from: the numbers stay
    return (f"<div style='display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start'>"
            f"<div style='flex:0 1 auto;min-width:0'>{picture}</div>{text}</div>")


_COLOURS = {"ok": "#1a7f37", "differs": "#cf222e", "error": "#cf222e", "missing": "#6e7781"}

# A notebook's stylesheet right-aligns table cells and may fix the table's layout; inline
# styles (kept untrusted) set them back: names left, words whole, a line per name.
_TABLE = ("border-collapse:collapse;table-layout:auto;margin:0.3em 0;font-size:13px;"
          "width:auto")
_CELL = ("text-align:left;vertical-align:top;padding:0.25em 0.7em;border:1px solid #ddd;"
         "word-break:normal;overflow-wrap:normal;hyphens:none")
_NAME = _CELL + ";white-space:nowrap"


def _row(name: str, status: str, notes: list[str]) -> str:
    return (f"<tr><td style='{_NAME}'><code>{html.escape(name)}</code></td>"
            f"<td style='{_NAME};color:{_COLOURS[status]};font-weight:bold'>{status}</td>"
            f"<td style='{_CELL}'>{'<br>'.join(notes)}</td></tr>")


def report_html(report: Report) -> str:
    """The report as a table, then the picture of its first wrong backward function."""
    rows = []
    for r in report.functions:
        if r.status == "missing":
            continue
        notes = [html.escape(r.detail)] if r.detail else []
        if r.caused_by:
            notes.append(f"<b>caused by your {html.escape(r.caused_by)}</b>")
        if r.hint:
            notes.append(f"<i>hint: {html.escape(r.hint)}</i>")
        rows.append(_row(r.name, r.status, notes))
    missing = [r.name for r in report.functions if r.status == "missing"]
    if missing:
        rows.append(f"<tr><td colspan='3' style='{_CELL};color:{_COLOURS['missing']}'>"
                    f"not found: {html.escape(', '.join(missing))}</td></tr>")
    head = "".join(f"<th style='{_NAME}'>{h}</th>" for h in ("function", "status", "what"))
    table = (f"<table style='{_TABLE}'><caption style='text-align:left;caption-side:top'>"
             f"tinygraph check: {html.escape(report.file)} ({report.summary()})</caption>"
             f"<tr>{head}</tr>{''.join(rows)}</table>")
    wrong = report.first_wrong_backward()
    return table if wrong is None else table + picture_html(wrong)
