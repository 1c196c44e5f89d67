"""Training: gradient descent on the graph, a progress bar, the cost history, a summary.

One iteration is what the course does, with the graph doing the backward pass:

    cost = net.cost(X, Y)                  # forward, cost (7) on the current parameters
    tg.backward(cost)                      # the backward walk fills every p.grad
    p.value -= learning_rate * p.grad      # gradient descent, in place, for each parameter
                                           # (or momentum, Adam: fit(..., optimizer="adam"))

    >>> import tinygraph as tg
    >>> from tinygraph.data import builtin_dataset
    >>> from tinygraph.train import fit, accuracy
    >>> data = builtin_dataset(seed=1)
    >>> net = tg.Network([data.n_x, 7, 1], init="two_layer")
    >>> history = fit(net, data.train_x, data.train_y, num_iterations=101, progress=False)
    >>> [i for i, cost in history.costs]
    [0, 100]
    >>> 0 <= accuracy(net, data.test_x, data.test_y) <= 1
    True

The cost is recorded at i % 100 == 0 and at the last iteration (where the course prints it),
on the parameters before that iteration's update. The course's own `costs` list, which
`tinygraph.notebook`'s models return, has only the i % 100 == 0 entries.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import numbers
import os
import sys
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .autograd import backward
from .data import Dataset
from .errors import DivergenceError, DivergenceWarning, InputError, ShapeError, TinygraphError
from .nn import Network, check_layer_dims, check_seed, init_recipe, input_leaf
from .optim import Optimizer, from_name
from .tensor import Tensor, as_array

RECORD_EVERY = 100
LEARNING_RATE = 0.0075  # the course's, for fit and train (an Optimizer brings its own)
# A cost this many times above where it started (or above ln 2, a coin toss's cost, when it
# started lower) is diverging: gradient descent with a sane learning rate never gets there.
DIVERGING_FACTOR = 10


@dataclass
class History:
    """What `fit` did: `costs` as (iteration, cost) pairs, and how long it took."""

    costs: list[tuple[int, float]] = field(default_factory=list)
    iterations: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    learning_rate: float | None = None

    @property
    def seconds_per_iteration(self) -> float:
        return self.seconds / self.iterations if self.iterations else 0.0

    def plot(self) -> Any:
        """The cost curve as a matplotlib Figure (the plot extra); the last line of a notebook
        cell shows it inline, `.savefig("costs.png")` writes it.

            >>> history.plot()                 # doctest: +SKIP
            <Figure size 600x400 with 1 Axes>
        """
        return cost_figure(self.costs, self.learning_rate)


# NumPy's overflow warnings would only say, in many lines, what the cost check says.
@np.errstate(over="ignore", invalid="ignore")
def fit(net: Network, X: Any, Y: Any, *, learning_rate: float = LEARNING_RATE,
        num_iterations: int = 2500, batch_size: int | None = None, seed: int = 1,
        print_cost: bool = False, progress: bool | None = None,
        optimizer: str | Optimizer = "gd") -> History:
    """Train `net` in place by gradient descent on (X, Y); returns the `History`.

    X is (n_x, m), Y is (1, m). Both are cast once to the parameters' dtype, so a float32
    network trains in float32. `batch_size=None` is the course's full batch; a number makes
    each iteration one step on one mini-batch, the examples shuffled (from `seed`) at the
    start of each pass. `progress` shows a bar with the current cost (default: only when
    stderr is a terminal); `print_cost` prints the course's "Cost after iteration i: ...".
    `optimizer` is "gd" (the course's update), "momentum" or "adam" with the course's
    settings, or an `optim.Optimizer` made over `net`, which brings its own learning rate.

    Every iteration's cost is checked, and the parameters the last update leaves. The first
    NaN or inf stops training with a `DivergenceError` naming the iteration and the learning
    rate (its `history` has the costs so far; the network keeps the parameters that gave that
    cost, so do not save them). A cost that stays finite but climbs 10 times above its start
    (or above 10 ln 2) gives one `DivergenceWarning` and training goes on; `History.warnings`
    keeps the message.

        >>> fit(net, X, Y, num_iterations=2500, print_cost=True)   # doctest: +SKIP
        Cost after iteration 0: 0.7717493284237686
    """
    _check_settings(learning_rate, num_iterations, batch_size)
    check_seed(seed)
    dtype = net.dtype
    X = input_leaf(X, dtype)  # checked and cast once, before the loop
    Y = _labels(Y, dtype)
    if X.shape[1] != Y.shape[1]:
        raise InputError(f"X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}")
    batches = _batches(X, Y, batch_size, seed)
    optimizer = _optimizer(optimizer, net, learning_rate)
    learning_rate = optimizer.learning_rate  # an Optimizer given brings its own
    history = History(iterations=num_iterations, learning_rate=learning_rate)
    last = num_iterations - 1
    bar = _progress_bar(num_iterations, progress)
    watch = _Divergence(learning_rate, dtype, history, bar)
    start = time.perf_counter()
    for i, (X_batch, Y_batch) in zip(range(num_iterations), batches, strict=False):
        cost = net.cost(X_batch, Y_batch)
        J = watch.check(i, float(cost.value))  # a NaN or inf cost stops training here
        backward(cost)
        if i % RECORD_EVERY == 0 or i == last:  # before the update, as the course records it
            _record(history, i, J, print_cost, bar)
        optimizer.step()  # W = W - learning_rate * dW for "gd"; see optim.py
        if bar is not None:
            bar.update()
    watch.check_parameters(last, net)  # the last update has no next cost to show it
    history.seconds = time.perf_counter() - start
    if bar is not None:
        bar.close()
    return history


class _Divergence:
    """Stops training at the first cost that is NaN or inf (DivergenceError), and warns once
    (DivergenceWarning) when a finite cost climbs DIVERGING_FACTOR times above its start."""

    def __init__(self, learning_rate: float, dtype: np.dtype, history: History,
                 bar: Any) -> None:
        self.learning_rate, self.dtype, self.history, self.bar = (learning_rate, dtype,
                                                                  history, bar)
        self.first: float | None = None
        self.limit = math.inf

    def check(self, i: int, cost: float) -> float:
        if not math.isfinite(cost):
            self.history.costs.append((i, cost))
            self.stop(f"the cost is {cost} at iteration {i}")
        if self.first is None:
            self.first = cost
            self.limit = DIVERGING_FACTOR * max(cost, math.log(2))
        elif cost > self.limit:
            message = (f"the cost jumped to {cost:.6g} at iteration {i} (from "
                       f"{self.first:.6g} at iteration 0) with learning rate "
                       f"{self.learning_rate:g}: training may be diverging; try a smaller "
                       f"learning rate, e.g. {self.learning_rate / 10:g}")
            self.history.warnings.append(message)
            warnings.warn(message, DivergenceWarning, stacklevel=4)  # the caller of fit
            self.limit = math.inf  # once per run
        return cost

    def check_parameters(self, i: int, net: Network) -> None:
        for name, p in net.parameters.items():
            if not np.isfinite(p.value).all():
                self.stop(f"{name} holds NaN or inf after the update of iteration {i}")

    def stop(self, what: str) -> None:
        error = DivergenceError(
            f"training diverged: {what} with learning rate {self.learning_rate:g} "
            f"({self.dtype.name}); try a smaller learning rate, e.g. "
            f"{self.learning_rate / 10:g}")
        error.history = self.history  # the costs up to the bad one, for a caller to show
        if self.bar is not None:
            self.bar.close()
        raise error


def _check_settings(learning_rate: Any, num_iterations: Any, batch_size: Any) -> None:
    if not _is_number(learning_rate) or not np.isfinite(learning_rate) or learning_rate <= 0:
        raise InputError(f"fit: learning_rate must be a positive number, e.g. 0.0075, not "
                         f"{learning_rate!r}")
    if not _is_whole(num_iterations) or num_iterations < 1:
        raise InputError(f"fit: num_iterations must be a whole number >= 1, not "
                         f"{num_iterations!r}")
    if batch_size is not None and (not _is_whole(batch_size) or batch_size < 1):
        raise InputError(f"fit: batch_size must be a whole number >= 1 or None, not "
                         f"{batch_size!r}")


def _is_number(value: Any) -> bool:
    """A real number, not a bool or a string that looks like one ("0.01")."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _is_whole(value: Any) -> bool:
    return _is_number(value) and math.isfinite(value) and int(value) == value


def _optimizer(optimizer: str | Optimizer, net: Network, learning_rate: float) -> Optimizer:
    """The optimizer `fit` steps with: built from a name, or checked to move `net`'s own
    parameters (not those of another network) at one learning rate."""
    if isinstance(optimizer, str):
        return from_name(optimizer, net, learning_rate)
    if not isinstance(optimizer, Optimizer):
        raise InputError(f"optimizer must be 'gd', 'momentum', 'adam' or an Optimizer, "
                         f"not {type(optimizer).__name__}")
    if optimizer.parameters.keys() != net.parameters.keys() or any(
            optimizer.parameters[k] is not p for k, p in net.parameters.items()):
        raise InputError(f"{optimizer!r} was made over other parameters than this network's; "
                         f"make it over the network you fit: {type(optimizer).__name__}(net)")
    if learning_rate not in (LEARNING_RATE, optimizer.learning_rate):  # the default: not given
        raise InputError(f"learning_rate={learning_rate} given to fit, but the optimizer has "
                         f"its own, {optimizer.learning_rate}; give it to the optimizer only")
    return optimizer


def _labels(Y: Any, dtype: np.dtype) -> Tensor:
    """The labels leaf in the network's dtype: checked and cast once, before the loop."""
    array = as_array(Y.value if isinstance(Y, Tensor) else Y, "Y")
    if array.ndim != 2:
        raise InputError(f"Y has shape {array.shape}; expected a 2-D array (1, examples)")
    return Tensor(array.astype(dtype, copy=False), name="Y")


def _batches(X: Tensor, Y: Tensor, batch_size: int | None,
             seed: int) -> Iterator[tuple[Tensor, Tensor]]:
    """(X, Y) forever for full batch; else mini-batches, reshuffled at each pass."""
    m = X.shape[1]
    if batch_size is None or batch_size >= m:
        return itertools.repeat((X, Y))
    return _mini_batches(X, Y, batch_size, np.random.default_rng(seed))


def _mini_batches(X: Tensor, Y: Tensor, batch_size: int,
                  rng: np.random.Generator) -> Iterator[tuple[Tensor, Tensor]]:
    m = X.shape[1]
    while True:
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            columns = order[start:start + batch_size]
            # X's columns were checked once, as X: a plain leaf, not input_leaf's checks again
            yield (Tensor(X.value[:, columns], name=X.name, layer=X.layer),
                   Tensor(Y.value[:, columns], name="Y"))


def _progress_bar(total: int, progress: bool | None) -> Any:
    """tqdm's bar on a terminal's stderr; in a notebook, its widget (tqdm.auto), which
    writes nothing to stderr. None (the default) shows one where someone is looking."""
    if progress is None:
        progress = sys.stderr.isatty() or in_notebook()
    if not progress:
        return None
    if in_notebook():
        from tqdm.auto import tqdm  # a widget: needs ipywidgets, the notebook extra

        return tqdm(total=total, desc="training", unit="it")
    from tqdm import tqdm  # lazily: `import tinygraph` stays fast

    return tqdm(total=total, desc="training", unit="it", file=sys.stderr)


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, Notebook, VS Code, nbclient)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def _record(history: History, i: int, cost: float, print_cost: bool, bar: Any) -> None:
    history.costs.append((i, cost))
    if bar is not None:
        bar.set_postfix(cost=f"{cost:.6f}", refresh=False)
    if print_cost:
        line = f"Cost after iteration {i}: {cost}"
        if bar is None:
            print(line)
        else:
            bar.write(line)  # above the bar, which keeps its place at the bottom


