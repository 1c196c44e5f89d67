"""tinygraph's views in a real JupyterLab 4 and Notebook 7, as a learner meets them.

One Jupyter server (tests/jupyter_harness.py) serves both front-ends; headless chromium,
driven by selenium, opens a small notebook on the course's net ([12288, 20, 7, 5, 1], the
course's data): `tg.draw(cost, grads=True)`, `tg.Debugger(cost)`, `fit(...)` and a check
of a learner's file with one wrong function. Each front-end runs it, and the tests measure
in the browser what the learner sees at 1400 x 1000 (and 1000 x 800):

* the graph: natural size or smaller, at most 900 px tall, its text at least 9 px high;
* the stepper: at most 760 px tall, the current node inside its pane at every step, the
  title saying where the walk is, its text wrapped;
* keys: `m a b x dd j k up down` with focus on each stepper button change no cell; the
  stepper's own keys step it; Escape hands focus back, and then the same keys do reach the
  notebook (so the test would see a key that got through);
* the progress of `fit` after saving, shutting the kernel down and reopening;
* the notebook as nbconvert executes it, opened untrusted: one picture of the stepper,
  at most 1,140 px tall, no raw SVG text;
* the check's table: names left-aligned on one line.

Screenshots of each view are kept in build/jupyter/ for people to look at.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import missing
from jupyter_harness import JupyterServer, chrome, env_without, notebook, wait_for

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "jupyter"
LEARNER = Path(__file__).parent / "learners" / "correct.py"
# ?reset: JupyterLab opens this notebook alone, not the ones the last page had open
FRONT_ENDS = {"lab": "/lab/tree/{name}?reset", "notebook7": "/notebooks/{name}"}
WIDE, SMALL = (1400, 1000), (1000, 800)

CELLS = [
    # 0: the course's net on the course's data, one backward pass
    "import os\n"
    "import tinygraph as tg\n"
    "from tinygraph.data import load_dataset\n"
    "from tinygraph.train import fit\n\n"
    "data = load_dataset(os.environ['TINYGRAPH_DATA'])\n"
    "net = tg.Network([12288, 20, 7, 5, 1], init='app')\n"
    "cost = net.cost(tg.tensor(data.train_x, name='X', layer=0), data.train_y)\n"
    "_ = tg.backward(cost)",
    "tg.draw(cost, grads=True)",                                                   # 1
    "tg.Debugger(cost)",                                                           # 2
    "history = fit(net, data.train_x, data.train_y, num_iterations=20)",          # 3
    "tg.check('my_dnn.py')",                                                       # 4
    # 5: gradcheck's bar (shown at once when asked for): the one fit leaves, saying gradcheck
    "import numpy as np\n"
    "small = tg.Network([4, 3, 1], init='two_layer')\n"
    "report = tg.gradcheck(small.cost(np.ones((4, 2)), np.array([[1, 0]])), progress=True)",
]
DRAW, STEPPER, FIT, CHECK, GRADCHECK = 1, 2, 3, 4, 5


def need(*programs: str) -> None:
    for program in programs:
        if shutil.which(program) is None:
            missing(f"{program} is not installed (make test installs chromium and "
                    f"chromium-driver with apt-get)")
    try:
        import jupyterlab  # noqa: F401
        import notebook as notebook7  # noqa: F401
        import selenium  # noqa: F401
    except ImportError as error:
        missing(f"{error.name} is missing: pip install -e '.[test]'")


@pytest.fixture(scope="session")
def server(tmp_path_factory, course_data_dir, dot_program_session):
    need("chromium", "chromedriver")
    root = tmp_path_factory.mktemp("notebooks")
    # A learner's file: the course's functions, compute_cost written without its minus sign.
    (root / "my_dnn.py").write_text(
        LEARNER.read_text() + "\n\ndef compute_cost(AL, Y):  # the minus sign forgotten\n"
        "    m = Y.shape[1]\n"
        "    return np.squeeze(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)\n")
    for name in ("lab", "notebook7"):
        (root / f"{name}.ipynb").write_text(json.dumps(notebook(CELLS)))
    env = {**env_without("TINYGRAPH_DATA"), "TINYGRAPH_DATA": str(course_data_dir)}
    running = JupyterServer(root, tmp_path_factory.mktemp("jupyter-home"), env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def dot_program_session():
    if shutil.which("dot") is None:
        missing("Graphviz's dot is not installed (make test installs it)")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    need("chromium", "chromedriver")
    driver = chrome(tmp_path_factory.mktemp("chromium"), *WIDE)
    yield driver
    driver.quit()


def shot(driver, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


# --- the notebook, driven through JupyterLab's own application object ----------------------

PANEL = "window.jupyterapp.shell.currentWidget"
KERNEL_IDLE = (f"const p = window.jupyterapp && {PANEL}; return !!(p && p.sessionContext && "
               "p.sessionContext.session && p.sessionContext.session.kernel && "
               "p.sessionContext.session.kernel.status === 'idle' && p.content.widgets.length)")
RAN = (f"const nb = {PANEL}.content; const cells = nb.model.cells;"
       "for (let i = 0; i < cells.length; i++) { if (!cells.get(i).executionCount) return false; }"
       f"return {PANEL}.sessionContext.session.kernel.status === 'idle'")
STATE = (f"const nb = {PANEL}.content; const out = [];"
         "for (let i = 0; i < nb.model.cells.length; i++) { const c = nb.model.cells.get(i);"
         "  out.push([c.type, c.sharedModel.getSource(), c.type === 'code' ? c.outputs.length"
         "            : -1]); }"
         "return {cells: out, active: nb.activeCellIndex}")


def output(i: int) -> str:
    """JavaScript for cell i's output area, scrolled into view (JupyterLab lays out only
    what is near the screen)."""
    return (f"(() => {{ const o = {PANEL}.content.widgets[{i}].node"
            ".querySelector('.jp-OutputArea'); o.scrollIntoView({block: 'start'}); return o; })()")


def open_notebook(driver, server, front_end: str, name: str, kernel: bool = True) -> None:
    driver.set_window_size(*WIDE)
    driver.get(server.url + FRONT_ENDS[front_end].format(name=name))
    wait_for(driver, f"return window.jupyterapp && {PANEL} && {PANEL}.context && "
             f"{PANEL}.context.path === {json.dumps(name)}", f"{name} in {front_end}")
    if kernel:
        wait_for(driver, KERNEL_IDLE, f"{name}'s kernel in {front_end}", timeout=90)
    else:
        wait_for(driver, f"return window.jupyterapp && {PANEL} && {PANEL}.content && "
                 f"{PANEL}.content.widgets.length === {len(CELLS)}", f"{name} in {front_end}")
    for i in range(len(CELLS)):  # each cell drawn (JupyterLab draws what comes into view)
        wait_for(driver, f"const c = {PANEL}.content.widgets[{i}].node; c.scrollIntoView();"
                 "return c.querySelector('.jp-OutputArea')", f"cell {i} of {name}")


@pytest.fixture(scope="module", params=list(FRONT_ENDS))
def ran(request, server, browser):
    """The notebook run in the browser by the front-end (Run All), trusted as a learner's own."""
    front_end = request.param
    open_notebook(browser, server, front_end, f"{front_end}.ipynb")
    browser.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_for(browser, RAN, f"the notebook to run in {front_end}", timeout=120)
    wait_for(browser, f"return {output(STEPPER)}.querySelector('.tg-stepper .tg-pane svg')",
             "the interactive stepper")
    return front_end


