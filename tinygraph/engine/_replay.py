"""Replay: a graph built again with the same structure, shapes and dtypes runs from a plan.

Every training iteration builds the same graph: the same ops on the same shapes in the same
order. The first time a builder (`Network.cost`) makes its graph, node by node (the full path),
and a `Plan` is recorded from it: the topological order, once, as positions in a list, each op
with the positions of its inputs. The next time the builder gets leaves of the same shapes,
dtypes and names, `Plan.forward` calls each op's own `forward` on the arrays, in that order,
and returns the root as a `Replayed` node (the calls are written out as one Python function per
plan, `_plan_code`, the first time a plan runs: no loop over the positions). To whoever reads
its value, name, role or layer, it is a node like any other; its inputs, and with them every
node of the graph, are made the first time anyone looks at them (`materialize`), with the
values, saved values and gradients the plan computed, so the debugger, the drawings and
`course_grads` see the graph the full path would have built. `tg.backward` on a root nobody
looked into runs `Plan.backward`: each op's own `backward`, in the recorded order, nothing else
per node (no `Tensor`, no `Step`, no look-up of the user's line or of the debugging tools'
probes). A maker that shows its root to nobody (`fit`, through `Network.unseen_cost`) asks for
an `unseen` forward: each value is let go after the last op that reads it, so the run keeps
what the backward needs and nothing else, and its backward lets each node's saved values and
gradient go once its rule has run (on the deep net of `make bench`, ~7 % of the iteration).

    >>> import numpy as np, tinygraph as tg
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> X, Y = np.ones((4, 2)), np.array([[1.0, 0.0]])
    >>> first, second = net.cost(X, Y), net.cost(X, Y)   # recorded, then replayed
    >>> type(first).__name__, type(second).__name__, second.name
    ('Tensor', 'Replayed', 'cost')
    >>> [node.name for node in second.inputs]          # looking in makes the graph real
    ['AL', 'Y', 'Z2']
    >>> unseen = [net.unseen_cost(X, Y) for _ in range(2)][1]   # fit's: nothing kept
    >>> float(unseen.value) == float(second.value), unseen._run.values is None
    (True, True)

A graph built node by node (a loop over operators, `W1 @ X + b1` ...) cannot skip building:
the user's code holds its nodes. Its backward (`walk`) runs from the rules recorded for the last
graph of the same structure (the ops and their wiring, not the shapes), without a `Step` per
node.

The full path is taken whenever something could tell the difference: a debugging tool's
probes installed (`detect_anomaly`, a pdb stop), a hook on a leaf or on the root, parameters
changed since the forward (the walk's StaleGraphError), a root whose inputs were looked at,
an op that is not tinygraph's own (a learner's op may print or keep state), a leaf the builder
did not hand over (a dropout mask, a constant). A plan calls no formula of its own: only the
ops' `forward` and `backward`, which is why replayed and recorded runs agree to the bit
(tests/test_replay.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._plan_code import backward_code, forward_code
from ._provenance import at_line
from .probes import active as _probes
from .tensor import Tensor

# The slot a `Replayed` node fills when it is materialized (its own `inputs` is a property).
_INPUTS = Tensor.__dict__["inputs"]
# Only the engine's own ops are replayed: their forward is a pure function of the arrays.
_OWN_OPS = "tinygraph.engine.ops."
# Plans kept per builder: the full batch and the short last mini-batch, a few more.
KEEP = 4


class Plan:
    """What a graph's topological order says, once, as lists of positions.

    `leaves` are the arrays a builder hands over each time (parameters, X, Y); `signature`
    is what each must match for the plan to fit, as it was before the graph was built: shape,
    dtype, name, whether it needs a gradient, role and layer. `steps` are the op nodes in
    topological order, `(position, op, input positions, keeps saved)`; `back` the same,
    reversed, for the nodes that need a gradient, with `needs` and the inputs that get one.
    `template` holds each op node's name, role and layer.
    """

    __slots__ = ("signature", "size", "leaf_at", "leaf_index", "grad_leaves", "steps", "back",
                 "template", "leaf_marks", "root", "root_inputs", "replayable", "scalars",
                 "code")

    def __init__(self, order: list[Tensor], leaves: tuple[Tensor, ...],
                 signature: tuple) -> None:
        self.signature = signature
        self.replayable = len(set(signature)) == len(signature) and _replayable(order, leaves)
        if not self.replayable:
            return
        position = {id(node): i for i, node in enumerate(order)}
        index = {id(leaf): k for k, leaf in enumerate(leaves)}
        self.size = len(order)
        self.leaf_at = tuple([(i, index[id(n)]) for i, n in enumerate(order) if n.op is None])
        self.leaf_index = dict(self.leaf_at)  # position -> which leaf handed over
        self.grad_leaves = tuple([(i, k) for i, k in self.leaf_at if order[i].requires_grad])
        # What building the graph said of a leaf (a data leaf multiplied by W1 is the input X):
        # the role and layer it left that the leaf did not have before.
        self.leaf_marks = tuple([(k, order[i].role, order[i].layer) for i, k in self.leaf_at
                                 if (order[i].role, order[i].layer) != signature[k][4:]])
        self.steps = tuple([(i, n.op, tuple([position[id(x)] for x in n.inputs]),
                             n.requires_grad) for i, n in enumerate(order) if n.op is not None])
        self.template = {i: (n.name, n.role, n.layer, n.requires_grad)
                         for i, n in enumerate(order) if n.op is not None}
        self.back = _back(order, position)
        self.root = len(order) - 1
        self.root_inputs = self.steps[-1][2]
        # The nodes whose value NumPy may give as a scalar (0-d arithmetic gives np.float64).
        self.scalars = tuple([i for i, n in enumerate(order) if n.op is not None
                              and n._value.ndim == 0])
        # The plan written out (_plan_code), made when first run: "forward", and ("backward",
        # forget) for each way its backward runs (see `backward`).
        self.code: dict[Any, Any] = {}

    def forward(self, leaves: tuple[Tensor, ...], created_at: tuple[str, int],
                unseen: bool = False) -> Replayed:
        """Each op's own forward on the leaves' arrays, in the recorded order: the root.

        `unseen`: its maker will show the root to nobody and walk it for its leaves only
        (`fit`): each value is let go once the ops that read it have run, so the run keeps
        what the backward needs and nothing else (docs/performance.md, "What a plan keeps")."""
        values, saved = self._forward(unseen)(leaves)
        for k, role, layer in self.leaf_marks:  # what the builder's ops say of the leaves
            leaves[k].role, leaves[k].layer = role, layer
        if unseen:  # (a run with no values: its backward lets go as it goes)
            return Replayed(Run(self, leaves, None, saved, created_at), values)
        return Replayed(Run(self, leaves, values, saved, created_at), values[self.root])

    def _forward(self, unseen: bool) -> Any:
        """The plan's forward written out (`_plan_code`), made the first time it runs."""
        forward = self.code.get(("forward", unseen))
        if forward is None:
            forward = self.code["forward", unseen] = forward_code(
                self.steps, self.leaf_at, self.size, self.scalars, unseen)
        return forward

    def backward(self, run: Run, seed: np.ndarray) -> None:
        """Each op's own backward, in the recorded reverse order, as the walk applies it: a
        gradient used twice is summed in the order the walk sums it. An unseen run (no values
        kept: nobody will look into it) lets go of each node's saved values and gradient once
        its rule has run, so the next rules' arrays take their memory, still in the caches."""
        forget = run.values is None
        backward = self.code.get(("backward", forget))
        if backward is None:
            backward = self.code["backward", forget] = backward_code(self.back, self.size,
                                                                     self.root, forget)
        grads = backward(seed, run.saved)
        leaves = run.leaves
        for i, k in self.leaf_at:
            leaves[k].grad = grads[i]
        run.grads = grads