# ----------------------------------------------------------------------- prediction

def decide(AL: np.ndarray) -> np.ndarray:
    """The course's decision: 1.0 where AL > 0.5, else 0.0."""
    return (AL > 0.5).astype(np.float64)


def predict(net: Network, X: Any) -> np.ndarray:
    """The network's decisions for the examples in X, shape (1, m), as the course's `predict`."""
    return decide(net.forward(X).value)


def probabilities(net: Network, X: Any) -> np.ndarray:
    """AL, the network's probability of label 1 for each example (column of X)."""
    return net.forward(X).value


def accuracy(net: Network, X: Any, Y: Any) -> float:
    """The fraction of examples whose prediction equals the label."""
    predictions = predict(net, X)
    return float(np.mean(predictions == label_row(Y, predictions.shape[1], "accuracy")))


def label_row(Y: Any, m: int, function: str) -> np.ndarray:
    """Y as a (1, m) row, from (1, m) or (m,); an (m, 1) column would compare every prediction
    with every label (NumPy broadcasting) and give a meaningless accuracy, so it is refused."""
    Y = np.asarray(Y)
    if Y.shape not in ((1, m), (m,)):
        raise ShapeError(f"{function}: Y has shape {Y.shape} but there are {m} predictions; "
                         f"Y must be (1, {m}), one label per example (column of X)")
    return Y.reshape(1, m)