# --- the graph --------------------------------------------------------------------------------

PICTURE = """const o = arguments[0], img = o.querySelector('img'), r = img.getBoundingClientRect();
return {height: o.getBoundingClientRect().height, width: r.width, natural: img.naturalWidth,
        room: o.clientWidth, overflow: o.scrollWidth - o.clientWidth,
        details: o.querySelectorAll('details').length, open: !!o.querySelector('details[open]')};"""


def picture(driver, i: int) -> dict:
    return driver.execute_script(f"return (function () {{ {PICTURE} }}).apply(null, "
                                 f"[{output(i)}])")


def test_the_course_net_with_gradients_fits_one_screen_and_is_never_scaled_up(ran, browser):
    seen = picture(browser, DRAW)
    shot(browser, f"{ran}-graph")
    assert seen["height"] <= 900, seen  # the network view, and a line to open the full graph
    assert seen["width"] <= seen["room"] + 0.5 and seen["overflow"] <= 0, seen
    assert seen["width"] <= seen["natural"] + 0.5, seen  # natural size or smaller
    assert 11 * 4 / 3 * seen["width"] / seen["natural"] >= 9, seen  # 11 pt text, >= 9 px
    assert seen["details"] == 1 and not seen["open"], seen
    # opened on request: the full graph, at its natural size or smaller too
    full = browser.execute_script(
        f"const o = {output(DRAW)}; const d = o.querySelector('details'); d.open = true;"
        "const img = d.querySelector('img'); return [img.getBoundingClientRect().width,"
        " img.naturalWidth, o.clientWidth]")
    assert 0 < full[0] <= min(full[1], full[2]) + 0.5, full
    browser.execute_script(f"{output(DRAW)}.querySelector('details').open = false")


