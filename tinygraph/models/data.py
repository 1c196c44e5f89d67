"""Datasets in the course's h5 layout, and a built-in one that needs no download.

The course's files hold `train_set_x` (m, height, width, 3) uint8 pictures, `train_set_y` (m,)
labels in {0, 1} and `list_classes` (`test_set_x`, `test_set_y` in the test file). They are
prepared exactly as the Application notebook does: `x.reshape(m, -1).T / 255.`, labels
`.reshape(1, m)`.

    >>> from tinygraph.data import load_dataset, builtin_dataset
    >>> data = load_dataset("datasets/")                       # doctest: +SKIP
    >>> data.train_x.shape, data.train_y.shape, data.classes   # doctest: +SKIP
    ((12288, 209), (1, 209), ('non-cat', 'cat'))
    >>> data = builtin_dataset(seed=1)        # circles (1) and squares (0), made on the spot
    >>> data.train_x.shape, data.test_x.shape
    ((12288, 300), (12288, 100))

The built-in pictures are written to h5 files in the same layout and read back by the same
loader, so everything that serves the course's data serves them too.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from .io import create_h5, open_h5

# How many pictures `load_dataset` turns into columns at a time: the uint8 block and its
# float copy stay small even when the file is large.
_BLOCK = 256


@dataclass(frozen=True)
class Dataset:
    """Prepared data: `train_x` (n_x, m_train) in [0, 1], `train_y` (1, m_train) in {0, 1},
    the same for test; `classes[y]` names label y; `image_shape` is (height, width, channels).
    """

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: tuple[str, ...]
    image_shape: tuple[int, ...]
    source: str
    builtin: bool = False

    @property
    def n_x(self) -> int:
        return self.train_x.shape[0]

    @property
    def pictures(self) -> str:
        """`64x64x3 pictures`."""
        return pictures(self.image_shape)

    def check_inputs(self, n_x: int, who: str = "the network", fix: str = "") -> None:
        """An InputError when a network of `n_x` inputs cannot take these pictures.

            >>> builtin_dataset().check_inputs(5)
            Traceback (most recent call last):
            ...
            tinygraph.errors.InputError: the network takes 5 inputs per example but the ...
        """
        where = "the built-in data" if self.builtin else f"the data in {self.source}"
        check_inputs(n_x, self.n_x, where, self.image_shape, who, fix)

    def image(self, x_column: np.ndarray) -> np.ndarray:
        """One column of `train_x`/`test_x` back as an (height, width, channels) picture."""
        return x_column.reshape(self.image_shape)

    def describe(self) -> str:
        """`datasets: 209 train, 50 test, 64x64x3 pictures, classes [...]`, for summaries."""
        return (f"{self.source}: {self.train_x.shape[1]} train, {self.test_x.shape[1]} test, "
                f"{self.pictures}, classes {list(self.classes)}")

    def first_examples(self, m: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(X, Y) of the first `m` training examples (all of them when m is None)."""
        m = self.train_x.shape[1] if m is None else min(m, self.train_x.shape[1])
        return self.train_x[:, :m], self.train_y[:, :m]


def pictures(image_shape: tuple[int, ...]) -> str:
    """`64x64x3 pictures`: the pictures of a dataset, in words."""
    return "x".join(str(n) for n in image_shape) + " pictures"


def check_inputs(n_x: int, data_n_x: int, where: str, image_shape: tuple[int, ...],
                 who: str = "the network", fix: str = "") -> None:
    """An InputError when `who`, of `n_x` inputs, cannot take the pictures `where` holds
    (in memory or streamed from their file)."""
    if n_x != data_n_x:
        raise InputError(f"{who} takes {n_x} inputs per example but {where} has {data_n_x} "
                         f"({pictures(image_shape)})" + (f"; {fix}" if fix else ""))


def dataset(directory: str | os.PathLike | None = None, *, dtype: Any = np.float64) -> Dataset:
    """The course's h5 files in `directory`, or the built-in dataset when it is None."""
    if directory is None:
        return builtin_dataset(dtype=dtype)
    return load_dataset(directory, dtype=dtype)


