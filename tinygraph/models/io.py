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
checkpoint as it was. A save does not replace a file the user made read-only unless forced.

Every array carries a SHA-256 digest of its bytes, and the file one of its attributes and
those digests, so a checkpoint damaged on disk is refused on load instead of loading wrong
numbers. Every h5py or file-system failure, reading or writing, is one `InputError` line
that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError, TinygraphError
from .nn import Network

FORMAT = "tinygraph-checkpoint"
VERSION = 2  # 2: SHA-256 digests of the arrays and attributes (1 had none)

# What h5py raises for a damaged or unwritable file: OSError mostly, but RuntimeError,
# KeyError or ValueError for some damage to the file's internal structures.
# MemoryError: a damaged header can claim an array larger than the machine's memory.
_H5_FAILURES = (OSError, RuntimeError, KeyError, ValueError, TypeError, IndexError,
                AttributeError, OverflowError, UnicodeDecodeError, MemoryError)


def reason(error: BaseException) -> str:
    """One short line saying why a file operation failed, from an OSError or h5py's message.

        >>> reason(RuntimeError("Can't decrement id ref count (unable to extend file "
        ...                     "properly, errno = 27, error message = 'File too large')"))
        'File too large: the disk is full or a file-size limit (ulimit -f) was reached'
    """
    code = getattr(error, "errno", None)
    text = str(error)
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":  # KeyError's str() is quoted
        text = text[1:-1]
    text = text or type(error).__name__
    found = re.search(r"errno = (\d+)", text)
    if code is None and found:
        code = int(found.group(1))
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return (f"{os.strerror(code)}: the disk is full or a file-size limit (ulimit -f) was "
                "reached")
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return line if len(line) <= 200 else line[:197] + "..."


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
    except _H5_FAILURES as error:
        raise InputError(f"{path}: cannot be opened as HDF5, it may be truncated or damaged "
                         f"({reason(error)})") from None
    try:
        with handle:
            yield handle
    except TinygraphError:
        raise
    except _H5_FAILURES as error:  # h5py reads lazily: damage can show in the middle
        raise InputError(f"{path}: cannot be read, it may be truncated or damaged "
                         f"({reason(error)})") from None


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, force: bool = False) -> Iterator[str]:
    """A temporary path beside `path`; renamed over `path` only when the block succeeds.

    Creates the parent directories. On any exception (KeyboardInterrupt too) the temporary
    file is removed and `path` is untouched; an OSError (a full disk) becomes an InputError
    naming `path`. A read-only `path` is not replaced unless `force` (it stays read-only); a
    symlink's target is replaced, not the link; a device or pipe (`/dev/stdout`) is written
    in place.

        >>> with atomic_path("out/model.h5") as tmp:   # doctest: +SKIP
        ...     write_everything_to(tmp)
    """
    path = os.path.abspath(os.fspath(path))
    if is_special(path):
        yield from _in_place(path)  # a device or a pipe: /dev/stdout, /dev/null
        return
    path = os.path.realpath(path)  # through a symlink: replace its file, keep the link
    check_replaceable(path, force)
    directory, name = os.path.split(path)
    try:
        os.makedirs(directory, exist_ok=True)
        # Same directory, so the final rename is atomic (never a copy across file systems).
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".part")
    except OSError as error:
        raise InputError(f"{path}: cannot write there ({reason(error)})") from None
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot be written ({reason(error)}); nothing was "
                             "changed") from None
        raise


def is_special(path: str | os.PathLike) -> bool:
    """A device, a pipe, or a name in /dev or /proc (`/dev/stdout` may point at a redirected
    regular file, which must be written through, not replaced)."""
    path = os.path.abspath(os.fspath(path))
    if path.startswith(("/dev/", "/proc/")):
        return True
    return os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)


def _in_place(path: str) -> Iterator[str]:
    """Devices and pipes are written as they are: there is no file to keep, nor to replace."""
    try:
        yield path
    except OSError as error:
        raise InputError(f"{path}: cannot be written ({reason(error)})") from None


