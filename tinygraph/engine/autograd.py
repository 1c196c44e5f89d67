"""The backward walk: a topological order, then each op's rule from the cost back to the leaves.

`backward_steps(cost)` is the walk itself, a generator of one `Step` per node that receives a
gradient; `backward(cost)` is a loop over it, so stepping through backprop in a debugger and
running it can never disagree. (When nothing is watching and a graph of the same structure was
walked before, `backward` runs the same rules in the same order from a recorded plan, to the
bit: engine/_replay.py.)

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

from ..errors import InputError, ShapeError, StaleGraphError, TinygraphError
from . import _replay  # a graph replayed from a plan (Network.cost's, the second time on)
from .ops.contract import formula_text, grad_name
from .probes import active as _probes  # debugging tools (detect_anomaly, pdb stops), if any
from .tensor import Tensor
from .validate import as_array

# What every tool says of a graph that has not been walked yet.
NO_GRADIENTS_YET = "no gradients yet: call tg.backward(cost) first"

__all__ = ["NO_GRADIENTS_YET", "Step", "backward", "backward_steps", "find", "formula_text",
           "grad_name", "rule", "topological_order", "zero_grad"]


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
    return _walk(root, _seed(root, gradient), None)


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


def _walk(root: Tensor, seed: np.ndarray, order: list[Tensor] | None) -> Iterator[Step]:
    if order is None:
        order = topological_order(root)
    for node in order:
        node.grad = None
        if node.op is not None and node.seen != tuple([x.version for x in node.inputs]):
            raise StaleGraphError(_stale(root, node))
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
        produced = []
        for x, g in zip(node.inputs, _apply_rule(node, grad), strict=True):
            # None: needs nothing, or none by design (the stable cost sends AL none); a
            # gradient for data (add's for a constant) goes no further.
            if g is not None and x.requires_grad:
                if getattr(g, "shape", None) != x.value.shape:  # a learner's rule: no keepdims
                    raise ShapeError(_wrong_shape(node, x, g))
                key = id(x)
                pending[key] = g if key not in pending else pending[key] + g  # a + a: the sum
                produced.append((x, g))
        yield Step(index, node, grad, tuple(produced))
        index += 1


def rule(node: Tensor, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
    """What `node`'s op sends each of its inputs from `grad` = dJ/d(node): one gradient per
    input, None for one that needs none (an input that is data may get one, a cheap one, which
    is not used). The walk's own step: the course's own backward functions and the drawings of
    a walk come here too. What the op returns is checked: a tuple, one gradient per input, each
    of its input's shape.

        >>> Z = tg.parameter([[-1.0, 2.0]], name="Z"); A = tg.relu(Z)
        >>> rule(A, np.array([[5.0, 5.0]]))
        (array([[0., 5.]]),)
    """
    sent = _apply_rule(node, grad)
    for x, g in zip(node.inputs, sent, strict=True):
        if g is not None and x.requires_grad and getattr(g, "shape", None) != x.value.shape:
            raise ShapeError(_wrong_shape(node, x, g))
    return sent


def _apply_rule(node: Tensor, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
    """The one place an op's backward is called, with the probes around it; `rule` and the walk
    check each gradient's shape (the walk while it adds them up, in the same loop)."""
    inputs = node.inputs
    needs = tuple([x.requires_grad for x in inputs])
    probes = _probes.get()
    if probes is not None:  # a debugging tool looks in: a pdb stop stops on the next line
        probes.before_rule(node, grad)
    sent = () if node.op is None else node.op.backward(grad, node.saved, needs)
    if type(sent) is not tuple or len(sent) != len(inputs):
        raise TinygraphError(_not_one_per_input(node, sent))
    if probes is not None:
        probes.after_rule(node, sent)
    return sent


def _stale(root: Tensor, node: Tensor) -> str:
    changed = [x for x, seen in zip(node.inputs, node.seen, strict=True) if x.version != seen]
    what = ", ".join(f"{x.name or 'an input'} (a {x.kind})" for x in changed)
    file, line = root.created_at
    return (f"backward from {root.name or 'this node'}, built at {file}:{line}: {what} "
            f"changed after the graph was built (an update), so its values are those of the "
            f"old parameters and its gradients would be wrong; build the cost again inside the "
            f"loop, after each update: cost = net.cost(X, Y), then tg.backward(cost)")


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

    A graph of the same structure as one walked before runs from the recorded rules, and a
    root replayed by `Network.cost` that nobody has looked into from its plan: the same
    rules in the same order, without a `Step` per node (engine/_replay.py). With a hook on a
    node or a debugging tool looking, this is the loop over `backward_steps`.
    """
    seed = _seed(root, gradient)
    if type(root) is _replay.Replayed and _replay.backward(root, seed):
        return root
    order = None
    if _replay.ready():
        order = topological_order(root)
        if _replay.walk(order, seed):
            return root
    for _ in _walk(root, seed, order):
        pass
    return root


def zero_grad(root: Tensor) -> None:
    """Forget every gradient in the graph of `root` (they read as "not computed yet")."""
    for node in topological_order(root):
        node.grad = None


def find(root: Tensor, name: str) -> Tensor:
    """The node called `name` in the graph of `root`, e.g. `find(cost, "A1")`."""
    order = topological_order(root)
    for node in order:
        if node.name == name:
            return node
    names = sorted({node.name for node in order if node.name})
    raise InputError(f"find: no node named {name!r} in the graph of "
                     f"{root.name or 'this node'}; its nodes are {', '.join(names[:30])}")
