"""Data larger than memory: the course's h5 files, read a few mini-batches at a time.

`open_stream` checks a dataset as `load_dataset` does (the layout, the labels, the classes)
but leaves the pictures on disk; `fit` then reads each mini-batch from the file as it trains.

    >>> import tempfile
    >>> import tinygraph as tg
    >>> from tinygraph.data import write_builtin_dataset
    >>> from tinygraph.train import fit
    >>> directory = tempfile.TemporaryDirectory()
    >>> _ = write_builtin_dataset(directory.name)          # 300 + 100 pictures, 64x64x3
    >>> stream = open_stream(directory.name)
    >>> stream.train.m, stream.test.m, stream.n_x
    (300, 100, 12288)
    >>> net = tg.Network([stream.n_x, 7, 1], init="two_layer")
    >>> history = fit(net, stream.train, batch_size=64, num_iterations=10, progress=False)
    >>> stream.scores(net)["test_examples"]
    100

How a pass reads: the examples are cut into chunks of one batch of neighbours in the file,
the chunks are taken in a random order, WINDOW of them at a time, and the examples of those
WINDOW chunks are mixed and cut into WINDOW batches. So every read is one contiguous run of
the file, the examples are shuffled by chunks (a batch holds examples from up to WINDOW
places of the file), and at most WINDOW batches of pictures are in memory (as uint8, a
quarter of a float32 batch), beside the one batch of floats being trained on. The full batch
(`batch_size=None`, or at least m) is one batch: read once, in the very numbers
`load_dataset` gives, and used at every iteration.

A file cut short or damaged while it is being read stops training with an InputError that
names the file and the first example it cannot read; HDF5 itself would read the missing end
of a file as zeros.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import validate
from ..engine.tensor import INPUT, Tensor
from ..errors import InputError
from .data import as_columns, check_inputs, pictures, read_splits, split_layout
from .io import _H5_FAILURES, open_h5, reason
from .nn import Network, input_leaf, labels_leaf
from .predict import decide

WINDOW = 4  # chunks mixed into batches at a time: how many batches of pictures are in memory
BLOCK = 64  # pictures per read in the file's order (predictions, the full batch): 6 MB as floats


@dataclass(frozen=True, eq=False)
class StreamedSplit:
    """One split (`train` or `test`) of a dataset whose pictures stay in their h5 file.

    `labels` (1, m) are read at once (a byte or so per example); the pictures are read by
    `batches` (training) and `blocks` (predictions).
    """

    path: str
    split: str
    labels: np.ndarray
    image_shape: tuple[int, ...]
    window: int = WINDOW

    @property
    def m(self) -> int:
        return self.labels.shape[1]

    @property
    def n_x(self) -> int:
        return int(np.prod(self.image_shape))

    @property
    def key(self) -> str:
        """`train_set_x`: where the pictures are in the file."""
        return f"{self.split}_set_x"

    def check_inputs(self, n_x: int, who: str = "the network") -> None:
        """An InputError when `who`, of `n_x` inputs, cannot take these pictures."""
        check_inputs(n_x, self.n_x, self.path, self.image_shape, who)

    def batches(self, batch_size: int | None, seed: int,
                dtype: Any) -> Iterator[tuple[Tensor, Tensor]]:
        """(X, Y) leaves, one mini-batch per iteration, forever: X (n_x, k) = pictures / 255
        in `dtype`, Y (1, k). A new chunk order at every pass, drawn from `seed`.

        The full batch is read now (a bad file fails here, before training); mini-batches are
        read as they are asked for.
        """
        dtype = np.dtype(dtype)
        if batch_size is None or batch_size >= self.m:
            with self._reader() as reader:
                X = np.empty((self.n_x, self.m), dtype=dtype, order="F")
                for start, stop in _runs(0, self.m, BLOCK):
                    X[:, start:stop] = as_columns(reader.read(start, stop), dtype)
            whole = (input_leaf(X, dtype), labels_leaf(self.labels, dtype))
            return itertools.repeat(whole)
        return self._mini_batches(batch_size, np.random.default_rng(seed), dtype)

    def _mini_batches(self, batch_size: int, rng: np.random.Generator,
                      dtype: np.dtype) -> Iterator[tuple[Tensor, Tensor]]:
        with self._reader() as reader:
            for chunks, batches in itertools.chain.from_iterable(
                    self._passes(batch_size, rng)):
                pictures = np.concatenate([reader.read(a, b) for a, b in chunks])
                examples = np.concatenate([np.arange(a, b) for a, b in chunks])
                for rows in batches:
                    # X a plain leaf: uint8 / 255 is always finite, nothing to check
                    yield (Tensor(as_columns(pictures[rows], dtype), name="X", role=INPUT,
                                  layer=0),
                           labels_leaf(self.labels[:, examples[rows]], dtype))

    def _passes(self, batch_size: int, rng: np.random.Generator) -> Iterator[list]:
        """Each pass's plan: (chunks read, rows of the window in each batch) per window."""
        starts = np.arange(0, self.m, batch_size)
        while True:
            chunks = [(int(a), min(int(a) + batch_size, self.m)) for a in rng.permutation(starts)]
            plan = []
            for w in range(0, len(chunks), self.window):
                window = chunks[w:w + self.window]
                mixed = rng.permutation(sum(b - a for a, b in window))
                plan.append((window, [mixed[k:k + batch_size]
                                      for k in range(0, len(mixed), batch_size)]))
            yield plan

    def order(self, batch_size: int, seed: int, passes: int = 1) -> list[np.ndarray]:
        """The examples (indices in the file) of each mini-batch `batches` gives for the same
        `batch_size` and `seed`, over `passes` passes, without reading a picture.

            >>> [len(rows) for rows in stream.test.order(batch_size=40, seed=1)]
            [40, 40, 20]
        """
        found: list[np.ndarray] = []
        plans = self._passes(batch_size, np.random.default_rng(seed))
        for plan in itertools.islice(plans, passes):
            for chunks, batches in plan:
                examples = np.concatenate([np.arange(a, b) for a, b in chunks])
                found.extend(examples[rows] for rows in batches)
        return found

    def blocks(self, dtype: Any, size: int = BLOCK) -> Iterator[tuple[int, np.ndarray]]:
        """`(start, X)` in the file's order, X the columns of pictures start .. start + size,
        for predictions over the whole split.

            >>> [(start, X.shape) for start, X in stream.test.blocks(np.float32, size=64)]
            [(0, (12288, 64)), (64, (12288, 36))]
        """
        with self._reader() as reader:
            for start, stop in _runs(0, self.m, size):
                yield start, as_columns(reader.read(start, stop), dtype)

    @contextlib.contextmanager
    def _reader(self) -> Iterator[_Reader]:
        with open_h5(self.path) as f:
            yield _Reader(f, self)


