"""The course's Application notebook on the real cat/non-cat data: tinygraph's models must
give the course's numbers (COURSE.md): costs to 1e-9, accuracies exactly.

The full 2,500-iteration runs take tens of seconds each; they are marked slow and still run
in CI (`make test` runs everything)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tinygraph.cli import main
from tinygraph.data import load_dataset
from tinygraph.notebook import L_layer_model, predict, two_layer_model
from tinygraph.train import train

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "reproduce_course.py"


@pytest.fixture(scope="module")
def course(course_data_dir: Path):
    return load_dataset(course_data_dir)


def correct(p: np.ndarray, y: np.ndarray) -> int:
    return int(np.sum(p == y))


def last_printed_cost(capsys, i: int) -> float:
    """The course prints the last iteration's cost ("Cost after iteration 2499: ...")."""
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith(f"Cost after iteration {i}: ")
    return float(line.split(": ")[1])


@pytest.mark.slow
def test_two_layer_model_reproduces_the_course(course, capsys) -> None:
    parameters, costs = two_layer_model(course.train_x, course.train_y, (12288, 7, 1),
                                        num_iterations=2500, print_cost=True)
    assert len(costs) == 25  # i = 0, 100, ..., 2400: the course prints 2499, records no entry
    assert costs[0] == pytest.approx(0.693049735659989, abs=1e-9)
    assert last_printed_cost(capsys, 2499) == pytest.approx(0.04421498215868956, abs=1e-9)
    assert correct(predict(course.train_x, course.train_y, parameters), course.train_y) == 209
    assert correct(predict(course.test_x, course.test_y, parameters), course.test_y) == 36
    assert capsys.readouterr().out.splitlines()[-1] == "Accuracy: 0.72"


@pytest.mark.slow
def test_L_layer_model_reproduces_the_course(course, capsys) -> None:
    parameters, costs = L_layer_model(course.train_x, course.train_y, [12288, 20, 7, 5, 1],
                                      num_iterations=2500, print_cost=True)
    assert len(costs) == 25
    assert costs[0] == pytest.approx(0.7717493284237686, abs=1e-9)
    assert last_printed_cost(capsys, 2499) == pytest.approx(0.08843994344170202, abs=1e-9)
    # The course's own run rises between i=800 and i=900; it is not monotonic.
    assert costs[9] > costs[8]
    assert correct(predict(course.train_x, course.train_y, parameters), course.train_y) == 206
    assert correct(predict(course.test_x, course.test_y, parameters), course.test_y) == 40


@pytest.mark.slow
def test_float32_training_reaches_the_course_test_accuracy(course_data_dir: Path) -> None:
    data32 = load_dataset(course_data_dir, dtype=np.float32)
    net, report = train(data32, [12288, 7, 1], dtype="float32", num_iterations=2500,
                        progress=False)
    assert net.values()["W1"].dtype == np.float32
    assert abs(report["test_accuracy"] - 0.72) <= 0.02  # the course's 36/50, within 2 points
    assert report["costs"][0][1] == pytest.approx(0.693049735659989, abs=1e-6)
    # Rounding to float32 moves the path a little, not where it ends.
    assert report["costs"][-1][1] == pytest.approx(0.04421498215868956, rel=0.05)


def test_the_first_costs_are_the_course_printed_ones(course) -> None:
    # The notebook prints "Cost after iteration 0: ..." and "... 100: ..." with these.
    _, costs = two_layer_model(course.train_x, course.train_y, (12288, 7, 1),
                               num_iterations=101)
    assert costs == pytest.approx([0.693049735659989, 0.6464320953428849], abs=1e-12)
    _, costs = L_layer_model(course.train_x, course.train_y, [12288, 20, 7, 5, 1],
                             num_iterations=101)
    assert costs == pytest.approx([0.7717493284237686, 0.6720534400822914], abs=1e-12)


def test_tinygraph_train_defaults_are_the_course_l_layer_model(course_data_dir: Path,
                                                                tmp_path: Path) -> None:
    status = main(["train", "--data", str(course_data_dir), "--iterations", "101", "--quiet",
                   "--report", str(tmp_path / "report.json")])
    report = json.loads((tmp_path / "report.json").read_text())
    assert status == 0 and report["layers"] == [12288, 20, 7, 5, 1]
    assert report["learning_rate"] == 0.0075
    assert [c for _, c in report["costs"]] == pytest.approx(
        [0.7717493284237686, 0.6720534400822914], abs=1e-12)


def test_the_example_script_runs(course_data_dir: Path) -> None:
    result = subprocess.run([sys.executable, str(EXAMPLE), str(course_data_dir),
                             "--iterations", "2"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "0.693049735659989" in result.stdout and "0.7717493284237686" in result.stdout
