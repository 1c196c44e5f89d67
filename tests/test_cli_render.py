"""`tinygraph render`: what a newcomer types, what lands on disk, and the errors they see."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys

import pytest

import tinygraph as tg
from tinygraph.cli import main


def svg_text(path) -> str:
    return html.unescape(path.read_text())  # "->" is "&#45;&gt;" in SVG


def test_render_with_grads_draws_the_course_network_like_make_demo(dot_program, tmp_path,
                                                                  capsys):
    out = tmp_path / "out" / "demo" / "network.svg"  # parents do not exist yet
    assert main(["render", "--grads", "-o", str(out)]) == 0
    text = svg_text(out)
    # The default is the course's L-layer network [12288, 20, 7, 5, 1].
    for label in ["Layer 1: LINEAR -> RELU", "Layer 3: LINEAR -> RELU",
                  "Layer 4: LINEAR -> SIGMOID", "W[1]", "parameter (20, 12288)",
                  "parameter (7, 20)", "parameter (5, 7)", "parameter (1, 5)", "X = A[0]"]:
        assert label in text
    assert "Layer 5" not in text
    assert re.search(r"dW1: \(20, 12288\), \|g\| = [0-9.e-]+", text)
    assert "not computed yet" not in text and "pending" not in text
    printed = capsys.readouterr().out
    assert str(out) in printed and "gradients after one forward/backward pass" in printed


def test_without_grads_no_gradient_is_drawn(dot_program, tmp_path):
    out = tmp_path / "net.svg"
    assert main(["render", "--layers", "12288,7,1", "-o", str(out)]) == 0
    text = svg_text(out)
    assert "Layer 2: LINEAR -> SIGMOID" in text and "parameter (7, 12288)" in text
    assert "|g|" not in text and "dW1:" not in text  # (the tooltips name the rule for dW1)


def test_compact_and_examples(dot_program, tmp_path):
    out = tmp_path / "net.dot"  # the DOT source itself: no layout needed to check it
    assert main(["render", "--compact", "--examples", "8", "-o", str(out)]) == 0
    source = out.read_text()
    assert len(re.findall(r"^\s*layer\d+ \[", source, re.M)) == 4
    assert "X = A[0]\\n(12288, 8)" in source  # the network view: X and its shape


def test_the_course_data_sets_m(course_data_dir, tmp_path):
    out = tmp_path / "net.dot"
    assert main(["render", "--data", str(course_data_dir), "-o", str(out)]) == 0
    assert "data (12288, 209)" in out.read_text()  # the course's 209 training pictures


def test_a_checkpoint_is_drawn_with_its_own_layers(tmp_path):
    from tinygraph.io import save_checkpoint

    model = tmp_path / "model.h5"
    save_checkpoint(model, tg.Network([12288, 3, 2, 1], init="he"))
    out = tmp_path / "model.dot"
    assert main(["render", "--model", str(model), "--grads", "-o", str(out)]) == 0
    source = out.read_text()
    assert "Layer 3: LINEAR -> SIGMOID" in source and "Layer 4" not in source
    assert "parameter (3, 12288)" in source and "dW3: (1, 2), |g| = " in source


@pytest.mark.parametrize("argv", [
    ["--layers", "12288"],               # one size is not a network
    ["--layers", "12288,x,1"],
    ["--layers", "12288,0,1"],
    ["--examples", "0"],
    ["--layers", "12288,7,1", "--model", "m.h5"],  # one or the other
])
def test_bad_arguments_exit_2(argv, tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["render", *argv, "-o", str(tmp_path / "x.svg")])
    assert caught.value.code == 2
    assert "tinygraph render: error:" in capsys.readouterr().err


@pytest.mark.parametrize("argv, words", [
    (["--layers", "5,3,1", "--data", "no-such-dir"], "no-such-dir: no such directory"),
    (["-o", "net.txt"], "extension must be one of .svg, .png, .pdf, .dot"),
    (["--model", "no-such-model.h5"], "no-such-model.h5"),
])
def test_bad_input_is_one_line_and_exit_1(argv, words, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tinygraph render: error: ") and words in err
    assert err.count("\n") == 1


def test_missing_dot_writes_the_source_and_says_how_to_install(tmp_path):
    # A real process with an empty PATH: no `dot` can be found.
    out = tmp_path / "out" / "network.svg"
    env = {**os.environ, "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "tinygraph", "render", "--layers", "12288,7,1",
                           "-o", str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    for fix in ["apt-get install graphviz", "brew install graphviz", "conda install"]:
        assert fix in done.stderr
    assert (tmp_path / "out" / "network.dot").read_text().startswith("digraph")
    assert not out.exists()


def test_version_is_the_packages():
    import re
    import subprocess
    import sys
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    (expected,) = re.findall(r'^version = "([^"]+)"', pyproject, re.M)
    result = subprocess.run([sys.executable, "-m", "tinygraph", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == f"tinygraph {expected}\n"
