"""The HTML player, opened in a real headless browser (Debian's chromium).

Chromium is driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`:
JSON messages on file descriptors 3 and 4), so no extra Python package is needed. Without
chromium the test is skipped with the reason, except under CI=true, where it must run.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import tinygraph as tg
from tinygraph import player
from tinygraph.stepper import demo_cost


def stepper_data(block: str) -> dict:
    """The frames and settings a stepper block carries in its script (JSON)."""
    return json.loads(re.search(r"var DATA = (\{.*?\});\n", block, re.S)[1])


class Browser:
    """A headless chromium with one page, spoken to in DevTools protocol messages."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def at_3_and_4() -> None:  # in the child: the pipe ends where chromium expects them
            a, b = os.dup(to_browser), os.dup(from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)

        # --no-sandbox: chromium refuses to run as root with its sandbox, and CI containers
        # often lack the user namespaces it needs; the page is our own local file.
        flags = ["--headless", "--disable-gpu", "--no-sandbox", "--remote-debugging-pipe",
                 "--no-first-run", f"--user-data-dir={profile}", "--window-size=1400,1000"]
        self.process = subprocess.Popen([executable, *flags, "about:blank"],
                                        preexec_fn=at_3_and_4, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.session = None

    def send(self, method: str, **params):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if self.session is not None and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply["result"]
            ready, _, _ = select.select([self._read], [], [], deadline - time.monotonic())
            if not ready:
                raise TimeoutError(f"chromium did not answer {method} within 30 s")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise EOFError(f"chromium exited while waiting for {method}")
            self._buffer += chunk

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.send("Page.navigate", url=url)
        # Wait for *this* page: until the navigation commits, about:blank is "complete" too.
        loaded = f"location.href === {json.dumps(url)} && document.readyState === 'complete'"
        deadline = time.monotonic() + 30
        while not self.evaluate(loaded):
            assert time.monotonic() < deadline, f"{url} did not finish loading"
            time.sleep(0.05)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def press(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=key,
                      windowsVirtualKeyCode=code)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot")["data"]))
        return path

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, RuntimeError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture
def browser(tmp_path, chromium):
    b = Browser(chromium, tmp_path / "profile")
    yield b
    b.close()


# The walk of the 4,3,1 demo network; render.course_name draws the nodes in the course's
# notation, so the highlighted node's first line reads J (cost), Z[2], b[2], W[2] @ A[1], ...
WALK = ["cost", "Z2", "b2", "W2@A1", "W2", "A1", "Z1", "b1", "W1@X", "W1"]
DRAWN = ["J (cost)", "Z[2]", "b[2]", "W[2] @ A[1]", "W[2]", "A[1]", "Z[1]", "b[1]",
         "W[1] @ X", "W[1]"]

VISIBLE = "document.querySelector('.tg-pane')"  # the graph pane: the current frame's SVG
COUNTER = "document.querySelector('.tg-counter').textContent"
HIGHLIGHTED = f"{VISIBLE}.querySelector('g.node.highlight text').textContent"
HIGHLIGHTS = f"{VISIBLE}.querySelectorAll('g.node.highlight').length"


def test_the_player_steps_with_the_arrow_keys_in_a_real_browser(tmp_path, browser):
    page = player.write_html(player.frames(demo_cost([4, 3, 1], examples=3)),
                             tmp_path / "backprop.html")
    browser.open(page.resolve().as_uri())
    assert browser.evaluate(COUNTER) == f"step 1 / {len(WALK)}"
    assert browser.evaluate(HIGHLIGHTED) == DRAWN[0]
    assert browser.evaluate(HIGHLIGHTS) == 1

    browser.press("ArrowRight", 39)
    assert browser.evaluate(COUNTER) == f"step 2 / {len(WALK)}"
    assert browser.evaluate(HIGHLIGHTED) == DRAWN[1]
    assert browser.evaluate("document.querySelector('.tg-stepper').dataset.node") == WALK[1]
    assert browser.evaluate("document.querySelector('.tg-title').textContent").startswith(
        f"step 2/{len(WALK)}: {WALK[1]}")  # the title says where the walk is
    # the step's text beside the picture: its rule with the real shapes
    text = browser.evaluate("document.querySelector('.tg-text').textContent")
    assert ("db2 = np.sum(dZ2, axis=1, keepdims=True)   (1, 1) = "
            "np.sum((1, 3), axis=1, keepdims=True)") in text

    for _ in range(3):
        browser.press("ArrowRight", 39)
    assert browser.evaluate(COUNTER) == f"step 5 / {len(WALK)}"
    assert browser.evaluate(HIGHLIGHTED) == DRAWN[4]
    browser.press("ArrowLeft", 37)
    assert browser.evaluate(HIGHLIGHTED) == DRAWN[3]

    for _ in range(20):  # past the end it stays on the last step
        browser.press("ArrowRight", 39)
    assert browser.evaluate(COUNTER) == f"step {len(WALK)} / {len(WALK)}"
    assert browser.evaluate(HIGHLIGHTED) == DRAWN[-1]
    # the last frame: every parameter's gradient written on it, nothing pending any more
    svg_text = browser.evaluate(f"{VISIBLE}.querySelector('svg').textContent")
    assert "pending" not in svg_text and "dW1: (3, 4)" in svg_text

    browser.evaluate("document.querySelector('.tg-prev').click()")
    assert browser.evaluate(COUNTER) == f"step {len(WALK) - 1} / {len(WALK)}"

    shot = browser.screenshot(tmp_path / "player.png")  # kept in tmp_path for a look
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height >= 600  # the browser window, about 1400 x 1000

    browser.press("Home", 36)
    browser.evaluate("document.querySelector('.tg-play').click()")  # a step every 1.2 s
    deadline = time.monotonic() + 10
    while browser.evaluate(COUNTER) == f"step 1 / {len(WALK)}":
        assert time.monotonic() < deadline, "play did not advance"
        time.sleep(0.1)
    browser.evaluate("document.querySelector('.tg-play').click()")  # pause
    paused_at = browser.evaluate(COUNTER)
    time.sleep(1.5)
    assert browser.evaluate(COUNTER) == paused_at


def test_early_frames_mark_the_gradients_not_reached_yet_as_pending():
    frames = player.frames(demo_cost([4, 3, 1], examples=3))
    assert [f.node for f in frames] == WALK
    assert "dW1: pending" in frames[0].svg and "dW1: pending" in frames[-2].svg
    assert "dW1: (3, 4), |g| = " in frames[-1].svg
    assert "dW2: pending" in frames[3].svg and "dW2: (1, 3)" in frames[4].svg


def test_a_frames_text_says_the_rule_once_then_its_numbers():
    frame = player.frames(demo_cost([4, 3, 1], examples=3))[3]  # W2@A1, matmul of layer 2
    assert frame.text.count("dW2 = d(W2@A1) @ A1.T") == 1
    rule_at, numbers_at = frame.text.index("rule "), frame.text.index("  A1 =\n")
    assert rule_at < numbers_at
    last = player.frames(demo_cost([4, 3, 1], examples=3))[-1]  # a leaf: its dW, shown once
    assert last.text.count(f"d{last.node} =") == 1, last.text


def test_the_html_needs_no_network_and_no_other_file(tmp_path):
    page = player.write_html(player.frames(demo_cost([4, 3, 1], examples=3)),
                             tmp_path / "deep" / "er" / "backprop.html")
    text = page.read_text()
    assert len(stepper_data(text)["frames"]) == len(WALK) and "<?xml" not in text
    assert not re.findall(r"""(?:src|href)\s*=\s*["'](?!#|data:image/svg\+xml;base64,)""",
                          text)  # no file, no CDN: the static view's one picture is inside
    assert "<script>" in text and "http" not in text.replace(
        "http://www.w3.org/", "")  # only XML namespace names, which are never fetched


def test_frames_are_written_one_svg_per_step(tmp_path):
    paths = player.write_frames(player.frames(demo_cost([4, 3, 1], examples=3)),
                                tmp_path / "frames")
    assert [p.name for p in paths] == [f"step{i:03d}.svg" for i in range(1, len(WALK) + 1)]
    assert all(p.read_text().lstrip().startswith("<?xml") for p in paths)


def test_make_demo_command_prints_the_html_path_and_creates_its_folder(tmp_path):
    target = tmp_path / "out" / "demo" / "backprop.html"
    result = subprocess.run([sys.executable, "-m", "tinygraph", "step", "--layers", "4,3,1",
                             "--examples", "3", "--html", str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    assert len(stepper_data(target.read_text())["frames"]) == len(WALK)


def test_a_player_of_nothing_is_a_clear_error(tmp_path):
    with pytest.raises(tg.InputError, match="no frames to play"):
        player.write_html([], tmp_path / "p.html")
    assert not (tmp_path / "p.html").exists()


# --- one HTML block for the page and the inline stepper ---------------------------------------


class Tags(HTMLParser):
    """Every element closed in order (void elements aside), every id on the page counted."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.ids: Counter = Counter()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # <path ... />: opened and closed at once
        self.ids.update(value for name, value in attrs if name == "id")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def parsed(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    tags.close()
    return tags


@pytest.fixture(scope="module")
def demo_frames():
    return player.frames(demo_cost([4, 3, 1], examples=3))


def test_the_block_is_well_formed_self_contained_and_scoped(demo_frames):
    block = player.player_html(demo_frames, "demo")
    tags = parsed(block)
    assert tags.problems == [] and tags.open == []
    assert not re.findall(r"https?://(?!www\.w3\.org/)", block)  # namespace names only
    assert not re.findall(r"""(?:src|href)\s*=\s*["'](?!#|data:image/svg\+xml;base64,)""",
                          block)  # no file, no CDN: the picture is inside
    uid = re.match(r'<div class="tg-stepper" data-tg-uid="(tg-stepper-[0-9a-f]{12})"',
                   block).group(1)
    (script,) = re.findall(r"<script>(.*?)</script>", block, re.S)
    assert "</" not in script and "<!--" not in script  # nothing that ends it early
    # its stylesheet, made by the script, names only this block
    assert "sel = '.tg-stepper[data-tg-uid=\"' + DATA.uid + '\"]'" in script
    assert stepper_data(block)["uid"] == uid
    # no require.js, no Jupyter global, no listener on the whole document
    for outside in ("require(", "define(", "Jupyter", "IPython", "document.addEventListener"):
        assert outside not in script
    assert "<style" not in block  # a <style> of the block's own would be dropped untrusted


def test_two_blocks_share_no_id(demo_frames):
    first, second = (player.player_html(demo_frames, "demo") for _ in range(2))
    ids = Counter(re.findall(r'\sid="([^"]+)"', "".join(
        f["svg"] for block in (first, second) for f in stepper_data(block)["frames"])))
    assert ids and max(ids.values()) == 1  # the SVGs' own node1, edge1, ... are prefixed
    assert parsed(first + second).ids == Counter()  # and the HTML itself names none


def test_without_javascript_the_current_step_is_one_picture_and_no_dead_buttons(demo_frames):
    block = player.player_html(demo_frames, "demo", current=3)
    static = re.sub(r"<script>.*?</script>", "", block, flags=re.S)  # what untrusted keeps
    assert static.count("<img ") == 1 and "<svg" not in static and "<button" not in static
    assert "step 4/10: W2@A1" in static  # where the walk is, and its text
    assert "Run the cell in a trusted notebook" in static and " hidden" not in static
    assert stepper_data(block)["current"] == 3


# --- in a real browser: keys only with focus, blocks that do not interfere ----------------------

NOTEBOOK = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>a notebook</title></head>
<body>
<p>cell 1</p><button id="outside">a button of the notebook</button>
<div class="cell">{first}</div>
<p>cell 2</p>
<div class="cell">{second}</div>
<script>
  window.pageKeys = [];  // what the notebook's own key handler receives
  document.addEventListener("keydown", (e) => window.pageKeys.push(e.key));
</script>
</body></html>
"""


def block_js(k: int) -> str:
    return f"document.querySelectorAll('.tg-stepper')[{k}]"


def counter(k: int) -> str:
    return f"{block_js(k)}.querySelector('.tg-counter').textContent"


def test_two_inline_steppers_on_one_page_step_independently(tmp_path, browser):
    cost = demo_cost([4, 3, 1], examples=3)
    tg.backward(cost)
    dbg = tg.Debugger(cost)
    dbg.goto(2)
    first = player.debugger_html(dbg)
    second = player.debugger_html(tg.Debugger(demo_cost([4, 3, 1], examples=3)))
    page = tmp_path / "notebook.html"
    page.write_text(NOTEBOOK.format(first=first, second=second))
    browser.open(page.resolve().as_uri())
    assert browser.evaluate(counter(0)) == f"step 2 / {len(WALK)}"
    assert browser.evaluate(counter(1)) == f"step 1 / {len(WALK)}"

    browser.evaluate(f"{block_js(0)}.querySelector('.tg-next').click()")
    assert browser.evaluate(counter(0)) == f"step 3 / {len(WALK)}"
    assert browser.evaluate(counter(1)) == f"step 1 / {len(WALK)}"
    visible = f"{block_js(0)}.querySelector('.tg-pane')"
    assert browser.evaluate(f"{visible}.querySelector('g.node.highlight text').textContent") \
        == DRAWN[2]

    # no focus on a stepper: the arrow keys are the notebook's, nothing moves
    browser.evaluate("document.getElementById('outside').focus()")
    browser.press("ArrowRight", 39)
    assert browser.evaluate(counter(0)) == f"step 3 / {len(WALK)}"
    assert browser.evaluate(counter(1)) == f"step 1 / {len(WALK)}"
    assert browser.evaluate("window.pageKeys") == ["ArrowRight"]

    # focus on the second: only it moves, and the notebook does not see the key
    browser.evaluate(f"{block_js(1)}.focus()")
    browser.press("ArrowRight", 39)
    browser.press("ArrowRight", 39)
    assert browser.evaluate(counter(1)) == f"step 3 / {len(WALK)}"
    assert browser.evaluate(counter(0)) == f"step 3 / {len(WALK)}"
    assert browser.evaluate("window.pageKeys") == ["ArrowRight"]

    # the blocks' CSS leaves the notebook's own button alone
    default_button = browser.evaluate(
        "getComputedStyle(document.getElementById('outside')).paddingLeft")
    fresh = tmp_path / "plain.html"
    fresh.write_text('<!DOCTYPE html><html><body><button id="outside">b</button></body></html>')
    browser.open(fresh.resolve().as_uri())
    assert browser.evaluate(
        "getComputedStyle(document.getElementById('outside')).paddingLeft") == default_button


def test_displaying_a_debugger_leaves_it_and_the_gradients_where_they_were():
    cost = demo_cost([4, 3, 1], examples=3)
    dbg = tg.Debugger(cost)
    dbg.goto(4)
    grads = {node.name: node.grad for node in dbg.nodes}
    block = player.debugger_html(dbg)
    assert len(dbg.history) == 4
    assert all(node.grad is grads[node.name] for node in dbg.nodes)  # the very same arrays
    data = stepper_data(block)
    assert data["frames"][data["current"]]["node"] == WALK[3]
    assert f"Backward from cost, {len(WALK)} steps (the Debugger: at step 4)" in block


def test_a_long_walk_draws_a_window_around_the_current_step_and_says_so():
    dbg = tg.Debugger(demo_cost([4, 3, 1], examples=3))
    dbg.goto(6)
    block = player.debugger_html(dbg, max_frames=4)
    data = stepper_data(block)
    steps = [f["step"] for f in data["frames"]]
    assert len(steps) == 4 and 6 in steps and steps == list(range(steps[0], steps[0] + 4))
    assert f"Steps {steps[0]} to {steps[-1]} of {len(WALK)} are drawn (at most 4)" in block
    assert data["frames"][data["current"]]["step"] == 6


def test_a_stepper_inserted_as_jupyterlab_inserts_an_output_steps(tmp_path, browser):
    # JupyterLab sets the output's innerHTML (scripts do not run that way), then replaces
    # each <script> with a fresh copy so that it runs, sometimes before the output is on the
    # page; the block must find itself either way.
    block = player.debugger_html(tg.Debugger(demo_cost([4, 3, 1], examples=3)))
    page = tmp_path / "lab.html"
    page.write_text("<!DOCTYPE html><html><body><div id='notebook'></div></body></html>")
    browser.open(page.resolve().as_uri())
    browser.evaluate(f"""(() => {{
        const output = document.createElement("div");
        output.innerHTML = {json.dumps(block)};
        for (const old of output.querySelectorAll("script")) {{
            const fresh = document.createElement("script");
            fresh.textContent = old.textContent;
            old.parentNode.replaceChild(fresh, old);
        }}
        document.getElementById("notebook").appendChild(output);
    }})()""")
    assert browser.evaluate(f"{block_js(0)}.querySelector('.tg-static')") is None
    browser.evaluate(f"{block_js(0)}.querySelector('.tg-next').click()")
    assert browser.evaluate(counter(0)) == f"step 2 / {len(WALK)}"