# ----------------------------------------------- the whole job, as the command line runs it

def train(data: Dataset, layer_dims: Sequence[int] | None = None, *, init: str = "course",
          learning_rate: float = LEARNING_RATE, num_iterations: int = 2500,
          batch_size: int | None = None, dtype: str = "float64", seed: int = 1,
          print_cost: bool = False, progress: bool | None = None, optimizer: str = "gd",
          optimizer_settings: Mapping[str, float] | None = None) -> tuple[Network, dict]:
    """Build a network for `data`, fit it, and measure it: returns `(net, report)`.

    `layer_dims` defaults to the course's L-layer shape [n_x, 20, 7, 5, 1], n_x from the data.
    `optimizer` names one of `optim.OPTIMIZERS`, `optimizer_settings` its settings other than
    the learning rate (e.g. {"beta1": 0.9}). The report holds the settings, `costs` as
    [iteration, cost] pairs, train and test accuracy and `seconds_per_iteration`.

        >>> net, report = train(builtin_dataset(), [12288, 7, 1], num_iterations=300)
        ...                                                           # doctest: +SKIP
    """
    layer_dims = [data.n_x, 20, 7, 5, 1] if layer_dims is None else [int(n) for n in layer_dims]
    check_fits(layer_dims, data)
    if dtype not in ("float64", "float32"):
        raise InputError(f"dtype must be float64 or float32, not {dtype!r}")
    recipe = init_recipe(layer_dims, init)
    net = Network(layer_dims, init=recipe, seed=seed, dtype=np.dtype(dtype))
    stepper = from_name(optimizer, net, learning_rate, **(optimizer_settings or {}))
    history = fit(net, data.train_x, data.train_y, learning_rate=learning_rate,
                  num_iterations=num_iterations, batch_size=batch_size, seed=seed,
                  print_cost=print_cost, progress=progress, optimizer=stepper)
    report = {
        "data": data.source, "classes": list(data.classes),
        "image_shape": list(data.image_shape),
        "layers": layer_dims, "init": init, "init_recipe": recipe, "dtype": dtype,
        "learning_rate": learning_rate, "optimizer": stepper.settings(),
        "iterations": num_iterations,
        "batch_size": batch_size, "seed": seed,
        "costs": [[i, cost] for i, cost in history.costs],
        **scores(net, data),
        "seconds": history.seconds,
        "seconds_per_iteration": history.seconds_per_iteration,
        "warnings": history.warnings,
    }
    return net, report


