"""`tinygraph train`, `predict` and `data` as a user types them: files written, numbers
printed, one-line errors with exit status 1, bad arguments with exit status 2."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tinygraph.cli import main
from tinygraph.data import builtin_dataset
from tinygraph.io import load_checkpoint

PNG = b"\x89PNG\r\n\x1a\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """One short run on the built-in data, with every output file asked for."""
    out = tmp_path_factory.mktemp("run") / "out" / "demo"
    status = main(["train", "--iterations", "120", "--quiet", "--report",
                   str(out / "report.json"), "--save", str(out / "model.h5"), "--plot",
                   str(out / "costs.png"), "--mislabelled", str(out / "wrong.png")])
    assert status == 0
    return out


def test_train_on_builtin_data_writes_a_valid_report(trained: Path) -> None:
    report = json.loads((trained / "report.json").read_text())
    assert report["layers"] == [12288, 20, 7, 5, 1]  # n_x from the 64x64x3 pictures
    assert [i for i, _ in report["costs"]] == [0, 100, 119]
    assert all(isinstance(c, float) and c > 0 for _, c in report["costs"])
    for split, m in (("train", 300), ("test", 100)):
        assert report[f"{split}_examples"] == m
        assert report[f"{split}_accuracy"] == report[f"{split}_correct"] / m
    assert 0 < report["seconds_per_iteration"] < 5
    assert report["classes"] == ["square", "circle"] and report["dtype"] == "float64"


def test_train_writes_model_and_pictures_in_new_directories(trained: Path) -> None:
    checkpoint = load_checkpoint(trained / "model.h5")
    assert checkpoint.layer_dims == [12288, 20, 7, 5, 1] and checkpoint.init == "app"
    assert checkpoint.metadata["image_shape"] == [64, 64, 3]
    assert (trained / "costs.png").read_bytes()[:8] == PNG
    assert (trained / "wrong.png").read_bytes()[:8] == PNG


def test_the_saved_model_predicts_what_training_measured(trained: Path, tmp_path: Path,
                                                         capsys) -> None:
    run(capsys, "data", "make", tmp_path / "shapes")
    status, out, _ = run(capsys, "predict", "--model", trained / "model.h5", "--data",
                         tmp_path / "shapes")
    report = json.loads((trained / "report.json").read_text())
    assert status == 0
    assert f"train accuracy {report['train_accuracy']:.4f} " in out
    assert f"({report['test_correct']}/100)" in out


def test_predict_own_pictures(trained: Path, tmp_path: Path, capsys) -> None:
    from PIL import Image

    data = builtin_dataset()
    checkpoint = load_checkpoint(trained / "model.h5")
    net = checkpoint.network()
    paths = []
    for k in (0, 1):
        picture = np.rint(data.image(data.test_x[:, k]) * 255).astype(np.uint8)
        paths.append(tmp_path / f"picture{k}.png")
        Image.fromarray(picture).save(paths[-1])
    # Also a bigger picture: it is resized to the model's 64x64 input, as the course does.
    Image.fromarray(np.zeros((200, 120, 3), np.uint8)).save(tmp_path / "big.jpg")
    status, out, _ = run(capsys, "predict", "--model", trained / "model.h5", *paths,
                         tmp_path / "big.jpg")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 3 and lines[2].startswith(f"{tmp_path / 'big.jpg'}: ")
    # A lossless 64x64 PNG of a test picture gives that picture's own probability.
    AL = net.forward(data.test_x[:, :2]).value[0]
    for k in (0, 1):
        name = data.classes[int(AL[k] > 0.5)]
        assert lines[k] == f"{paths[k]}: {name} (probability of circle: {AL[k]:.4f})"


def test_two_layer_layers_start_from_log_2(tmp_path: Path, capsys) -> None:
    # randn * 0.01 weights make every AL close to 1/2, so the first cost is close to log 2.
    status, out, _ = run(capsys, "train", "--layers", "12288,7,1", "--iterations", "1",
                         "--quiet", "--report", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert status == 0 and report["init_recipe"] == "two_layer"
    assert report["costs"][0][1] == pytest.approx(math.log(2), abs=1e-3)
    assert "trained [12288, 7, 1]" in out


def test_float32_mini_batches(tmp_path: Path, capsys) -> None:
    status, _, _ = run(capsys, "train", "--layers", "12288,5,1", "--iterations", "30",
                       "--batch-size", "64", "--dtype", "float32", "--quiet", "--save",
                       tmp_path / "m.h5", "--report", tmp_path / "r.json")
    assert status == 0
    assert load_checkpoint(tmp_path / "m.h5").parameters["W1"].dtype == np.float32
    assert json.loads((tmp_path / "r.json").read_text())["batch_size"] == 64


def test_data_make_and_info(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "data", "make", tmp_path / "shapes", "--seed", "4")
    assert status == 0 and "train_shapes.h5" in out and "test_shapes.h5" in out
    status, out, _ = run(capsys, "data", "info", tmp_path / "shapes")
    assert status == 0
    assert "300 train, 100 test, 64x64x3" in out and "train: 150 circle (1), 150 square" in out


# -------------------------------------------------------------------------- errors

@pytest.mark.parametrize("argv", [
    ["train", "--iterations", "0"],
    ["train", "--iterations", "many"],
    ["train", "--layers", "12288"],
    ["train", "--layers", "12288,x,1"],
    ["train", "--learning-rate", "-0.1"],
    ["train", "--dtype", "float16"],
    ["train", "--init", "glorot"],
    ["train", "--batch-size", "0"],
    ["train", "--seed", "-1"],
    ["step", "--seed", "4294967296"],
    ["train", "--no-such-flag"],
    ["predict", "--data", "d"],
    ["predict", "--model", "m.h5"],
    ["predict", "--model", "m.h5", "--data", "d", "cat.jpg"],
    ["data"],
])
def test_bad_arguments_exit_2(argv, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("tinygraph")
    assert "error:" in err.splitlines()[-1]


def one_line_error(capsys, *argv) -> str:
    status, _, err = run(capsys, *argv)
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"tinygraph {argv[0]}: error: "), err
    return lines[0]


def test_errors_are_one_line_with_status_1(tmp_path: Path, trained: Path, capsys) -> None:
    assert "no such directory" in one_line_error(capsys, "train", "--data",
                                                  tmp_path / "nowhere")
    assert "n_x = 12288" in one_line_error(capsys, "train", "--layers", "100,1")
    assert "no such file" in one_line_error(capsys, "predict", "--model", tmp_path / "x.h5",
                                            "cat.jpg")
    (tmp_path / "notes.txt").write_text("not a picture")
    assert "cannot be read as an image" in one_line_error(
        capsys, "predict", "--model", trained / "model.h5", tmp_path / "notes.txt")
    run(capsys, "data", "make", tmp_path / "shapes")
    assert "not a tinygraph checkpoint" in one_line_error(
        capsys, "predict", "--model", tmp_path / "shapes" / "train_shapes.h5", "--data",
        tmp_path / "shapes")


def test_unwritable_outputs_stop_before_training(tmp_path: Path, capsys) -> None:
    (tmp_path / "a_file").write_text("")
    line = one_line_error(capsys, "train", "--save", tmp_path / "a_file" / "model.h5")
    assert "cannot create the directory" in line
    assert "is a directory" in one_line_error(capsys, "train", "--report", tmp_path)


def test_predict_on_pictures_of_another_size(trained: Path, tmp_path: Path, capsys) -> None:
    import h5py

    for split in ("train", "test"):
        with h5py.File(tmp_path / f"{split}_small.h5", "w") as f:
            f[f"{split}_set_x"] = np.zeros((2, 8, 8, 3), np.uint8)
            f[f"{split}_set_y"] = np.array([0, 1])
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    line = one_line_error(capsys, "predict", "--model", trained / "model.h5", "--data",
                          tmp_path)
    assert "takes 12288 inputs per example" in line and "has 192 (8x8x3 pictures)" in line


def test_init_choices_reach_the_network(tmp_path: Path, capsys) -> None:
    status, _, _ = run(capsys, "train", "--layers", "12288,3,1", "--init", "xavier",
                       "--iterations", "1", "--quiet", "--save", tmp_path / "m.h5")
    W1 = load_checkpoint(tmp_path / "m.h5").parameters["W1"]
    assert status == 0 and load_checkpoint(tmp_path / "m.h5").init == "xavier"
    # One small step away from randn / sqrt(12288): the spread is the recipe's, not 0.01's.
    assert W1.std() == pytest.approx(1 / np.sqrt(12288), rel=0.05)


def test_missing_matplotlib_stops_before_training(tmp_path: Path, capsys,
                                                  monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    line = one_line_error(capsys, "train", "--plot", tmp_path / "c.png")
    assert "pip install 'tinygraph[plot]'" in line


def test_python_dash_m_and_help() -> None:
    for command in ("train", "predict", "data"):
        result = subprocess.run([sys.executable, "-m", "tinygraph", command, "--help"],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "usage: tinygraph " + command in result.stdout


# --------------------------------------------------------------- training that blows up

def test_a_diverging_run_exits_1_and_writes_nothing(tmp_path: Path, capsys) -> None:
    (tmp_path / "m.h5").write_bytes(b"the previous model")
    line = one_line_error(capsys, "train", "--learning-rate", "1e30", "--dtype", "float32",
                          "--iterations", "3", "--quiet", "--save", tmp_path / "m.h5",
                          "--report", tmp_path / "r.json")
    assert "diverged" in line and "at iteration 1 " in line and "learning rate 1e+30" in line
    assert "try a smaller learning rate, e.g. 1e+29" in line
    assert (tmp_path / "m.h5").read_bytes() == b"the previous model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.h5"]


def test_a_climbing_but_finite_cost_is_one_warning_line(tmp_path: Path, capsys) -> None:
    status, out, err = run(capsys, "train", "--learning-rate", "1e6", "--layers", "12288,3,1",
                           "--iterations", "5", "--quiet", "--report", tmp_path / "r.json")
    assert status == 0
    assert err.splitlines() == [line for line in err.splitlines()
                                if line.startswith("tinygraph train: warning: the cost jumped")]
    assert len(err.splitlines()) == 1 and "learning rate 1e+06" in err
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["warnings"] == [err.strip().removeprefix("tinygraph train: warning: ")]


# ------------------------------------------------------------ outputs that cannot be written

def test_a_read_only_output_is_refused_before_training_unless_forced(tmp_path: Path,
                                                                      capsys) -> None:
    model = tmp_path / "m.h5"
    model.write_bytes(b"kept")
    model.chmod(0o444)
    status, out, err = run(capsys, "train", "--iterations", "1", "--quiet", "--save", model)
    assert status == 1 and out == "", "refused before training"
    assert "m.h5: is read-only, so it is not replaced" in err and "--force" in err
    assert model.read_bytes() == b"kept"
    status, out, _ = run(capsys, "train", "--layers", "12288,1", "--iterations", "1",
                         "--quiet", "--save", model, "--force")
    assert status == 0 and load_checkpoint(model).layer_dims == [12288, 1]
    assert model.stat().st_mode & 0o777 == 0o444, "still read-only, as the user made it"


def test_a_directory_that_cannot_be_written_is_said_before_training(capsys) -> None:
    # /sys refuses new files even to root (for whom permission bits do not count).
    line = one_line_error(capsys, "train", "--report", "/sys/report.json")
    assert "cannot write in /sys" in line


def test_a_report_to_a_device_is_written_in_place(tmp_path: Path, capsys) -> None:
    argv = ["train", "--iterations", "1", "--layers", "12288,1", "--quiet"]
    line = one_line_error(capsys, *argv, "--report", "/dev/full")  # a device always full
    assert line == ("tinygraph train: error: /dev/full: cannot be written (No space left on "
                    "device: the disk is full or a file-size limit (ulimit -f) was reached)")
    assert Path("/dev/full").is_char_device(), "the device is still there, not replaced"
    # `--report /dev/stdout > out.txt`: the summary, then the report, in the one file.
    with open(tmp_path / "out.txt", "w") as out:
        done = subprocess.run([sys.executable, "-m", "tinygraph", *argv, "--report",
                               "/dev/stdout"], stdout=out, timeout=120)
    text = (tmp_path / "out.txt").read_text()
    assert done.returncode == 0 and text.startswith("trained [12288, 1]")
    report = json.loads(text[text.index("\n{") + 1:text.rindex("}") + 1])
    assert report["layers"] == [12288, 1]
