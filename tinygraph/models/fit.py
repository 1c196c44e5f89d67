"""Training: gradient descent on the graph, a progress bar, the cost history.

One iteration is what the course does, with the graph doing the backward pass:

    cost = net.cost(X, Y)                  # forward, cost (7) on the current parameters
    tg.backward(cost)                      # the backward walk fills every p.grad
    p -= learning_rate * p.grad            # gradient descent, in place, for each parameter
                                           # (or momentum, Adam: fit(..., optimizer="adam"))

    >>> import tinygraph as tg
    >>> from tinygraph.data import builtin_dataset
    >>> data = builtin_dataset(seed=1)
    >>> net = tg.Network([data.n_x, 7, 1], init="two_layer")
    >>> history = fit(net, data.train_x, data.train_y, num_iterations=101, progress=False)
    >>> [i for i, cost in history.costs]
    [0, 100]

The cost is recorded at i % 100 == 0 and at the last iteration (where the course prints it),
on the parameters before that iteration's update. The course's own `costs` list, which
`tinygraph.notebook`'s models return, has only the i % 100 == 0 entries.
"""

from __future__ import annotations

import itertools
import math
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import validate
from ..engine.autograd import backward
from ..engine.tensor import LABELS, Tensor
from ..errors import DivergenceError, DivergenceWarning, InputError, TinygraphError
from .nn import Network, input_leaf, labels_leaf
from .optim import Optimizer, from_name
from .progress import NotebookBar, in_notebook
from .stream import StreamedSplit

RECORD_EVERY = 100
# What `fit` calls every `checkpoint_every` iterations: (iterations done, the history so far).
Checkpointer = Callable[[int, "History"], None]
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
        from .plots import cost_figure  # matplotlib, the plot extra: only for a plot

        return cost_figure(self.costs, self.learning_rate)


# NumPy's overflow warnings would only say, in many lines, what the cost check says.
@np.errstate(over="ignore", invalid="ignore")
def fit(net: Network, X: Any, Y: Any = None, *, learning_rate: float = LEARNING_RATE,
        num_iterations: int = 2500, batch_size: int | None = None, seed: int = 1,
        print_cost: bool = False, progress: bool | None = None,
        optimizer: str | Optimizer = "gd", checkpoint: Checkpointer | None = None,
        checkpoint_every: int = 500) -> History:
    """Train `net` in place by gradient descent on (X, Y); returns the `History`.

    X is (n_x, m), Y is (1, m). Both are cast once to the parameters' dtype, so a float32
    network trains in float32. `batch_size=None` is the course's full batch; a number makes
    each iteration one step on one mini-batch, the examples shuffled (from `seed`) at the
    start of each pass. X may instead be a split of `stream.open_stream(DIR)` (no Y: the
    labels come with it), whose pictures stay on disk: each batch is read when it is needed,
    the examples shuffled by chunks (see models/stream.py). `progress` shows a bar with the
    current cost (default: only when stderr is a terminal); `print_cost` prints the course's
    "Cost after iteration i: ...". `optimizer` is "gd" (the course's update), "momentum" or
    "adam" with the course's settings, or an `optim.Optimizer` made over `net`, which brings
    its own learning rate. `checkpoint(iterations_done, history)` is called every
    `checkpoint_every` iterations, after the update, once the parameters are checked finite
    (`train`'s `checkpoint=PATH` saves the network there: a long run that stops keeps its
    last checkpoint).

    Every iteration's cost is checked, and the parameters the last update leaves. The first
    NaN or inf stops training with a `DivergenceError` naming the iteration and the learning
    rate (its `history` has the costs so far; the network keeps the parameters that gave that
    cost, so do not save them). A cost that stays finite but climbs 10 times above its start
    (or above 10 ln 2) gives one `DivergenceWarning` and training goes on; `History.warnings`
    keeps the message.

        >>> fit(net, X, Y, num_iterations=2500, print_cost=True)   # doctest: +SKIP
        Cost after iteration 0: 0.7717493284237686
    """
    learning_rate, num_iterations, batch_size = _check_settings(learning_rate, num_iterations,
                                                                batch_size)
    if checkpoint is not None:
        checkpoint_every = validate.whole(checkpoint_every, "checkpoint_every", "fit")
    validate.seed(seed)
    dtype = net.dtype
    if isinstance(X, StreamedSplit):  # pictures on disk: it reads each batch (models/stream.py)
        batches = _streamed(X, Y, net, batch_size, seed)
    else:
        X = input_leaf(X, dtype)  # checked and cast once, before the loop
        Y = _labels(Y, dtype)
        if X.shape[1] != Y.shape[1]:
            rows = "; columns are examples: X.T?" if X.shape[0] == Y.shape[1] else ""
            raise InputError(f"X has {X.shape[1]} examples (columns) but Y has "
                             f"{Y.shape[1]}{rows}")
        batches = _batches(X, Y, batch_size, seed)
    optimizer = _optimizer(optimizer, net, learning_rate)
    learning_rate = optimizer.learning_rate  # an Optimizer given brings its own
    history = History(iterations=num_iterations, learning_rate=learning_rate)
    last = num_iterations - 1
    bar = _progress_bar(num_iterations, progress)
    watch = _Divergence(learning_rate, dtype, history, bar)
    start = time.perf_counter()
    try:
        for i, (X_batch, Y_batch) in zip(range(num_iterations), batches, strict=False):
            # nobody sees inside fit's cost: replayed, it keeps what backward needs, and the
            # walk keeps only dW, db (engine/_replay.py)
            cost = net.unseen_cost(X_batch, Y_batch)
            J = watch.check(i, float(cost.value))  # a NaN or inf cost stops training here
            backward(cost)
            if i % RECORD_EVERY == 0 or i == last:  # before the update, as the course records
                _record(history, i, J, print_cost, bar)
            optimizer.step()  # W = W - learning_rate * dW for "gd"; see optim.py
            if bar is not None:
                bar.update()
            if checkpoint is not None and (i + 1) % checkpoint_every == 0 and i != last:
                watch.check_parameters(i, net)  # a diverged network is never saved
                checkpoint(i + 1, history)
    except TinygraphError:  # a streamed file damaged mid-pass: the bar ends before the message
        if bar is not None:
            bar.close()
        raise
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
                       f"learning rate, e.g. {smaller_rate(self.learning_rate)}")
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
            f"{smaller_rate(self.learning_rate)}")
        error.history = self.history  # the costs up to the bad one, for a caller to show
        if isinstance(self.bar, NotebookBar):  # the notebook keeps why the bar stopped
            self.bar.progress.stopped = "diverged"
        if self.bar is not None:
            self.bar.close()
        raise error


