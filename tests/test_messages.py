"""The messages a newcomer meets first, each saying what to write instead."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import tinygraph as tg
from tinygraph.train import fit


def tinygraph(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tinygraph", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_examples_as_rows_are_asked_about_as_columns():
    net = tg.Network([5, 3, 1])
    with pytest.raises(tg.ShapeError, match=r"columns are examples: X\.T\?"):
        net.cost(np.ones((7, 5)), np.ones((1, 7)))
    with pytest.raises(tg.InputError, match=r"columns are examples: X\.T\?"):
        fit(net, np.ones((7, 5)), np.ones((1, 7)), progress=False)


def test_labels_of_shape_m_are_told_to_reshape():
    net = tg.Network([5, 3, 1])
    with pytest.raises(tg.ShapeError, match=r"Y\.reshape\(1, -1\)"):
        net.cost(np.ones((5, 7)), np.ones(7))
    with pytest.raises(tg.InputError, match=r"Y\.reshape\(1, -1\)"):
        fit(net, np.ones((5, 7)), np.ones(7), progress=False)


def test_a_float_among_the_sizes_is_named():
    with pytest.raises(tg.InputError, match=r"layer_dims\[2\] is 1\.0 \(a float\): write 1"):
        tg.Network([3, 4, 1.0])


@pytest.mark.parametrize("learning_rate, suggested", [(5.0, "0.0075, the course's"),
                                                       (0.005, "0.0005")])
def test_divergence_suggests_the_courses_rate_not_a_tenth_each_time(learning_rate, suggested):
    X = np.random.default_rng(0).normal(size=(4, 20)) * 50
    Y = (np.arange(20) % 2).reshape(1, 20)
    net = tg.Network([4, 8, 1], init="he")
    net.parameters["W1"].value *= 1e200  # a NaN cost in the first iterations, whatever the rate
    with pytest.raises(tg.errors.DivergenceError, match=f"e.g. {suggested}"):
        fit(net, X, Y, learning_rate=learning_rate, num_iterations=5, progress=False)


@pytest.mark.parametrize("command", ["render", "step", "gradcheck", "train"])
def test_every_command_takes_the_same_layers_with_the_same_message(command, tmp_path):
    two_outputs = tinygraph(command, "--layers", "4,3,2", cwd=tmp_path)
    assert two_outputs.returncode == 2
    assert "'4,3,2': the output is one sigmoid unit (cat or not), so the last size must be 1" \
        in two_outputs.stderr
    one_size = tinygraph(command, "--layers", "4", cwd=tmp_path)
    assert one_size.returncode == 2 and "give at least two positive sizes" in one_size.stderr


def test_render_draws_a_small_network_on_random_examples_as_step_steps_it(tmp_path,
                                                                          dot_program):
    drawn = tinygraph("render", "--layers", "4,3,1", "-o", "net.dot", cwd=tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    assert "3 random examples" in drawn.stdout and (tmp_path / "net.dot").exists()


def test_the_stepper_summary_shows_every_line_of_each_rule():
    from tinygraph.stepper import Stepper, demo_cost

    said = []
    stepper = Stepper(demo_cost([4, 3, 1]), out=None, read=lambda _: "q")
    stepper.say = said.append
    stepper.finish()
    text = "\n".join(said)
    assert "dW2 = d(W2@A1) @ A1.T" in text and "dA1 = W2.T @ d(W2@A1)" in text  # both of (8) (10)


def test_the_gradcheck_command_says_its_own_option_for_every_entry(tmp_path):
    out = tinygraph("gradcheck", "--layers", "30,20,1", "--max-entries", "5", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "--all checks every entry" in out.stdout and "max_entries=None" not in out.stdout
    report = tg.gradcheck(tg.stepper.demo_cost([30, 20, 1]), max_entries=5)
    assert "gradcheck(cost, max_entries=None) checks every entry" in report.table()


def test_a_file_that_is_no_picture_is_quoted_as_it_is_named(tmp_path):
    pytest.importorskip("PIL", reason="the image extra (make test installs it)")
    from tinygraph.cli.images import read_picture

    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(tg.InputError) as raised:
        read_picture(tmp_path / "notes.txt", (64, 64, 3))
    message = str(raised.value)
    assert "notes.txt')" in message and message.count("'") % 2 == 0