class Run:
    """One replay: the leaves it was given, every node's value and saved values, the leaves'
    versions at the forward (for the walk's stale check), and the gradients once walked."""

    __slots__ = ("plan", "leaves", "values", "saved", "versions", "grads", "created_at")

    def __init__(self, plan: Plan, leaves: tuple[Tensor, ...], values: list, saved: list,
                 created_at: tuple[str, int]) -> None:
        self.plan, self.leaves, self.values, self.saved = plan, leaves, values, saved
        self.versions = tuple([leaf.version for leaf in leaves])
        self.grads: list | None = None
        self.created_at = created_at


class Replayed(Tensor):
    """The root of a replayed graph: its inputs are made when first looked at."""

    __slots__ = ("_run",)

    def __init__(self, run: Run, value: np.ndarray) -> None:  # noqa: D107 (no provenance)
        plan = run.plan
        i = plan.root
        name, role, layer, requires_grad = plan.template[i]
        self._value = value
        self.version = 0
        self.op = plan.steps[-1][1]
        self.saved = run.saved[i]
        self.name, self.role, self.layer = name, role, layer
        self.requires_grad = requires_grad
        self.grad = None
        self.hooks = []
        self.created_at = run.created_at
        self.seen = _seen(run, plan.root_inputs)
        self._run = run

    @property
    def inputs(self) -> tuple[Tensor, ...]:
        if self._run is not None:
            materialize(self)
        return _INPUTS.__get__(self)

    @inputs.setter
    def inputs(self, inputs: tuple[Tensor, ...]) -> None:
        self._run = None  # inputs of one's own: the plan's are not made any more
        _INPUTS.__set__(self, inputs)


