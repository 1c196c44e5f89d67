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
from ..format import norm_text
from .graph import Graph, layer_of, node_label
from .names import dot_text, gradient_name, label, layer_title, node_kind, tooltip
from .network import add_network, headline
from .style import BACKWARD_COLOR, HIGHLIGHT, STYLES, backward_attrs, node_attrs

if TYPE_CHECKING:
    import graphviz

FORMATS = ("svg", "png", "pdf", "dot")
__all__ = ["BACKWARD_COLOR", "FORMATS", "HIGHLIGHT", "RANKDIRS", "STYLES", "to_dot"]

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
        dot.attr(label=label(title.splitlines()), labelloc="t", fontsize="16")
    return dot


def to_dot(root: Tensor, *, compact: bool = False, grads: bool = False, values: bool = False,
           highlight: Iterable[Tensor] = (), backward: bool | Iterable[Step] = False,
           title: str | None = None, rankdir: str | None = None,
           size: str | tuple[float, float] | None = None) -> graphviz.Digraph:
    """The graph of `root` as a `graphviz.Digraph`: only DOT source, no layout is run.

        >>> dot = to_dot(cost, grads=True, highlight=[cost.inputs[0]], backward=True)
        >>> dot.source.count("subgraph cluster_")            # one box per layer
        2

    `compact` draws the network view (`render.network`): one box per layer, left to right,
    headed `[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID` as the course's figures are;
    `grads` shows each node's gradient (`node.grad` now); `values` shows small arrays in full
    and big ones as min/mean/max (in the full view);
    `highlight` draws the given nodes with a thick red outline; `backward` adds the backward
    walk as dashed edges labelled with the gradient each rule has sent (pass the walk's steps
    taken so far, e.g. `Debugger.history`, and their gradients are drawn without running the
    rules again); `title` tops the picture. `rankdir` is the direction the graph reads: "TB"
    (the full graph's default: layers stacked top to bottom, in the course's order, one
    column about 750 px wide for the course's net with gradients), "LR" (the network view's
    default), "BT" or "RL"; `size`, e.g. `(6, 8)`, is the largest drawing in inches
    (Graphviz's `size`: a bigger one is shrunk).
    """
    graph = Graph(root, None if isinstance(backward, bool) else backward)
    backward = backward is not False
    chosen = graph.highlighted(highlight)
    if grads and not graph.walk_started:  # say why every node reads "not computed yet"
        title = f"{title}\n({NO_GRADIENTS_YET})" if title else NO_GRADIENTS_YET
    if compact:
        title = "\n".join(t for t in (title, headline(graph)) if t)
    dot = _new_digraph(title, rankdir or ("LR" if compact else "TB"), size)
    if compact:
        add_network(dot, graph, chosen, grads=grads, backward=backward)
    else:
        _full(dot, graph, chosen, grads=grads, values=values, backward=backward)
    return dot


def _full(dot: graphviz.Digraph, graph: Graph, chosen: set[int], *, grads: bool,
          values: bool, backward: bool) -> None:
    def add(target: Any, node: Tensor) -> None:
        target.node(graph.id(node), node_label(node, graph, grads=grads, values=values),
                    **node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))

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
            dot.edge(graph.id(node), graph.id(x), **backward_attrs(
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
