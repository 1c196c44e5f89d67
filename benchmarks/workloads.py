"""The four workloads of `make bench`, and their data.

    >>> w = WORKLOADS["b"]
    >>> w.layer_dims, w.m, w.dtype
    ([4, 3, 1], 8, 'float64')
    >>> X, Y = load_data(w, "float64")
    >>> X.shape, X.flags.f_contiguous, Y.shape
    ((4, 8), True, (1, 8))

Every X is laid out as the course lays out its X: `x.reshape(m, -1).T / 255.` is the
transpose of a C array, so X is F-ordered (each example's pixels are contiguous). Random data
is made the same way, so no implementation gets a friendlier memory order than the course's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

COURSE_FILE = "train_catvnoncat.h5"


@dataclass(frozen=True)
class Workload:
    """One network shape and batch, timed `rounds` times for `iterations` iterations each."""

    key: str
    title: str
    layer_dims: list[int]
    m: int
    dtype: str
    iterations: int  # per round: long enough that one timing is well above the clock's grain
    rounds: int
    init: str = "app"
    course_data: bool = False  # (a): the course's cat/non-cat images when TINYGRAPH_DATA is set
    deeper: list[int] = field(default_factory=list)  # (c): the same net, longer, for scaling


def deep_narrow(layers: int, width: int = 32) -> list[int]:
    return [width] * (layers + 1) + [1]


WORKLOADS = {
    "a": Workload("a", "the course's L-layer net", [12288, 20, 7, 5, 1], 209, "float64",
                  iterations=8, rounds=25, course_data=True),
    "b": Workload("b", "tiny net (Python overhead per op)", [4, 3, 1], 8, "float64",
                  iterations=200, rounds=25),
    # He init keeps the activations of 2,000 ReLU layers near 1: with the course's 1/sqrt(n)
    # they shrink by ~sqrt(2) a layer and reach float64's subnormals, which are slow to compute.
    # 10 iterations a round: tinygraph's row is one `fit` call a round, whose checks of 400
    # parameters at its end (~0.5 ms) would otherwise weigh on each of 4 iterations.
    "c": Workload("c", "deep narrow net (graph size)", deep_narrow(200), 64, "float64",
                  iterations=10, rounds=11, init="he", deeper=deep_narrow(2000)),
    "d": Workload("d", "wide net (BLAS-bound)", [12288, 512, 128, 1], 2048, "float32",
                  iterations=1, rounds=9),
}

# `--scale tiny`: the same four workloads at sizes that run in a second (for the tests).
TINY = {
    "a": dict(layer_dims=[48, 20, 7, 5, 1], m=12, iterations=2, rounds=2),
    "b": dict(iterations=5, rounds=2),
    "c": dict(layer_dims=deep_narrow(5, 8), m=6, iterations=2, rounds=2,
              deeper=deep_narrow(50, 8)),
    "d": dict(layer_dims=[48, 16, 8, 1], m=32, iterations=2, rounds=2),
}


def workload(key: str, scale: str = "full") -> Workload:
    w = WORKLOADS[key]
    return replace(w, **TINY[key]) if scale == "tiny" else w


def course_data_dir() -> Path | None:
    """The directory named by TINYGRAPH_DATA, when it holds the course's training file."""
    where = os.environ.get("TINYGRAPH_DATA")
    if where and (Path(where) / COURSE_FILE).is_file():
        return Path(where)
    return None


def data_source(w: Workload) -> str:
    if w.course_data and course_data_dir() is not None and w.layer_dims[0] == 12288:
        return f"course data ({COURSE_FILE} from TINYGRAPH_DATA)"
    return "random data of the same shape (seeded)"


def load_data(w: Workload, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    """(X, Y) for workload `w` in `dtype`: X (n_x, m) F-ordered, Y (1, m) of 0s and 1s.

    The course's own preprocessing, `x.reshape(m, -1).T / 255.`, for the course's data. For
    float32 the division is done in float32 (no float64 copy of X appears, not even briefly,
    so it does not count in the peak memory).
    """
    scale = np.float64(255) if dtype == "float64" else np.float32(255)
    if data_source(w).startswith("course"):
        import h5py  # only here: the benchmark's other workloads need no h5 file

        with h5py.File(course_data_dir() / COURSE_FILE, "r") as f:
            x, y = np.array(f["train_set_x"]), np.array(f["train_set_y"])
        m = x.shape[0]
        return x.reshape(m, -1).T / scale, y.reshape(1, m).astype(dtype)
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(w.m, w.layer_dims[0]), dtype=np.uint8)
    y = rng.integers(0, 2, size=(1, w.m))
    return x.T / scale, y.astype(dtype)
