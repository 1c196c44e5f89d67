"""The notebooks in examples/, executed in a real Jupyter kernel (nbclient), their outputs read.

Each notebook runs once per session. The tests then read what a learner would see: the
numbers each cell printed, held against the course's published ones (COURSE.md) or against
NumPy written out here; the pictures (SVG and PNG); the inline stepper. Finally the HTML
export (nbconvert) is opened in headless chromium, in a window narrower than the widest
picture: every graph must fit its cell (scaled, not clipped) and the stepper's next button
must move it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import missing

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOKS = ("step_by_step", "application", "your_own_op")

_executed: dict[tuple[str, str | None], object] = {}


def execute(name: str, data_dir: str | None):
    """The notebook `name`, executed in a fresh python3 kernel with TINYGRAPH_DATA as given."""
    key = (name, data_dir)
    if key not in _executed:
        import nbclient
        import nbformat

        notebook = nbformat.read(EXAMPLES / f"{name}.ipynb", as_version=4)
        env = {k: v for k, v in os.environ.items() if k != "TINYGRAPH_DATA"}
        if data_dir is not None:
            env["TINYGRAPH_DATA"] = data_dir
        client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                         resources={"metadata": {"path": str(EXAMPLES)}})
        client.execute(env=env)  # passed on to the kernel's process
        _executed[key] = notebook
    return _executed[key]


def cell(notebook, tag: str):
    (found,) = [c for c in notebook.cells if tag in c.metadata.get("tags", [])]
    return found


def printed(notebook, tag: str) -> str:
    return "".join(o.text for o in cell(notebook, tag).outputs
                   if o.output_type == "stream" and o.name == "stdout")


def shown(notebook, tag: str) -> dict:
    """The mime bundle a cell displayed (its last rich output)."""
    rich = [o for o in cell(notebook, tag).outputs if "data" in o]
    assert rich, f"cell {tag} shows nothing"
    return rich[-1].data


def numbers(text: str, after: str) -> np.ndarray:
    """The numbers of the array NumPy printed after `after`, from its "[" to the matching "]"."""
    start = text.index("[", text.index(after) + len(after))
    depth = 0
    for end in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[end], 0)
        if depth == 0:
            break
    found = re.findall(r"-?\d+\.\d*(?:e[-+]\d+)?", text[start:end])
    return np.array([float(x) for x in found])


def assert_clean(notebook) -> None:
    """No cell failed and nothing went to stderr (the red chunks a learner would see)."""
    for c in notebook.cells:
        for o in c.get("outputs", []):
            assert o.output_type != "error", f"{o.ename}: {o.evalue}"
            assert not (o.output_type == "stream" and o.name == "stderr"), o.text


def pictures(bundle: dict) -> list[str]:
    """The SVGs a graph's HTML shows as <img> (the view shown first, then any under it)."""
    import base64

    return [base64.b64decode(data).decode() for data in
            re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', bundle["text/html"])]


def assert_picture(bundle: dict) -> str:
    """A graph shown as HTML (an <img> of the SVG) with a PNG beside it; returns the SVGs."""
    import base64

    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    svgs = pictures(bundle)
    assert svgs and all("<svg" in svg for svg in svgs) and "<svg" not in bundle["text/html"]
    return "\n".join(svgs)


def need_dot() -> None:
    """The notebooks draw: Graphviz's dot (skip here, fail under CI, as conftest's fixture)."""
    if shutil.which("dot") is None:
        missing("Graphviz's dot is not installed (make test installs it)")


def natural_width(svg: str) -> float:
    """The picture's width in px at natural size, from its viewBox (in pt, 4/3 px each)."""
    return float(re.search(r'viewBox="0\.00 0\.00 ([\d.]+) ', svg)[1]) * 4 / 3


@pytest.fixture(scope="module")
def sbs():
    need_dot()
    notebook = execute("step_by_step", None)
    assert_clean(notebook)
    return notebook


@pytest.fixture(scope="module")
def own_op():
    need_dot()
    notebook = execute("your_own_op", None)
    assert_clean(notebook)
    return notebook


@pytest.fixture(scope="module")
def application(course_data_dir):
    need_dot()
    notebook = execute("application", str(course_data_dir))
    assert_clean(notebook)
    return notebook


# --- (a) Step by Step: the course's expected outputs, section by section ---------------------

def seed6():
    """The course's L_model_forward case, forward and backward written out in NumPy."""
    np.random.seed(6)
    X = np.random.randn(5, 4)
    W1, b1 = np.random.randn(4, 5), np.random.randn(4, 1)
    W2, b2 = np.random.randn(3, 4), np.random.randn(3, 1)
    W3, b3 = np.random.randn(1, 3), np.random.randn(1, 1)
    A1 = np.maximum(0, W1 @ X + b1)
    A2 = np.maximum(0, W2 @ A1 + b2)
    AL = 1 / (1 + np.exp(-(W3 @ A2 + b3)))
    Y = np.array([[1, 0, 1, 0]])
    cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    dZ3 = AL - Y                                   # sigmoid + cross-entropy, per example
    return {"W3": W3, "b3": b3, "cost": cost, "dW3": dZ3 @ A2.T / 4,
            "db3": dZ3.sum(axis=1, keepdims=True) / 4}


def test_initialization_prints_the_courses_weights(sbs):
    text = printed(sbs, "initialize_parameters")
    assert np.allclose(numbers(text, "W1 ="), [0.01624345, -0.00611756, -0.00528172,
                                               -0.01072969, 0.00865408, -0.02301539], atol=1e-8)
    assert np.allclose(numbers(text, "W2 ="), [0.01744812, -0.00761207], atol=1e-8)
    assert np.all(numbers(text, "b1 =") == 0) and np.all(numbers(text, "b2 =") == 0)
    deep = printed(sbs, "initialize_parameters_deep")
    assert np.allclose(numbers(deep, "W1[0] ="), [0.01788628, 0.0043651, 0.00096497,
                                                  -0.01863493, -0.00277388], atol=1e-8)
    assert np.allclose(numbers(deep, "W2[2] ="), [-0.00768836, -0.00230031, 0.00745056,
                                                  0.01976111], atol=1e-8)
    assert "W[2]" in assert_picture(shown(sbs, "draw_initialization"))


def test_forward_prints_the_courses_Z_A_and_AL(sbs):
    assert np.allclose(numbers(printed(sbs, "linear_forward"), "Z ="),
                       [3.26295337, -1.23429987], atol=1e-8)
    assert "Z[1]" in assert_picture(shown(sbs, "linear_forward"))
    text = printed(sbs, "linear_activation_forward")
    assert np.allclose(numbers(text, "With sigmoid: A ="), [0.96890023, 0.11013289], atol=1e-8)
    assert np.allclose(numbers(text, "With ReLU: A ="), [3.43896131, 0.0], atol=1e-8)
    text = printed(sbs, "L_model_forward")
    assert np.allclose(numbers(text, "AL ="), [0.03921668, 0.70498921, 0.19734387, 0.04728177],
                       atol=1e-8)
    assert "the same AL: True with 3 caches" in text
    assert "AL = A[L]" in assert_picture(shown(sbs, "L_model_forward"))


def test_the_cost_is_the_courses(sbs):
    assert abs(float(printed(sbs, "compute_cost").split("=")[1]) - 0.2797765635793422) < 1e-12
    J = float(re.search(r"J = (\S+)", printed(sbs, "cost_graph"))[1])
    assert abs(J - seed6()["cost"]) < 1e-12
    assert "J (cost)" in assert_picture(shown(sbs, "cost_graph"))


def test_backward_prints_the_courses_gradients(sbs):
    text = printed(sbs, "linear_backward")
    assert np.allclose(numbers(text, "db ="), [-0.14713786, -0.11313155, -0.13209101],
                       atol=1e-8)
    assert np.allclose(numbers(text, "dW[0] ="), [0.07313866, -0.0976715, -0.87585828,
                                                  0.73763362, 0.00785716], atol=1e-8)
    text = printed(sbs, "L_model_backward")
    differences = re.findall(r"^(d[WAb]\d): largest difference from the course's (\S+)$", text,
                             re.M)
    assert sorted(k for k, _ in differences) == ["dA1", "dA2", "dW1", "dW2", "dW3", "db1",
                                                 "db2", "db3"]
    assert all(float(d) < 1e-12 for _, d in differences)
    expected = seed6()
    assert np.allclose(numbers(text, "dW3 ="), expected["dW3"].ravel(), atol=1e-8)
    assert np.allclose(numbers(text, "db3 ="), expected["db3"].ravel(), atol=1e-8)
    svg = assert_picture(shown(sbs, "L_model_backward"))
    assert "dW1: (4, 5), |g| = " in svg and 'class="edge backward"' in svg


def test_the_debugger_shows_the_inline_stepper_where_it_stopped(sbs):
    assert "dW3 = d(W3@A2) @ A2.T   (1, 3) = (1, 4) @ (4, 3)   # (8)" in printed(sbs,
                                                                              "debugger")
    html = shown(sbs, "debugger")["text/html"]
    assert 'class="tg-stepper"' in html and "tg-next" in html


def test_the_update_is_gradient_descent_and_lowers_the_cost(sbs):
    text = printed(sbs, "update_parameters")
    expected = seed6()
    assert np.allclose(numbers(text, "W3 ="), (expected["W3"] - 0.1 * expected["dW3"]).ravel(),
                       atol=1e-8)
    assert np.allclose(numbers(text, "b3 ="), (expected["b3"] - 0.1 * expected["db3"]).ravel(),
                       atol=1e-8)
    assert "the same as the course's update_parameters: True" in text
    before, after = map(float, re.search(r"before the update (\S+), after (\S+)", text).groups())
    assert abs(before - expected["cost"]) < 1e-6 and after < before
    assert_picture(shown(sbs, "update_parameters"))


def test_the_learners_own_numpy_code_builds_the_graph_and_the_courses_grads(sbs):
    text = printed(sbs, "your_own_code")
    expected = seed6()
    mine = float(re.search(r"my cost: (\S+)", text)[1])
    updated = float(re.search(r"after (\S+)", printed(sbs, "update_parameters"))[1])
    assert abs(mine - updated) < 1e-6  # the same net after the update (printed to 6 places)
    assert expected["cost"] != mine
    assert ("the course's grads from my graph: ['dA1', 'dA2', 'dW1', 'dW2', 'dW3', 'db1', "
            "'db2', 'db3']") in text
    largest = float(re.search(r"L_model_backward: (\S+)", text)[1])
    assert largest < 1e-12
    assert_picture(shown(sbs, "your_own_code"))


# --- (b) the Application -------------------------------------------------------------------

def test_the_application_trains_on_the_course_data_from_the_courses_first_cost(application):
    text = printed(application, "fit")
    first = float(re.search(r"Cost after iteration 0: (\S+)", text)[1])
    assert abs(first - 0.7717493284237686) < 1e-7  # COURSE.md, L-layer model, i = 0
    assert "Cost after iteration 99: " in text
    (bar,) = [o for o in cell(application, "fit").outputs if "data" in o]  # the progress bar
    assert set(bar.data) == {"text/html", "text/plain"}  # not a widget: kept when saved
    assert "training 100/100" in bar.data["text/plain"] and "done" in bar.data["text/plain"]
    assert shown(application, "plot")["image/png"]
    for split in ("train", "test"):
        accuracy = float(re.search(rf"{split} accuracy\s+(\S+)", printed(application,
                                                                        "accuracy"))[1])
        assert 0 <= accuracy <= 1
    svg = assert_picture(shown(application, "draw"))  # the network view, then the full graph
    assert natural_width(svg) <= 1000


def test_the_application_predicts_a_picture_and_shows_it(application, course_data_dir):
    import h5py

    with h5py.File(course_data_dir / "test_catvnoncat.h5") as f:
        label = int(f["test_set_y"][1])
        classes = [c.decode() for c in f["list_classes"][:]]
    text = printed(application, "predict")
    said, p, its = re.search(r"the network says (\S+) \(AL = (\S+)\); its label is (\S+)",
                             text).groups()
    assert said == classes[int(float(p) > 0.5)] and its == classes[label]
    assert shown(application, "predict")["image/png"]


def test_without_the_course_data_the_application_trains_on_the_built_in_pictures(dot_program):
    notebook = execute("application", None)
    assert_clean(notebook)
    from tinygraph.data import builtin_dataset

    data = builtin_dataset(seed=1)
    assert printed(notebook, "data").startswith("built-in shapes (seed 1): 300 train, 100 test")
    # The first cost, written out: the course's init (seed 1, randn / sqrt(n_prev)), relu, sigmoid.
    rng = np.random.RandomState(1)
    A = data.train_x
    dims = [data.n_x, 20, 7, 5, 1]
    for l in range(1, 5):
        W = rng.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        Z = W @ A
        A = np.maximum(0, Z) if l < 4 else 1 / (1 + np.exp(-Z))
    Y = data.train_y
    expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    first = float(re.search(r"Cost after iteration 0: (\S+)", printed(notebook, "fit"))[1])
    assert abs(first - expected) < 1e-9


# --- (c) your own op -----------------------------------------------------------------------

def test_your_own_op_is_drawn_stepped_and_gradchecked(own_op):
    svg = assert_picture(shown(own_op, "draw"))
    assert "Layer 1: LINEAR &#45;&gt; TANH" in svg
    assert printed(own_op, "step").strip() == (
        "dZ1 = dA1 * (1 - A1**2)   (3, 3) = (3, 3) * (1 - (3, 3)**2)   # g'(Z) = 1 - tanh(Z)^2")
    assert 'class="tg-stepper"' in shown(own_op, "step")["text/html"]
    rows = re.findall(r"^(\w+)\s+\(.*?\)\s+\d+\s+(\S+)\s+(ok|WRONG)", printed(own_op, "gradcheck"),
                      re.M)
    assert [r[0] for r in rows] == ["W1", "b1", "W2", "b2"]
    assert all(float(d) < 2e-7 and verdict == "ok" for _, d, verdict in rows)
    rows = re.findall(r"^(\w+)\s+\(.*?\)\s+\d+\s+(\S+)\s+(ok|WRONG)", printed(own_op, "wrong"),
                      re.M)
    assert {name: verdict for name, _, verdict in rows} == {
        "W1": "WRONG", "b1": "WRONG", "W2": "ok", "b2": "ok"}
    assert {name: float(d) for name, d, _ in rows if name in ("W1", "b1")} == {"W1": 1.0,
                                                                               "b1": 1.0}


# --- the HTML export, in a browser ---------------------------------------------------------

# A window narrower than the widest graph (the Application's network view, ~1,000 px).
WINDOW = 800

# Every graph is an <img> of its SVG in the HTML output (closed <details> aside).
FITS = """(() => {
  const out = [];
  for (const picture of document.querySelectorAll('.jp-RenderedHTMLCommon img')) {
    if (picture.closest('details')) continue;
    const area = picture.closest('.jp-OutputArea-output'), box = picture.getBoundingClientRect();
    out.push({width: box.width, height: box.height, natural: picture.naturalWidth,
              room: area.clientWidth, overflow: area.scrollWidth - area.clientWidth});
  }
  return out;
})()"""


def export_html(notebook, path: Path) -> Path:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_html_export_fits_every_graph_in_its_cell_and_the_stepper_steps(
        name, tmp_path, chromium, dot_program, request):
    from test_player import Browser

    if name == "application":
        notebook = request.getfixturevalue("application")
    else:
        notebook = execute(name, None)
    page = export_html(notebook, tmp_path / f"{name}.html")
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(page.resolve().as_uri())
        browser.send("Emulation.setDeviceMetricsOverride", width=WINDOW, height=900,
                     deviceScaleFactor=1, mobile=False)
        shown = browser.evaluate(FITS)
        static = [o for c in notebook.cells for o in c.get("outputs", [])
                  if "text/html" in o.get("data", {}) and "<img" in o.data["text/html"]
                  and 'class="tg-stepper"' not in o.data["text/html"]]
        assert len(shown) >= len(static) > 0
        for picture in shown:
            assert 50 < picture["width"] <= picture["room"] + 0.5, picture  # fits the cell
            assert picture["overflow"] <= 0, picture                          # nothing clipped
            assert picture["width"] <= picture["natural"] + 0.5, picture    # never scaled up
        if name == "application":  # the trained net's network view: shrunk to the cell
            assert max(p["natural"] for p in shown) > WINDOW
        if name != "application":
            counter = "document.querySelector('.tg-stepper .tg-counter').textContent"
            lit = ("document.querySelector('.tg-stepper .tg-pane "
                   "g.node.highlight text').textContent")
            before, node = browser.evaluate(counter), browser.evaluate(lit)
            k, total = map(int, re.fullmatch(r"step (\d+) / (\d+)", before).groups())
            browser.evaluate("document.querySelector('.tg-stepper .tg-next').click()")
            assert browser.evaluate(counter) == f"step {k + 1} / {total}"
            assert browser.evaluate(lit) != node
    finally:
        browser.close()