def materialize(root: Replayed) -> None:
    """Make every node of the root's graph, as the full path would have made it: the same ops,
    names, roles, layers, values, saved values, gradients, versions seen and user's line."""
    at_line(root._run.created_at, lambda: _materialize(root))


def _materialize(root: Replayed) -> None:
    run = root._run
    if run.values is None:
        if run.grads is not None:  # unreachable: an unseen run's maker never shows its root
            raise RuntimeError(f"{root.name}: a replayed graph walked for its leaves only "
                               "cannot be looked into")
        # An unseen run the plan cannot walk (a hook, a debugging tool, a changed leaf): its
        # values made again from the same leaves, the same numbers, for the full walk
        run.values, run.saved = run.plan._forward(False)(run.leaves)
    plan = run.plan
    nodes: list[Any] = [None] * plan.size
    for i, k in plan.leaf_at:
        nodes[i] = run.leaves[k]
    grads = run.grads or [None] * plan.size
    for i, op, inputs, _ in plan.steps[:-1]:
        name, role, layer, requires_grad = plan.template[i]
        node = Tensor(run.values[i], op=op, inputs=tuple([nodes[j] for j in inputs]),
                      saved=run.saved[i], name=name, role=role, layer=layer,
                      requires_grad=requires_grad)
        node.seen, node.grad = _seen(run, inputs), grads[i]
        nodes[i] = node
    root.inputs = tuple([nodes[j] for j in plan.root_inputs])


def backward(root: Replayed, seed: np.ndarray) -> bool:
    """Run the plan's backward from `root`; False (nothing done) when the full walk must run:
    the graph was looked into, a debugging tool or a hook is installed, or a leaf changed
    since the forward (the walk then raises its StaleGraphError)."""
    run = root._run
    if run is None or root.hooks or _probes.get() is not None:
        return False
    leaves, versions = run.leaves, run.versions
    for _, k in run.plan.grad_leaves:
        if leaves[k].hooks:
            return False
    for _, k in run.plan.leaf_at:  # the walk's stale check, on the leaves: nothing else changes
        if leaves[k].version != versions[k]:
            return False
    run.plan.backward(run, seed)
    root.grad = seed
    return True


def _back(order: list[Tensor], position: dict[int, int]) -> tuple:
    """The walk's order of rules: each node that needs a gradient, from the root back, with
    the positions of its inputs, what it `needs`, and (rule's output, position) of each input
    that gets a gradient."""
    back = []
    for i in range(len(order) - 1, -1, -1):
        node = order[i]
        if node.op is not None and node.requires_grad:
            inputs = tuple([position[id(x)] for x in node.inputs])
            back.append((i, node.op, inputs, tuple([x.requires_grad for x in node.inputs]),
                         tuple([(s, j) for s, j in enumerate(inputs) if order[j].requires_grad])))
    return tuple(back)


def _rules(back: tuple, saved: list, grads: list, forget: bool) -> None:
    """Each op's own backward, as the walk applies them: `grads` holds the root's seed and
    receives every node's gradient; one used twice is summed in the order the walk sums it.
    With `forget`, each node's saved values and gradient are let go once its rule has run."""
    for i, op, _, needs, targets in back:
        grad = grads[i]
        if grad is None:  # a node the rules sent nothing (the stable cost's AL)
            continue
        sent = op.backward(grad, saved[i], needs)
        if forget:
            saved[i] = grads[i] = None
        for s, j in targets:
            g = sent[s]
            if g is not None:
                grads[j] = g if grads[j] is None else grads[j] + g


