"""The backward walk as pictures: one SVG per step, an HTML player, and the inline stepper.

    >>> from tinygraph import player
    >>> frames = player.frames(cost)                      # doctest: +SKIP
    >>> player.write_frames(frames, "out/frames")         # doctest: +SKIP
    [PosixPath('out/frames/step001.svg'), PosixPath('out/frames/step002.svg'), ...]
    >>> player.write_html(frames, "out/backprop.html")    # doctest: +SKIP
    PosixPath('out/backprop.html')
    >>> tg.Debugger(cost)            # in Jupyter: the inline stepper  # doctest: +SKIP

Frame k is the graph as the walk leaves step k: the node just processed drawn in red, every
gradient computed so far written on its node (`dW2: (1, 3), |g| = 0.25`), the ones the walk
has not reached yet marked "pending", and the gradients sent so far as dashed red edges.

The page and the inline stepper are one HTML block (`player_html`): self-contained (SVG,
CSS, JavaScript inline, no network), its CSS scoped to its own unique id, its keys active
only while it has focus, so several sit on one notebook page without touching each other or
the notebook. Without JavaScript (an untrusted notebook, a static viewer) it shows one step,
the current one, and no buttons that would do nothing.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..engine.tensor import Tensor
from ..errors import InputError, TinygraphError
from .debug import Debugger
from .format import describe, formula_with_numbers

# The inline stepper draws at most this many steps, each an SVG of the whole graph (the
# course's 4-layer net: 20 steps, 724 kB of HTML, drawn in about 3 s); it names the rest.
MAX_FRAMES = 40


@dataclass(frozen=True)
class Frame:
    """One step as a picture: `svg` (the drawing), `node` (its name) and `text` (the step's
    block and its formula with the numbers)."""

    index: int
    node: str
    svg: str
    text: str
    total: int = 0  # steps in the whole walk (0: as many as there are frames)


def frames(cost: Tensor, start: int = 0, limit: int | None = None) -> list[Frame]:
    """Walk backward from `cost` one step at a time and draw the graph after each step.

    `start` and `limit` draw only steps start+1 .. start+limit. The gradients of the graph
    are left as they were (the walk is replayed on a `Debugger`, which puts them back).
    """
    with Debugger(cost) as dbg:
        return _draw(dbg, dbg.total(), start, limit)


def _draw(dbg: Debugger, total: int, start: int, limit: int | None) -> list[Frame]:
    """Frames of steps start+1 .. start+limit of `dbg`, a replay the caller opened."""
    from . import render  # Graphviz is needed only for pictures

    dbg.goto(start)
    result: list[Frame] = []
    while (limit is None or len(result) < limit) and (step := dbg.step()) is not None:
        title = f"backward, step {step.index + 1} of {total}: {step.node.name}"
        svg = render.to_svg(dbg.cost, grads=True, highlight=[step.node], backward=dbg.history,
                            title=title)
        text = describe(step, total, dbg.where()) + "\n\n" + formula_with_numbers(step)
        result.append(Frame(step.index, step.node.name, svg, text, total))
    return result


def write_frames(frames: list[Frame], directory: str | Path) -> list[Path]:
    """Write `step001.svg`, `step002.svg`, ... into `directory` (created if needed)."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for frame in frames:
            path = directory / f"step{frame.index + 1:03d}.svg"
            path.write_text(frame.svg, encoding="utf-8")
            paths.append(path)
    except OSError as error:
        raise TinygraphError(f"cannot write frames to {directory}: "
                             f"{error.strerror or error}") from None
    return paths


def write_html(frames: list[Frame], path: str | Path,
               title: str = "Backprop, one node at a time") -> Path:
    """Write the player: previous/next/play buttons, arrow keys, each step's text beside it."""
    path, text = Path(path), page(frames, title)  # no frames: an InputError, nothing written
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise TinygraphError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def page(frames: list[Frame], title: str) -> str:
    """The whole HTML document as text: the player block, focused when the page opens."""
    uid = _new_uid()
    return _PAGE.format(title=html.escape(title), block=player_html(frames, title, uid=uid),
                        uid=uid)


def _new_uid() -> str:
    return f"tg-player-{os.urandom(6).hex()}"  # unique on any page


