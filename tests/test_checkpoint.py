"""Checkpoints: a bit-exact round trip, saves that cannot destroy the previous file, and a
clear error for a missing, truncated, foreign or inconsistent file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import h5py
import numpy as np
import pytest

import tinygraph as tg
from tinygraph import InputError
from tinygraph.io import load_checkpoint, save_checkpoint


def trained_looking(layer_dims: list[int], seed: int, dtype=np.float64) -> tg.Network:
    """A network whose parameters are arbitrary numbers (not an init's), incl. b != 0."""
    rng = np.random.default_rng(seed)
    values = {}
    for l in range(1, len(layer_dims)):
        values[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1])).astype(dtype)
        values[f"b{l}"] = rng.normal(size=(layer_dims[l], 1)).astype(dtype)
    net = tg.Network.from_values(values)
    net.init = "app"
    return net


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_round_trip_is_bit_exact(tmp_path: Path, dtype) -> None:
    net = trained_looking([6, 4, 3, 1], seed=0, dtype=dtype)
    metadata = {"learning_rate": 0.0075, "costs": [[0, 0.7717493284237686]],
                "classes": ["non-cat", "cat"]}
    save_checkpoint(tmp_path / "model.h5", net, metadata)
    loaded = load_checkpoint(tmp_path / "model.h5")
    assert loaded.layer_dims == [6, 4, 3, 1]
    assert loaded.init == "app" and loaded.dtype == np.dtype(dtype).name
    assert loaded.metadata == metadata
    assert sorted(loaded.parameters) == sorted(net.values())
    for name, value in net.values().items():
        assert loaded.parameters[name].dtype == value.dtype
        assert loaded.parameters[name].tobytes() == value.tobytes()


def test_a_loaded_network_computes_what_the_saved_one_did(tmp_path: Path) -> None:
    net = trained_looking([5, 3, 1], seed=1)
    X = np.random.default_rng(2).normal(size=(5, 7))
    save_checkpoint(tmp_path / "model.h5", net)
    again = load_checkpoint(tmp_path / "model.h5").network()
    assert again.layer_dims == [5, 3, 1]
    assert np.array_equal(again.forward(X).value, net.forward(X).value)


def test_save_creates_parent_directories_and_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "out" / "demo" / "model.h5"
    save_checkpoint(path, trained_looking([3, 2, 1], seed=0))
    assert path.is_file()
    assert os.stat(path).st_mode & 0o044, "others can read it, as any file the user writes"
    assert [p.name for p in path.parent.iterdir()] == ["model.h5"], "no temporary left"


def test_metadata_must_be_json_friendly(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="JSON"):
        save_checkpoint(tmp_path / "m.h5", trained_looking([3, 2, 1], 0), {"x": object()})
    assert not (tmp_path / "m.h5").exists()


# ------------------------------------------------------------ interrupted saves

