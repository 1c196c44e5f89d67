"""HTML views for Jupyter: a node, the course's grads dictionary, a debugger step, a gradcheck
report. Small tables of text, no script and no stylesheet (inline styles only, so nothing
leaks into the notebook); arrays are summarised like everywhere else (`format.array_lines`).

    >>> import numpy as np, tinygraph as tg
    >>> W1 = tg.parameter(np.ones((2, 3)), name="W1", layer=1)
    >>> shown = tensor_html(W1)                     # what Jupyter shows for W1
    >>> "(2, 3)" in shown and "dW1" in shown and "not computed yet" in shown
    True

`views.register.show_in_jupyter` hands them to IPython (why formatters: see it).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from ...engine.autograd import NO_GRADIENTS_YET, grad_name
from ...engine.tensor import Tensor
from ..debug.gradcheck import checked_text
from ..format import (
    array_lines,
    describe_node,
    formula_with_numbers,
    norm_text,
    sent_text,
    shape,
    shape_text,
)

if TYPE_CHECKING:
    from ..debug.debugger import DebugStep
    from ..debug.gradcheck import GradcheckReport

_TABLE = 'style="border-collapse: collapse; font-size: 0.9em; margin: 0.3em 0"'
_CELL = 'style="border: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; ' \
        'vertical-align: top"'


def _pre(text: str) -> str:
    return f'<pre style="margin: 0">{html.escape(text)}</pre>'


def _numbers(a: np.ndarray) -> str:
    return _pre("\n".join(array_lines(a)))


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], caption: str = "") -> str:
    """Cells are HTML already (escape text before)."""
    head = "".join(f"<th {_CELL}>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{c}</td>" for c in row) + "</tr>"
                   for row in rows)
    cap = f'<caption style="text-align: left">{caption}</caption>' if caption else ""
    return f"<table {_TABLE}>{cap}<tr>{head}</tr>{body}</table>"


def tensor_html(node: Tensor) -> str:
    """A node: its name, what made it, layer, shape, a summary of its value and gradient."""
    if node.grad is not None:
        grad = f"|g| = {norm_text(node.grad, 4)}" + _numbers(node.grad)
    else:
        grad = html.escape(f"not computed yet ({NO_GRADIENTS_YET})" if node.requires_grad
                           else "none: data needs no gradient")
    rows = [
        ("node", html.escape(describe_node(node))),
        ("shape", html.escape(shape_text(node.value))),
        ("value", _numbers(node.value)),
        (html.escape(grad_name(node.name or "?")), grad),
    ]
    return _table(("Tensor", html.escape(node.name or "?")), rows)


def grads_html(grads: Mapping[str, np.ndarray]) -> str:
    """The course's `grads` dictionary: one row per gradient, in its order."""
    rows = [(f"<code>{html.escape(name)}</code>", html.escape(shape(g)), norm_text(g, 4),
             _numbers(g)) for name, g in grads.items()]
    if not rows:
        return _pre(f"{{}} ({NO_GRADIENTS_YET})")
    return _table(("grads", "shape", "|g|", "values"), rows)


def step_html(step: DebugStep) -> str:
    """A debugger step: the node, then its rule with shapes and the numbers it names."""
    node = step.node
    sent = sent_text(step.input_grads)
    title = (f"step {step.index + 1}: {describe_node(node, origin=False)}; arrives "
             f"{grad_name(node.name)} {shape(step.grad)}" + (f"; sends {sent}" if sent else ""))
    return (f"<div><strong>{html.escape(title)}</strong>"
            f"{_pre(formula_with_numbers(step))}</div>")


def gradcheck_html(report: GradcheckReport) -> str:
    """The gradcheck report as a table, the rows that disagree in red."""
    rows = []
    for row in report.rows:
        color = "#2ca02c" if row.ok else "#d62728; font-weight: bold"
        verdict = f'<span style="color: {color}">{html.escape(report.verdict(row))}</span>'
        rows.append((f"<code>{html.escape(row.name)}</code>", html.escape(str(row.shape)),
                     checked_text(row), f"{row.difference:.3e}", verdict))
    summary = report.summary
    return _table(("parameter", "shape", "checked", "relative difference", ""), rows,
                  caption=html.escape(summary))
