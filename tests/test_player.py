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
from pathlib import Path

import pytest

import tinygraph as tg
from tinygraph import player
from tinygraph.stepper import demo_cost


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

VISIBLE = "document.querySelector('.frame:not([hidden])')"
COUNTER = "document.getElementById('counter').textContent"
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
    assert browser.evaluate("document.getElementById('node').textContent") == WALK[1]
    # the step's text beside the picture: its rule with the real shapes
    text = browser.evaluate(f"{VISIBLE}.querySelector('pre').textContent")
    assert "db2 = sum(dZ2, axis=1)   (1, 1) = sum((1, 3), axis=1)" in text

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

    browser.evaluate("document.getElementById('prev').click()")
    assert browser.evaluate(COUNTER) == f"step {len(WALK) - 1} / {len(WALK)}"

    shot = browser.screenshot(tmp_path / "player.png")  # kept in tmp_path for a look
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height >= 600  # the browser window, about 1400 x 1000

    browser.press("Home", 36)
    browser.evaluate("document.getElementById('play').click()")  # a step every 1.2 s
    deadline = time.monotonic() + 10
    while browser.evaluate(COUNTER) == f"step 1 / {len(WALK)}":
        assert time.monotonic() < deadline, "play did not advance"
        time.sleep(0.1)
    browser.evaluate("document.getElementById('play').click()")  # pause
    paused_at = browser.evaluate(COUNTER)
    time.sleep(1.5)
    assert browser.evaluate(COUNTER) == paused_at


def test_early_frames_mark_the_gradients_not_reached_yet_as_pending():
    frames = player.frames(demo_cost([4, 3, 1], examples=3))
    assert [f.node for f in frames] == WALK
    assert "dW1: pending" in frames[0].svg and "dW1: pending" in frames[-2].svg
    assert "dW1: (3, 4), |g| = " in frames[-1].svg
    assert "dW2: pending" in frames[3].svg and "dW2: (1, 3)" in frames[4].svg


def test_the_html_needs_no_network_and_no_other_file(tmp_path):
    page = player.write_html(player.frames(demo_cost([4, 3, 1], examples=3)),
                             tmp_path / "deep" / "er" / "backprop.html")
    text = page.read_text()
    assert text.count("<svg") == len(WALK) and "<?xml" not in text
    assert not re.findall(r"""(?:src|href)\s*=\s*["'](?!#)""", text)  # no file, no CDN
    assert "<script>" in text and "<style>" in text and "http" not in text.replace(
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
    assert target.read_text().count('class="frame"') == len(WALK)


def test_a_player_of_nothing_is_a_clear_error(tmp_path):
    with pytest.raises(tg.InputError, match="no frames to play"):
        player.write_html([], tmp_path / "p.html")
    assert not (tmp_path / "p.html").exists()