def load_dataset(path: str | os.PathLike, test_path: str | os.PathLike | None = None, *,
                 dtype: Any = np.float64) -> Dataset:
    """Load a dataset from a directory holding `train*.h5` and `test*.h5`, or from the two
    files. Every problem is an InputError naming the file and what is wrong with it.

        >>> load_dataset("datasets/train_catvnoncat.h5", "datasets/test_catvnoncat.h5")
        ...                                                          # doctest: +SKIP
    """
    def prepare(f: Any, path: str, split: str) -> tuple[np.ndarray, np.ndarray, tuple]:
        images, Y, image_shape = split_layout(f, path, split)
        return prepare_pictures(images, dtype), Y, image_shape

    (train_x, train_y), (test_x, test_y), classes, image_shape, source = read_splits(
        path, test_path, prepare)
    return Dataset(train_x, train_y, test_x, test_y, classes, image_shape, source)


def read_splits(path: str | os.PathLike, test_path: str | os.PathLike | None,
                prepare: Callable[[Any, str, str], tuple[Any, np.ndarray, tuple[int, ...]]],
                ) -> tuple[tuple[Any, np.ndarray], tuple[Any, np.ndarray], tuple[str, ...],
                           tuple[int, ...], str]:
    """Both files of a dataset, checked alike: `prepare(f, path, split)` turns each open file
    into `(X, Y, image_shape)` (the pictures loaded, or left on disk by models/stream.py);
    returns `((X, Y) of train, (X, Y) of test, classes, image_shape, source)`."""
    if test_path is None:
        train_path, test_path = find_files(path)
    else:
        train_path = path
    train_path, test_path = os.fspath(train_path), os.fspath(test_path)
    with open_h5(train_path) as f:
        train_x, train_y, train_shape = prepare(f, train_path, "train")
        train_classes = _read_classes(f, train_path)
    with open_h5(test_path) as f:
        test_x, test_y, test_shape = prepare(f, test_path, "test")
        classes = _read_classes(f, test_path)  # the course reads them from the test file
    if train_shape != test_shape:
        raise InputError(f"{test_path}: test pictures are {test_shape} but the training "
                         f"pictures in {train_path} are {train_shape}")
    if classes != train_classes:
        raise InputError(f"{test_path}: list_classes {list(classes)} differ from "
                         f"{list(train_classes)} in {train_path}")
    source = os.path.dirname(os.path.abspath(train_path))
    return (train_x, train_y), (test_x, test_y), classes, train_shape, source


def find_files(directory: str | os.PathLike) -> tuple[str, str]:
    """The `train*.h5` and `test*.h5` files in `directory`, e.g. `train_catvnoncat.h5`."""
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        what = ("is a file, not a directory holding train*.h5 and test*.h5"
                if os.path.exists(directory) else "no such directory")
        raise InputError(f"{directory}: {what}")
    found = []
    for split in ("train", "test"):
        matches = sorted(glob.glob(os.path.join(glob.escape(directory), f"{split}*.h5")))
        if len(matches) != 1:
            have = ", ".join(os.path.basename(m) for m in matches) or "none"
            raise InputError(f"{directory}: expected exactly one {split}*.h5 file, found {have}")
        found.append(matches[0])
    return found[0], found[1]


