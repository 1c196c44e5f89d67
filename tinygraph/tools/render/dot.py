"""The graph of a node as Graphviz's DOT source, in the course's notation: one box per layer,
"Layer 2: LINEAR -> RELU", data in grey, parameters in yellow, op results in blue.

    >>> import numpy as np, tinygraph as tg
    >>> cost = tg.Network([4, 3, 1], init="two_layer").cost(np.ones((4, 2)), [[1, 0]])
    >>> dot = to_dot(cost, grads=True, highlight=[cost.inputs[0]], backward=True)
    >>> dot.source.count("subgraph cluster_")            # one box per layer
    2
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ...engine.autograd import NO_GRADIENTS_YET, Step
from ...engine.tensor import Tensor
from ...errors import InputError
from ..format import norm_text, shape_text
from .graph import Graph, layer_of, node_label
from .names import (
    dot_text,
    gradient_name,
    gradient_text,
    label,
    layer_title,
    node_kind,
    tooltip,
)

if TYPE_CHECKING:
    import graphviz

FORMATS = ("svg", "png", "pdf", "dot")

# The three kinds of node, and the layer box of the compact view.
STYLES: dict[str, dict[str, str]] = {
    "data": {"shape": "box", "style": "filled", "fillcolor": "#e6e6e6", "color": "#666666"},
    "parameter": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fbe7b5",
                  "color": "#b7791f"},
    # a small margin: an ellipse is already ~1.4 times as wide as its text
    "result": {"shape": "ellipse", "style": "filled", "fillcolor": "#d5e5fa",
               "color": "#2b6cb0", "margin": "0.04,0.04"},
    "layer": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dff0d8",
              "color": "#3c763d"},
}
HIGHLIGHT = {"penwidth": "3", "color": "#d62728", "fontname": "Helvetica-Bold"}
BACKWARD_COLOR = "#c0392b"


RANKDIRS = ("TB", "LR", "BT", "RL")


def _size_attr(size: str | tuple[float, float]) -> str:
    """Graphviz's `size`, the largest drawing in inches: `(8, 10)` or `"8,10"` -> "8,10"
    ("8,10!" also enlarges a smaller drawing to fit)."""
    try:
        text = size if isinstance(size, str) else ",".join(f"{float(v):g}" for v in size)
        numbers = text.rstrip("!").split(",")
        ok = len(numbers) <= 2 and all(float(v) > 0 for v in numbers)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InputError(f"draw: size must be (width, height) in inches, e.g. (8, 10) or "
                         f"'8,10', not {size!r}")
    return text


def _new_digraph(title: str | None, rankdir: str = "TB",
                 size: str | tuple[float, float] | None = None) -> graphviz.Digraph:
    import graphviz  # lazily: drawing is optional, importing tinygraph must stay fast

    if rankdir not in RANKDIRS:
        raise InputError(f"draw: rankdir must be one of {', '.join(RANKDIRS)} (TB: top to "
                         f"bottom, LR: left to right), not {rankdir!r}")
    dot = graphviz.Digraph("tinygraph")
    # newrank: "rank=same" inside a layer's box ranks against the whole graph, not the box
    dot.attr(rankdir=rankdir, newrank="true", fontname="Helvetica", nodesep="0.2",
             ranksep="0.35")
    if size is not None:
        dot.attr(size=_size_attr(size))
    dot.attr("node", fontname="Helvetica", fontsize="11")
    dot.attr("edge", fontname="Helvetica", fontsize="9", color="#444444")
    if title:
        dot.attr(label=dot_text(title), labelloc="t", fontsize="16")
    return dot


def to_dot(root: Tensor, *, compact: bool = False, grads: bool = False, values: bool = False,
           highlight: Iterable[Tensor] = (), backward: bool | Iterable[Step] = False,
           title: str | None = None, rankdir: str = "TB",
           size: str | tuple[float, float] | None = None) -> graphviz.Digraph:
    """The graph of `root` as a `graphviz.Digraph`: only DOT source, no layout is run.

        >>> dot = to_dot(cost, grads=True, highlight=[cost.inputs[0]], backward=True)
        >>> dot.source.count("subgraph cluster_")            # one box per layer
        2

    `compact` draws one box per layer with its shapes; `grads` shows each node's gradient
    (`node.grad` now); `values` shows small arrays in full and big ones as min/mean/max
    (in the full view);
    `highlight` draws the given nodes with a thick red outline; `backward` adds the backward
    walk as dashed edges labelled with the gradient each rule has sent (pass the walk's steps
    taken so far, e.g. `Debugger.history`, and their gradients are drawn without running the
    rules again); `title` tops the picture. `rankdir` is the direction the graph reads: "TB"
    (the default: layers stacked top to bottom, in the course's order, one column about
    1,000 px wide for the course's net with gradients), "LR", "BT" or "RL"; `size`, e.g.
    `(6, 8)`, is the largest drawing in inches (Graphviz's `size`: a bigger one is shrunk).
    """
    graph = Graph(root, None if isinstance(backward, bool) else backward)
    backward = backward is not False
    chosen = graph.highlighted(highlight)
    if grads and not graph.walk_started:  # say why every node reads "not computed yet"
        title = f"{title}\n({NO_GRADIENTS_YET})" if title else NO_GRADIENTS_YET
    dot = _new_digraph(title, rankdir, size)
    if compact:
        _compact(dot, graph, chosen, grads=grads, backward=backward)
    else:
        _full(dot, graph, chosen, grads=grads, values=values, backward=backward)
    return dot


def _node_attrs(kind: str, highlighted: bool, tooltip: str) -> dict[str, Any]:
    attrs = {"class": kind, **STYLES[kind], "tooltip": label(tooltip.splitlines())}
    if highlighted:
        attrs.update(HIGHLIGHT, **{"class": f"{kind} highlight"})
    return attrs


def _full(dot: graphviz.Digraph, graph: Graph, chosen: set[int], *, grads: bool,
          values: bool, backward: bool) -> None:
    def add(target: Any, node: Tensor) -> None:
        target.node(graph.id(node), node_label(node, graph, grads=grads, values=values),
                    **_node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))

    for node in graph.order:
        if layer_of(node) is None:
            add(dot, node)
    _beside_their_op(dot, graph, [n for n in graph.order if layer_of(n) is None])
    for layer, nodes in graph.layers.items():
        with dot.subgraph(name=f"cluster_layer{layer}") as box:
            box.attr(label=layer_title(layer, nodes), style="rounded", color="#999999",
                     fontname="Helvetica", fontsize="12", labeljust="l")
            for node in nodes:
                add(box, node)
            _beside_their_op(box, graph, nodes)
    for node in graph.order:
        labels = {} if node.op is None else node.op.edge_labels
        for i, x in enumerate(node.inputs):
            if i in labels:
                # e.g. the cost computed from Z[L] (finite when AL rounds to 0 or 1): say why.
                # constraint=false: the node stays under its drawn input, not pulled beside it
                label = dot_text(labels[i]).replace("\n", "\\n")  # DOT's line break
                dot.edge(graph.id(x), graph.id(node), label=label, style="dashed",
                         color="#888888", fontcolor="#666666", constraint="false")
            else:
                dot.edge(graph.id(x), graph.id(node))
    if backward:
        flows = [(node, x, g) for node in graph.order for x, g in graph.flows(node)]
        senders = Counter(id(x) for _, x, _ in flows)
        for node, x, g in flows:
            # x used twice (a + a): each edge carries a part, x.grad is their sum
            part = " (part)" if senders[id(x)] > 1 else ""
            dot.edge(graph.id(node), graph.id(x), **_backward_attrs(
                f"{gradient_name(x)}{part}, |g| = {norm_text(g)}"))


def _beside_their_op(box: graphviz.Digraph, graph: Graph, nodes: list[Tensor]) -> None:
    """Each parameter on the rank of the one op that reads it: W[l] beside W[l] @ A[l-1],
    b[l] beside Z[l]; and the labels Y beside the cost. A layer then takes three ranks
    (product, Z, A) and the layers stack top to bottom in one column, as the course writes
    them, instead of a staircase (the course's net with gradients: ~970 px wide, not 3,000)."""
    for node in nodes:
        users = graph.consumers[id(node)]
        if node.op is not None or len(users) != 1 or layer_of(users[0]) != layer_of(node):
            continue  # only a leaf read by one op of its own box
        (user,) = users
        parameter = node.requires_grad               # W[l], b[l]
        label = not graph.consumers[id(user)]        # Y, read by the root (the cost)
        if parameter or label:
            with box.subgraph() as rank:
                rank.attr(rank="same")
                rank.node(graph.id(node))
                rank.node(graph.id(user))


def _backward_attrs(label: str) -> dict[str, str]:
    # constraint=false: the overlay must not move the forward layout around
    return {"label": dot_text(label), "style": "dashed", "color": BACKWARD_COLOR,
            "fontcolor": BACKWARD_COLOR, "constraint": "false", "class": "backward"}


def _compact(dot: graphviz.Digraph, graph: Graph, chosen: set[int], *, grads: bool,
             backward: bool) -> None:
    """One box per layer (its parameters, outputs and, with `grads`, dW and db); X, Y, J apart."""
    def box_id(node: Tensor) -> str:
        layer = layer_of(node)
        return graph.id(node) if layer is None else f"layer{layer}"

    for node in graph.order:
        if layer_of(node) is None:
            dot.node(graph.id(node), node_label(node, graph, grads=grads, values=False),
                     **_node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))
    for layer, nodes in graph.layers.items():
        lines = [layer_title(layer, nodes)]
        lines += [f"{graph.name(n)} {shape_text(n.value)}" for n in nodes if n.op is None]
        lines += [f"{graph.name(n)} {shape_text(n.value)}" for n in nodes
                  if n.op is not None and _leaves_box(n, graph)]
        if grads:
            lines += [gradient_text(n, graph.walk_started) for n in nodes
                      if n.op is None and n.requires_grad]
        highlighted = any(id(n) in chosen for n in nodes)
        dot.node(f"layer{layer}", label(lines),
                 **_node_attrs("layer", highlighted, f"layer {layer}"))
    seen: set[tuple[str, str]] = set()
    for node in graph.order:
        for x in node.inputs:
            edge = (box_id(x), box_id(node))
            if edge[0] != edge[1] and edge not in seen:
                seen.add(edge)
                dot.edge(*edge)
    if backward:
        labels: dict[tuple[str, str], list[str]] = {}
        for node in graph.order:
            for x, g in graph.flows(node):
                edge = (box_id(node), box_id(x))
                if edge[0] != edge[1]:
                    labels.setdefault(edge, []).append(f"{gradient_name(x)}, |g| = {norm_text(g)}")
        for (tail, head), texts in labels.items():
            dot.edge(tail, head, **_backward_attrs("; ".join(texts)))


def _leaves_box(node: Tensor, graph: Graph) -> bool:
    """True for a layer's outputs: nodes used outside their layer, or the root itself."""
    users = graph.consumers[id(node)]
    return not users or any(layer_of(u) != layer_of(node) for u in users)


