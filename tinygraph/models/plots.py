"""Plots, as the course draws them: the cost curve and the mislabelled pictures (the plot
extra, matplotlib, is imported only when one is drawn).

    >>> plot_costs([(0, 0.69), (100, 0.52)], "out/costs.png", 0.0075)   # doctest: +SKIP
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import TinygraphError
from .data import Dataset


def require_matplotlib() -> Any:
    """`matplotlib.figure.Figure`, or a clear error saying how to install the extra."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise TinygraphError("writing PNG plots needs matplotlib, the 'plot' extra: "
                             "pip install 'tinygraph[plot]'") from None
    return Figure


def plot_costs(costs: Sequence[Sequence[float]], path: str | os.PathLike,
               learning_rate: float | None = None) -> None:
    """The cost curve, as the course draws it: cost against iterations (per hundreds).

        >>> plot_costs(report["costs"], "out/costs.png", 0.0075)     # doctest: +SKIP
    """
    _save(cost_figure(costs, learning_rate), path)


def cost_figure(costs: Sequence[Sequence[float]], learning_rate: float | None = None) -> Any:
    """The cost curve as a matplotlib Figure that also shows itself in a notebook."""
    figure = _inline(require_matplotlib())(figsize=(6, 4))
    axes = figure.subplots()
    axes.plot([i for i, _ in costs], [cost for _, cost in costs], marker=".")
    axes.set_xlabel("iteration")
    axes.set_ylabel("cost")
    axes.set_title("Learning rate = " + str(learning_rate) if learning_rate else "cost")
    figure.tight_layout()
    return figure


@functools.cache
def _inline(Figure: type) -> type:
    """A matplotlib Figure with `_repr_png_`: made without pyplot (so nothing else shows it
    a second time), it still displays when it ends a notebook cell."""

    class InlineFigure(Figure):
        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return InlineFigure


def plot_mislabelled(data: Dataset, predictions: np.ndarray, path: str | os.PathLike,
                     limit: int = 20) -> int:
    """A grid of the test pictures the network got wrong, titled with the prediction and
    the label, as the course's `print_mislabeled_images`. Returns how many were wrong."""
    wrong = np.flatnonzero(predictions.ravel() != data.test_y.ravel())
    said, truth = predictions.ravel().astype(int), data.test_y.ravel().astype(int)
    plot_wrong([(int(i), data.image(data.test_x[:, i]), data.classes[said[i]],
                 data.classes[truth[i]]) for i in wrong[:limit]], path)
    return len(wrong)


def plot_wrong(shown: Sequence[tuple[int, np.ndarray, str, str]],
               path: str | os.PathLike) -> None:
    """The grid of `plot_mislabelled`: one `(index, picture, said, is)` per picture, five to a
    row (a streamed test split gives its own: `StreamedDataset.mislabelled`)."""
    Figure = require_matplotlib()
    columns = max(1, min(5, len(shown)))
    rows = max(1, -(-len(shown) // columns))
    figure = Figure(figsize=(2.2 * columns, 2.4 * rows))
    for k, (index, picture, said, truth) in enumerate(shown):
        axes = figure.add_subplot(rows, columns, k + 1)
        axes.imshow(picture.squeeze() if picture.shape[-1] == 1 else picture,
                    interpolation="nearest")
        axes.axis("off")
        axes.set_title(f"#{index}: said {said}\nis {truth}", fontsize=8)
    if not len(shown):
        figure.text(0.5, 0.5, "no mislabelled test pictures", ha="center")
    _save(figure, path)


def _save(figure: Any, path: str | os.PathLike) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    figure.tight_layout()
    figure.savefig(path, dpi=100)