def check_replaceable(path: str | os.PathLike, force: bool = False) -> None:
    """An InputError when `path` is a directory, or a file made read-only (unless `force`).

    The mode bits are read, not `os.access`, which says yes to root for any file.
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory; give a file name")
    if not force and os.path.exists(path) and not os.stat(path).st_mode & 0o222:
        raise InputError(f"{path}: is read-only, so it is not replaced; make it writable or "
                         "force it (--force on the command line, force=True in Python)")


def check_room(path: str | os.PathLike, nbytes: int) -> None:
    """An InputError, before any work, when a file of about `nbytes` cannot fit: the disk
    has too little free space, or the process a smaller file-size limit (`ulimit -f`)."""
    path = os.path.abspath(os.fspath(path))
    directory = os.path.dirname(path)
    while not os.path.isdir(directory):  # not made yet: the disk it will be on
        directory = os.path.dirname(directory)
    free = shutil.disk_usage(directory).free
    if free < nbytes:
        raise InputError(f"{path}: needs about {_size(nbytes)} but {directory} has only "
                         f"{_size(free)} free")
    try:
        import resource  # Unix only
    except ImportError:
        return
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY and limit < nbytes:
        raise InputError(f"{path}: needs about {_size(nbytes)} but files are limited to "
                         f"{_size(limit)} (ulimit -f)")


def _size(nbytes: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if nbytes < 1024 or unit == "GiB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return ""


def _mode_for(path: str) -> int:
    """The replaced file's mode, else what the user's umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


@contextlib.contextmanager
def create_h5(path: str | os.PathLike, *, force: bool = False) -> Iterator[Any]:
    """`h5py.File(..., "w")` written atomically (see `atomic_path`); any h5py failure, a full
    disk included, is one InputError line naming `path`.

        >>> with create_h5("out/data.h5") as f:        # doctest: +SKIP
        ...     f.create_dataset("x", data=[1, 2, 3])
    """
    import h5py

    path = os.fspath(path)
    try:
        with atomic_path(path, force=force) as tmp, h5py.File(tmp, "w") as f:
            yield f
    except TinygraphError:
        raise
    except _H5_FAILURES as error:
        raise InputError(f"{os.path.abspath(path)}: cannot be written ({reason(error)}); "
                         "nothing was changed") from None


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
                    metadata: dict | None = None, *, force: bool = False) -> None:
    """Write `network`'s parameters, layer_dims, init and dtype, plus `metadata` (anything
    JSON can hold), to the h5 file `path`, atomically, with a digest of each part.

    Refuses parameters holding NaN or inf, and a read-only `path` unless `force`.

        >>> save_checkpoint("out/model.h5", net, {"costs": [[0, 0.693]]})   # doctest: +SKIP
    """
    values = network.values()
    for name, value in values.items():  # a model that predict would refuse is never written
        bad = value.size - np.count_nonzero(np.isfinite(value))
        if bad:
            raise InputError(f"{os.fspath(path)}: not saved: {name} holds NaN or inf ({bad} of "
                             f"{value.size} values), as after a diverged training")
    try:
        metadata_json = json.dumps(metadata or {})
    except (TypeError, ValueError) as error:
        raise InputError(f"{os.fspath(path)}: checkpoint metadata must be JSON-friendly "
                         f"(numbers, strings, lists, dicts): {error}") from None
    attrs = {"layer_dims": [int(n) for n in network.layer_dims], "init": network.init,
             "dtype": values["W1"].dtype.name, "metadata": metadata_json}
    digests = {name: _digest(value) for name, value in values.items()}
    with create_h5(path, force=force) as f:
        f.attrs["format"] = FORMAT
        f.attrs["version"] = VERSION
        f.attrs["layer_dims"] = np.asarray(attrs["layer_dims"], dtype=np.int64)
        for key in ("init", "dtype", "metadata"):
            f.attrs[key] = attrs[key]
        f.attrs["sha256"] = _attrs_digest(attrs, digests)
        group = f.create_group("parameters")
        for name, value in values.items():
            group.create_dataset(name, data=value).attrs["sha256"] = digests[name]


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by `save_checkpoint`; a clear InputError when the file is
    missing, truncated, damaged (a digest does not match), not a tinygraph checkpoint, or its
    parameters do not fit its layer_dims."""
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
        names = _expected_names(layer_dims, path, group)
        _check_shapes(group, layer_dims, dtype, path)  # before reading: no huge allocation
        parameters = {name: group[name][()] for name in names}
        init = str(f.attrs.get("init", "given"))
        metadata_json = f.attrs.get("metadata", "{}")
        stored = {name: group[name].attrs.get("sha256") for name in names}
        stored_attrs = f.attrs.get("sha256")
    # Version 1 had no digests; any digest present (a damaged version number) is checked.
    if version >= 2 or stored_attrs is not None or any(d is not None for d in stored.values()):
        _verify(path, parameters, stored, stored_attrs,
                {"layer_dims": layer_dims, "init": init, "dtype": dtype,
                 "metadata": metadata_json})
    metadata = _metadata(metadata_json, path)
    return Checkpoint(parameters, layer_dims, init, dtype, metadata)


def _digest(value: np.ndarray) -> str:
    """SHA-256 of an array's dtype, shape and bytes (C order)."""
    h = hashlib.sha256(f"{value.dtype.str} {value.shape}".encode())
    h.update(np.ascontiguousarray(value).tobytes())
    return h.hexdigest()