def split_layout(f: Any, path: str, split: str) -> tuple[Any, np.ndarray, tuple[int, ...]]:
    """`(pictures, Y, image_shape)` of one split of an open file: the pictures as h5py's
    dataset (m, height, width, channels), not read yet; the labels Y (1, m), read (they are
    small). An InputError names the file and what is wrong with its layout."""
    x_key, y_key = f"{split}_set_x", f"{split}_set_y"
    images, labels = _dataset(f, path, x_key), _dataset(f, path, y_key)
    if images.ndim != 4:
        raise InputError(f"{path}: {x_key} has shape {images.shape}; expected pictures "
                         "(m, height, width, channels), e.g. (209, 64, 64, 3)")
    if images.dtype != np.uint8:
        raise InputError(f"{path}: {x_key} is {images.dtype}; expected uint8 pixel values "
                         "0..255")
    m = images.shape[0]
    y = labels[()]
    if y.ndim > 2 or y.size != m or (y.ndim == 2 and y.shape[0] != 1):
        raise InputError(f"{path}: {x_key} has {m} pictures but {y_key} has shape {y.shape}; "
                         f"expected {m} labels, shape ({m},) or (1, {m})")
    if y.dtype.kind not in "biuf" or not np.all((y == 0) | (y == 1)):
        found = np.unique(y[(y != 0) & (y != 1)])[:5].tolist() if y.dtype.kind in "biuf" \
            else f"dtype {y.dtype}"
        raise InputError(f"{path}: {y_key} must hold labels 0 or 1, found {found}")
    return images, y.reshape(1, m), tuple(int(n) for n in images.shape[1:])


def prepare_pictures(images: Any, dtype: Any) -> np.ndarray:
    """X (n_x, m) = pictures / 255, each picture a column, from uint8 pictures (an array or
    h5py's dataset, read `_BLOCK` pictures at a time), in `dtype`."""
    m = images.shape[0]
    # Column-major, as the course's `x.reshape(m, -1).T / 255.` is: each picture's pixels
    # stay together in memory, and MatMul has a faster path for such an X.
    X = np.empty((int(np.prod(images.shape[1:])), m), dtype=dtype, order="F")
    for start in range(0, m, _BLOCK):  # h5py slices: one block in memory at a time
        block = images[start:start + _BLOCK]
        X[:, start:start + len(block)] = as_columns(block, dtype)
    return X


def as_columns(pictures: np.ndarray, dtype: Any) -> np.ndarray:
    """uint8 pictures (k, height, width, channels) as the course's columns (n_x, k): divided
    by 255 in float64, as the course does, then cast to `dtype` (F order).

        >>> as_columns(np.full((2, 1, 1, 3), 255, np.uint8), np.float32)
        array([[1., 1.],
               [1., 1.],
               [1., 1.]], dtype=float32)
    """
    return (pictures.reshape(len(pictures), -1).T / 255.).astype(dtype, copy=False)


def _dataset(f: Any, path: str, key: str) -> Any:
    if key not in f or not hasattr(f[key], "shape"):
        raise InputError(f"{path}: has no dataset {key!r} (it has {sorted(f.keys())}); "
                         "expected the course's layout train_set_x, train_set_y, list_classes "
                         "(test_set_x, test_set_y in the test file)")
    return f[key]


def _read_classes(f: Any, path: str) -> tuple[str, ...]:
    raw = _dataset(f, path, "list_classes")[()]
    names = tuple(c.decode() if isinstance(c, bytes) else str(c) for c in np.ravel(raw))
    if len(names) != 2:
        raise InputError(f"{path}: list_classes holds {len(names)} names {list(names)}; "
                         "expected two, for labels 0 and 1")
    return names


# ----------------------------------------------------------------- the built-in dataset

BUILTIN_CLASSES = (b"square", b"circle")
BUILTIN_SIZE = 64
BUILTIN_N_X = BUILTIN_SIZE * BUILTIN_SIZE * 3  # inputs per picture: 12,288, as the course's
BUILTIN_TRAIN, BUILTIN_TEST = 300, 100
# What makes the pictures easy or hard: background colours below DARK, shapes above BRIGHT,
# centres within JITTER pixels of the middle, radii in RADIUS, pixel noise of sd NOISE.
DARK, BRIGHT, JITTER, RADIUS, NOISE = 120, 130, 6, (10, 18), 50


