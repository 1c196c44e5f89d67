"""A graph built again with the same shapes is replayed from its plan (engine/_replay.py), and
nothing tells the difference: the same numbers to the bit, the same nodes to whoever looks.

The full path, for comparison, is what every debugging tool gets: with a probe installed
(`probes.watching()`, which looks at nothing here), each graph is built node by node and
walked step by step.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import tinygraph as tg
from tinygraph.engine import probes
from tinygraph.engine._replay import Replayed
from tinygraph.errors import InputError, ShapeError, StaleGraphError
from tinygraph.models.fit import fit
from tinygraph.optim import Adam, GradientDescent

DTYPES = (np.float64, np.float32)
# Every op a plan can hold: the ones Network builds, with each of the engine's activations and
# both costs (the stable one from Z[L], the course's from AL).
GRAPHS = [(tg.relu, True), (tg.relu, False), (tg.tanh, True), (tg.sigmoid, False)]


def data(m: int = 10, n_x: int = 5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_x, m)), (rng.random((1, m)) > 0.5).astype(float)


def full_path():
    """A block in which every graph takes the full path, as under any debugging tool."""
    return probes.watching()


def bits(array: np.ndarray | None) -> bytes | None:
    """An array's dtype, shape and bytes: equal only when bit for bit the same."""
    return None if array is None else (array.dtype.str, array.shape, array.tobytes())


def build(net: tg.Network, X, Y, **options) -> tg.Tensor:
    return net.cost(X, Y, **options)  # one line, so every node is made at the same place


def train(net: tg.Network, X, Y, iterations: int, **options) -> list:
    """The user's own loop: cost, backward, the course's update; what it saw at each step."""
    optimizer = GradientDescent(net, learning_rate=0.5)
    seen = []
    for _ in range(iterations):
        cost = build(net, X, Y, **options)
        tg.backward(cost)
        seen.append((type(cost), bits(cost.value),
                     [bits(p.grad) for p in net.parameters.values()]))
        optimizer.step()
    return seen


def twins(dtype=np.float64, layer_dims=(5, 4, 3, 1)) -> tuple[tg.Network, tg.Network]:
    """Two networks with the same parameters, made on the same line (as their nodes are)."""
    return tuple(tg.Network(list(layer_dims), init="he", dtype=dtype) for _ in range(2))


def test_the_first_graph_is_built_and_recorded_the_next_ones_replayed():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    first, second, third = (build(net, X, Y) for _ in range(3))
    assert type(first) is tg.Tensor and type(second) is Replayed and type(third) is Replayed
    assert (second.name, second.role, second.layer, second.op) == (
        first.name, first.role, first.layer, first.op)
    assert bits(second.value) == bits(first.value)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("activation", "stable"), GRAPHS)
def test_a_loop_over_net_cost_gives_the_full_paths_costs_gradients_and_parameters(
        dtype, activation, stable):
    replayed, walked = twins(dtype)
    X, Y = data()
    options = dict(activation=activation, stable=stable)
    fast = train(replayed, X, Y, 25, **options)
    with full_path():
        slow = train(walked, X, Y, 25, **options)
    assert [kind for kind, *_ in fast] == [tg.Tensor] + [Replayed] * 24
    assert {kind for kind, *_ in slow} == {tg.Tensor}
    assert [rest for _, *rest in fast] == [rest for _, *rest in slow]
    for name, p in replayed.parameters.items():
        assert bits(p.value) == bits(walked.parameters[name].value), name


@pytest.mark.parametrize("dtype", DTYPES)
def test_fit_on_mini_batches_with_a_short_last_one_gives_the_full_paths_run(dtype):
    replayed, walked = twins(dtype)
    X, Y = data(m=10)
    settings = dict(num_iterations=30, batch_size=4, progress=False)
    fast = fit(replayed, X, Y, **settings, optimizer=Adam(replayed, learning_rate=0.01))
    with full_path():
        slow = fit(walked, X, Y, **settings, optimizer=Adam(walked, learning_rate=0.01))
    assert fast.costs == slow.costs
    for name, p in replayed.parameters.items():
        assert bits(p.value) == bits(walked.parameters[name].value), name
    # batches of 4, 4, 2: a plan for each shape, none for the fit that took the full path
    assert [[plan.replayable for plan in plans.plans] for plans in replayed._plans.values()] == [
        [True, True]]
    assert walked._plans == {}