# --- the stepper ------------------------------------------------------------------------------

STEPPER_JS = f"{output(STEPPER)}.querySelector('.tg-stepper')"
WHERE = """const s = arguments[0], pane = s.querySelector('.tg-pane'),
  node = pane.querySelector('g.node.highlight'), text = s.querySelector('.tg-text');
const p = pane.getBoundingClientRect(), n = node.getBoundingClientRect(),
  r = s.getBoundingClientRect();
return {height: r.height, step: +s.dataset.step, title: s.querySelector('.tg-title').textContent,
  inPane: n.top >= p.top - 1 && n.bottom <= p.bottom + 1 && n.left >= p.left - 1 &&
          n.right <= p.right + 1,
  onScreen: n.top >= 0 && n.bottom <= window.innerHeight,
  textOverflow: text.scrollWidth - text.clientWidth,
  clipped: s.scrollWidth - s.clientWidth, right: r.right,
  room: s.parentElement.getBoundingClientRect().right};"""


def where(driver) -> dict:
    return driver.execute_script(f"return (function () {{ {WHERE} }}).apply(null, "
                                 f"[{STEPPER_JS}])")


def press(driver, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    actions = ActionChains(driver)
    for key in keys:
        actions.send_keys(key)
    actions.perform()


def test_the_stepper_fits_one_screen_and_keeps_the_current_node_in_view(ran, browser):
    from selenium.webdriver.common.keys import Keys

    seen = where(browser)
    shot(browser, f"{ran}-stepper")
    assert seen["height"] <= 760, seen
    assert seen["step"] == 1 and seen["title"].startswith("step 1/20: cost"), seen
    assert seen["textOverflow"] <= 0, seen  # the text wraps, between words
    assert browser.execute_script(f"return getComputedStyle({STEPPER_JS}"
                                  ".querySelector('.tg-text')).wordBreak") == "normal"
    browser.execute_script(f"{STEPPER_JS}.focus()")
    for k in range(2, 21):  # the walk goes up the graph: the pane follows the node
        press(browser, Keys.ARROW_RIGHT)
        seen = where(browser)
        assert seen["step"] == k and seen["title"].startswith(f"step {k}/20"), seen
        assert seen["inPane"] and seen["onScreen"], seen
    shot(browser, f"{ran}-stepper-last")


def test_the_stepper_has_its_own_keys(ran, browser):
    from selenium.webdriver.common.keys import Keys

    browser.execute_script(f"{STEPPER_JS}.focus()")
    press(browser, Keys.HOME)
    assert where(browser)["step"] == 1
    press(browser, "n", "n", Keys.ARROW_RIGHT)
    assert where(browser)["step"] == 4
    press(browser, "b", Keys.ARROW_LEFT)
    assert where(browser)["step"] == 2
    press(browser, Keys.END)
    assert where(browser)["step"] == 20
    keys_shown = browser.execute_script(f"return {STEPPER_JS}.querySelector('.tg-keys')"
                                        ".textContent")
    for word in ("next", "back", "first", "last", "Esc"):
        assert word in keys_shown
    press(browser, Keys.HOME)


NOTEBOOK_KEYS = ["m", "a", "b", "x", "dd", "j", "k", "up", "down"]


def test_no_key_pressed_on_a_stepper_button_reaches_the_notebook(ran, browser):
    from selenium.webdriver.common.keys import Keys

    as_typed = {"up": Keys.ARROW_UP, "down": Keys.ARROW_DOWN}
    browser.execute_script(f"{PANEL}.content.activeCellIndex = {STEPPER}")
    before = browser.execute_script(STATE)
    buttons = browser.execute_script(f"return Array.from({STEPPER_JS}"
                                     ".querySelectorAll('button')).map(b => b.className)")
    assert len(buttons) == 5
    for button in buttons:
        for key in NOTEBOOK_KEYS:
            browser.execute_script(f"{STEPPER_JS}.querySelector('.{button}').focus()")
            press(browser, *(as_typed.get(key) or list(key)))
            assert browser.execute_script(STATE) == before, f"{key} on {button} in {ran}"
            assert browser.execute_script(f"return !!{STEPPER_JS}.querySelector('svg')")
    # Escape hands focus back to the notebook, whose keys then work again: k selects the
    # cell above (so a key that got through would have been seen above).
    browser.execute_script(f"{STEPPER_JS}.querySelector('.tg-next').focus()")
    press(browser, Keys.ESCAPE)
    assert browser.execute_script(f"return !{STEPPER_JS}.contains(document.activeElement) &&"
                                  f" {PANEL}.content.node.contains(document.activeElement)")
    press(browser, "k")
    assert browser.execute_script(STATE)["active"] == STEPPER - 1
    press(browser, "j")
    assert browser.execute_script(STATE)["active"] == STEPPER


# --- the progress of fit, the check's table --------------------------------------------------

def test_the_progress_of_fit_is_the_finished_bar(ran, browser):
    text = browser.execute_script(f"return {output(FIT)}.textContent")
    shot(browser, f"{ran}-progress")
    assert "training 20/20" in text and "done" in text, text


def test_gradcheck_leaves_the_same_bar_saying_gradcheck(ran, browser):
    text = browser.execute_script(f"return {output(GRADCHECK)}.textContent")
    shot(browser, f"{ran}-gradcheck")
    assert "gradcheck 19/19" in text and "done" in text, text  # entries: 12 + 3 + 3 + 1


def test_the_check_table_reads_like_a_table(ran, browser):
    cells = browser.execute_script(
        f"const t = {output(CHECK)}.querySelector('table');"
        "return Array.from(t.querySelectorAll('tr')).slice(1).filter(r => r.cells.length === 3)"
        ".map(r => {const c = r.cells[0], code = c.querySelector('code');"
        " return [code.textContent, getComputedStyle(c).textAlign,"
        " code.getClientRects().length, c.scrollWidth - c.clientWidth]})")
    shot(browser, f"{ran}-check")
    assert len(cells) == 12 and cells[0][0] == "initialize_parameters"
    for name, align, lines, overflow in cells:
        assert align == "left" and lines == 1 and overflow <= 0, (name, align, lines, overflow)
    text = browser.execute_script(f"return {output(CHECK)}.textContent")
    assert "compute_cost" in text and "differs" in text and "minus" in text


# --- a smaller window -------------------------------------------------------------------------

def test_at_1000_by_800_nothing_is_clipped_and_the_current_node_stays_in_view(ran, browser):
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(*SMALL)
    try:
        time.sleep(0.3)  # the notebook lays out again
        seen = picture(browser, DRAW)
        assert seen["width"] <= seen["room"] + 0.5 and seen["overflow"] <= 0, seen
        browser.execute_script(f"{STEPPER_JS}.focus()")
        press(browser, Keys.HOME)
        for k in (1, 5, 12, 20):
            browser.execute_script(f"{STEPPER_JS}.scrollIntoView({{block: 'start'}})")
            seen = where(browser)
            assert seen["step"] == k and seen["inPane"] and seen["onScreen"], seen
            assert seen["clipped"] <= 0 and seen["right"] <= seen["room"] + 1, seen
            assert seen["textOverflow"] <= 0, seen
            press(browser, *[Keys.ARROW_RIGHT] * {1: 4, 5: 7, 12: 8, 20: 0}[k])
        shot(browser, f"{ran}-stepper-1000x800")
    finally:
        browser.set_window_size(*WIDE)


# --- saved, the kernel shut down, reopened ----------------------------------------------------

def test_a_saved_notebook_reopened_without_its_kernel_shows_the_finished_progress(
        ran, browser, server):
    browser.execute_script("window.jupyterapp.commands.execute('docmanager:save')")
    wait_for(browser, f"return !{PANEL}.context.model.dirty", "the save")
    server.shut_down_kernels()
    saved = json.loads((server.root / f"{ran}.ipynb").read_text())
    (bar,) = [o for o in saved["cells"][FIT]["outputs"] if "data" in o]
    assert set(bar["data"]) == {"text/html", "text/plain"}  # no widget to lose
    assert "training 20/20" in "".join(bar["data"]["text/plain"])  # stored as a list of lines
    open_notebook(browser, server, ran, f"{ran}.ipynb", kernel=False)
    text = browser.execute_script(f"return {output(FIT)}.textContent")
    shot(browser, f"{ran}-reopened")
    assert "training 20/20" in text and "done" in text and "Error" not in text
    checked = browser.execute_script(f"return {output(GRADCHECK)}.textContent")
    assert "gradcheck 19/19" in checked and "done" in checked, checked
    assert browser.execute_script(f"return !!{output(STEPPER)}.querySelector('.tg-pane svg')")


# --- run by nbconvert, opened untrusted -------------------------------------------------------

@pytest.fixture(scope="module")
def executed(server, course_data_dir):
    """The notebook as `jupyter nbconvert --execute` (nbclient) leaves it: not signed, so
    the front-ends open it untrusted."""
    import nbclient
    import nbformat

    nb = nbformat.reads(json.dumps(notebook(CELLS)), as_version=4)
    env = {**os.environ, "TINYGRAPH_DATA": str(course_data_dir)}
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(server.root)}}).execute(env=env)
    nbformat.write(nb, server.root / "executed.ipynb")
    return nb