def _attrs_digest(attrs: dict, digests: dict[str, str]) -> str:
    text = json.dumps({"attrs": attrs, "parameters": digests}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _verify(path: str, parameters: dict[str, np.ndarray], stored: dict[str, Any],
            stored_attrs: Any, attrs: dict) -> None:
    digests = {}
    for name, value in parameters.items():
        digests[name] = _digest(value)
        if str(stored[name]) != digests[name]:
            raise InputError(f"{path}: {name} is damaged (its SHA-256 digest does not match "
                             "what was saved); the file cannot be trusted, use another copy")
    if str(stored_attrs) != _attrs_digest(attrs, digests):
        raise InputError(f"{path}: the checkpoint's attributes (layer_dims, init, dtype, "
                         "metadata) are damaged (their SHA-256 digest does not match what was "
                         "saved); the file cannot be trusted, use another copy")


def _expected_names(layer_dims: list[int], path: str, group: Any) -> list[str]:
    L = len(layer_dims) - 1
    names = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    missing = [name for name in names if name not in group]
    extra = sorted(set(group.keys()) - set(names))
    if L < 1 or missing or extra:
        raise InputError(f"{path}: parameters do not match layer_dims {layer_dims}: "
                         f"missing {missing}, unexpected {extra}")
    return names


def _check_shapes(parameters: Any, layer_dims: list[int], dtype: str, path: str) -> None:
    """Each W[l], b[l] (arrays, or h5py datasets not read yet) has layer_dims' shape."""
    for l in range(1, len(layer_dims)):
        expected = {f"W{l}": (layer_dims[l], layer_dims[l - 1]), f"b{l}": (layer_dims[l], 1)}
        for name, shape in expected.items():
            value = parameters[name]
            if tuple(value.shape) != shape:
                raise InputError(f"{path}: {name} has shape {value.shape} but layer_dims "
                                 f"{layer_dims} needs {shape}")
            if np.dtype(value.dtype).name != dtype:
                raise InputError(f"{path}: {name} is {value.dtype.name} but the checkpoint "
                                 f"says {dtype}")


def _metadata(text: Any, path: str) -> dict:
    try:
        return json.loads(text)
    except (TypeError, ValueError) as error:
        raise InputError(f"{path}: checkpoint metadata is not valid JSON ({error})") from None
