"""Draw the pictures of docs/rendering.md from the code: `make docs` (or `python docs/build.py`).

    $ python docs/build.py              # rewrites docs/img/*.svg
    $ python docs/build.py /tmp/img     # writes them elsewhere (the test compares the two)

The pictures use the course's shapes: X is (12288, 209), 209 pictures of 64x64x3 like the
course's training set, made by a seeded NumPy generator, so they are the same on every run
and do not change when the built-in dataset does. tests/test_render.py re-draws them and
compares with the committed files, ignoring the comments Graphviz writes into SVG (they name
its version).
"""

from __future__ import annotations

import sys
from pathlib import Path

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


def build(out: Path = IMG) -> list[Path]:
    """Write every picture into `out`; returns their paths."""
    return [render.render(root, out / name, **options)
            for name, (root, options) in pictures().items()]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else IMG):
        print(f"wrote {path}")