def smaller_rate(learning_rate: float) -> str:
    """The learning rate to try instead: the course's 0.0075 when this one is above it (not
    one power of ten less each time), else a tenth of it."""
    if learning_rate > LEARNING_RATE:
        return f"{LEARNING_RATE:g}, the course's"
    return f"{learning_rate / 10:g}"


def _check_settings(learning_rate: Any, num_iterations: Any,
                    batch_size: Any) -> tuple[float, int, int | None]:
    return (validate.positive(learning_rate, "learning_rate", "fit"),
            validate.whole(num_iterations, "num_iterations", "fit"),
            None if batch_size is None else validate.whole(batch_size, "batch_size", "fit"))


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
    array = validate.as_array(Y.value if isinstance(Y, Tensor) else Y, "Y")
    if array.ndim != 2:
        hint = "; write Y.reshape(1, -1)" if array.ndim == 1 else ""
        raise InputError(f"Y has shape {array.shape}; expected a 2-D array (1, examples), one "
                         f"label per column of X{hint}")
    return labels_leaf(array, dtype)


def _streamed(X: StreamedSplit, Y: Any, net: Network, batch_size: int | None,
              seed: int) -> Iterator[tuple[Tensor, Tensor]]:
    """The batches a streamed split reads, once it is known to fit the network."""
    if Y is not None:
        raise InputError(f"fit: the labels come with the streamed data ({X.path}); call "
                         "fit(net, stream.train, ...) without Y")
    X.check_inputs(net.layer_dims[0])
    return X.batches(batch_size, seed, net.dtype)


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
            yield (Tensor(X.value[:, columns], name=X.name, role=X.role, layer=X.layer),
                   Tensor(Y.value[:, columns], name="Y", role=LABELS))


def _progress_bar(total: int, progress: bool | None) -> Any:
    """tqdm's bar on a terminal's stderr; in a notebook, one output updated in place
    (`progress.NotebookBar`: text and HTML that a saved notebook keeps, not a widget that
    needs a live kernel). None (the default) shows one where someone is looking."""
    if progress is None:
        progress = sys.stderr.isatty() or in_notebook()
    if not progress:
        return None
    if in_notebook():
        return NotebookBar.show(total)
    from tqdm import tqdm  # lazily: `import tinygraph` stays fast

    return tqdm(total=total, desc="training", unit="it", file=sys.stderr)


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


