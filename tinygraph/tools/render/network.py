"""The network view: the course's figure of an L-layer model, one box per layer, left to right.

    X -> [Layer 1: LINEAR -> RELU] -> ... -> [Layer L: LINEAR -> SIGMOID] -> J <- Y

headed `[LINEAR -> RELU] x 3 -> LINEAR -> SIGMOID` as the course writes it. Each box holds
its parameters' and outputs' shapes and, with `grads`, |dW| and |db|; the backward walk is
drawn between the boxes. Boxes come from the nodes' layers and lines from their roles (set by
the builder), never from their names. The course's [12288, 20, 7, 5, 1] net with gradients is
about 1,000 x 230 px: one screen, where the full graph is two.

    >>> import numpy as np, tinygraph as tg
    >>> cost = tg.Network([4, 3, 3, 1], init="he").cost(np.ones((4, 2)), [[1, 0]])
    >>> headline(Graph(cost))
    '[LINEAR -> RELU] x 2 -> LINEAR -> SIGMOID'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.tensor import Tensor
from ..format import norm_text, shape_text
from .graph import Graph, layer_of
from .names import (
    bypassed_text,
    course_name,
    gradient_name,
    gradient_text,
    label,
    layer_title,
    node_kind,
    tooltip,
)
from .style import backward_attrs, node_attrs

if TYPE_CHECKING:
    import graphviz


def steps(layer: int, nodes: list[Tensor]) -> str:
    """What a layer does, in the course's words: "LINEAR -> RELU"."""
    return layer_title(layer, nodes).partition(": ")[2]


def headline(graph: Graph) -> str:
    """The whole model in the course's notation: `[LINEAR -> RELU] x 3 -> LINEAR -> SIGMOID`
    (runs of equal layers as one bracket with its count); "" for a graph without layers."""
    runs: list[list] = []
    for layer, nodes in graph.layers.items():
        what = steps(layer, nodes)
        if runs and runs[-1][0] == what:
            runs[-1][1] += 1
        else:
            runs.append([what, 1])
    return " -> ".join(what if n == 1 else f"[{what}] x {n}" for what, n in runs)


def _gradient_line(node: Tensor, graph: Graph) -> str:
    """`dW1: |g| = 3.11` (the shape is W's, written above it), or why there is none yet."""
    if node.grad is None:
        return gradient_text(node, graph.walk_started)
    return f"{gradient_name(node)}: |g| = {norm_text(node.grad)}"


def _outside_lines(node: Tensor) -> list[str]:
    """X, Y, the cost: the name and shape; a number (the cost) is written out instead."""
    if node.value.size == 1 and node.op is not None:
        return [course_name(node), f"= {float(node.value.reshape(())):.6g}"]
    return [course_name(node), shape_text(node.value)]


def _box_lines(layer: int, nodes: list[Tensor], graph: Graph, grads: bool) -> list[str]:
    """Layer 2 / LINEAR -> RELU / W[2] (7, 20) / b[2] (7, 1) / A[2] (7, 209), then with
    `grads` dW2, db2 and dA2 (what the walk sent back into the layer)."""
    parameters = [n for n in nodes if n.op is None]
    outputs = [n for n in nodes if n.op is not None and leaves_box(n, graph)]
    lines = [f"Layer {layer}", steps(layer, nodes)]
    lines += [f"{graph.name(n)} {shape_text(n.value)}" for n in parameters + outputs]
    if grads:  # AL under the stable cost gets none (the cost sends dZ[L]): no line for it
        lines += [_gradient_line(n, graph) for n in parameters + outputs if n.requires_grad
                  and not bypassed_text(n, graph.consumers[id(n)])]
    return lines


def add_network(dot: graphviz.Digraph, graph: Graph, chosen: set[int], *, grads: bool,
                backward: bool) -> None:
    """One box per layer (its parameters, outputs and, with `grads`, dW and db); X, Y, J
    apart; a box holding a highlighted node is highlighted."""
    def box_id(node: Tensor) -> str:
        layer = layer_of(node)
        return graph.id(node) if layer is None else f"layer{layer}"

    dot.attr(ranksep="0.22")  # boxes side by side: the course's net fits a cell's width
    for node in graph.order:
        if layer_of(node) is None:
            dot.node(graph.id(node), label(_outside_lines(node)),
                     **node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))
    for layer, nodes in graph.layers.items():
        highlighted = any(id(n) in chosen for n in nodes)
        dot.node(f"layer{layer}", label(_box_lines(layer, nodes, graph, grads)),
                 **node_attrs("layer", highlighted, layer_title(layer, nodes)))
    seen: set[tuple[str, str]] = set()
    for node in graph.order:
        for x in node.inputs:
            edge = (box_id(x), box_id(node))
            if edge[0] != edge[1] and edge not in seen:
                seen.add(edge)
                dot.edge(*edge)
    if backward:
        _add_backward(dot, graph, box_id)


def _add_backward(dot: graphviz.Digraph, graph: Graph, box_id) -> None:
    """Where the walk has sent gradients, box to box: a dashed red arrow, its gradient's
    norm written in the box it reaches (dA2 in layer 2), so the boxes stay close."""
    seen: set[tuple[str, str]] = set()
    for node in graph.order:
        for x, _ in graph.flows(node):
            edge = (box_id(node), box_id(x))
            if edge[0] != edge[1] and edge not in seen:
                seen.add(edge)
                attrs = backward_attrs("")
                attrs["tooltip"] = f"backward: {gradient_name(x)}"
                dot.edge(*edge, **attrs)


def leaves_box(node: Tensor, graph: Graph) -> bool:
    """True for a layer's outputs: nodes used outside their layer, or the root itself."""
    users = graph.consumers[id(node)]
    return not users or any(layer_of(u) != layer_of(node) for u in users)
