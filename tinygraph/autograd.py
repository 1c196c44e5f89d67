"""The backward walk: a topological order, then each op's rule from the cost back to the leaves.

`backward_steps(cost)` is the walk itself, a generator of one `Step` per node that receives a
gradient; `backward(cost)` is nothing but a loop over it, so stepping through backprop in a
debugger and running it can never disagree.

    >>> import numpy as np, tinygraph as tg
    >>> w = tg.parameter([[2.0]], name="w")
    >>> J = tg.cross_entropy(tg.sigmoid(tg.matmul(w, tg.tensor([[1.0]], name="x"))), [[1]])
    >>> [step.node.name for step in tg.backward_steps(J)]
    ['cost', 'w@x', 'w']

Repeated backward: each `backward` starts from zero. Every node of the graph gets the
gradient of *this* cost, nothing is added to a gradient left by an earlier call (no silent
doubling). To add the gradients of several costs, sum the costs, or add their `.grad`s
yourself. `zero_grad(cost)` clears them (to None: "not computed yet", not zero).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np

from .errors import InputError, ShapeError, TinygraphError
from .hooks import active as _hooks  # debugging tools (detect_anomaly, pdb stops), if any
from .tensor import Tensor, as_array


# A NamedTuple rather than a frozen dataclass: one is made per node on every walk, and a
# NamedTuple is made in half the time (0.2 us against 0.5 us).
class Step(NamedTuple):
    """One node of the backward walk.

    `grad` is dJ/d(node), complete: all of the node's consumers have sent theirs.
    `input_grads` pairs each input that needs a gradient with what this node's rule sent it.
    `formula` is the rule as text, with the nodes' names, e.g. `dW2 = d(W2@A1) @ A1.T`.
    """

    index: int
    node: Tensor
    grad: np.ndarray
    input_grads: tuple[tuple[Tensor, np.ndarray], ...]

    @property
    def formula(self) -> str:
        # Written out when read, not on every step: `backward` never reads it, and formatting
        # it cost a fifth of a small net's whole iteration (docs/performance.md).
        return formula_text(self.node)


def topological_order(root: Tensor) -> list[Tensor]:
    """Every node `root` depends on, each after all of its inputs (iterative: no recursion
    limit, a 5,000-layer chain is fine)."""
    order: list[Tensor] = []
    seen: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            # Leaves go in first, so they are visited last and the walk reaches each leaf
            # right after its consumer: Z2, b2, W2@A1, W2, A1, ... as a learner reads it.
            # (Two plain loops, not sorted(key=lambda): this runs for every node, every walk.)
            for x in node.inputs:
                if x.op is None and id(x) not in seen:
                    stack.append((x, False))
            for x in node.inputs:
                if x.op is not None and id(x) not in seen:
                    stack.append((x, False))
    return order


def backward_steps(root: Tensor, gradient: np.ndarray | None = None) -> Iterator[Step]:
    """Walk from `root` (the cost) to the leaves, yielding one `Step` per node reached.

    Seeds dJ/dJ = 1, applies each op's backward in reverse topological order and sums the
    gradients of a node used by several consumers. Sets `node.grad` on every node that needs
    a gradient; nodes that need none (X, Y) are never visited. From a node that is not a
    single number (AL, Z2), pass `gradient`, dJ/d(root) of root's shape, as PyTorch's
    `backward(gradient=...)`: the walk then gives d(sum(root * gradient))/d(node).
    """
    return _walk(root, _seed(root, gradient))


def _seed(root: Tensor, gradient: np.ndarray | None) -> np.ndarray:
    """dJ/d(root): 1 for a cost, or the caller's `gradient`, checked against root."""
    if not isinstance(root, Tensor):
        raise InputError(f"backward needs a node of the graph (a Tensor, e.g. the cost "
                         f"tg.cross_entropy made), not a {type(root).__name__}")
    if gradient is None:
        if root.value.size != 1:
            raise ShapeError(f"backward from {root.name or 'a node'} of shape {root.shape}: "
                             "start from the cost (a single number), or pass gradient=, an "
                             f"array of shape {root.shape} holding dJ/d({root.name or 'node'})")
        return np.ones_like(root.value)
    seed = as_array(gradient, "gradient").astype(root.value.dtype, copy=False)
    if seed.shape != root.shape:
        raise ShapeError(f"backward from {root.name or 'a node'}: gradient has shape "
                         f"{seed.shape} but {root.name or 'the node'} has shape {root.shape}; "
                         "they must match")
    return seed


