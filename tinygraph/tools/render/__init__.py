"""Draw the graph with Graphviz, in the course's notation: W[l], b[l], Z[l], A[l], X = A[0], J.

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph import render
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> cost = net.cost(np.ones((4, 2)), [[1, 0]])
    >>> dot = render.to_dot(cost)                      # a graphviz.Digraph, no layout run yet
    >>> "Layer 1: LINEAR -> RELU" in dot.source
    True
    >>> render.render(cost, "out/net.svg")             # doctest: +SKIP
    PosixPath('out/net.svg')

Three kinds of node, three styles: data (`X`, `Y`, grey boxes), parameters (`W[l]`, `b[l]`,
yellow rounded boxes) and op results (`Z[l]`, `A[l]`, `J`, blue ellipses). Each label names
the node by its role in the network (set by the builder that made it, whatever it is called),
its op and shape (and dtype when it is not float64); nodes of layer l sit in a box titled
like the course, "Layer 2: LINEAR -> RELU". `compact=True` draws the network view: one box
per layer, left to right, as the course's figures (`[LINEAR -> RELU] x 3 -> LINEAR -> SIGMOID`).

`grads=True` adds each node's gradient, `node.grad` as it is at that moment:
`dW2: (7, 20), |g| = 0.031` (|g| is the Frobenius norm), "not computed yet" before a backward
pass and "pending" during one, never zeros. `backward=True` overlays the backward walk as
dashed red edges from each node to its inputs, labelled with the gradient its rule sends.

One module per job: `names` (the words on the picture), `graph` (the nodes as a drawing sees
them), `style` (how nodes and edges look), `dot` (the DOT source of the full graph),
`network` (the network view), `output` (running `dot`, files, the notebook's `Diagram`).
"""

from .dot import FORMATS, HIGHLIGHT, RANKDIRS, STYLES, to_dot
from .graph import Graph, layer_of, node_label
from .names import course_name, gradient_text, layer_title, node_kind, symbol, tooltip
from .output import (
    SCREEN,
    Diagram,
    GraphvizNotFoundError,
    RenderError,
    draw,
    img_tag,
    render,
    save,
    size_px,
    to_svg,
)

__all__ = [
    "FORMATS", "HIGHLIGHT", "RANKDIRS", "STYLES", "Diagram", "Graph",
    "GraphvizNotFoundError", "RenderError", "SCREEN", "course_name", "draw", "gradient_text",
    "layer_of", "layer_title", "node_kind", "node_label", "render", "save", "symbol", "to_dot",
    "to_svg", "tooltip", "img_tag", "size_px",
]