def test_a_save_interrupted_half_way_leaves_the_old_checkpoint(tmp_path: Path,
                                                               monkeypatch) -> None:
    path = tmp_path / "model.h5"
    old = trained_looking([4, 3, 1], seed=0)
    save_checkpoint(path, old, {"run": "old"})
    before = path.read_bytes()

    # Ctrl-C arrives after the first parameter of the new checkpoint was written.
    real_create = h5py.Group.create_dataset
    written = []

    def interrupted(self, name, *args, **kwargs):
        if written:
            raise KeyboardInterrupt
        written.append(name)
        return real_create(self, name, *args, **kwargs)

    monkeypatch.setattr(h5py.Group, "create_dataset", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_checkpoint(path, trained_looking([4, 3, 1], seed=1), {"run": "new"})
    monkeypatch.undo()

    assert written == ["W1"], "the new save really was cut off half-way"
    assert path.read_bytes() == before
    loaded = load_checkpoint(path)
    assert loaded.metadata == {"run": "old"}
    assert np.array_equal(loaded.parameters["W1"], old.values()["W1"])
    assert [p.name for p in tmp_path.iterdir()] == ["model.h5"], "the temporary is removed"


def test_a_process_killed_during_a_save_leaves_the_old_checkpoint(tmp_path: Path) -> None:
    # SIGKILL: no cleanup code runs at all, as with a power cut or the OOM killer.
    path = tmp_path / "model.h5"
    old = trained_looking([4, 3, 1], seed=0)
    save_checkpoint(path, old, {"run": "old"})
    script = textwrap.dedent(f"""
        import os, signal, h5py, numpy as np, tinygraph as tg
        from tinygraph.io import save_checkpoint
        real_create = h5py.Group.create_dataset
        def create_then_die(self, name, *args, **kwargs):
            result = real_create(self, name, *args, **kwargs)
            if name == "W2":
                self.file.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        h5py.Group.create_dataset = create_then_die
        net = tg.Network([4, 3, 1], init="he", seed=5)
        save_checkpoint({str(path)!r}, net, {{"run": "new"}})
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr.decode()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "model.h5"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".model.h5."), leftovers
    loaded = load_checkpoint(path)
    assert loaded.metadata == {"run": "old"}
    assert np.array_equal(loaded.parameters["W2"], old.values()["W2"])


# ------------------------------------------------------------------------ bad files

def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_checkpoint(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    return message


def test_a_missing_checkpoint(tmp_path: Path) -> None:
    assert "no such file" in error_of(tmp_path / "nowhere.h5")


def test_a_checkpoint_that_is_not_hdf5(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    path.write_text("version https://git-lfs.github.com/spec/v1\n")  # a Git LFS pointer
    assert "not an HDF5 file" in error_of(path)


def test_a_truncated_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([300, 20, 1], seed=0))
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    assert "truncated" in error_of(path)


def test_a_dataset_file_is_not_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "train_shapes.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("train_set_x", data=np.zeros((2, 4, 4, 3), np.uint8))
    message = error_of(path)
    assert "not a tinygraph checkpoint" in message and "train_set_x" in message


def test_parameters_that_do_not_fit_the_layer_dims(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0))
    with h5py.File(path, "r+") as f:
        del f["parameters/W2"]
        f["parameters"].create_dataset("W2", data=np.zeros((1, 5)))
    message = error_of(path)
    assert "W2 has shape (1, 5)" in message and "(1, 3)" in message


def test_a_missing_parameter(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0))
    with h5py.File(path, "r+") as f:
        del f["parameters/b1"]
    assert "missing ['b1']" in error_of(path)


def test_a_parameter_of_another_dtype(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0, dtype=np.float32))
    with h5py.File(path, "r+") as f:
        value = f["parameters/b2"][()]
        del f["parameters/b2"]
        f["parameters"].create_dataset("b2", data=value.astype(np.float64))
    assert "b2 is float64" in error_of(path)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_parameters_with_nan_or_inf_are_never_saved(tmp_path: Path, bad) -> None:
    net = trained_looking([4, 3, 1], seed=0)
    net.parameters["b2"].value[0, 0] = bad  # as a diverged training leaves them
    with pytest.raises(InputError, match="not saved: b2 holds NaN or inf \\(1 of 1 values\\)"):
        save_checkpoint(tmp_path / "m.h5", net)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------ damage on disk

@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[bytes, int, tg.Network]:
    """A small checkpoint's bytes, where W1's numbers start in them, and its network."""
    path = tmp_path_factory.mktemp("saved") / "model.h5"
    net = trained_looking([30, 7, 1], seed=3)
    save_checkpoint(path, net, {"costs": [[0, 0.69], [99, 0.2]], "classes": ["a", "b"]})
    with h5py.File(path, "r") as f:
        offset = f["parameters/W1"].id.get_offset()
    return path.read_bytes(), offset, net


def damaged(saved, mode: str, seed: int) -> bytes:
    whole, w1_offset, _ = saved
    rng = np.random.default_rng(seed)
    data = bytearray(whole)
    if mode == "8 bytes of the header":
        for position in rng.integers(0, 2048, size=8):
            data[position] = rng.integers(0, 256)
    elif mode == "64 bytes over W1":
        start = w1_offset + int(rng.integers(0, 30 * 7 * 8 - 64))
        data[start:start + 64] = rng.integers(0, 256, size=64, dtype=np.uint8).tobytes()
    else:  # 4 single bits anywhere, as a failing disk or memory flips them
        for position in rng.integers(0, len(data), size=4):
            data[position] ^= 1 << int(rng.integers(0, 8))
    assert bytes(data) != whole
    return bytes(data)


@pytest.mark.parametrize("mode", ["8 bytes of the header", "64 bytes over W1",
                                  "4 bits anywhere"])
def test_a_damaged_checkpoint_is_refused_or_loads_exactly_what_was_saved(
        saved, tmp_path: Path, mode: str) -> None:
    _, _, net = saved
    path = tmp_path / "model.h5"
    refused = 0
    for seed in range(25):
        path.write_bytes(damaged(saved, mode, seed))
        try:
            loaded = load_checkpoint(path)
        except InputError as error:
            refused += 1
            assert str(path) in str(error) and "\n" not in str(error), (seed, str(error))
            continue
        # The damage hit bytes that hold nothing (padding, free space): all is as saved.
        assert loaded.layer_dims == [30, 7, 1] and loaded.init == "app", seed
        assert loaded.metadata["costs"] == [[0, 0.69], [99, 0.2]], seed
        for name, value in net.values().items():
            assert loaded.parameters[name].tobytes() == value.tobytes(), (seed, name)
    assert refused >= 10, "most of these faults hit something that matters"


def test_damage_in_w1_names_w1(saved, tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    path.write_bytes(damaged(saved, "64 bytes over W1", seed=0))
    assert "W1 is damaged" in error_of(path)


@pytest.mark.parametrize("key, value", [("metadata", '{"costs": [[0, 0.96]]}'),
                                        ("init", "he")])
def test_a_changed_attribute_is_refused(tmp_path: Path, key: str, value) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0), {"costs": [[0, 0.69]]})
    with h5py.File(path, "r+") as f:
        f.attrs[key] = value
    assert "damaged" in error_of(path)


def test_a_version_number_damaged_to_1_does_not_skip_the_digests(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0))
    with h5py.File(path, "r+") as f:
        f.attrs["version"] = 1
        f["parameters/W1"][0, 0] += 1e-12
    assert "W1 is damaged" in error_of(path)


def test_a_version_1_checkpoint_without_digests_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.h5"
    net = trained_looking([4, 3, 1], seed=0)
    with h5py.File(path, "w") as f:  # what tinygraph 0.1's first checkpoints held
        f.attrs.update({"format": "tinygraph-checkpoint", "version": 1, "init": "app",
                        "layer_dims": np.array([4, 3, 1]), "dtype": "float64",
                        "metadata": "{}"})
        for name, value in net.values().items():
            f.create_dataset(f"parameters/{name}", data=value)
    loaded = load_checkpoint(path)
    assert loaded.parameters["W2"].tobytes() == net.values()["W2"].tobytes()


@pytest.mark.parametrize("raised", [RuntimeError("Unable to synchronously check link "
                                                 "existence"),
                                    KeyError("bad version number for layout message"),
                                    OSError("Can't read data (inflate() failed)"),
                                    MemoryError("Unable to allocate 8.00 TiB for an array")])
def test_whatever_h5py_raises_while_reading_is_one_line(tmp_path: Path, monkeypatch,
                                                        raised) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0))

    def fail(*args, **kwargs):
        raise raised

    monkeypatch.setattr(h5py.Dataset, "__getitem__", fail)
    message = error_of(path)
    assert "may be truncated or damaged" in message and str(raised.args[0]) in message
    monkeypatch.setattr(h5py, "File", fail)
    assert "cannot be opened as HDF5" in error_of(path)


# ------------------------------------------------------------ read-only files

def test_a_read_only_checkpoint_is_not_replaced_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "model.h5"
    save_checkpoint(path, trained_looking([4, 3, 1], seed=0), {"run": "kept"})
    path.chmod(0o444)
    with pytest.raises(InputError, match="is read-only, so it is not replaced"):
        save_checkpoint(path, trained_looking([4, 3, 1], seed=1), {"run": "new"})
    assert load_checkpoint(path).metadata == {"run": "kept"}
    save_checkpoint(path, trained_looking([4, 3, 1], seed=1), {"run": "new"}, force=True)
    assert load_checkpoint(path).metadata == {"run": "new"}
    assert path.stat().st_mode & 0o777 == 0o444, "forced, it stays read-only"


def test_a_save_through_a_symlink_replaces_its_file_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    link = tmp_path / "latest.h5"
    link.symlink_to(tmp_path / "runs" / "model.h5")
    save_checkpoint(link, trained_looking([4, 3, 1], seed=0), {"run": 1})
    save_checkpoint(link, trained_looking([4, 3, 1], seed=1), {"run": 2})
    assert link.is_symlink() and load_checkpoint(tmp_path / "runs" / "model.h5").metadata == {
        "run": 2}