def _walk(root: Tensor, seed: np.ndarray) -> Iterator[Step]:
    order = topological_order(root)
    for node in order:
        node.grad = None
    pending: dict[int, np.ndarray] = {id(root): seed}
    index = 0
    for node in reversed(order):
        grad = pending.pop(id(node), None)
        if grad is None:
            continue
        for hook in node.hooks:
            replaced = hook(grad)
            grad = grad if replaced is None else replaced
        node.grad = grad
        yield Step(index, node, grad, _apply_rule(node, grad, pending))
        index += 1


def _apply_rule(node: Tensor, grad: np.ndarray,
                pending: dict[int, np.ndarray]) -> tuple[tuple[Tensor, np.ndarray], ...]:
    inputs = node.inputs
    needs = tuple([x.requires_grad for x in inputs])
    hooks = _hooks.get()
    if hooks is not None:  # a debugging tool looks in: a pdb stop stops on the next line
        hooks.before_rule(node, grad)
    sent = () if node.op is None else node.op.backward(grad, node.saved, needs)
    if type(sent) is not tuple or len(sent) != len(inputs):
        raise TinygraphError(_not_one_per_input(node, sent))
    if hooks is not None:
        hooks.after_rule(node, sent)
    produced = []
    for x, g in zip(inputs, sent, strict=True):
        if g is None:  # needs nothing, or none by design (the stable cost sends AL none)
            continue
        if getattr(g, "shape", None) != x.value.shape:  # a learner's rule, e.g. no keepdims
            raise ShapeError(_wrong_shape(node, x, g))
        key = id(x)
        pending[key] = g if key not in pending else pending[key] + g  # a + a: the sum
        produced.append((x, g))
    return tuple(produced)


# What a rule must return, checked on every node (a tuple, its length, each shape: no
# allocation). The messages are written only when a rule breaks it.

def _rule_name(node: Tensor) -> str:
    layer = "" if node.layer is None else f" in layer {node.layer}"
    return f"{node.op.name}.backward{layer} (node {node.name})"


def _not_one_per_input(node: Tensor, sent: object) -> str:
    inputs = ", ".join(x.name or "?" for x in node.inputs)
    got = (f"{len(sent)} gradients" if type(sent) is tuple
           else f"a {type(sent).__name__}" + (f" of shape {sent.shape}"
                                              if hasattr(sent, "shape") else ""))
    return (f"{_rule_name(node)} returned {got} for its {len(node.inputs)} input(s) "
            f"({inputs}); return a tuple with one gradient per input, None where needs[i] is "
            f"false, e.g. `return (dZ,)` for one input")


def _wrong_shape(node: Tensor, x: Tensor, g: object) -> str:
    shape = getattr(g, "shape", None)
    got = f"shape {shape}" if shape is not None else f"a {type(g).__name__}, not an array"
    hint = ""
    if shape is not None and np.prod(shape) == np.prod(x.shape):
        hint = " (a sum without keepdims=True, or a reshape, drops or adds an axis)"
    return (f"{_rule_name(node)} returned a gradient of {got} for its input {x.name or '?'} "
            f"of shape {x.shape}; each gradient must have its input's shape{hint}")


def backward(root: Tensor, gradient: np.ndarray | None = None) -> Tensor:
    """Fill `.grad` of every node `root` depends on with dJ/d(node). Returns `root`.

    `root` is the cost; from any other node, pass `gradient` (see `backward_steps`).

        >>> tg.backward(J).inputs[0].name
        'sigmoid(w@x)'
    """
    for _ in backward_steps(root, gradient):
        pass
    return root


def zero_grad(root: Tensor) -> None:
    """Forget every gradient in the graph of `root` (they read as "not computed yet")."""
    for node in topological_order(root):
        node.grad = None


def grad_name(name: str) -> str:
    """`dW2` for `W2`, `d(W2@A1)` for a name that is not a plain symbol."""
    plain = name.replace("_", "").isalnum() and name[:1].isalpha()
    return f"d{name}" if plain else f"d({name})"


def formula_text(node: Tensor) -> str:
    """The node's backward rule with the real names, one line per input that gets a gradient."""
    if node.op is None:
        return f"{grad_name(node.name)} is complete: a leaf, nothing further back"
    names = {"out": node.name, "dout": grad_name(node.name)}
    for i, x in enumerate(node.inputs):
        names[f"x{i}"], names[f"dx{i}"] = x.name, grad_name(x.name)
    rules = zip(node.op.formulas, node.inputs, strict=False)  # a learner's op may have none
    lines = [template.format(**names) for template, x in rules if template and x.requires_grad]
    return "\n".join(lines)