def test_fits_cost_keeps_only_what_its_backward_needs_and_gives_the_same_bits():
    """`fit` shows its cost to nobody (`Network.unseen_cost`): replayed, each value goes once
    the ops that read it have run (W @ A_prev once Z is made, Z once A is), so a deep graph
    holds a third of the arrays, and the walk gives the same gradients to the bit."""
    seen, unseen = twins(layer_dims=(50, *[50] * 8, 1))
    X, Y = data(m=200, n_x=50)
    for _ in range(2):  # recorded, then replayed once: both plans written out
        tg.backward(seen.cost(X, Y))
        tg.backward(unseen.unseen_cost(X, Y))
    held = []
    for make in (lambda: seen.cost(X, Y), lambda: unseen.unseen_cost(X, Y)):
        tracemalloc.start()
        cost = make()
        held.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.stop()
        assert type(cost) is Replayed
        tg.backward(cost)
    assert held[1] < 0.5 * held[0]
    for name, p in seen.parameters.items():
        assert bits(p.grad) == bits(unseen.parameters[name].grad), name


def test_an_unseen_cost_with_a_hook_added_after_its_forward_is_walked_on_its_values_again():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    for _ in range(2):
        tg.backward(net.unseen_cost(X, Y))
    plain = net.parameters["W1"].grad
    cost = net.unseen_cost(X, Y)  # nothing kept but what the backward needs
    net.parameters["W1"].register_hook(lambda g: g * 2)  # the plan cannot walk it now
    tg.backward(cost)
    assert bits(net.parameters["W1"].grad) == bits(plain * 2)


def nodes(cost: tg.Tensor) -> list[tuple]:
    """Everything a node says about itself, for each node of the graph, in the walk's order."""
    def saved(node):
        if isinstance(node.saved, dict):
            return sorted((k, bits(v) if isinstance(v, np.ndarray) else v)
                          for k, v in node.saved.items())
        return node.saved
    return [(node.name, node.role, node.layer, node.op, node.requires_grad, node.seen,
             node.created_at, len(node.inputs), bits(node.value), bits(node.grad), saved(node))
            for node in tg.topological_order(cost)]


@pytest.mark.parametrize(("activation", "stable"), GRAPHS)
def test_looking_into_a_replayed_graph_makes_the_nodes_the_full_path_makes(activation, stable):
    replayed, walked = twins()
    X, Y = data()
    fast = [build(replayed, X, Y, activation=activation, stable=stable) for _ in range(2)][1]
    with full_path():
        slow = build(walked, X, Y, activation=activation, stable=stable)
    assert nodes(fast) == nodes(slow)  # before any backward: no gradients anywhere
    tg.backward(fast)
    with full_path():
        tg.backward(slow)
    fast_again = build(replayed, X, Y, activation=activation, stable=stable)
    tg.backward(fast_again)  # walked by the plan, looked into after
    assert nodes(fast) == nodes(slow) == nodes(fast_again)


def test_a_graph_kept_from_an_earlier_iteration_keeps_its_own_numbers():
    """Each replay writes new arrays: an old cost looked into after later updates shows the
    numbers of its own iteration, as the full path's old graph does."""
    replayed, walked = twins()
    X, Y = data()
    kept = {}
    for net, where in ((replayed, "fast"), (walked, "slow")):
        optimizer, costs = GradientDescent(net, learning_rate=0.5), []
        for _ in range(5):
            if where == "slow":
                with full_path():
                    costs.append(tg.backward(build(net, X, Y)))
            else:
                costs.append(tg.backward(build(net, X, Y)))
            optimizer.step()
        kept[where] = costs
    for fast, slow in zip(kept["fast"], kept["slow"], strict=True):
        assert {k: bits(v) for k, v in tg.course_grads(fast).items()} == {
            k: bits(v) for k, v in tg.course_grads(slow).items()}
        assert [bits(n.value) for n in tg.topological_order(fast)] == [
            bits(n.value) for n in tg.topological_order(slow)]


def test_stepping_a_replayed_graph_shows_the_steps_of_the_full_path():
    replayed, walked = twins()
    X, Y = data()
    fast = [build(replayed, X, Y) for _ in range(2)][1]
    with full_path():
        slow = build(walked, X, Y)
    shown = [[(s.node.name, s.formula, bits(s.grad)) for s in tg.backward_steps(cost)]
             for cost in (fast, slow)]
    assert shown[0] == shown[1] and len(shown[0]) == 15
    debugger = tg.Debugger([build(replayed, X, Y) for _ in range(2)][1])
    debugger.run_to("Z1")
    assert debugger.current.node.name == "Z1"