def test_the_executed_notebook_keeps_the_finished_progress(executed):
    (bar,) = [o for o in executed.cells[FIT].outputs if "data" in o]
    assert "training 20/20" in bar.data["text/plain"] and "20/20" in bar.data["text/html"]


@pytest.mark.parametrize("front_end", list(FRONT_ENDS))
def test_an_untrusted_notebook_shows_one_picture_of_the_step(front_end, executed, server,
                                                            browser):
    open_notebook(browser, server, front_end, "executed.ipynb", kernel=False)
    wait_for(browser, f"return {output(STEPPER)}.querySelector('img')", "the static stepper")
    seen = browser.execute_script(
        # the rendered output itself (the front-end's own icons around it are not ours)
        f"const o = {output(STEPPER)}.querySelector('.jp-OutputArea-output');"
        "return {images: o.querySelectorAll('img').length,"
        " svgs: Array.from(o.querySelectorAll('svg')).map(s => s.outerHTML.slice(0, 120)),"
        " scripts: o.querySelectorAll('script').length, text: o.textContent,"
        " height: o.getBoundingClientRect().height,"
        " trusted: !!" + PANEL + ".content.model.cells.get(2).trusted}")
    shot(browser, f"{front_end}-untrusted-stepper")
    assert not seen["trusted"] and seen["scripts"] == 0  # the front-end dropped the script
    assert seen["images"] == 1 and seen["svgs"] == [], seen
    assert "<svg" not in seen["text"] and "step 1/20: cost" in seen["text"]
    assert seen["height"] <= 1140, seen
    graph = picture(browser, DRAW)
    shot(browser, f"{front_end}-untrusted-graph")
    assert graph["height"] <= 900 and graph["width"] <= graph["room"] + 0.5, graph
    text = browser.execute_script(f"return {output(FIT)}.textContent")
    assert "training 20/20" in text and "done" in text


