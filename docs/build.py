"""Draw the pictures of docs/ from the code: `make docs` (or `python docs/build.py`).

    $ python docs/build.py              # rewrites docs/img/*.svg
    $ python docs/build.py /tmp/img     # writes them elsewhere (the test compares the two)

docs/img/architecture.svg is the house: its layers and the imports between their modules, as
docs/house.py reads them from the source. The other pictures use the course's shapes: X is
(12288, 209), 209 pictures of 64x64x3 like the course's training set, made by a seeded NumPy
generator, so they are the same on every run and do not change when the built-in dataset
does. tests/test_render.py re-draws them and compares with the committed files, ignoring the
comments Graphviz writes into SVG (they name its version).
"""

from __future__ import annotations

import sys
from pathlib import Path

import house
import numpy as np

import tinygraph as tg
from tinygraph import render

IMG = Path(__file__).resolve().parent / "img"
M = 209  # as many examples as the course's training set


def course_cost(layer_dims: list[int], init: str) -> tg.Tensor:
    """The cost node of the course's network on M seeded random pictures."""
    rng = np.random.default_rng(1)
    X = tg.tensor(rng.random((layer_dims[0], M)), name="X", layer=0)
    Y = (rng.random((1, M)) < 0.35).astype(float)  # about a third are cats, as in the course
    return tg.Network(layer_dims, init=init).cost(X, Y)


def pictures() -> dict[str, tuple[tg.Tensor, dict]]:
    """file name -> (cost node, options of render.to_dot)."""
    two_layer = course_cost([12288, 7, 1], "two_layer")
    l_layer = course_cost([12288, 20, 7, 5, 1], "app")
    after = course_cost([12288, 20, 7, 5, 1], "app")
    tg.backward(after)
    return {
        "two_layer.svg": (two_layer, {"title": "Two-layer network: LINEAR -> RELU -> "
                                                "LINEAR -> SIGMOID"}),
        "l_layer.svg": (l_layer, {"title": "L-layer network [12288, 20, 7, 5, 1]"}),
        "l_layer_compact.svg": (l_layer, {"compact": True,
                                          "title": "L-layer network, compact view"}),
        "l_layer_grads.svg": (after, {"grads": True, "backward": True,
                                      "title": "After one backward pass"}),
    }


# What each floor of the house is, on its box.
FLOOR_TITLES = {
    "cli": "cli: the tinygraph command",
    "face": "the face: import tinygraph (the engine now, the rest on first use)",
    "tools": "tools: drawing, debugging, notebook views",
    "course": "course: the course's functions, and a learner's checked against them",
    "models": "models: networks, training, data, checkpoints",
    "engine": "engine: the node, the ops, the walk",
}


def architecture() -> render.Diagram:
    """The house: one box per floor, one room per module (a folder as one room), and an arrow
    for each import between rooms, read from the source (docs/house.py)."""
    import graphviz

    dot = graphviz.Digraph("house")
    dot.attr(rankdir="TB", newrank="true", fontname="Helvetica",
             nodesep="0.15", ranksep="0.45", labelloc="t", fontsize="16",
             label="tinygraph's layers: each imports only those below it (and errors, which "
                   "every one raises: those arrows are left out)")
    dot.attr("node", shape="box", style="rounded,filled", fillcolor="#d5e5fa",
             color="#2b6cb0", fontname="Helvetica", fontsize="11")
    dot.attr("edge", color="#8899aa", arrowsize="0.6")
    rooms = {module: house.room(module) for module in house.MODULES}
    for floor in reversed(house.FLOORS[1:]):
        with dot.subgraph(name=f"cluster_{floor}") as box:
            box.attr(label=FLOOR_TITLES[floor], style="rounded", color="#999999",
                     fontsize="12", labeljust="l")
            for name in sorted({r for m, r in rooms.items() if house.floor_of(m) == floor}):
                box.node(f"{floor} {name}", name)
    edges = {(f"{house.floor_of(a)} {rooms[a]}", f"{house.floor_of(b)} {rooms[b]}")
             for a, targets in house.graph().items() for b in targets}
    for tail, head in sorted(edges):
        if tail != head and not head.startswith("errors"):
            dot.edge(tail, head)
    return render.Diagram(dot, "the house")


def build(out: Path = IMG) -> list[Path]:
    """Write every picture into `out`; returns their paths."""
    drawn = [render.render(root, out / name, **options)
             for name, (root, options) in pictures().items()]
    return [*drawn, architecture().save(out / "architecture.svg")]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else IMG):
        print(f"wrote {path}")
