"""Real faults on the `tinygraph` command, each in its own process: a full disk (a file-size
limit, RLIMIT_FSIZE), Ctrl-C (SIGINT) and kill -9 at many moments of `train --save`. Whatever
happens, the user sees one line, never a traceback, and the previous checkpoint survives."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import tinygraph as tg
from tinygraph.cli import main
from tinygraph.io import load_checkpoint, save_checkpoint

TINYGRAPH = shutil.which("tinygraph", path=os.path.dirname(sys.executable))
RAW = ("Traceback", "KeyboardInterrupt", "Exception ignored", "HDF5-DIAG")


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    """The built-in dataset on disk, so that a training run itself writes nothing."""
    directory = tmp_path_factory.mktemp("data") / "shapes"
    assert main(["data", "make", str(directory)]) == 0
    return directory


@pytest.fixture
def old_model(tmp_path: Path) -> tuple[Path, bytes]:
    """A checkpoint from an earlier run, which no fault may damage."""
    path = tmp_path / "model.h5"
    save_checkpoint(path, tg.Network([12288, 1], init="he", seed=9), {"run": "old"})
    return path, path.read_bytes()


def limited(nbytes: int):
    """For Popen's preexec_fn: the child may write no file larger than `nbytes` (ulimit -f)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))


def command(*argv) -> list[str]:
    if TINYGRAPH is None:
        pytest.fail("the tinygraph command is not installed next to this Python "
                    "(pip install -e . makes it)")
    return [TINYGRAPH, *[str(a) for a in argv]]


def one_line(err: str) -> str:
    assert not any(word in err for word in RAW), err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# ---------------------------------------------------------------------------- full disk

def test_a_file_size_limit_too_small_for_the_model_is_said_before_training(
        shapes: Path, old_model) -> None:
    path, before = old_model
    done = subprocess.run(command("train", "--data", shapes, "--quiet", "--save", path),
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=limited(500_000))
    assert done.returncode == 1 and done.stdout == "", "stopped before training"
    line = one_line(done.stderr)
    assert str(path) in line and "files are limited to" in line and "ulimit -f" in line
    assert path.read_bytes() == before


def test_a_disk_that_fills_up_during_the_save_is_one_line(shapes: Path, old_model) -> None:
    # The check before training passes (as when the disk fills up while training runs);
    # the limit then stops the save half-way, with h5py's RuntimeError deep inside.
    path, before = old_model
    script = textwrap.dedent(f"""
        import resource, sys
        import tinygraph.cli.train
        from tinygraph.cli import main
        tinygraph.cli.train._check_room = lambda outputs: None
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))
        sys.exit(main(["train", "--data", {str(shapes)!r}, "--layers", "12288,20,1",
                       "--iterations", "2", "--quiet", "--save", {str(path)!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert str(path) in line and "File too large" in line and "nothing was changed" in line
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["model.h5"], "no .part left"


def test_writing_a_dataset_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(command("data", "make", tmp_path / "shapes"), capture_output=True,
                          text=True, timeout=120, preexec_fn=limited(1_000_000))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "train_shapes.h5" in line and "File too large" in line


def test_too_little_free_space_is_said_before_training(tmp_path: Path, monkeypatch,
                                                       capsys) -> None:
    free = shutil.disk_usage(tmp_path)._replace(free=100_000)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: free)
    assert main(["train", "--save", str(tmp_path / "m.h5"), "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and one_line(err).endswith("has only 97.7 KiB free")
    # 12288*20 + 20*7 + 7*5 + 5*1 weights and 33 biases, 8 bytes each, and 64 KiB of headers
    assert "needs about 1.9 MiB" in err


# ------------------------------------------------------------------------ interruptions

def started(process: subprocess.Popen) -> None:
    """Wait until the child is past Python's own start-up: NumPy's library is loaded, which
    tinygraph imports only after its entry point has taken Ctrl-C over. (A Ctrl-C in the
    interpreter's first milliseconds, before any of tinygraph's code runs, is Python's.)"""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if "numpy" in Path(f"/proc/{process.pid}/maps").read_text():
                return
        except OSError:
            return
        time.sleep(0.002)


def the_model_is_old_or_new(path: Path, before: bytes) -> str:
    """The checkpoint is the old one, byte for byte, or a complete new one: never damaged."""
    if path.read_bytes() == before:
        return "old"
    loaded = load_checkpoint(path)
    assert loaded.metadata["layers"] == [12288, 1] and loaded.layer_dims == [12288, 1]
    return "new"


def train_argv(shapes: Path, path: Path) -> list[str]:
    return command("train", "--data", shapes, "--layers", "12288,1", "--iterations", "5",
                   "--quiet", "--save", path, "--report", path.with_suffix(".json"))


def test_ctrl_c_at_any_moment_of_train_save_is_one_line(shapes: Path, old_model) -> None:
    path, before = old_model
    argv = train_argv(shapes, path)
    begin = time.monotonic()
    whole = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    length = time.monotonic() - begin
    assert whole.returncode == 0, whole.stderr
    assert the_model_is_old_or_new(path, before) == "new"
    path.write_bytes(before)
    seen = {}
    for k in range(8):  # from the imports to just after the end, evenly
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        started(process)
        time.sleep(length * k / 7)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
        if process.returncode == 130:
            assert one_line(err) == "tinygraph train: interrupted", err
        else:  # the run had finished its work when the Ctrl-C came
            assert process.returncode == 0 and not any(word in err for word in RAW), err
        seen[k] = (process.returncode, the_model_is_old_or_new(path, before))
        assert not list(path.parent.glob(".*.part")), "the temporary file is removed"
        path.write_bytes(before)
    assert (130, "old") in seen.values(), seen


def test_kill_9_at_any_moment_of_train_save_never_damages_the_checkpoint(
        shapes: Path, old_model) -> None:
    path, before = old_model
    argv = train_argv(shapes, path)
    begin = time.monotonic()
    subprocess.run(argv, capture_output=True, timeout=120, check=True)
    length = time.monotonic() - begin
    path.write_bytes(before)
    outcomes = []
    for k in range(6):
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started(process)
        time.sleep(length * k / 5)
        process.kill()
        process.wait(timeout=60)
        outcomes.append(the_model_is_old_or_new(path, before))
        for part in path.parent.glob(".*.part"):  # kill -9 leaves its temporary, never more
            part.unlink()
        path.write_bytes(before)
    assert "old" in outcomes, outcomes


def test_a_late_ctrl_c_while_stopping_changes_nothing(shapes: Path, tmp_path: Path) -> None:
    """Several Ctrl-C in a row: the first stops the run, the others are not tracebacks."""
    argv = train_argv(shapes, tmp_path / "m.h5")
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    started(process)
    for _ in range(20):
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGINT)
        time.sleep(0.005)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and one_line(err) == "tinygraph train: interrupted"
