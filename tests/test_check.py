"""`tinygraph check`: a learner's own course functions against tinygraph.notebook.

The learner files in tests/learners/ are written the way learners write them: one right
file (also as a notebook with a cell that never finishes), and one wrong file per mistake of
the catalog. The expected hints are the catalog's; the numbers are the reference's, which
tests/test_course_sbs.py holds against the course's published ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tinygraph as tg
from tinygraph.checker import CheckError, check, check_function
from tinygraph.checker.cases import cases, course_case
from tinygraph.checker.course import FUNCTIONS, MODULE_NAMES, reference
from tinygraph.checker.load import load
from tinygraph.checker.mistakes import CATALOG
from tinygraph.checker.supplied import course_modules
from tinygraph.cli import main
from tinygraph.views.checker import report_html

LEARNERS = Path(__file__).parent / "learners"
SBS_AND_APP = [f for f in FUNCTIONS if f != "predict"]


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The command as a user runs it; a timeout fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "tinygraph", "check", *args],
                          capture_output=True, text=True, timeout=timeout)


# ------------------------------------------------------------------------- the right file

@pytest.mark.parametrize("name", ["correct.py", "correct.ipynb"])
def test_a_right_file_is_all_ok(name):
    report = check(LEARNERS / name)
    assert {r.name: r.status for r in report.functions} == {
        **{f: "ok" for f in SBS_AND_APP}, "predict": "missing"}
    assert report.exit_status == 0


def test_the_notebook_cell_that_never_finishes_is_never_run():
    # The notebook's last code cell is `while True: pass` after a 2,500-iteration training:
    # run, it would never return; checked, the whole command takes seconds.
    text = (LEARNERS / "correct.ipynb").read_text()
    assert "while True:" in text
    done = run_cli(str(LEARNERS / "correct.ipynb"), timeout=120)
    assert done.returncode == 0, done.stderr
    assert "12 ok, 0 differ, 0 raised, 1 not found" in done.stdout


def test_only_definitions_run(tmp_path):
    marker = tmp_path / "ran"
    learner = tmp_path / "mine.py"
    learner.write_text(
        "import numpy as np\n"
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "sizes = [3, 2 * 2, -1]\n"
        "parameters = initialize_parameters(3, 2, 1)\n"
        "def initialize_parameters(n_x, n_h, n_y):\n"
        "    raise SystemExit('not called at load time')\n"
        "if True:\n"
        "    open('also-not-run', 'w')\n")
    module = load(learner).module
    assert not marker.exists()
    assert module.sizes == [3, 4, -1] and "parameters" not in vars(module)
    assert callable(module.initialize_parameters)


def test_the_course_modules_are_there_only_during_a_check():
    before = {name: sys.modules.get(name) for name in MODULE_NAMES}
    with course_modules():
        from dnn_utils import relu, sigmoid_backward

        A, cache = relu(np.array([[-1.0, 2.0]]))
        assert A.tolist() == [[0.0, 2.0]] and cache.tolist() == [[-1.0, 2.0]]
        s = 1 / (1 + np.exp(-0.5))
        assert sigmoid_backward(np.array([[2.0]]), np.array([[0.5]]))[0, 0] == pytest.approx(
            2 * s * (1 - s))
    check(LEARNERS / "correct.py")
    assert {name: sys.modules.get(name) for name in MODULE_NAMES} == before


def test_the_course_test_inputs_are_the_course_s():
    # The expected values published with the course (COURSE.md), from our copies of its inputs.
    Z, _ = reference("linear_forward")(*course_case("linear_forward").args)
    np.testing.assert_allclose(Z, [[3.26295337, -1.23429987]], atol=1e-8)
    sig, relu = cases("linear_activation_forward")[:2]
    np.testing.assert_allclose(reference("linear_activation_forward")(*sig.args)[0],
                               [[0.96890023, 0.11013289]], atol=1e-8)
    np.testing.assert_allclose(reference("linear_activation_forward")(*relu.args)[0],
                               [[3.43896131, 0.0]], atol=1e-8)
    AL, caches = reference("L_model_forward")(*course_case("L_model_forward").args)
    np.testing.assert_allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]],
                               atol=1e-8)
    _, dW, db = reference("linear_backward")(*course_case("linear_backward").args)
    np.testing.assert_allclose(db.ravel(), [-0.14713786, -0.11313155, -0.13209101], atol=1e-8)
    np.testing.assert_allclose(dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362,
                                       0.00785716], atol=1e-8)
    AL, Y = course_case("compute_cost").args  # J = -(1/m) sum(...) (7), by hand
    by_hand = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3
    assert float(reference("compute_cost")(AL, Y)) == pytest.approx(by_hand, abs=1e-12)


def test_the_random_cases_cover_1_to_5_layers_and_m_1_to_64():
    shapes = set()
    for case in cases("L_model_backward")[1:]:
        AL, Y, caches = case.args
        shapes.add((len(caches), AL.shape[1]))
        for (A_prev, W, b), Z in caches:  # caches not made by a forward pass
            assert not np.allclose(Z, W @ A_prev + b)
    assert {layers for layers, _ in shapes} >= {1, 5}
    assert {m for _, m in shapes} >= {1, 64}


# ------------------------------------------------------------------------ the catalog

# (file in tests/learners, the function that is wrong, its status, the explanation's key)
WRONG = [
    ("wrong_db_axis_0.py", "linear_backward", "differs", "db:summed over axis 0 (9)"),
    ("wrong_db_without_keepdims.py", "linear_backward", "differs", "db:keepdims dropped (9)"),
    ("wrong_db_sum_all.py", "linear_backward", "differs", "db:summed over everything (9)"),
    ("wrong_dW_without_1_over_m.py", "linear_backward", "differs", "dW:missing 1/m (8)"),
    ("wrong_db_without_1_over_m.py", "linear_backward", "differs", "db:missing 1/m (9)"),
    ("wrong_relu_times_A.py", "linear_activation_backward", "differs", "dZ:relu times A (11)"),
    ("wrong_relu_mask_inverted.py", "linear_activation_backward", "differs",
     "dZ:relu mask inverted (11)"),
    ("wrong_relu_mask_on_dA.py", "relu_backward", "differs", "dZ:relu masked by dA (11)"),
    ("wrong_sigmoid_on_Z.py", "linear_activation_backward", "differs", "dZ:sigmoid on Z (11)"),
    ("wrong_dA_prev_from_dA.py", "linear_activation_backward", "differs",
     "dA_prev:dA for dZ (10)"),
    ("wrong_activations_swapped.py", "linear_activation_forward", "differs",
     "activation:swapped"),
    ("wrong_dAL_sign.py", "L_model_backward", "differs", "dAL:wrong sign"),
    ("wrong_dAL_parentheses.py", "L_model_backward", "differs", "dAL:(1 - Y)/(1 - AL) sign"),
    ("wrong_caches_off_by_one.py", "L_model_backward", "error", "cache:the layer above's"),
    ("wrong_cache_index_L.py", "L_model_backward", "error", "current_cache:L - 1 as L"),
    ("wrong_last_layer_relu_backward.py", "L_model_backward", "differs",
     "activation:other activation (last layer)"),
    ("wrong_layers_swapped.py", "L_model_forward", "differs", "activation:other activation"),
    ("wrong_dA_keys_shifted.py", "L_model_backward", "differs",
     'grads["dA"]:dA under another key + grads["dA"]:is dA_prev'),
    ("wrong_last_cache_missing.py", "L_model_forward", "differs", "caches:last cache missing"),
    ("wrong_L_not_halved.py", "L_model_forward", "error", "L:not halved"),
    ("wrong_no_bias.py", "linear_forward", "differs", "Z:missing b (4)"),
    ("wrong_update_adds.py", "update_parameters", "differs",
     "W:learning_rate * dW sign (16) + b:learning_rate * db sign (17)"),
    ("wrong_cost_without_minus.py", "compute_cost", "differs", "cost:wrong sign (7)"),
    ("wrong_cost_without_1_over_m.py", "compute_cost", "differs", "cost:missing 1/m (7)"),
    ("wrong_cost_outer_product.py", "compute_cost", "differs", "cost:np.dot outer product (7)"),
    ("wrong_cost_dot_shapes.py", "compute_cost", "error", "cost:np.dot of (1, m) arrays (7)"),
    ("wrong_costs_every_iteration.py", "two_layer_model", "differs",
     "model:costs every iteration"),
    ("wrong_stale_parameters.py", "two_layer_model", "differs", "model:parameters not read back"),
    ("wrong_fixed_learning_rate.py", "L_layer_model", "differs", "model:learning_rate ignored"),
    ("wrong_seed.py", "initialize_parameters_deep", "differs", "W:seed 1"),
    ("wrong_scale.py", "initialize_parameters_deep", "differs", "W:scale 1"),
]


@pytest.mark.parametrize(("file", "function", "status", "key"), WRONG,
                         ids=[w[0][6:-3] for w in WRONG])
def test_each_mistake_is_explained(file, function, status, key):
    report = check(LEARNERS / file)
    result = report[function]
    assert (result.status, result.explanation, result.caused_by) == (status, key, None)
    assert result.hint
    assert report.exit_status == 1
    others = [r for r in report.functions if r.name != function and r.caused_by is None]
    assert all(r.status in ("ok", "missing") for r in others), str(report)


def test_every_learner_file_is_used():
    used = {w[0] for w in WRONG} | {"wrong_update_changes_argument.py",
                                    "wrong_relu_backward_in_place.py"}
    assert used == {p.name for p in LEARNERS.glob("wrong_*.py")}


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_the_models_as_plain_loops_agree_with_the_graph(name):
    # The catalog's model loops, with no mistake made, are the course's loop written with
    # the course's functions: they must give the numbers tinygraph's graph training gives.
    from tinygraph.checker.compare import first_difference
    from tinygraph.checker.mistakes import MODELS

    loop = MODELS[name]
    for case in cases(name):
        expected = reference(name)(*case.args, **case.kwargs)
        assert first_difference(name, expected, loop(*case.args, **case.kwargs)) is None


def test_a_mistake_inline_is_caught_although_dnn_utils_is_right():
    # The learner's linear_activation_backward writes relu's derivative itself (dZ = dA * A):
    # tinygraph's relu_backward, injected for isolation, cannot hide it.
    result = check(LEARNERS / "wrong_relu_times_A.py")["linear_activation_backward"]
    assert result.status == "differs"
    assert "(relu)" in result.detail and "dA_prev" in result.detail


def test_a_function_that_raises_shows_the_learner_s_line():
    result = check(LEARNERS / "wrong_cache_index_L.py")["L_model_backward"]
    source = (LEARNERS / "wrong_cache_index_L.py").read_text().splitlines()
    line = next(i for i, text in enumerate(source, start=1)
                if "caches[L]" in text and not text.startswith("#"))
    assert f"at line {line} of wrong_cache_index_L.py (in L_model_backward)" in result.detail
    assert "IndexError" in result.detail


def test_update_parameters_changing_its_argument_is_caught():
    result = check(LEARNERS / "wrong_update_changes_argument.py")["update_parameters"]
    assert result.status == "differs"
    assert "changed its argument parameters in place" in result.detail
    assert "copy.deepcopy" in result.hint


def test_relu_backward_changing_dA_in_place_is_caught():
    result = check(LEARNERS / "wrong_relu_backward_in_place.py")["relu_backward"]
    assert result.status == "differs" and "dA in place" in result.detail


def test_callers_point_at_the_root():
    report = check(LEARNERS / "wrong_db_without_1_over_m.py")
    assert report["linear_backward"].caused_by is None
    for caller in ("linear_activation_backward", "L_model_backward"):
        assert report[caller].status == "differs"
        assert report[caller].caused_by == "linear_backward"
        assert report[caller].detail.startswith("right with tinygraph's")


def test_application_models_are_checked_with_their_callees(tmp_path):
    # The learner's L_layer_model is right; their L_model_backward has the wrong dAL sign.
    source = (LEARNERS / "correct.py").read_text().replace(
        "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
        "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)")
    (tmp_path / "mine.py").write_text(source)
    report = check(tmp_path / "mine.py")
    assert report["L_model_backward"].explanation == "dAL:wrong sign"
    assert report["L_layer_model"].caused_by == "L_model_backward"
    assert report["two_layer_model"].status == "ok"  # it computes its own dA2


# -------------------------------------------------------------- the report, CLI, JSON

def test_json_is_the_issue_s_schema():
    done = run_cli(str(LEARNERS / "wrong_db_without_1_over_m.py"), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert set(report) == {"file", "functions"} and isinstance(report["file"], str)
    for entry in report["functions"]:
        assert set(entry) == {"name", "status", "detail", "hint", "caused_by", "explanation"}
        assert entry["explanation"] is None or isinstance(entry["explanation"], str)
        assert entry["status"] in ("ok", "differs", "error", "missing")
        assert isinstance(entry["detail"], str)
        assert entry["hint"] is None or isinstance(entry["hint"], str)
        assert entry["caused_by"] is None or isinstance(entry["caused_by"], str)
    assert [e["name"] for e in report["functions"] if e["status"] == "differs"] == [
        "linear_backward", "linear_activation_backward", "L_model_backward"]


@pytest.mark.parametrize("file", sorted(p.name for p in LEARNERS.glob("wrong_*.py")))
def test_the_report_holds_no_line_of_the_learner_s_code(file):
    report = check(LEARNERS / file)
    text = str(report) + report.to_json() + report_html(report)
    # the hints quote the course, and the drawing's tooltips the ops' formulas (9) ...
    course_words = " ".join([r.words for rs in CATALOG.values() for r in rs] +
                            [tg.ops.AddBias.formulas[1].format(dx1="db", dout="dZ")])
    for line in (LEARNERS / file).read_text().splitlines():
        code = line.strip()
        if len(code) > 14 and not code.startswith(("#", "def ", "import", "from")):
            assert code in course_words or code not in text


def test_exit_status_2_for_files_that_cannot_be_checked(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nothing.py")]) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("def f(): pass\n")
    assert main(["check", str(tmp_path / "notes.txt")]) == 2
    assert ".py file or a .ipynb notebook" in capsys.readouterr().err
    (tmp_path / "broken.py").write_text("import numpy as np\n\ndef f(x:\n    return x\n")
    assert main(["check", str(tmp_path / "broken.py")]) == 2
    assert "line 3 of broken.py" in capsys.readouterr().err


def test_a_syntax_error_in_a_notebook_names_its_cell_and_line(tmp_path, capsys):
    notebook = json.loads((LEARNERS / "correct.ipynb").read_text())
    code_cells = [i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"]
    broken = code_cells[3]
    notebook["cells"][broken]["source"] = ["x = 1\n", "def f(:\n", "    pass"]
    (tmp_path / "mine.ipynb").write_text(json.dumps(notebook))
    assert main(["check", str(tmp_path / "mine.ipynb")]) == 2
    assert f"cell {broken + 1}, line 2" in capsys.readouterr().err
    with pytest.raises(CheckError):
        check(tmp_path / "mine.ipynb")


def test_an_error_in_a_notebook_names_its_cell(tmp_path):
    notebook = json.loads((LEARNERS / "correct.ipynb").read_text())
    index = next(i for i, c in enumerate(notebook["cells"])
                 if "".join(c["source"]).startswith("def L_model_backward"))
    source = "".join(notebook["cells"][index]["source"])
    notebook["cells"][index]["source"] = source.replace("caches[L - 1]", "caches[L]")
    (tmp_path / "mine.ipynb").write_text(json.dumps(notebook))
    line = source.splitlines().index("    current_cache = caches[L - 1]") + 1
    detail = check(tmp_path / "mine.ipynb")["L_model_backward"].detail
    assert f"cell {index + 1}, line {line} (in L_model_backward)" in detail


def test_exit_status_0_and_1(capsys):
    assert main(["check", str(LEARNERS / "correct.py")]) == 0
    assert main(["check", str(LEARNERS / "wrong_dAL_sign.py")]) == 1
    out = capsys.readouterr().out
    assert "DIFFERS  L_model_backward" in out and "hint: your dAL has the wrong sign" in out


# ---------------------------------------------------------------- in the notebook itself

def _namespace_with(**functions):
    return {"__name__": "__main__", "np": np, **functions}


def test_check_globals_and_modules():
    def linear_forward(A, W, b):
        return np.dot(W, A) + b, (A, W, b)

    def compute_cost(AL, Y):
        return np.squeeze(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1])

    report = tg.check(_namespace_with(linear_forward=linear_forward, compute_cost=compute_cost))
    assert report["linear_forward"].status == "ok"
    assert report["compute_cost"].explanation == "cost:wrong sign (7)"
    assert report["L_model_backward"].status == "missing"
    module = load(LEARNERS / "wrong_no_bias.py").module
    assert tg.check(module)["linear_forward"].explanation == "Z:missing b (4)"


def test_functions_from_the_course_s_modules_are_not_the_learner_s():
    with course_modules():
        from dnn_app_utils_v3 import L_model_forward, predict
    report = tg.check(_namespace_with(L_model_forward=L_model_forward, predict=predict))
    assert report["predict"].status == "missing"
    assert "dnn_app_utils_v3" in report["predict"].detail or "tinygraph" in \
        report["predict"].detail


def test_check_function_and_public_tests(capsys):
    def relu_backward(dA, cache):
        return dA * (cache > 0)

    assert check_function("relu_backward", relu_backward).status == "ok"
    with course_modules():
        from public_tests import linear_forward_test

        linear_forward_test(lambda A, W, b: (np.dot(W, A), (A, W, b)))
    assert "hint: your Z is missing the term b of (4)" in capsys.readouterr().out


def test_an_endless_loop_is_stopped():
    def compute_cost(AL, Y):
        while True:
            pass

    result = tg.check(_namespace_with(compute_cost=compute_cost), time_limit=0.2)[
        "compute_cost"]
    assert result.status == "error"
    assert "still running after 0.2 s at line" in result.detail
    assert "an endless loop?" in result.detail


def test_jupyter_shows_a_table_and_the_graph_with_the_node_highlighted(dot_program):
    report = check(LEARNERS / "wrong_dAL_sign.py")
    page = report_html(report)
    assert "<table " in page and "L_model_backward" in page
    # the graph as an <img> (an untrusted notebook drops inline <svg>), one node highlighted
    import base64
    import re

    (svg,) = [base64.b64decode(data).decode() for data in
              re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]
    assert "<svg" not in page and svg.count("highlight") == 1  # W2, whose gradient differs
    assert "dW2 = (1/m) dZ2 A1.T   (8)" in page
    assert "tinygraph&#x27;s:" in page and "yours:" in page


def test_graph_nodes_match_the_output_that_differs():
    from tinygraph.views.checker import formula, graph_for

    case = course_case("L_model_backward")
    for key, node_name in (("dW2", "W2"), ("db1", "b1"), ("dA1", "A1"), ("dA0", "X")):
        _, node = graph_for("L_model_backward", case, ("grads", key))
        assert node.name == node_name
    assert formula("L_model_backward", ("grads", "dA1")) == "dA1 = W2.T dZ2   (10)"
    assert formula("linear_backward", ("db",)).endswith("(9)")


def test_terminal_text_says_what_differs():
    text = str(check(LEARNERS / "wrong_db_axis_0.py"))
    assert "db: expected shape (3, 1), got shape (1, 4)" in text
    assert "0 ok, 1 differ, 0 raised, 12 not found" in text


@pytest.mark.parametrize("module_name", [
    "tinygraph.checker", "tinygraph.checker.course", "tinygraph.checker.load",
    "tinygraph.checker.cases", "tinygraph.checker.mistakes", "tinygraph.checker.compare",
    "tinygraph.checker.supplied", "tinygraph.views.checker"])
def test_docstring_examples_run(module_name):
    import doctest
    import importlib

    module = importlib.import_module(module_name)
    globs = {"np": np, "tg": tg, **vars(module)}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder().find(module, module_name, globs=globs)
    for test in sorted(tests, key=lambda t: t.lineno or 0):
        runner.run(test)
    assert runner.failures == 0
    assert sum(len(t.examples) for t in tests) >= 1


def test_a_function_that_returns_nothing_or_exits():
    def linear_forward(A, W, b):
        Z = np.dot(W, A) + b  # noqa: F841 (the learner forgot the return)

    def compute_cost(AL, Y):
        raise SystemExit("the learner's exit()")

    report = tg.check(_namespace_with(linear_forward=linear_forward, compute_cost=compute_cost))
    assert "returned None; the course's function returns (Z, linear_cache)" in \
        report["linear_forward"].detail
    assert report["compute_cost"].status == "error"


def test_values_nothing_explains_are_a_difference_not_a_failure_of_the_check():
    def initialize_parameters(n_x, n_h, n_y):  # an offset no relation of the check knows
        np.random.seed(1)
        return {"W1": np.random.randn(n_h, n_x) * 0.01 + 0.003, "b1": np.zeros((n_h, 1)),
                "W2": np.random.randn(n_y, n_h) * 0.01 + 0.003, "b2": np.zeros((n_y, 1))}

    result = tg.check(_namespace_with(initialize_parameters=initialize_parameters))[
        "initialize_parameters"]
    assert result.status == "differs" and "W1" in result.detail


def test_numpy_s_random_state_is_left_as_it_was():
    np.random.seed(42)
    expected = np.random.rand()
    np.random.seed(42)
    check(LEARNERS / "correct.py")
    assert np.random.rand() == expected


def test_a_sigmoid_of_the_learner_s_own_is_kept_for_their_functions():
    # Their sigmoid returns A alone (as in the course's earlier weeks), and their
    # linear_activation_forward uses it that way: right, with their helper.
    def sigmoid(Z):
        return 1 / (1 + np.exp(-Z))

    def linear_activation_forward(A_prev, W, b, activation):
        Z = np.dot(W, A_prev) + b
        A = sigmoid(Z) if activation == "sigmoid" else np.maximum(0, Z)
        return A, ((A_prev, W, b), Z)

    report = tg.check(_namespace_with(sigmoid=sigmoid,
                                      linear_activation_forward=linear_activation_forward))
    assert report["linear_activation_forward"].status == "ok"
    assert "sigmoid" not in [r.name for r in report.functions]
    assert any("your sigmoid returned ndarray" in note for note in report.notes)


def test_ipython_lines_and_cell_magics_are_dropped(tmp_path):
    cells = [["%%time\n", "import numpy as np\n"], ["np.dot?\n", "??np.sum\n", "!ls\n"],
             ["%%bash\n", "echo not python\n"],
             ["def linear_forward(A, W, b):\n", "    return np.dot(W, A) + b, (A, W, b)\n"]]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c,
                           "execution_count": None} for c in cells],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "mine.ipynb").write_text(json.dumps(notebook))
    assert check(tmp_path / "mine.ipynb")["linear_forward"].status == "ok"


def test_the_application_s_initialisation_is_named():
    def initialize_parameters_deep(layer_dims):
        np.random.seed(1)
        return {key: value for l in range(1, len(layer_dims)) for key, value in (
            (f"W{l}", np.random.randn(layer_dims[l], layer_dims[l - 1])
             / np.sqrt(layer_dims[l - 1])),
            (f"b{l}", np.zeros((layer_dims[l], 1))))}

    result = tg.check(_namespace_with(initialize_parameters_deep=initialize_parameters_deep))
    assert result["initialize_parameters_deep"].explanation == "W:the Application's recipe"


def test_the_course_s_helper_modules_import_as_the_notebooks_import_them():
    with course_modules():
        from dnn_app_utils_v3 import load_data, print_mislabeled_images  # noqa: F401
        from testCases import compute_cost_test_case, linear_activation_forward_test_case

        Y, AL = compute_cost_test_case()  # the course's order
        assert Y.tolist() == [[1, 1, 0]] and AL.shape == (1, 3)
        assert len(linear_activation_forward_test_case()) == 3  # A_prev, W, b
        with pytest.raises(tg.InputError):
            load_data()


def test_an_error_no_relation_explains_is_told_in_the_learner_s_terms():
    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        grads["dA" + str(L)] = -(Y / AL - (1 - Y) / (1 - AL))
        return grads["dA" + str(L + 1)]  # a KeyError on every case, no relation explains it

    result = tg.check(_namespace_with(L_model_backward=L_model_backward))["L_model_backward"]
    assert result.status == "error" and "KeyError" in result.detail
    assert result.explanation == "error:KeyError"
    assert "grads has no key 'dA3'; there, grads has the keys dA2, L = 2" in result.hint


def test_docs_checking_md_runs_and_prints_what_it_shows(capsys, tmp_path, monkeypatch):
    # docs/checking.md's python blocks, in order, in one fresh namespace; what they print is
    # the page's text blocks (the temporary folder's name aside).
    import re

    monkeypatch.chdir(tmp_path)
    page = (Path(__file__).parent.parent / "docs" / "checking.md").read_text()
    namespace: dict = {"__name__": "__main__"}
    for block in re.findall(r"```python\n(.*?)```", page, re.S):
        exec(compile(block, "docs/checking.md", "exec"), namespace)
    printed = capsys.readouterr().out
    shown = "".join(b for b in re.findall(r"```text\n(.*?)```", page, re.S)
                    if b.startswith("tinygraph check:"))  # what the page says is printed
    folder = re.compile(r"tinygraph check: \S*/(my_dnn\.py|class )")
    assert folder.sub(r"\1", printed) == folder.sub(r"\1", shown)


def test_older_copies_of_the_course_import_their_modules_by_older_names(tmp_path):
    (tmp_path / "old.py").write_text(
        "import numpy as np\n"
        "from testCases_v4a import *\n"
        "from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward\n"
        "def linear_activation_backward(dA, cache, activation):\n"
        "    linear_cache, activation_cache = cache\n"
        "    A_prev, W, b = linear_cache\n"
        "    dZ = (relu_backward if activation == 'relu' else sigmoid_backward)(\n"
        "        dA, activation_cache)\n"
        "    m = A_prev.shape[1]\n"
        "    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m\n")
    report = check(tmp_path / "old.py")
    assert report["linear_activation_backward"].status == "ok" and report.notes == []


COURSE_DNN_UTILS = """
import numpy as np
def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z
def relu(Z):
    return np.maximum(0, Z), Z
def relu_backward(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ
def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)
"""


def test_in_a_real_kernel_check_globals_shows_a_table_and_the_graph(dot_program, tmp_path):
    """A learner's notebook, beside the course's dnn_utils.py: their functions in cells,
    `tg.check(globals())` on the last line."""
    try:
        import nbclient
        import nbformat
    except ImportError:
        from conftest import missing

        missing("nbclient is not installed (the notebook extra installs it)")
    learner = (LEARNERS / "wrong_relu_mask_inverted.py").read_text()
    cells = ["%matplotlib inline\nimport numpy as np", learner,
             "import tinygraph as tg\ntg.check(globals())"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    (tmp_path / "dnn_utils.py").write_text(COURSE_DNN_UTILS)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    [shown] = notebook.cells[2].outputs
    page = shown.data["text/html"]
    assert "<table " in page and "linear_activation_backward" in page
    assert 'src="data:image/svg+xml;base64,' in page and "<svg" not in page  # kept untrusted
    assert "dZ[Z &gt; 0] = 0" not in page and "dZ[Z > 0] = 0" not in page  # no learner code
    assert "linear_activation_backward" in shown.data["text/plain"]
