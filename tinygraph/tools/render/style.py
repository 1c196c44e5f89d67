"""How nodes and edges look: the three kinds of node, the layer box, the highlight and the
backward walk's dashed red edges. One place, so the full graph and the network view agree.

    >>> node_attrs("parameter", highlighted=True, tooltip="W1")["color"]
    '#d62728'
"""

from __future__ import annotations

from typing import Any

from .names import label

# The three kinds of node, and the layer box of the network view.
STYLES: dict[str, dict[str, str]] = {
    "data": {"shape": "box", "style": "filled", "fillcolor": "#e6e6e6", "color": "#666666"},
    "parameter": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fbe7b5",
                  "color": "#b7791f"},
    # a small margin: an ellipse is already ~1.4 times as wide as its text
    "result": {"shape": "ellipse", "style": "filled", "fillcolor": "#d5e5fa",
               "color": "#2b6cb0", "margin": "0.04,0.04"},
    # a narrow margin: the network view's boxes stand side by side in a cell's width
    "layer": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dff0d8",
              "color": "#3c763d", "margin": "0.08,0.05"},
}
HIGHLIGHT = {"penwidth": "3", "color": "#d62728", "fontname": "Helvetica-Bold"}
BACKWARD_COLOR = "#c0392b"


def node_attrs(kind: str, highlighted: bool, tooltip: str) -> dict[str, Any]:
    """Graphviz attributes of a node of `kind` ("data", "parameter", "result", "layer");
    its SVG group gets the kind as class, and "highlight" when it is highlighted."""
    attrs = {"class": kind, **STYLES[kind], "tooltip": label(tooltip.splitlines())}
    if highlighted:
        attrs.update(HIGHLIGHT, **{"class": f"{kind} highlight"})
    return attrs


def backward_attrs(text: str) -> dict[str, str]:
    """A dashed red edge of the backward walk, labelled with the gradient it carries (one
    line of the label per line of `text`)."""
    # constraint=false: the overlay must not move the forward layout around
    return {"label": label(text.splitlines()), "style": "dashed", "color": BACKWARD_COLOR,
            "fontcolor": BACKWARD_COLOR, "constraint": "false", "class": "backward"}
