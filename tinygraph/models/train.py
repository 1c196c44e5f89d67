"""Training as the command line runs it: build the network, fit it, measure it, report it.

`fit` (models/fit.py) is the training loop; `predict` and `accuracy` (models/predict.py) use
what it learned; the plots are in models/plots.py. All are importable from here, as they
always were:

    >>> import tinygraph as tg
    >>> from tinygraph.data import builtin_dataset
    >>> from tinygraph.train import fit, accuracy
    >>> data = builtin_dataset(seed=1)
    >>> net = tg.Network([data.n_x, 7, 1], init="two_layer")
    >>> history = fit(net, data.train_x, data.train_y, num_iterations=101, progress=False)
    >>> 0 <= accuracy(net, data.test_x, data.test_y) <= 1
    True
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import numpy as np

from ..engine import validate
from ..errors import InputError
from .data import Dataset
from .fit import LEARNING_RATE, RECORD_EVERY, Checkpointer, History, fit, in_notebook
from .nn import ONE_OUTPUT, Network, init_recipe
from .optim import from_name
from .plots import cost_figure, plot_costs, plot_mislabelled, plot_wrong, require_matplotlib
from .predict import accuracy, decide, label_row, predict, probabilities, scores
from .stream import StreamedDataset

__all__ = [
    "LEARNING_RATE", "RECORD_EVERY", "History", "accuracy", "check_fits", "cost_figure",
    "decide", "fit", "in_notebook", "label_row", "measured", "plot_costs", "plot_mislabelled",
    "plot_wrong", "predict", "probabilities", "require_matplotlib", "scores", "summary", "train",
]


def train(data: Dataset | StreamedDataset, layer_dims: Sequence[int] | None = None, *,
          init: str = "course", learning_rate: float = LEARNING_RATE, num_iterations: int = 2500,
          batch_size: int | None = None, dtype: str = "float64", seed: int = 1,
          print_cost: bool = False, progress: bool | None = None, optimizer: str = "gd",
          optimizer_settings: Mapping[str, float] | None = None,
          checkpoint: str | os.PathLike | None = None, checkpoint_every: int = 500,
          force: bool = False) -> tuple[Network, dict]:
    """Build a network for `data`, fit it, and measure it: returns `(net, report)`.

    `layer_dims` defaults to the course's L-layer shape [n_x, 20, 7, 5, 1], n_x from the data.
    `optimizer` names one of `optim.OPTIMIZERS`, `optimizer_settings` its settings other than
    the learning rate (e.g. {"beta1": 0.9}). The report holds the settings, `costs` as
    [iteration, cost] pairs, train and test accuracy and `seconds_per_iteration`. `data` may
    be `stream.open_stream(DIR)`: its pictures are then read from disk batch by batch, for
    training and for the accuracies. `checkpoint` is a file the network is saved to every
    `checkpoint_every` iterations while it trains (atomically: a run that stops leaves the
    last one whole), with `iterations_done` and the costs so far; the caller saves the end.
    A read-only `checkpoint` file is refused before training, unless `force`.

        >>> net, report = train(builtin_dataset(), [12288, 7, 1], num_iterations=300)
        ...                                                           # doctest: +SKIP
    """
    layer_dims = [data.n_x, 20, 7, 5, 1] if layer_dims is None else [int(n) for n in layer_dims]
    check_fits(layer_dims, data)
    validate.dtype(dtype)
    recipe = init_recipe(layer_dims, init)
    net = Network(layer_dims, init=recipe, seed=seed, dtype=np.dtype(dtype))
    stepper = from_name(optimizer, net, learning_rate, **(optimizer_settings or {}))
    streamed = isinstance(data, StreamedDataset)  # pictures on disk, read batch by batch
    X, Y = (data.train, None) if streamed else (data.train_x, data.train_y)
    settings = {
        "data": data.source, "classes": list(data.classes),
        "image_shape": list(data.image_shape),
        "layers": layer_dims, "init": init, "init_recipe": recipe, "dtype": dtype,
        "learning_rate": learning_rate, "optimizer": stepper.settings(),
        "iterations": num_iterations,
        "batch_size": batch_size, "seed": seed, "streamed": streamed,
    }
    saver = None if checkpoint is None else _saver(checkpoint, net, settings, force)
    history = fit(net, X, Y, learning_rate=learning_rate,
                  num_iterations=num_iterations, batch_size=batch_size, seed=seed,
                  print_cost=print_cost, progress=progress, optimizer=stepper,
                  checkpoint=saver, checkpoint_every=checkpoint_every)
    report = {
        **settings,
        "costs": [[i, cost] for i, cost in history.costs],
        **measured(net, data),
        "seconds": history.seconds,
        "seconds_per_iteration": history.seconds_per_iteration,
        "warnings": history.warnings,
    }
    return net, report


def _saver(path: str | os.PathLike, net: Network, settings: dict,
           force: bool) -> Checkpointer:
    """What `fit` calls to save `net` at `path` while it trains (models/io.py writes it
    atomically), with the settings, the iterations done and the costs so far."""
    from .io import check_replaceable, save_checkpoint

    check_replaceable(path, force)  # a read-only file is refused now, not after N iterations

    def save(iterations_done: int, history: History) -> None:
        save_checkpoint(path, net, {**settings, "iterations_done": iterations_done,
                                    "costs": [[i, cost] for i, cost in history.costs]},
                        force=force)
    return save


def measured(net: Network, data: Dataset | StreamedDataset) -> dict:
    """`scores` of `net` on `data`, held in memory or streamed (read a block at a time).

        >>> measured(net, builtin_dataset())["test_examples"]     # doctest: +SKIP
        50
    """
    return data.scores(net) if isinstance(data, StreamedDataset) else scores(net, data)


def check_fits(layer_dims: Sequence[int], data: Dataset) -> None:
    """The first size must be the data's n_x and the last 1 (one sigmoid unit)."""
    validate.layer_dims(layer_dims)
    if layer_dims[0] != data.n_x:
        raise InputError(f"layers start with {layer_dims[0]} inputs but the data has "
                         f"n_x = {data.n_x} ({data.pictures}); "
                         f"start the layers with {data.n_x}")
    if layer_dims[-1] != 1:
        raise InputError(f"layers end with {layer_dims[-1]} units; {ONE_OUTPUT}")



def summary(report: dict) -> str:
    """The report in a few lines a person reads at the end of a run."""
    costs = report["costs"]
    (first_i, first), (last_i, last) = costs[0], costs[-1]
    return "\n".join([
        f"trained {report['layers']} (init {report['init']}, {report['dtype']}, "
        f"{_stepping(report)}) for {report['iterations']} iterations",
        f"data: {report['data']}",
        f"cost {first:.6f} at iteration {first_i} -> {last:.6f} at iteration {last_i}",
        f"train accuracy {report['train_accuracy']:.4f} "
        f"({report['train_correct']}/{report['train_examples']})",
        f"test accuracy  {report['test_accuracy']:.4f} "
        f"({report['test_correct']}/{report['test_examples']})",
        f"{report['seconds_per_iteration'] * 1e3:.2f} ms per iteration "
        f"({report['seconds']:.1f} s in all)",
    ])


def _stepping(report: dict) -> str:
    """"learning rate 0.0075" for gradient descent; the optimizer and its settings else."""
    optimizer = dict(report.get("optimizer") or {"name": "gd"})
    name = optimizer.pop("name")
    optimizer.pop("learning_rate", None)
    settings = "".join(f", {key} {value}" for key, value in optimizer.items())
    rate = f"learning rate {report['learning_rate']}{settings}"
    return rate if name == "gd" else f"{name} with {rate}"