def builtin_dataset(seed: int = 1, *, dtype: Any = np.float64) -> Dataset:
    """The default dataset: 64x64x3 pictures of a circle (label 1) or a square (label 0) on
    a noisy background, 300 for training and 100 for testing, the same for the same seed.

    Written to h5 in the course's layout in a temporary directory and read back by
    `load_dataset` (about 0.1 s), so it takes exactly the path the course's data takes.

        >>> batch = builtin_dataset(seed=1).train_x[:, :8]    # 8 examples for a diagram
    """
    with tempfile.TemporaryDirectory(prefix="tinygraph-data-") as directory:
        write_builtin_dataset(directory, seed)
        data = load_dataset(directory, dtype=dtype)
    return Dataset(data.train_x, data.train_y, data.test_x, data.test_y, data.classes,
                   data.image_shape, f"built-in shapes (seed {seed})", builtin=True)


def write_builtin_dataset(directory: str | os.PathLike, seed: int = 1, *,
                          force: bool = False) -> tuple[str, str]:
    """Write `train_shapes.h5` and `test_shapes.h5` into `directory` (created if needed;
    read-only files there are replaced only when `force`).

        >>> write_builtin_dataset("shapes/")      # doctest: +SKIP
        ('shapes/train_shapes.h5', 'shapes/test_shapes.h5')
    """
    rng = np.random.default_rng(seed)
    paths = []
    for split, m in (("train", BUILTIN_TRAIN), ("test", BUILTIN_TEST)):
        images, labels = shape_pictures(rng, m)
        path = os.path.join(os.fspath(directory), f"{split}_shapes.h5")
        write_h5(path, split, images, labels, BUILTIN_CLASSES, force=force)
        paths.append(path)
    return paths[0], paths[1]


def write_h5(path: str, split: str, images: np.ndarray, labels: np.ndarray,
             classes: tuple[bytes, ...], *, force: bool = False) -> None:
    """One file of the course's layout: `{split}_set_x`, `{split}_set_y`, `list_classes`."""
    with create_h5(path, force=force) as f:
        f.create_dataset(f"{split}_set_x", data=images)
        f.create_dataset(f"{split}_set_y", data=labels)
        f.create_dataset("list_classes", data=np.array(classes, dtype="S"))


def shape_pictures(rng: np.random.Generator, m: int,
                   size: int = BUILTIN_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """`m` uint8 pictures (m, size, size, 3), half circles (1), half squares (0), shuffled.

    Each has a random two-colour gradient background, one shape of random colour, size,
    position and rotation, and pixel noise: the two kinds differ only in their outline, so
    a small network learns them but does not get every test picture right.
    """
    labels = rng.permutation(np.arange(m) % 2).astype(np.int64)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    xx, yy = xx[None], yy[None]  # broadcast over pictures: (1, size, size)

    def per_picture(low: float, high: float) -> np.ndarray:
        return rng.uniform(low, high, size=(m, 1, 1)).astype(np.float32)

    angle = per_picture(0, 2 * np.pi)
    along = np.cos(angle) * xx + np.sin(angle) * yy
    along -= along.min(axis=(1, 2), keepdims=True)
    along /= along.max(axis=(1, 2), keepdims=True)  # 0 .. 1 across the picture
    start, end = rng.uniform(0, DARK, size=(2, m, 1, 1, 3)).astype(np.float32)
    picture = start + (end - start) * along[..., None]

    centre = size / 2
    cx, cy = per_picture(centre - JITTER, centre + JITTER), per_picture(centre - JITTER,
                                                                        centre + JITTER)
    radius = per_picture(*RADIUS)
    u, v = xx - cx, yy - cy
    circle = u ** 2 + v ** 2 <= radius ** 2
    square = np.maximum(abs(u), abs(v)) <= radius * np.sqrt(np.pi) / 2  # the circle's area
    inside = np.where(labels[:, None, None] == 1, circle, square)
    colour = rng.uniform(BRIGHT, 255, size=(m, 1, 1, 3)).astype(np.float32)
    picture = np.where(inside[..., None], colour, picture)
    picture += rng.standard_normal(size=picture.shape, dtype=np.float32) * NOISE
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8), labels
