"""The graph as a drawing sees it: its nodes in order, their ids, consumers and layer boxes.

    >>> import numpy as np, tinygraph as tg
    >>> cost = tg.Network([4, 3, 1], init="two_layer").cost(np.ones((4, 2)), [[1, 0]])
    >>> graph = Graph(cost)
    >>> sorted(graph.layers), len(graph.order)
    ([1, 2], 13)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ...engine.autograd import Step, rule, topological_order
from ...engine.tensor import Tensor
from ...errors import InputError
from ..format import shape_text
from .names import (
    IN_FULL_ON_A_PICTURE,
    bypassed_text,
    course_name,
    gradient_text,
    label,
    values_lines,
)


class Graph:
    """The nodes of `root`'s graph in topological order, their ids, consumers and layers."""

    def __init__(self, root: Tensor, steps: Iterable[Step] | None = None) -> None:
        if not isinstance(root, Tensor):
            raise InputError(f"render needs a graph node (a Tensor such as the cost), "
                             f"not {type(root).__name__}")
        self.order = topological_order(root)
        self.ids = {id(node): f"n{i}" for i, node in enumerate(self.order)}
        self.consumers: dict[int, list[Tensor]] = {id(node): [] for node in self.order}
        for node in self.order:
            for x in {id(x): x for x in node.inputs}.values():  # a + a: one consumer, not two
                self.consumers[id(x)].append(node)
        self.walk_started = any(node.grad is not None for node in self.order)
        # What each rule sent, when the caller has the walk's steps (the debugger does);
        # otherwise `flows` asks the rules again.
        self.sent = None if steps is None else {id(s.node): s.input_grads for s in steps}
        self.layers: dict[int, list[Tensor]] = {}
        for node in self.order:
            if layer_of(node) is not None:
                self.layers.setdefault(layer_of(node), []).append(node)

    def id(self, node: Tensor) -> str:
        return self.ids[id(node)]

    def highlighted(self, highlight: Iterable[Tensor]) -> set[int]:
        chosen = set()
        for node in highlight:
            if not isinstance(node, Tensor):
                raise InputError(f"highlight lists graph nodes (Tensors), not "
                                 f"{type(node).__name__}")
            if id(node) not in self.ids:
                raise InputError(f"highlight: node {node.name or '?'} {node.shape} is not part "
                                 f"of the graph being drawn")
            chosen.add(id(node))
        return chosen

    def flows(self, node: Tensor) -> list[tuple[Tensor, np.ndarray]]:
        """What `node`'s rule sends to each input, once the walk has reached `node`.

        Taken from the walk's steps when given; else the node's rule runs again
        (`autograd.rule`, the walk's own step), with `node.grad` as it is now.
        """
        if self.sent is not None:
            return list(self.sent.get(id(node), ()))
        if node.op is None or node.grad is None:
            return []
        sent = rule(node, node.grad)
        return [(x, g) for x, g in zip(node.inputs, sent, strict=True)
                if g is not None and x.requires_grad]


def layer_of(node: Tensor) -> int | None:
    """The layer box a node is drawn in: 1..L; X (layer 0), Y and the cost are in none."""
    return node.layer if node.layer is not None and node.layer >= 1 else None


def node_label(node: Tensor, graph: Graph, *, grads: bool, values: bool) -> str:
    lines = [course_name(node), f"{node.kind} {shape_text(node.value)}"]
    if values:
        lines += values_lines(node.value)
    if grads and node.requires_grad:
        bypassed = bypassed_text(node, graph.consumers[id(node)])
        lines.append(bypassed or gradient_text(node, graph.walk_started))
        if values and node.grad is not None and node.grad.size <= IN_FULL_ON_A_PICTURE:
            lines += values_lines(node.grad)
    return label(lines)


