"""How long drawing takes: the DOT source of a 500-layer network (no layout), and, for scale,
Graphviz laying out the course's L-layer network.

    $ .venv/bin/python benchmarks/bench_render.py
    $ .venv/bin/python benchmarks/bench_render.py --layers 2000 --repeat 3
    $ .venv/bin/python benchmarks/bench_render.py --layout   # also lay out the deep network

A benchmark that prints its times, not a test: the times depend on the machine. Building
DOT source is plain Python string work (no layout runs until the picture is rendered), so it
grows linearly with the number of nodes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

import tinygraph as tg
from tinygraph import render


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def deep_cost(layers: int, m: int = 8) -> tg.Tensor:
    """[4, 3, 3, ..., 3, 1]: `layers` layers, He init so the activations stay near 1."""
    rng = np.random.default_rng(0)
    X = tg.tensor(rng.normal(size=(4, m)), name="X", layer=0)
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return tg.Network([4] + [3] * (layers - 1) + [1], init="he").cost(X, Y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--layout", action="store_true",
                        help="also time dot's layout of the deep network (seconds, once)")
    args = parser.parse_args()

    cost = deep_cost(args.layers)
    nodes = len(tg.topological_order(cost))
    print(f"{args.layers}-layer network, {nodes} nodes; median of {args.repeat} runs")
    rows = [("to_dot(cost)", lambda: render.to_dot(cost).source),
            ("to_dot(cost, compact=True)", lambda: render.to_dot(cost, compact=True).source)]
    tg.backward(cost)
    rows.append(("to_dot(cost, grads=True, backward=True)",
                 lambda: render.to_dot(cost, grads=True, backward=True).source))
    for what, work in rows:
        print(f"  {what:<42} {median_seconds(work, args.repeat) * 1000:8.1f} ms")

    if shutil.which("dot") is None:
        print("Graphviz's dot is not installed: layout not timed")
        return
    rng = np.random.default_rng(1)
    course = tg.Network([12288, 20, 7, 5, 1]).cost(
        tg.tensor(rng.random((12288, 209)), name="X", layer=0),
        (rng.random((1, 209)) > 0.5).astype(float))
    tg.backward(course)
    with tempfile.TemporaryDirectory() as tmp:
        svg = Path(tmp) / "net.svg"
        seconds = median_seconds(lambda: render.render(course, svg, grads=True), args.repeat)
    print(f"  dot layout + SVG of the course's [12288, 20, 7, 5, 1] network "
          f"{seconds * 1000:8.1f} ms")
    if args.layout:
        with tempfile.TemporaryDirectory() as tmp:
            for compact in (True, False):
                seconds = median_seconds(
                    lambda c=compact: render.render(cost, Path(tmp) / "deep.svg", compact=c), 1)
                print(f"  dot layout + SVG of the {args.layers}-layer network, "
                      f"compact={compact}: {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
