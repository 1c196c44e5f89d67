"""Streamed data: the course's h5 files read a few mini-batches at a time, with the very
numbers `load_dataset` gives, little memory, and a clear error for a file that goes bad
in the middle of a pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

import tinygraph as tg
from tinygraph import InputError
from tinygraph.cli import main
from tinygraph.data import load_dataset, write_h5
from tinygraph.io import load_checkpoint, save_checkpoint
from tinygraph.stream import open_stream
from tinygraph.train import fit, train

# The course's first recorded cost of the L-layer model (COURSE.md)
COURSE_COST_0 = 0.7717493284237686
CLASSES = (b"non-cat", b"cat")


def write_dataset(directory: Path, m: int, side: int = 8, test: int = 20, seed: int = 0,
                  **h5_options) -> Path:
    """`train_x.h5` (m random pictures) and `test_x.h5` in the course's layout; with
    `h5_options` (chunks, compression) the training pictures are written by h5py directly."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    images = rng.integers(0, 256, size=(m, side, side, 3), dtype=np.uint8)
    labels = rng.integers(0, 2, size=m)
    if h5_options:
        with h5py.File(directory / "train_x.h5", "w") as f:
            f.create_dataset("train_set_x", data=images, **h5_options)
            f.create_dataset("train_set_y", data=labels)
            f.create_dataset("list_classes", data=np.array(CLASSES))
    else:
        write_h5(str(directory / "train_x.h5"), "train", images, labels, CLASSES)
    write_h5(str(directory / "test_x.h5"), "test",
             rng.integers(0, 256, size=(test, side, side, 3), dtype=np.uint8),
             rng.integers(0, 2, size=test), CLASSES)
    return directory


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "small", 200)


# ------------------------------------------------------------- the numbers of load_dataset

def test_the_full_batch_streamed_gives_the_in_memory_costs_digit_for_digit(course_data_dir):
    streamed, loaded = open_stream(course_data_dir), load_dataset(course_data_dir)
    _, from_disk = train(streamed, num_iterations=3, progress=False)
    _, in_memory = train(loaded, num_iterations=3, progress=False)
    assert from_disk["costs"][0] == [0, COURSE_COST_0]
    assert from_disk["costs"] == in_memory["costs"]  # every digit, at 0 and after 2 updates
    for key in ("train_correct", "test_correct"):
        assert from_disk[key] == in_memory[key]
    assert from_disk["streamed"] and not in_memory["streamed"]


def test_float32_streamed_is_float32_in_memory(course_data_dir):
    _, from_disk = train(open_stream(course_data_dir), [12288, 7, 1], dtype="float32",
                         num_iterations=3, progress=False)
    _, in_memory = train(load_dataset(course_data_dir, dtype=np.float32), [12288, 7, 1],
                         dtype="float32", num_iterations=3, progress=False)
    assert from_disk["costs"] == in_memory["costs"]


def test_train_stream_on_the_command_line_prints_the_in_memory_run(course_data_dir, tmp_path,
                                                                     capsys):
    reports = []
    for flags in (["--stream"], []):
        report = tmp_path / f"report{len(reports)}.json"
        assert main(["train", "--data", str(course_data_dir), "--iterations", "2", "--quiet",
                     "--layers", "12288,7,1", "--report", str(report), *flags]) == 0
        reports.append(json.loads(report.read_text()))
    assert reports[0]["costs"] == reports[1]["costs"]
    assert reports[0]["test_correct"] == reports[1]["test_correct"]
    assert "test accuracy" in capsys.readouterr().out


# ------------------------------------------------------------------------ mini-batches

def test_mini_batches_are_the_files_pictures_in_the_order_they_name(small: Path):
    split = open_stream(small, window=3).train
    loaded = load_dataset(small)
    order = split.order(batch_size=16, seed=5, passes=2)
    batches = split.batches(16, 5, np.float64)
    for rows in order:
        X, Y = next(batches)
        assert np.array_equal(X.value, loaded.train_x[:, rows])  # the same bits
        assert np.array_equal(Y.value, loaded.train_y[:, rows])
        assert X.role == "input" and Y.role == "labels"
    passes = np.concatenate(order).reshape(2, 200)
    for examples in passes:  # each pass: every example once, in a new order
        assert sorted(examples) == list(range(200))
    assert not np.array_equal(passes[0], passes[1])