# --- outside Jupyter: a sandboxed iframe, as VS Code and Colab show outputs ------------------

def test_the_stepper_steps_inside_a_sandboxed_iframe(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    import tinygraph as tg
    from tinygraph import player
    from tinygraph.stepper import demo_cost

    block = player.debugger_html(tg.Debugger(demo_cost([4, 3, 1], examples=3)))
    page = tmp_path / "sandboxed.html"
    page.write_text(f'<!DOCTYPE html><html><body><iframe sandbox="allow-scripts" '
                    f'style="width:1200px;height:800px" srcdoc="{html.escape(block)}">'
                    f'</iframe></body></html>')
    browser.set_window_size(*WIDE)
    browser.get(page.as_uri())
    browser.switch_to.frame(browser.find_element(By.TAG_NAME, "iframe"))
    try:
        wait_for(browser, "return document.querySelector('.tg-stepper .tg-next')", "stepper")
        browser.find_element(By.CLASS_NAME, "tg-next").click()
        assert browser.execute_script("return document.querySelector('.tg-stepper')"
                                      ".dataset.step") == "2"
        press(browser, Keys.ARROW_RIGHT, "n")
        assert browser.execute_script("return document.querySelector('.tg-stepper')"
                                      ".dataset.step") == "4"
    finally:
        browser.switch_to.default_content()
