"""The house: one folder per layer, each importing only the layers below it, no circle even
inside functions, `import tinygraph` loading the engine alone, and nothing read from names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import render
from tinygraph._layout import HOMES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs"))
from house import FLOORS, MODULES, floor_of  # noqa: E402 (docs/house.py: the house as read)
from house import graph as import_graph  # noqa: E402

GRAPH = import_graph()


def test_the_imports_are_read_at_the_top_and_inside_functions():
    assert "tinygraph.engine.tensor" in GRAPH["tinygraph.models.nn"]         # at the top
    assert "tinygraph.tools.render" in GRAPH["tinygraph.tools.player"]       # in a function
    assert "tinygraph.course.checker" in GRAPH["tinygraph"]                  # the face's lazy
    assert {floor_of(m) for m in MODULES} == set(FLOORS)


def test_each_module_imports_only_its_own_layer_and_those_below():
    upward = [(a, b) for a, targets in GRAPH.items() for b in targets
              if FLOORS.index(floor_of(b)) > FLOORS.index(floor_of(a))]
    assert upward == []


def test_no_import_circle_counting_imports_inside_functions():
    # a package imports its own submodules (its __init__ hands their names on): not a circle
    edges = {a: {b for b in targets if not a.startswith(b + ".")} for a, targets in GRAPH.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])


def test_no_module_is_over_450_lines():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text().splitlines())) > 450}
    assert long == {}


def test_import_tinygraph_loads_the_engine_and_nothing_else():
    code = ("import sys, tinygraph\n"
            "print(sorted(m for m in sys.modules if m.startswith('tinygraph')))\n"
            "print([m for m in ('h5py', 'graphviz', 'matplotlib', 'tqdm', 'IPython') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    loaded = eval(out[0])  # noqa: S307 (our own printout)
    assert {floor_of(m) for m in loaded} <= {"face", "errors", "engine"}, loaded
    assert eval(out[1]) == []  # noqa: S307


def test_the_rest_loads_on_first_use_under_its_short_name():
    code = ("import sys, tinygraph as tg\n"
            "net = tg.Network([2, 1])\n"
            "import tinygraph.nn, tinygraph.models.nn, tinygraph.debug.gradcheck\n"
            "print(tinygraph.nn is tinygraph.models.nn, type(tg.tensor).__name__,\n"
            "      callable(tinygraph.debug.gradcheck), 'tinygraph.tools.render' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    # one module under two names; importing a short name never covers a function of that name
    assert out == ["True", "function", "True", "False"]


def test_every_short_name_is_a_module_of_its_layer():
    import importlib

    for short, layer in HOMES.items():
        module = importlib.import_module(f"tinygraph.{short}")
        assert module.__name__ == f"tinygraph.{layer}.{short}"


# ----------------------------------------------------------------------- roles, not names


def course_net_cost():
    rng = np.random.default_rng(0)
    net = tg.Network([5, 4, 3, 1], init="deep")
    X = tg.tensor(rng.normal(size=(5, 6)), name="features")  # not called X
    return net.cost(X, (rng.random((1, 6)) > 0.5).astype(float))


def seen(dot) -> str:
    """The DOT source as the picture shows it: the nodes' own names are only in the tooltips
    (what hovering shows, to find the node in one's code)."""
    import re

    return re.sub(r'tooltip="[^"]*"', "", dot.source)


def test_renaming_every_node_of_the_course_net_changes_no_picture_and_no_gradient_key():
    cost = course_net_cost()
    tg.backward(cost)
    nodes = tg.topological_order(cost)
    labels = [render.course_name(n) for n in nodes]
    grads = tg.course_grads(cost)
    pictures = [seen(render.to_dot(cost, grads=True)), seen(render.to_dot(cost, compact=True))]
    for i, node in enumerate(nodes):
        node.name = f"n{i}"
    assert [render.course_name(n) for n in nodes] == labels
    assert "X = A[0]" in labels and "AL = A[L]" in labels and "Z[3]" in labels
    assert [seen(render.to_dot(cost, grads=True)),
            seen(render.to_dot(cost, compact=True))] == pictures
    renamed = tg.course_grads(cost)
    assert list(renamed) == list(grads) == ["dW1", "db1", "dA1", "dW2", "db2", "dA2", "dW3",
                                            "db3"]
    for key in grads:
        np.testing.assert_array_equal(renamed[key], grads[key])


def test_the_course_written_with_operators_has_the_same_roles_as_network():
    net = tg.Network([5, 4, 1], init="two_layer")
    W1, b1, W2, b2 = (net.parameters[k] for k in ("W1", "b1", "W2", "b2"))
    X = tg.tensor(np.ones((5, 3)), name="pictures")
    AL = (W2 @ (W1 @ X + b1).relu() + b2).sigmoid()
    cost = tg.cross_entropy(AL, [[1, 0, 1]])
    built = net.cost(np.ones((5, 3)), [[1, 0, 1]])
    assert ([(n.role, n.layer) for n in tg.topological_order(cost)] ==
            [(n.role, n.layer) for n in tg.topological_order(built)])


# ------------------------------------------------------- one validation for every entry


@pytest.mark.parametrize("call", [
    lambda: tg.Network([3, 4, 1.0]),
    lambda: tg.Network([3, 1], seed=1.0),
    lambda: tg.train.fit(tg.Network([3, 1]), np.ones((3, 2)), [[1, 0]], num_iterations=3.0),
    lambda: tg.train.fit(tg.Network([3, 1]), np.ones((3, 2)), [[1, 0]], batch_size=1.0),
    lambda: tg.initial_parameters([3, 1], seed=2.0),
])
def test_a_whole_number_given_as_a_float_is_refused_the_same_way_everywhere(call):
    with pytest.raises(tg.InputError, match=r"\(a float\): write \d"):
        call()