def test_a_batch_mixes_chunks_of_neighbours_from_at_most_a_window(small: Path):
    split = open_stream(small, window=3).train
    order = split.order(batch_size=16, seed=1, passes=3)
    chunks = [len(set(rows // 16)) for rows in order]  # chunk k holds examples 16k .. 16k+15
    assert all(len(rows) <= 16 for rows in order) and max(chunks) <= 3
    assert sum(n > 1 for n in chunks) >= 0.8 * len(order)  # mixed, but for a lone last chunk


def test_every_read_is_one_contiguous_run_of_one_batch(small: Path, monkeypatch):
    from tinygraph.models import stream as stream_module

    reads = []
    read = stream_module._Reader.read

    def spy(self, start, stop):
        reads.append((start, stop))
        return read(self, start, stop)

    monkeypatch.setattr(stream_module._Reader, "read", spy)
    batches = open_stream(small).train.batches(16, 1, np.float32)
    for _ in range(13):  # one pass: 200 examples in 13 batches
        X, _ = next(batches)
        assert X.value.dtype == np.float32
    assert all(stop - start <= 16 for start, stop in reads)
    assert sorted(reads) == [(a, min(a + 16, 200)) for a in range(0, 200, 16)]


def test_fit_takes_a_streamed_split_and_checks_it_fits(small: Path):
    stream = open_stream(small)
    net = tg.Network([192, 3, 1], init="two_layer")
    history = fit(net, stream.train, batch_size=32, num_iterations=20, progress=False)
    assert [i for i, _ in history.costs] == [0, 19]
    with pytest.raises(InputError, match="labels come with the streamed data"):
        fit(net, stream.train, np.ones((1, 200)), num_iterations=1)
    with pytest.raises(InputError, match=r"takes 5 inputs .*train_x\.h5 has 192"):
        fit(tg.Network([5, 1]), stream.train, num_iterations=1)


def test_streamed_scores_are_the_in_memory_scores(small: Path):
    from tinygraph.train import measured, scores

    net = tg.Network([192, 4, 1], init="app", seed=3)
    assert open_stream(small).scores(net) == scores(net, load_dataset(small))
    # `measured` takes either kind, as train and `tinygraph predict --stream` do
    assert measured(net, open_stream(small)) == measured(net, load_dataset(small)) == scores(
        net, load_dataset(small))


def test_predict_streamed_prints_the_in_memory_accuracies(small: Path, tmp_path: Path, capsys):
    model = tmp_path / "model.h5"
    save_checkpoint(model, tg.Network([192, 4, 1], init="app", seed=3))
    assert main(["predict", "--model", str(model), "--data", str(small)]) == 0
    in_memory = capsys.readouterr().out
    assert main(["predict", "--model", str(model), "--data", str(small), "--stream"]) == 0
    assert capsys.readouterr().out == in_memory
    assert "train accuracy" in in_memory and "/200)" in in_memory


def test_predict_streamed_refuses_a_model_of_another_input_size(small: Path, tmp_path: Path,
                                                                capsys):
    model = tmp_path / "model.h5"
    save_checkpoint(model, tg.Network([5, 1]))
    assert main(["predict", "--model", str(model), "--data", str(small), "--stream"]) == 1
    err = capsys.readouterr().err
    assert f"{model} takes 5 inputs per example but " in err and "has 192" in err
    with pytest.raises(SystemExit) as exit_:
        main(["predict", "--model", str(model), "--stream", "cat.jpg"])
    assert exit_.value.code == 2 and "--stream reads the h5 files" in capsys.readouterr().err


def test_stream_is_refused_without_data(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--stream"])
    assert exit_.value.code == 2 and "--stream reads the h5 files" in capsys.readouterr().err


def test_streamed_mislabelled_are_the_in_memory_ones(small: Path):
    from tinygraph.train import predict

    stream, data = open_stream(small), load_dataset(small)
    net = tg.Network([192, 4, 1], init="app", seed=3)
    wrong = np.flatnonzero(predict(net, data.test_x) != data.test_y)
    count, shown = stream.mislabelled(net, limit=7)
    assert count == len(wrong) > 7
    assert [index for index, *_ in shown] == list(wrong[:7])
    index, picture, said, truth = shown[0]
    assert np.array_equal(picture, data.image(data.test_x[:, index]))
    assert said != truth and {said, truth} <= set(data.classes)


def test_train_stream_draws_the_mislabelled_pictures(small: Path, tmp_path: Path, capsys):
    wrong = tmp_path / "wrong.png"
    assert main(["train", "--data", str(small), "--stream", "--batch-size", "50",
                 "--iterations", "4", "--quiet", "--layers", "192,3,1",
                 "--mislabelled", str(wrong)]) == 0
    assert f"wrote {wrong} (" in capsys.readouterr().out
    assert wrong.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bad_window_is_refused(small: Path):
    with pytest.raises(InputError, match="window must be a whole number"):
        open_stream(small, window=0)


# ------------------------------------------------------------------------------ memory

# The child's own peak (VmHWM): its ru_maxrss would count the test process it started from.
PEAK = """
import sys
from tinygraph.stream import open_stream
from tinygraph.train import train
net, report = train(open_stream(sys.argv[1]), num_iterations=int(sys.argv[2]), batch_size=64,
                    progress=False)
peak_kib = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
print(peak_kib // 1024, report["train_examples"])
"""


def test_a_pass_over_pictures_larger_as_floats_than_the_whole_run_stays_small(tmp_path):
    # 3,000 pictures of 64x64x3: 37 MB on disk, 281 MiB as the float64 columns load_dataset
    # makes. More than one pass of batch 64 (47 batches a pass) and both accuracies, in
    # under 160 MiB with Python, NumPy and h5py (about 80 MiB here).
    directory = write_dataset(tmp_path / "big", 3000, side=64, test=100)
    done = subprocess.run([sys.executable, "-c", PEAK, str(directory), "50"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    peak_mib, examples = (int(n) for n in done.stdout.split())
    assert examples == 3000
    assert peak_mib < 160, f"peak resident memory {peak_mib} MiB"


# ---------------------------------------------------------- files that go bad mid-pass

def test_a_file_cut_short_mid_pass_names_the_file_and_the_example(small: Path):
    path = small / "train_x.h5"
    with h5py.File(path) as f:
        offset = f["train_set_x"].id.get_offset()  # where the pictures start in the file
    batches = open_stream(small).train.batches(16, 1, np.float64)
    next(batches)  # the first window (4 chunks of 16) is read whole
    cut = offset + 100 * 192 + 10  # example 100 of 192 bytes is left with 10 bytes
    os.truncate(path, cut)
    with pytest.raises(InputError) as error:
        for _ in range(20):  # the rest of the pass
            next(batches)
    message = str(error.value)
    assert message.startswith(f"{path}: example ") and "train_set_x" in message
    first = int(message.split("example ")[1].split()[0])
    assert first >= 100 and offset + (first + 1) * 192 > cut  # a missing example
    assert "truncated" in message and "\n" not in message


def damaged(directory: Path, chunk: int) -> Path:
    """A dataset whose training pictures are in gzip chunks of 25, chunk `chunk` damaged."""
    write_dataset(directory, 200, chunks=(25, 8, 8, 3), compression="gzip")
    path = directory / "train_x.h5"
    with h5py.File(path) as f:
        info = f["train_set_x"].id.get_chunk_info(chunk)
    data = bytearray(path.read_bytes())
    for k in range(40):
        data[info.byte_offset + 20 + k] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_chunk_names_its_first_example_read(tmp_path: Path):
    path = damaged(tmp_path / "damaged", chunk=5)  # examples 125 .. 149
    split = open_stream(path.parent).train
    with pytest.raises(InputError, match=rf"^{path}: example (\d+) of train_set_x") as error:
        list(split.blocks(np.float64, size=10))  # blocks of 10 in order: 120 .. 129 first
    assert "example 125 " in str(error.value) and "damaged" in str(error.value)


def test_damage_mid_training_keeps_the_last_good_checkpoint(tmp_path: Path, capsys):
    path = damaged(tmp_path / "damaged", chunk=5)
    model = tmp_path / "model.h5"
    save_checkpoint(model, tg.Network([192, 3, 1]), {"run": "the last good one"})
    before = model.read_bytes()
    status = main(["train", "--data", str(path.parent), "--stream", "--batch-size", "25",
                   "--iterations", "100", "--quiet", "--layers", "192,3,1",
                   "--save", str(model)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"tinygraph train: error: {path}: example 1")  # 125 .. 149
    assert model.read_bytes() == before


def test_save_every_keeps_the_checkpoint_of_the_last_iterations_before_the_damage(
        tmp_path: Path, capsys):
    path = damaged(tmp_path / "damaged", chunk=5)  # examples 125 .. 149
    split = open_stream(path.parent).train

    def first_damaged_batch(seed: int) -> int:
        return min(k for k, rows in enumerate(split.order(batch_size=25, seed=seed))
                   if np.any((rows >= 125) & (rows < 150)))
    # A seed whose first window of four batches is whole: the damage is read with the second.
    seed = next(s for s in range(1, 100) if first_damaged_batch(s) >= 4)
    stops_at = first_damaged_batch(seed) // 4 * 4
    model = tmp_path / "model.h5"
    status = main(["train", "--data", str(path.parent), "--stream", "--batch-size", "25",
                   "--iterations", "100", "--quiet", "--layers", "192,3,1", "--seed", str(seed),
                   "--save", str(model), "--save-every", "2"])
    assert status == 1 and "example 1" in capsys.readouterr().err
    saved = load_checkpoint(model)
    assert saved.metadata["iterations_done"] == stops_at and saved.metadata["iterations"] == 100
    # The parameters are those of `stops_at` iterations: the same run on the same pictures,
    # undamaged, stopped there gives them.
    whole = write_dataset(tmp_path / "whole", 200, chunks=(25, 8, 8, 3), compression="gzip")
    net, _ = train(open_stream(whole), [192, 3, 1], num_iterations=stops_at, batch_size=25,
                   seed=seed)
    for name, p in saved.network().parameters.items():
        np.testing.assert_array_equal(p.value, net.parameters[name].value)


def test_save_every_needs_save(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--save-every", "10"])
    assert exit_.value.code == 2 and "--save-every saves to the file of --save" in (
        capsys.readouterr().err)


def test_a_file_truncated_while_the_command_trains(tmp_path: Path):
    directory = write_dataset(tmp_path / "data", 400)
    model = tmp_path / "model.h5"
    model.write_bytes(b"the last good checkpoint")  # whatever was there stays
    argv = [sys.executable, "-u", "-m", "tinygraph", "train", "--data", str(directory),
            "--stream", "--batch-size", "8", "--iterations", "100000000", "--layers",
            "192,2,1", "--print-cost", "--quiet", "--save", str(model)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()  # printed once training has begun
        assert first.startswith("Cost after iteration 0"), first + process.stderr.read()
        os.truncate(directory / "train_x.h5", (directory / "train_x.h5").stat().st_size // 2)
        start = time.monotonic()
        status = process.wait(timeout=60)
    finally:
        process.kill()
    err = process.stderr.read()
    assert status == 1 and time.monotonic() - start < 60
    assert err.startswith(
        f"tinygraph train: error: {directory / 'train_x.h5'}: example ")
    assert "truncated" in err and err.count("\n") == 1
    assert model.read_bytes() == b"the last good checkpoint"