def player_html(frames: list[Frame], title: str, current: int = 0, note: str = "",
                uid: str = "") -> str:
    """One self-contained HTML block that plays `frames`, showing `frames[current]` first.

    Everything is scoped to a fresh id: two blocks on a page never share a style, an
    element id (the SVGs' own ids are prefixed too) or a key press.
    """
    if not frames:
        raise InputError("no frames to play: the walk has no step (does the cost need a "
                         "gradient at all?)")
    current = max(0, min(current, len(frames) - 1))
    uid = uid or _new_uid()
    total = frames[0].total or len(frames)
    sections = "\n".join(
        f'<section class="tg-frame" data-node="{html.escape(f.node)}" '
        f'data-step="{f.index + 1}"{"" if i == current else " hidden"}>\n'
        f'<div class="tg-picture">{_inline(f.svg, f"{uid}-{i}-")}</div>\n'
        f'<pre class="tg-text">{html.escape(f.text)}</pre>\n</section>'
        for i, f in enumerate(frames))
    shown = frames[current]
    return _BLOCK.format(
        uid=uid, title=html.escape(title), sections=sections, total=total,
        step=shown.index + 1, node=html.escape(shown.node),
        note=f'<p class="tg-note">{html.escape(note)}</p>' if note else "",
        style=_STYLE.replace("__UID__", uid), script=_SCRIPT.replace("__UID__", uid))


def _inline(svg: str, prefix: str = "") -> str:
    """The <svg> element alone (the XML prologue and DOCTYPE are not allowed inside HTML),
    its ids prefixed so that many drawings share a page without clashing."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    if prefix:
        svg = re.sub(r'(\sid=")', rf"\1{prefix}", svg)
        svg = re.sub(r'((?:xlink:)?href="#|url\(#)', rf"\1{prefix}", svg)
    return svg


# ---------------------------------------------------------------------------------------------
# The Debugger in Jupyter


def debugger_html(dbg: Debugger, max_frames: int = MAX_FRAMES) -> str:
    """The inline stepper of a Debugger, at the step it is on (step 1 before the first).

    Draws at most `max_frames` steps, a window around the current one, and says so. The
    debugger itself is not moved: the pictures come from a replay that leaves the
    gradients as they are.
    """
    with Debugger(dbg.cost) as replay:  # not dbg.total(): that replays dbg itself
        total = replay.total()
        here = len(dbg.history)
        start = max(0, min(here - 1 - max_frames // 2, total - max_frames))
        drawn = _draw(replay, total, start, max_frames)
    where = f"at step {here} of {total}" if here else f"not started ({total} steps)"
    note = ""
    if len(drawn) < total:
        note = (f"Steps {start + 1} to {start + len(drawn)} of {total} are drawn (at most "
                f"{max_frames}); dbg.goto(k) and display again for others.")
    return player_html(drawn, f"Debugger {where}: backward from {dbg.cost.name or 'the cost'}",
                       current=max(0, here - 1 - start), note=note)


# In a notebook cell (about 900 px) the step's text wraps below the picture; on a wide
# page it sits beside it.
_STYLE = """
#__UID__ { font-family: Helvetica, Arial, sans-serif; color: #222; border: 1px solid #ddd;
      border-radius: 4px; margin: 0.3em 0; outline: none; }
#__UID__:focus, #__UID__:focus-within { border-color: #1f77b4; box-shadow: 0 0 0 1px #1f77b4; }
#__UID__ .tg-bar { background: #f7f7f7; border-bottom: 1px solid #ddd; padding: 0.4em 0.8em; }
#__UID__ .tg-title { font-size: 1.05em; font-weight: bold; margin: 0 0 0.3em 0; }
#__UID__ .tg-bar button { font-size: 0.95em; padding: 0.15em 0.7em; margin-right: 0.3em;
                     cursor: pointer; }
#__UID__ .tg-counter { font-weight: bold; margin: 0 1em; }
#__UID__ .tg-node { font-family: monospace; color: #d62728; font-weight: bold; }
#__UID__ .tg-hint, #__UID__ .tg-note { color: #666; font-size: 0.85em; margin: 0.3em 0 0 0; }
#__UID__ .tg-frame { display: flex; flex-wrap: wrap; gap: 1em; padding: 0.8em;
                align-items: flex-start; }