def test_a_hook_on_a_parameter_or_the_cost_takes_the_full_path_and_runs():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    tg.backward(build(net, X, Y))
    plain = net.parameters["W1"].grad
    called = []
    net.parameters["W1"].register_hook(lambda g: called.append("W1") or g * 2)
    cost = build(net, X, Y)
    cost.register_hook(lambda g: called.append("cost"))
    assert type(cost) is Replayed
    tg.backward(cost)
    assert called == ["cost", "W1"]
    assert bits(net.parameters["W1"].grad) == bits(plain * 2)


def test_debugging_tools_see_every_node_made_and_every_rule_run():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    made, ruled = [], []
    cost = [build(net, X, Y) for _ in range(2)][1]
    with tg.detect_anomaly():
        assert type(build(net, X, Y)) is tg.Tensor  # a tool looks: built node by node
    with probes.watching(after_forward=lambda node: made.append(node.name),
                         before_rule=lambda node, grad: ruled.append(node.name)):
        tg.backward(cost)  # replayed before the block: its rules still run one by one
        build(net, X, Y)
    assert ruled == ["cost", "Z2", "b2", "W2@A1", "W2", "A1", "Z1", "b1", "W1@X", "W1"]
    assert made == ["W1@X", "Z1", "A1", "W2@A1", "Z2", "AL", "cost"]


def test_a_backward_after_an_update_is_the_full_paths_stale_graph_error():
    replayed, walked = twins()
    X, Y = data()
    messages = []
    for net in (replayed, walked):
        optimizer = GradientDescent(net)
        cost = [build(net, X, Y) for _ in range(2)][1]
        tg.backward(cost)
        optimizer.step()
        with pytest.raises(StaleGraphError) as error:
            tg.backward(cost)
        messages.append(str(error.value))
    assert messages[0] == messages[1]


def test_a_new_shape_dtype_or_structure_is_built_and_its_errors_are_the_same():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    build(net, X, Y), build(net, X, Y)
    assert type(build(net, X[:, :3], Y[:, :3])) is tg.Tensor  # a new shape: recorded
    assert type(build(net, X[:, :3], Y[:, :3])) is Replayed
    assert type(build(net, X, Y, stable=False)) is tg.Tensor  # another cost: another plan
    net.parameters["W2"].value = np.ones((1, 3))  # a parameter of another shape: built again
    with pytest.raises(ShapeError, match="matmul in layer 2: W2 has shape"):
        build(net, X, Y)
    with pytest.raises(InputError, match="labels Y must be in"):
        net2 = tg.Network([5, 4, 1])
        build(net2, X, Y), build(net2, X, Y * 2)  # the replayed call checks its labels too


def test_an_activation_of_ones_own_is_never_replayed():
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    mine = [build(net, X, Y, activation=lambda Z, **kw: tg.relu(Z, **kw)) for _ in range(3)]
    assert {type(cost) for cost in mine} == {tg.Tensor}


def test_gradcheck_and_course_grads_on_a_replayed_cost_are_the_full_paths():
    replayed, walked = twins()
    X, Y = data()
    fast = tg.backward([build(replayed, X, Y) for _ in range(2)][1])
    with full_path():
        slow = tg.backward(build(walked, X, Y))
    assert str(tg.gradcheck(fast, max_entries=5).table()) == str(
        tg.gradcheck(slow, max_entries=5).table())
    assert {k: bits(v) for k, v in tg.course_grads(fast).items()} == {
        k: bits(v) for k, v in tg.course_grads(slow).items()}


def test_a_replayed_forward_is_the_network_output():
    net = tg.Network([5, 4, 1], init="he")
    X, _ = data()
    first, second = net.forward(X), net.forward(X)
    assert type(second) is Replayed and second.name == "AL" and second.role == "output"
    assert bits(second.value) == bits(first.value)
    assert [n.name for n in tg.topological_order(second)] == [
        n.name for n in tg.topological_order(first)]


def test_what_building_says_of_a_leaf_a_replay_says_too():
    """The course's ops mark their leaves (a parameter W multiplied is a weight): a leaf whose
    role was taken away gets it back from a replay as from the full path."""
    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    W1 = net.parameters["W1"]
    build(net, X, Y)
    W1.role = None
    assert type(build(net, X, Y)) is tg.Tensor and W1.role == "weight"  # recorded anew
    W1.role = None
    assert type(build(net, X, Y)) is Replayed and W1.role == "weight"  # replayed: the same


