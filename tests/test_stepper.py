"""`tinygraph step` in a terminal (driven through a pseudo-terminal with pexpect) and as a
transcript when standard input is not a terminal."""

from __future__ import annotations

import inspect
import io
import re
import subprocess
import sys

import numpy as np
import pexpect
import pytest

from tinygraph.stepper import Stepper, demo_cost

WALK = ["cost", "Z2", "b2", "W2@A1", "W2", "A1", "Z1", "b1", "W1@X", "W1"]
N = len(WALK)


def course_numbers(seed=1, m=3):
    """The demo network's numbers by the course's formulas, in plain NumPy.

    demo_cost draws W[l] = randn(n_l, n_prev) / sqrt(n_prev) (the course's L-layer recipe)
    from RandomState(seed), X = randn(4, m) from another RandomState(seed), Y = 1, 0, 1.
    """
    draw = np.random.RandomState(seed).randn
    W1, W2 = draw(3, 4) / np.sqrt(4), draw(1, 3) / np.sqrt(3)
    X = np.random.RandomState(seed).randn(4, m)
    Y = np.array([[1.0, 0.0, 1.0]])
    Z1 = W1 @ X
    A1 = np.maximum(Z1, 0)
    AL = 1 / (1 + np.exp(-(W2 @ A1)))
    dZ2 = AL - Y                                    # per example, as the course's dZ
    dW2 = dZ2 @ A1.T / m                            # (8)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)                   # (10), (11)
    dW1 = dZ1 @ X.T / m                             # (8)
    return {"W1": W1, "dW1": dW1, "dW2": dW2, "db1": dZ1.sum(axis=1, keepdims=True) / m}


def printed(a):
    return np.array2string(a, precision=5, suppress_small=True, max_line_width=96)


def spawn(tmp_path, *arguments):
    child = pexpect.spawn(sys.executable, ["-m", "tinygraph", "step", *arguments],
                          cwd=str(tmp_path), encoding="utf-8", timeout=60,
                          dimensions=(50, 200))
    child.expect_exact(f"(step 0/{N}) ")
    return child


def command(child, text, processed):
    """Type `text`, return what the stepper printed before its next prompt."""
    child.sendline(text)
    child.expect_exact(f"(step {processed}/{N}) ")
    return child.before.replace("\r\n", "\n")