def _runs(start: int, stop: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, stop)) for a in range(start, stop, size)]


class _Reader:
    """A split's pictures in an open file, read `read(start, stop)` at a time.

    Before each read, the file's size now is held against where those examples end in it:
    HDF5 reads the part of a file cut short after it was opened as zeros, without a word.
    A read h5py fails (a damaged chunk) is retried one example at a time, to name the first
    example that cannot be read.
    """

    def __init__(self, f: Any, split: StreamedSplit) -> None:
        self.path, self.key = split.path, split.key
        self.images = f[split.key]
        self.fd = f.id.get_vfd_handle()
        self.row_bytes = int(np.prod(self.images.shape[1:]))
        self.ends = _chunk_ends(self.images)  # None for a contiguous dataset
        self.chunk_rows = self.images.chunks[0] if self.images.chunks else 0
        # Where a contiguous dataset starts in the file (None: never written)
        self.offset = self.images.id.get_offset() if self.ends is None else None

    def read(self, start: int, stop: int) -> np.ndarray:
        self._check_size(start, stop)
        try:
            return self.images[start:stop]
        except _H5_FAILURES as error:
            bad = next((i for i in range(start, stop) if not self._readable(i)), start)
            raise InputError(f"{self.path}: example {bad} of {self.key} (counting from 0) "
                             f"cannot be read, the file may be truncated or damaged "
                             f"({reason(error)})") from None

    def _readable(self, i: int) -> bool:
        try:
            self.images[i:i + 1]
        except _H5_FAILURES:
            return False
        return True

    def _check_size(self, start: int, stop: int) -> None:
        size = os.fstat(self.fd).st_size
        if self.ends is not None:  # chunked: the chunks holding these rows must be whole
            needed = self.ends[start // self.chunk_rows:(stop - 1) // self.chunk_rows + 1]
            cut = np.flatnonzero(needed > size)
            if not len(cut):
                return
            first = max(start, (start // self.chunk_rows + int(cut[0])) * self.chunk_rows)
            end = int(needed[cut[0]])
        elif self.offset is not None:
            if self.offset + stop * self.row_bytes <= size:
                return
            first = max(start, (size - self.offset) // self.row_bytes)
            end = self.offset + (first + 1) * self.row_bytes
        else:  # never written: HDF5 gives the fill value, nothing to read from the file
            return
        raise InputError(f"{self.path}: example {first} of {self.key} (counting from 0) is "
                         f"missing: the file is truncated, it ends at byte {size} but that "
                         f"example ends at byte {end} (was the file cut short or replaced "
                         "while training?)")


def _chunk_ends(images: Any) -> np.ndarray | None:
    """For a chunked dataset, the byte each run of `chunks[0]` rows ends at in the file (0
    for a chunk never written); None for a contiguous one."""
    if images.chunks is None:
        return None
    rows = images.chunks[0]
    ends = np.zeros(-(-images.shape[0] // rows), dtype=np.int64)
    for k in range(images.id.get_num_chunks()):
        info = images.id.get_chunk_info(k)
        row = info.chunk_offset[0] // rows
        ends[row] = max(ends[row], info.byte_offset + info.size)
    return ends


@dataclass(frozen=True, eq=False)
class StreamedDataset:
    """A dataset in the course's layout whose pictures stay on disk: `train` and `test` are
    `StreamedSplit`s; `fit(net, stream.train, ...)` trains on it, `scores(net)` measures."""

    train: StreamedSplit
    test: StreamedSplit
    classes: tuple[str, ...]
    image_shape: tuple[int, ...]
    source: str
    builtin: bool = False

    @property
    def n_x(self) -> int:
        return self.train.n_x

    @property
    def pictures(self) -> str:
        """`64x64x3 pictures`."""
        return pictures(self.image_shape)

    def check_inputs(self, n_x: int, who: str = "the network") -> None:
        """An InputError when `who`, of `n_x` inputs, cannot take these pictures (the test
        split's are the training split's size: `open_stream` checks it)."""
        self.train.check_inputs(n_x, who)

    def describe(self) -> str:
        """`datasets: 209 train, 50 test, 64x64x3 pictures, classes [...]`, for summaries."""
        return (f"{self.source}: {self.train.m} train, {self.test.m} test, {self.pictures}, "
                f"classes {list(self.classes)}")

    def scores(self, net: Network) -> dict:
        """`train_correct`, `train_examples`, `train_accuracy`, and the same for test, as
        `predict.scores` gives for data in memory, reading BLOCK pictures at a time."""
        scores = {}
        for split in (self.train, self.test):
            correct = 0
            for start, X in split.blocks(net.dtype):
                guesses = decide(net.forward(X).value)
                correct += int(np.sum(guesses == split.labels[:, start:start + X.shape[1]]))
            scores[f"{split.split}_correct"] = correct
            scores[f"{split.split}_examples"] = split.m
            scores[f"{split.split}_accuracy"] = correct / split.m
        return scores

    def mislabelled(self, net: Network, limit: int = 20) -> tuple[int, list]:
        """How many test pictures `net` gets wrong, and the first `limit` of them as
        `(index, picture, said, is)` for `plots.plot_wrong`, reading BLOCK pictures at a time:
        what `plot_mislabelled` draws from a dataset in memory."""
        count, shown = 0, []
        for start, X in self.test.blocks(net.dtype):
            said = decide(net.forward(X).value).ravel().astype(int)
            truth = self.test.labels[0, start:start + X.shape[1]].astype(int)
            wrong = np.flatnonzero(said != truth)
            count += len(wrong)
            shown += [(start + int(k), X[:, k].reshape(self.image_shape),
                       self.classes[said[k]], self.classes[truth[k]])
                      for k in wrong[:limit - len(shown)]]
        return count, shown


def open_stream(path: str | os.PathLike, test_path: str | os.PathLike | None = None, *,
                window: int = WINDOW) -> StreamedDataset:
    """A dataset directory holding `train*.h5` and `test*.h5` (or the two files), checked as
    `load_dataset` checks it, its pictures left on disk. `window`: batches of pictures in
    memory at a time while training (the more, the better mixed).

        >>> open_stream("datasets/").train.m                      # doctest: +SKIP
        209
    """
    window = validate.whole(window, "window", "open_stream")

    def prepare(f: Any, path: str, split: str) -> tuple[StreamedSplit, np.ndarray, tuple]:
        _, Y, image_shape = split_layout(f, path, split)  # the pictures are not read
        return StreamedSplit(os.path.abspath(path), split, Y, image_shape, window), Y, \
            image_shape

    (train, _), (test, _), classes, image_shape, source = read_splits(path, test_path, prepare)
    return StreamedDataset(train, test, classes, image_shape, source)