#__UID__ .tg-frame[hidden], #__UID__ [hidden] { display: none; }
#__UID__ .tg-picture { flex: 1 1 36em; min-width: 0; }
#__UID__ .tg-picture svg { max-width: 100%; height: auto; }
#__UID__ .tg-text { flex: 1 1 22em; font-size: 0.8em; background: #fafafa; border: 1px solid #eee;
               padding: 0.8em; margin: 0; overflow-x: auto; white-space: pre; }
"""

# Plain JavaScript, no library, everything found inside this block: show one frame at a time.
# Keys only while the block has focus (click it, or Tab to it); in JupyterLab the block's
# data-lm-suppress-shortcuts keeps the notebook's own shortcuts out while it has focus, in
# the classic Notebook its keyboard manager is switched off meanwhile.
_SCRIPT = """
(function () {
  // The block this script sits in; JupyterLab may run it before the output is on the page.
  const here = document.currentScript;
  const root = (here && here.closest(".tg-player")) || document.getElementById("__UID__");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const frames = Array.from(root.querySelectorAll(".tg-frame"));
  const counter = root.querySelector(".tg-counter");
  const nodeName = root.querySelector(".tg-node");
  const playButton = root.querySelector(".tg-play");
  const total = root.dataset.total;
  let current = frames.findIndex((frame) => !frame.hidden);
  let timer = null;

  function show(k) {
    current = Math.max(0, Math.min(frames.length - 1, k));
    frames.forEach((frame, i) => { frame.hidden = i !== current; });
    counter.textContent = "step " + frames[current].dataset.step + " / " + total;
    nodeName.textContent = frames[current].dataset.node;
  }
  function stop() {
    clearInterval(timer);
    timer = null;
    playButton.textContent = "\\u25b6 play";
  }
  function play() {
    if (timer !== null) { stop(); return; }
    if (current === frames.length - 1) show(0);
    playButton.textContent = "\\u23f8 pause";
    timer = setInterval(() => {
      if (current === frames.length - 1) { stop(); } else { show(current + 1); }
    }, 1200);
  }
  root.querySelector(".tg-prev").addEventListener("click", () => { stop(); show(current - 1); });
  root.querySelector(".tg-next").addEventListener("click", () => { stop(); show(current + 1); });
  playButton.addEventListener("click", play);
  root.addEventListener("keydown", (event) => {
    const keys = {
      ArrowRight: () => { stop(); show(current + 1); },
      ArrowLeft: () => { stop(); show(current - 1); },
      Home: () => { stop(); show(0); },
      End: () => { stop(); show(frames.length - 1); },
      " ": () => play(),
    };
    if (!(event.key in keys) || (event.key === " " && event.target.tagName === "BUTTON")) {
      return;  // on a focused button, space is that button's click
    }
    keys[event.key]();
    event.preventDefault();
    event.stopPropagation();
  });
  const manager = window.Jupyter && window.Jupyter.keyboard_manager;  // classic Notebook
  if (manager) {
    root.addEventListener("focusin", () => manager.disable());
    root.addEventListener("focusout", () => manager.enable());
  }
  root.querySelector(".tg-controls").hidden = false;
  root.querySelector(".tg-static").hidden = true;
  root.querySelector(".tg-keys").hidden = false;
  show(current);
})();
"""

_BLOCK = """<div class="tg-player" id="{uid}" tabindex="0" data-total="{total}" \
data-lm-suppress-shortcuts="true" data-p-suppress-shortcuts="true" aria-label="{title}">
<style>{style}</style>
<div class="tg-bar">
<div class="tg-title">{title}</div>
<nav class="tg-controls" hidden>
<button class="tg-prev" title="previous step (left arrow)">&#9664; previous</button>
<button class="tg-play" title="play / pause (space)">&#9654; play</button>
<button class="tg-next" title="next step (right arrow)">next &#9654;</button>
<span class="tg-counter">step {step} / {total}</span>
<span class="tg-node">{node}</span>
</nav>
<p class="tg-hint">Red: the node whose rule runs at this step; dashed red edges: the
gradients sent so far; "pending": not reached yet.
<span class="tg-static">Step {step} of {total}, {node}: run the notebook (trusted) to step
through the others.</span>
<span class="tg-keys" hidden>Click here, then left and right arrow keys step, space
plays.</span></p>
{note}
</div>
{sections}
<script>{script}</script>
</div>"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
{block}
<script>document.getElementById("{uid}").focus();</script>
</body>
</html>
"""