def test_the_stepper_goes_next_prints_a_node_goes_back_and_quits(tmp_path):
    child = spawn(tmp_path, "--layers", "4,3,1", "--examples", "3")
    out = command(child, "n", 1)
    assert f"step 1/{N}: cost  (cross_entropy)" in out
    assert "dZ2 = (AL - Y) / m   (1, 3) = ((1, 3) - (1, 3)) / 3" in out
    out = command(child, "n", 2)
    assert f"step 2/{N}: Z2  (add_bias, layer 2)" in out and "path      cost -> Z2" in out

    out = command(child, "p W1", 2)
    assert "W1 (parameter, layer 1)" in out  # made by the command, not in the user's code
    W1 = course_numbers()["W1"]
    assert "    " + printed(W1).replace("\n", "\n    ") in out  # 12 numbers: printed in full
    assert "dW1: not computed yet" in out

    out = command(child, "b", 1)
    assert f"back to step 1/{N}" in out and f"step 1/{N}: cost" in out
    out = command(child, "n", 2)
    assert f"step 2/{N}: Z2" in out

    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_formula_where_draw_help_and_continue(tmp_path):
    child = spawn(tmp_path)
    for k in range(1, 5):
        command(child, "n", k)
    out = command(child, "f", 4)  # W2@A1: dW2 = d(W2@A1) @ A1.T with its numbers
    assert "dW2 = d(W2@A1) @ A1.T   (1, 3) = (1, 3) @ (3, 3)   # (8)" in out
    dW2 = course_numbers()["dW2"]
    assert "  dW2 =\n    " + printed(dW2) in out
    assert command(child, "w", 4).strip() == "w\ncost -> Z2 -> W2@A1"

    out = command(child, "d now.svg", 4)
    assert "wrote now.svg" in out
    drawing = (tmp_path / "now.svg").read_text()
    assert "highlight" in drawing and "dW1: pending" in drawing

    assert "b          back one step" in command(child, "h", 4)
    assert "unknown command 'zz'; h for help" in command(child, "zz", 4)
    assert "error: no node named 'W7'" in command(child, "p W7", 4)

    child.sendline("c")
    child.expect_exact(f"(step {N}/{N}) ")
    out = child.before.replace("\r\n", "\n")
    assert f"step {N}/{N}: W1" in out and f"walk finished: {N} steps" in out
    assert "the walk is over" in command(child, "n", N)
    child.sendeof()  # Ctrl-D quits too
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def run_transcript(*arguments):
    result = subprocess.run([sys.executable, "-m", "tinygraph", "step", *arguments],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_without_a_terminal_the_whole_walk_is_printed_one_block_per_step():
    out = run_transcript("--layers", "4,3,1", "--examples", "3")
    blocks = [b for b in out.split("\n\n") if b.startswith("step ")]
    assert [re.match(r"step (\d+)/10: (\S+)", b).groups() for b in blocks] == [
        (str(k), name) for k, name in enumerate(WALK, start=1)]
    # the parameters' gradients in the transcript are the course's, computed by hand above
    numbers = course_numbers()
    for name in ("dW1", "dW2", "db1"):
        block = next(b for b in blocks if b.split(": ")[1].startswith(name[1:] + " "))
        text = block.split(f"  {name} = ", 1)[1]
        assert re.sub(r"\s+", " ", text) == re.sub(r"\s+", " ", printed(numbers[name]))
    assert out.rstrip().endswith("dW1 (3, 4)")
    assert "walk finished: 10 steps" in out


@pytest.mark.parametrize("activation, rule", [
    ("tanh", "dZ1 = dA1 * (1 - A1**2)   (5, 4) = (5, 4) * (1 - (5, 4)**2)"),
    ("leaky_relu", "dZ1 = dA1 * np.where(Z1 > 0, 1, 0.01)   (5, 4) = (5, 4) * np.where((5, 4) > 0"),
])
def test_the_transcript_of_a_network_with_a_learners_op(activation, rule):
    out = run_transcript("--layers", "6,5,1", "--examples", "4", "--activation", activation)
    assert f"step 6/10: A1  ({activation}, layer 1)" in out and rule in out


def test_demo_cost_rejects_what_it_cannot_build():
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        demo_cost(activation="gelu")
    with pytest.raises(ValueError, match="layer_dims must list at least two"):
        demo_cost([4])


def test_bad_arguments_exit_2_and_errors_exit_1_with_one_line(tmp_path):
    bad = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--layers", "4,x"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "give at least two positive sizes" in bad.stderr
    missing = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--model",
                              str(tmp_path / "none.h5")], stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
    assert missing.stderr.startswith("tinygraph step: error: ") and "none.h5" in missing.stderr


