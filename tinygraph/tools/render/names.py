"""The words on a picture: each node's name in the course's notation, its gradient, a layer's
title. A node's course name comes from its role and layer (set by the builder that made it),
never from what it is called: X = A[0], W[1], Z[2], AL = A[L], J.

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> cost = net.cost(np.ones((4, 2)), [[1, 0]])
    >>> [course_name(n) for n in tg.topological_order(cost)][:5]
    ['X = A[0]', 'W[1]', 'W[1] @ X', 'b[1]', 'Z[1]']
"""

from __future__ import annotations

import numpy as np

from ...engine.autograd import formula_text, grad_name
from ...engine.tensor import (
    ACTIVATION,
    BIAS,
    COST,
    INPUT,
    LABELS,
    LINEAR,
    MASK,
    OUTPUT,
    PRE_ACTIVATION,
    WEIGHT,
    Tensor,
)
from ..format import array_lines, norm_text, shape_text

# Arrays with at most this many numbers are shown in full on a picture (a 2x3 is readable): a
# node's box stays small; text (tools/format.py, SMALL) has room for twice as many.
IN_FULL_ON_A_PICTURE = 12

# The course's letter for each role that has one, and its layer after it: W[1], Z[2].
_LETTERS = {WEIGHT: "W", BIAS: "b", PRE_ACTIVATION: "Z", ACTIVATION: "A", MASK: "D"}


def symbol(node: Tensor) -> str:
    """The node's short name in the course's notation: `W[1]`, `Z[2]`, `X`, `AL`, `Y`, `J`;
    its own name when it has no role, or a role of a layer but no layer (a formula of the
    user's, `w @ x`, not a network's)."""
    role, layer = node.role, node.layer
    if layer is None and role not in (OUTPUT, LABELS, COST):
        return node.name or "?"
    if role in _LETTERS:
        return f"{_LETTERS[role]}[{layer}]"
    if role == INPUT:
        return "X" if layer == 0 else f"A[{layer}]"
    if role == LINEAR:
        W, A = node.inputs
        return f"{symbol(W)} @ {symbol(A)}"
    return {OUTPUT: "AL", LABELS: "Y", COST: "J"}.get(role, node.name or "?")


def gradient_name(node: Tensor) -> str:
    """The name of the node's gradient on a picture: the course's `dW2`, `dZ2`, `dAL`, `dJ`
    for a node with a role, `d(W2@A1)` for the product; `d` and its own name otherwise."""
    name = symbol(node)
    if name == (node.name or "?"):
        return grad_name(name)
    return grad_name(name.replace("[", "").replace("]", "").replace(" @ ", "@"))


def course_name(node: Tensor) -> str:
    """The node's name on a picture: `W[1]`, `Z[2]`, and in full `X = A[0]`, `AL = A[L]`,
    `J (cost)`.

        >>> course_name(tg.parameter([[1.0]], name="W2", role="weight", layer=2))
        'W[2]'
        >>> course_name(cost)
        'J (cost)'
    """
    role = node.role
    if role == INPUT and node.layer == 0:
        return "X = A[0]"
    if role == OUTPUT:
        return "AL = A[L]"
    if role == COST:
        return "J (cost)"
    return symbol(node)


def node_kind(node: Tensor) -> str:
    """"data" (X, Y), "parameter" (W[l], b[l]) or "result" (made by an op: Z[l], A[l], J)."""
    return "result" if node.op is not None else node.kind


def values_lines(a: np.ndarray) -> list[str]:
    """A small array in full, one line per row; a big one as min, mean and max (never a
    nonzero number as 0: `tools.format.array_lines`)."""
    lines = array_lines(a, precision=3, small=IN_FULL_ON_A_PICTURE, shape=False)
    return [line.strip() for line in lines]


def gradient_text(node: Tensor, walk_started: bool) -> str:
    """`dW2: (7, 20), |g| = 0.031` from `node.grad` as it is now; words when it is None.

    None reads "not computed yet" before any backward pass, "pending" while the walk has not
    reached the node.
    """
    name = gradient_name(node)
    if node.grad is not None:
        return f"{name}: {shape_text(node.grad)}, |g| = {norm_text(node.grad)}"
    if not walk_started:
        return f"{name}: not computed yet"
    return f"{name}: pending"


def bypassed_text(node: Tensor, consumers: list[Tensor]) -> str | None:
    """AL under the stable cost gets no gradient: say so instead of "pending" for ever.

    An op says so with its `bypass` attribute, (drawn, sent): the input it draws and the one
    its gradient goes to instead.
    """
    if node.grad is None and consumers and all(
            c.op.bypass is not None and c.inputs[c.op.bypass[0]] is node for c in consumers):
        sent_to = consumers[0].inputs[consumers[0].op.bypass[1]]
        return f"{gradient_name(node)}: none, the cost sends {gradient_name(sent_to)} directly"
    return None


def layer_title(layer: int, nodes: list[Tensor]) -> str:
    """"Layer 2: LINEAR -> RELU" from the ops of the layer's nodes: each op's `title` (matmul
    and add_bias say LINEAR), else its name in capitals."""
    steps: list[str] = []
    for node in nodes:
        if node.op is None:
            continue
        step = node.op.title or node.op.name.upper()
        if step not in steps:
            steps.append(step)
    return f"Layer {layer}: {' -> '.join(steps)}" if steps else f"Layer {layer}"


def tooltip(node: Tensor) -> str:
    """What hovering over a node in the SVG says: its backward rule, or what kind of leaf."""
    if node.op is not None:
        return f"backward of {node.name}:\n{formula_text(node)}"
    if node.requires_grad:
        return f"{node.name}: a parameter; backward fills {grad_name(node.name)}"
    return f"{node.name}: data, needs no gradient"


def dot_text(line: str) -> str:
    return line.replace("\\", "\\\\")  # a backslash in a name is a letter, not a DOT escape


def label(lines: list[str]) -> str:
    return "\\n".join(dot_text(line) for line in lines)