# The rules of graphs built node by node (operators, the course's functions), by structure:
# the ops, how they are wired and which nodes need gradients (not the shapes: a rule reads
# those from its arrays). Cleared when full: a loop has one or two.
_WALKS: dict[tuple, tuple] = {}
WALKS_KEPT = 32


def walk(order: list[Tensor], seed: np.ndarray) -> bool:
    """The backward of a graph built node by node, e.g. `W1 @ X + b1` and so on in a loop,
    from the rules recorded for the last graph of the same structure: each node's gradient
    as the walk gives it, without a `Step` per node. False (nothing done) when the walk must
    run itself: a hook on a node, a debugging tool, an op that is not the engine's own, a
    root that needs no gradient, or a node built before its inputs changed (the walk's
    StaleGraphError)."""
    root = order[-1]
    if not root.requires_grad or _probes.get() is not None:
        return False
    position: dict[int, int] = {}
    key: list[Any] = []
    for i, node in enumerate(order):
        if node.hooks:
            return False
        position[id(node)] = i
        op = node.op
        if op is None:
            key.append(node.requires_grad)
            continue
        if not op.__module__.startswith(_OWN_OPS) or node.seen != tuple(
                [x.version for x in node.inputs]):
            return False
        key.append((op, tuple([position[id(x)] for x in node.inputs]), node.requires_grad))
    structure = tuple(key)
    back = _WALKS.get(structure)
    if back is None:
        if len(_WALKS) >= WALKS_KEPT:
            _WALKS.clear()
        back = _WALKS[structure] = _back(order, position)
    grads: list[Any] = [None] * len(order)
    grads[-1] = seed
    _rules(back, [node.saved for node in order], grads, False)
    for node, grad in zip(order, grads, strict=True):
        node.grad = grad
    return True


class Plans:
    """A builder's plans, the most recent first: `run` replays one that fits, or builds."""

    __slots__ = ("plans",)

    def __init__(self) -> None:
        self.plans: list[Plan] = []

    def find(self, leaves: tuple[Tensor, ...]) -> tuple[Plan | None, tuple]:
        """The plan these leaves fit, if one was recorded (one that cannot replay, too), and
        their signature (for `record`, after the graph is built)."""
        signature = _signature(leaves)
        for plan in self.plans:
            if plan.signature == signature:
                return plan, signature
        return None, signature

    def record(self, order: list[Tensor], leaves: tuple[Tensor, ...],
               signature: tuple) -> Plan:
        """A plan from the graph just built (`order`, its topological order) on `leaves`,
        whose signature before it was built was `signature`."""
        plan = Plan(order, leaves, signature)
        self.plans = [plan, *self.plans[:KEEP - 1]]
        return plan


def ready() -> bool:
    """No debugging tool is looking: a builder may replay (probes see every node made)."""
    return _probes.get() is None


def _signature(leaves: tuple[Tensor, ...]) -> tuple:
    """What a plan depends on in its leaves, one entry per leaf. A plan is recorded only from
    leaves whose entries all differ (`Plan`), so leaves that are one object (whose gradients
    would be summed in one node) never fit a plan: their entries are the same."""
    return tuple([(leaf._value.shape, leaf._value.dtype, leaf.name, leaf.requires_grad,
                   leaf.role, leaf.layer) for leaf in leaves])


def _replayable(order: list[Tensor], leaves: tuple[Tensor, ...]) -> bool:
    """Every leaf handed over, every op the engine's own, one dtype per op."""
    given = {id(leaf) for leaf in leaves}
    for node in order:
        if node.op is None:
            if id(node) not in given:
                return False
        elif not node.op.__module__.startswith(_OWN_OPS) or len(
                {x._value.dtype for x in node.inputs}) > 1:
            return False
    return True


def _seen(run: Run, inputs: tuple[int, ...]) -> tuple[int, ...]:
    """The versions a node made at the forward saw of its inputs (0 for a node of the graph)."""
    leaf_index, versions = run.plan.leaf_index, run.versions
    return tuple([versions[leaf_index[j]] if j in leaf_index else 0 for j in inputs])