def test_gradcheck_command_prints_a_table_and_passes_the_course_network():
    result = subprocess.run([sys.executable, "-m", "tinygraph", "gradcheck", "--layers",
                             "5,4,3,1", "--examples", "4"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("parameters drawn with init app: randn / sqrt(n_prev) (App "
                        "initialize_parameters_deep); seed 1")
    assert lines[1].split() == ["parameter", "shape", "checked", "relative", "difference"]
    assert [line.split()[0] for line in lines[2:8]] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert all(float(line.split()[-2]) < 2e-7 and line.endswith("ok") for line in lines[2:8])


@pytest.mark.parametrize("init", ["two_layer", "deep", "he"])
def test_gradcheck_command_passes_under_every_init(init):
    # The course's small inits give gradients of 1e-8..1e-4: the course's 2e-7 alone flags
    # them, and the command used to pass only because it drew with the app recipe.
    result = subprocess.run([sys.executable, "-m", "tinygraph", "gradcheck", "--layers",
                             "500,7,1", "--init", init, "--examples", "5"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"parameters drawn with init {init}: ")
    assert "4 parameters agree with central differences" in result.stdout


def test_the_stepper_runs_on_your_own_graph_from_python_and_says_where_you_made_it():
    line = inspect.currentframe().f_lineno + 1
    cost = demo_cost([4, 3, 1], examples=3)
    typed = ["n", "n", "n", "n", "n", "p dW2", "p X"]
    prompts = []

    def read(prompt):
        prompts.append(prompt)
        if not typed:
            raise EOFError  # as Ctrl-D
        return typed.pop(0)

    out = io.StringIO()
    assert Stepper(cost, out=out, read=read).run() == 0
    text = out.getvalue()
    assert prompts[0] == "(step 0/10) " and prompts[-1] == "(step 5/10) "
    assert "W2 (parameter, layer 2, created at " in text and f"test_stepper.py:{line})" in text
    dW2 = course_numbers()["dW2"]
    assert "  dW2 (1, 3) =\n    " + printed(dW2) in text  # `p dW2`: W2 and its gradient
    assert "dX: none, data needs no gradient" in text


def test_step_through_a_trained_checkpoint(tmp_path):
    from tinygraph.io import save_checkpoint
    from tinygraph.nn import Network

    path = tmp_path / "model.h5"
    save_checkpoint(path, Network([5, 4, 1], init="he", seed=3))
    out = run_transcript("--model", str(path), "--examples", "2")
    assert "step 10/10: W1  (parameter, layer 1)" in out
    assert "dW1 = d(W1@X) @ X.T   (4, 5) = (4, 2) @ (2, 5)   # (8)" in out


def test_frames_and_html_together_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--frames",
                             str(tmp_path / "f"), "--html", str(tmp_path / "p.html")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "tinygraph step: error: give --frames or --html, not both (run " \
                            "twice for both)\n"


def test_gradcheck_command_samples_entries_of_a_big_parameter():
    result = subprocess.run([sys.executable, "-m", "tinygraph", "gradcheck", "--layers",
                             "12000,2,1", "--examples", "2"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[2].split()[:6] == ["W1", "(2,", "12000)", "50", "of", "24000"]
    assert [line.split()[0] for line in lines[3:6]] == ["b1", "W2", "b2"]
    assert "checked 55 of 24,005 entries, at random" in result.stdout


def test_step_through_the_courses_two_layer_model_on_its_pictures(course_data_dir):
    out = run_transcript("--data", str(course_data_dir), "--layers", "12288,7,1",
                         "--examples", "4")
    assert "dW1 = d(W1@X) @ X.T   (7, 12288) = (7, 4) @ (4, 12288)   # (8)" in out
    wrong = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--data",
                            str(course_data_dir)], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 1
    assert "the network takes 4 inputs per example but the data in" in wrong.stderr
    assert "give --layers starting with 12288" in wrong.stderr


def test_a_checkpoint_is_stepped_on_the_data_it_was_trained_on(tmp_path, course_data_dir):
    from tinygraph.io import save_checkpoint
    from tinygraph.nn import Network

    def notes(metadata):
        path = tmp_path / "model.h5"
        save_checkpoint(path, Network([12288, 3, 1], init="he", seed=3), metadata)
        result = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--model",
                                 str(path), "--examples", "2"], stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "dW1 = d(W1@X) @ X.T   (3, 12288) = (3, 2) @ (2, 12288)   # (8)" in result.stdout
        return result.stderr.strip()

    course = str(course_data_dir.resolve())
    assert notes({"data": course}) == (
        f"tinygraph step: stepping {tmp_path / 'model.h5'} on the first 2 training pictures "
        f"of {course} (the data it was trained on)")
    assert notes({"data": "built-in shapes (seed 2)"}).endswith(
        "of built-in shapes (seed 2) (the data it was trained on)")
    assert notes({"data": str(tmp_path / "gone")}).endswith(
        f"of built-in shapes (seed 1) (it was trained on {tmp_path / 'gone'}, which is not here)")
    assert notes({}).endswith("(the checkpoint does not say what it was trained on)")