# A loop over the course's formulas written with operators builds real nodes (the user holds
# them) and walks them with the rules recorded for the last graph of the same structure.

def every_op(p: dict, X: np.ndarray, Y: np.ndarray) -> tg.Tensor:
    """A cost that uses every op of the engine, AL twice (its gradients are summed)."""
    from tinygraph.ops import reshape

    A1 = tg.dropout((p["W1"] @ X + p["b1"]).tanh(), 0.8, seed=1)  # matmul add_bias tanh dropout
    H = (A1.relu() + A1 ** 2 - (-A1) / 2).T.T * 1  # relu add power sub neg div transpose mul
    AL = (p["W2"] @ H + p["b2"]).sigmoid()
    extra = reshape(AL.exp().log().mean(axis=1, keepdims=True), ())  # exp log mean reshape
    return (tg.cross_entropy(AL, Y) + tg.cross_entropy(AL, Y, stable=False)  # both costs
            + (p["W1"] ** 2).sum() / 100 + extra)                    # sum


def operator_loop(net: tg.Network, X, Y, iterations: int) -> list:
    optimizer = GradientDescent(net, learning_rate=0.1)
    seen = []
    for _ in range(iterations):
        cost = every_op(net.parameters, X, Y)
        cost.backward()
        seen.append([bits(node.grad) for node in tg.topological_order(cost)])
        optimizer.step()
    return seen


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_loop_over_operators_walks_from_its_recorded_rules_to_the_bit(dtype, monkeypatch):
    from tinygraph.engine import _replay

    ran = []
    walk = _replay.walk
    monkeypatch.setattr(_replay, "walk", lambda order, seed: ran.append(walk(order, seed)) or
                        ran[-1])
    replayed, walked = twins(dtype, layer_dims=(5, 4, 1))
    X, Y = data()
    fast = operator_loop(replayed, X, Y, 8)
    with full_path():
        slow = operator_loop(walked, X, Y, 8)
    assert ran == [True] * 8  # each backward from the rules (the full path never asked)
    assert fast == slow and len(fast[0]) > 30
    for name, p in replayed.parameters.items():
        assert bits(p.value) == bits(walked.parameters[name].value), name


def test_a_hook_a_changed_parameter_or_an_op_of_ones_own_makes_the_walk_run_itself():
    from tinygraph.engine import _replay
    from tinygraph.ops import Op

    class Twice(Op):  # a learner's op: its backward may print, so the walk runs it
        name = "twice"

        @staticmethod
        def forward(x):
            return 2 * x, {}

        @staticmethod
        def backward(dout, saved, needs):
            return (2 * dout,)

    net = tg.Network([5, 4, 1], init="he")
    X, Y = data()
    p = net.parameters
    cost = every_op(p, X, Y)
    assert _replay.walk(tg.topological_order(cost), np.ones(()))
    Z1 = cost.find("Z1")
    Z1.register_hook(lambda g: None)
    assert not _replay.walk(tg.topological_order(cost), np.ones(()))
    mine = tg.cross_entropy(Twice.apply(p["W1"] @ X + p["b1"]).sum(axis=0, keepdims=True)
                            .sigmoid(), Y)
    assert not _replay.walk(tg.topological_order(mine), np.ones(()))
    fresh = every_op(p, X, Y)
    p["W1"].value = p["W1"].value * 1  # a new version: the graph is stale
    assert not _replay.walk(tg.topological_order(fresh), np.ones(()))
    with pytest.raises(StaleGraphError):
        fresh.backward()


def test_one_parameter_in_two_places_is_never_replayed():
    """Its gradient is the sum of both uses, in one node: the full path's to make."""
    net = tg.Network([3, 3, 3, 1], init="he")
    X, Y = data(n_x=3)
    build(net, X, Y), build(net, X, Y)
    net.parameters["W2"] = net.parameters["W1"]
    assert {type(build(net, X, Y)) for _ in range(3)} == {tg.Tensor}


def test_labels_are_checked_again_when_they_change_between_replays():
    net = tg.Network([4, 3, 1], init="app")
    X = np.random.default_rng(2).normal(size=(4, 6))
    Y = tg.tensor([[1, 0, 1, 1, 0, 0]], name="Y")
    for _ in range(3):  # recorded, then replayed: the labels checked once
        net.cost(X, Y)
    Y.value = np.array([[1.0, 0.0, 2.0, 1.0, 0.0, 0.0]])  # a new version, out of [0, 1]
    with pytest.raises(tg.InputError, match=r"labels Y must be in \[0, 1\]"):
        net.cost(X, Y)
