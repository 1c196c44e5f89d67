"""Files: h5 opened with clear errors, writes that are all-or-nothing, and checkpoints.

A checkpoint is one h5 file: the parameters `W1, b1, ..., WL, bL` in the group `parameters`,
and as attributes the `layer_dims`, the init recipe, the dtype and the training metadata
(learning rate, iterations, costs, accuracies, the class names, the image shape).

    >>> import tinygraph as tg
    >>> from tinygraph.io import load_checkpoint, save_checkpoint
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> save_checkpoint("model.h5", net, {"learning_rate": 0.0075})  # doctest: +SKIP
    >>> load_checkpoint("model.h5").network().layer_dims                # doctest: +SKIP
    [4, 3, 1]

A save writes a temporary file beside the target and renames it over the target only once it
is complete, so an interrupted save (Ctrl-C, a full disk, a crash) leaves the previous
checkpoint as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import InputError
from .nn import Network

FORMAT = "tinygraph-checkpoint"
VERSION = 1


@contextlib.contextmanager
def open_h5(path: str | os.PathLike) -> Iterator[Any]:
    """`h5py.File(path, "r")`, with a one-line InputError naming the file when it is missing,
    not HDF5, or truncated (also when the damage only shows while reading a dataset).

        >>> with open_h5("train_catvnoncat.h5") as f:          # doctest: +SKIP
        ...     f["train_set_x"].shape
        (209, 64, 64, 3)
    """
    import h5py  # lazily: `import tinygraph` stays fast

    path = os.fspath(path)
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not an h5 file")
    if not h5py.is_hdf5(path):
        raise InputError(f"{path}: not an HDF5 file (an h5 file starts with the HDF5 "
                         "signature; is it an HTML page or a Git LFS pointer?)")
    try:
        handle = h5py.File(path, "r")
    except OSError as error:
        raise InputError(f"{path}: cannot be opened as HDF5, it may be truncated or damaged "
                         f"({error})") from None
    try:
        with handle:
            yield handle
    except OSError as error:  # h5py reads lazily: a cut-off file can fail in the middle
        raise InputError(f"{path}: cannot be read, it may be truncated or damaged "
                         f"({error})") from None


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """A temporary path beside `path`; renamed over `path` only when the block succeeds.

    Creates the parent directories. On any exception (KeyboardInterrupt too) the temporary
    file is removed and `path` is untouched.

        >>> with atomic_path("out/model.h5") as tmp:   # doctest: +SKIP
        ...     write_everything_to(tmp)
    """
    path = os.path.abspath(os.fspath(path))
    directory, name = os.path.split(path)
    try:
        os.makedirs(directory, exist_ok=True)
        # Same directory, so the final rename is atomic (never a copy across file systems).
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".part")
    except OSError as error:
        raise InputError(f"{path}: cannot write there ({error.strerror})") from None
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file normal rights
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class Checkpoint:
    """What `load_checkpoint` read: the course's `parameters` dictionary and how it was made."""

    parameters: dict[str, np.ndarray]
    layer_dims: list[int]
    init: str
    dtype: str
    metadata: dict = field(default_factory=dict)

    def network(self) -> Network:
        """A `Network` holding these parameters, ready for `forward` or more training."""
        net = Network.from_values(self.parameters)
        net.init = self.init
        return net


def save_checkpoint(path: str | os.PathLike, network: Network,
                    metadata: dict | None = None) -> None:
    """Write `network`'s parameters, layer_dims, init and dtype, plus `metadata` (anything
    JSON can hold), to the h5 file `path`, atomically.

        >>> save_checkpoint("out/model.h5", net, {"costs": [[0, 0.693]]})   # doctest: +SKIP
    """
    import h5py

    values = network.values()
    for name, value in values.items():  # a model that predict would refuse is never written
        bad = value.size - np.count_nonzero(np.isfinite(value))
        if bad:
            raise InputError(f"{os.fspath(path)}: not saved: {name} holds NaN or inf ({bad} of "
                             f"{value.size} values), as after a diverged training")
    dtype = values["W1"].dtype.name
    try:
        metadata_json = json.dumps(metadata or {})
    except (TypeError, ValueError) as error:
        raise InputError(f"{os.fspath(path)}: checkpoint metadata must be JSON-friendly "
                         f"(numbers, strings, lists, dicts): {error}") from None
    with atomic_path(path) as tmp, h5py.File(tmp, "w") as f:
        f.attrs["format"] = FORMAT
        f.attrs["version"] = VERSION
        f.attrs["layer_dims"] = np.asarray(network.layer_dims, dtype=np.int64)
        f.attrs["init"] = network.init
        f.attrs["dtype"] = dtype
        f.attrs["metadata"] = metadata_json
        group = f.create_group("parameters")
        for name, value in values.items():
            group.create_dataset(name, data=value)


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by `save_checkpoint`; a clear InputError when the file is
    missing, truncated, not a tinygraph checkpoint, or its parameters do not fit its
    layer_dims."""
    path = os.fspath(path)
    with open_h5(path) as f:
        if f.attrs.get("format") != FORMAT:
            raise InputError(f"{path}: not a tinygraph checkpoint (no format mark "
                             f"{FORMAT!r}; its keys are {sorted(f.keys())})")
        version = int(f.attrs.get("version", 0))
        if version > VERSION:
            raise InputError(f"{path}: checkpoint format version {version} is newer than "
                             f"this tinygraph reads ({VERSION}); upgrade tinygraph")
        missing = [key for key in ("layer_dims", "dtype") if key not in f.attrs]
        if missing:
            raise InputError(f"{path}: checkpoint is missing its {' and '.join(missing)}")
        layer_dims = [int(n) for n in np.ravel(f.attrs["layer_dims"])]
        dtype = str(f.attrs["dtype"])
        if "parameters" not in f:
            raise InputError(f"{path}: checkpoint has no 'parameters' group")
        group = f["parameters"]
        parameters = {name: group[name][()] for name in _expected_names(layer_dims, path,
                                                                           group)}
        init = str(f.attrs.get("init", "given"))
        metadata = _metadata(f.attrs.get("metadata", "{}"), path)
    _check_shapes(parameters, layer_dims, dtype, path)
    return Checkpoint(parameters, layer_dims, init, dtype, metadata)


def _expected_names(layer_dims: list[int], path: str, group: Any) -> list[str]:
    L = len(layer_dims) - 1
    names = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    missing = [name for name in names if name not in group]
    extra = sorted(set(group.keys()) - set(names))
    if L < 1 or missing or extra:
        raise InputError(f"{path}: parameters do not match layer_dims {layer_dims}: "
                         f"missing {missing}, unexpected {extra}")
    return names


def _check_shapes(parameters: dict[str, np.ndarray], layer_dims: list[int], dtype: str,
                  path: str) -> None:
    for l in range(1, len(layer_dims)):
        expected = {f"W{l}": (layer_dims[l], layer_dims[l - 1]), f"b{l}": (layer_dims[l], 1)}
        for name, shape in expected.items():
            value = parameters[name]
            if value.shape != shape:
                raise InputError(f"{path}: {name} has shape {value.shape} but layer_dims "
                                 f"{layer_dims} needs {shape}")
            if value.dtype.name != dtype:
                raise InputError(f"{path}: {name} is {value.dtype.name} but the checkpoint "
                                 f"says {dtype}")


def _metadata(text: Any, path: str) -> dict:
    try:
        return json.loads(text)
    except (TypeError, ValueError) as error:
        raise InputError(f"{path}: checkpoint metadata is not valid JSON ({error})") from None