def check_fits(layer_dims: Sequence[int], data: Dataset) -> None:
    """The first size must be the data's n_x and the last 1 (one sigmoid unit)."""
    check_layer_dims(layer_dims)
    if layer_dims[0] != data.n_x:
        raise InputError(f"layers start with {layer_dims[0]} inputs but the data has "
                         f"n_x = {data.n_x} ({data.pictures}); "
                         f"start the layers with {data.n_x}")
    if layer_dims[-1] != 1:
        raise InputError(f"layers end with {layer_dims[-1]} units; the output is one sigmoid "
                         "unit (cat or not), so the last size must be 1")


def scores(net: Network, data: Dataset) -> dict:
    """`train_correct`, `train_examples`, `train_accuracy`, and the same for test."""
    scores = {}
    for split, X, Y in (("train", data.train_x, data.train_y), ("test", data.test_x,
                                                                data.test_y)):
        correct = int(np.sum(predict(net, X) == Y))
        scores[f"{split}_correct"] = correct
        scores[f"{split}_examples"] = int(Y.shape[1])
        scores[f"{split}_accuracy"] = correct / Y.shape[1]
    return scores


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


# ----------------------------------------------------------------------------- plots

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
    Figure = require_matplotlib()
    wrong = np.flatnonzero(predictions.ravel() != data.test_y.ravel())
    shown = wrong[:limit]
    columns = max(1, min(5, len(shown)))
    rows = max(1, -(-len(shown) // columns))
    figure = Figure(figsize=(2.2 * columns, 2.4 * rows))
    for k, index in enumerate(shown):
        axes = figure.add_subplot(rows, columns, k + 1)
        picture = data.image(data.test_x[:, index])
        axes.imshow(picture.squeeze() if picture.shape[-1] == 1 else picture,
                    interpolation="nearest")
        axes.axis("off")
        guess = data.classes[int(predictions.ravel()[index])]
        truth = data.classes[int(data.test_y.ravel()[index])]
        axes.set_title(f"#{index}: said {guess}\nis {truth}", fontsize=8)
    if not len(shown):
        figure.text(0.5, 0.5, "no mislabelled test pictures", ha="center")
    _save(figure, path)
    return len(wrong)


def _save(figure: Any, path: str | os.PathLike) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
