"""The backward walk as pictures: one SVG per step, and one HTML file that plays them.

    >>> from tinygraph import player
    >>> frames = player.frames(cost)                      # doctest: +SKIP
    >>> player.write_frames(frames, "out/frames")         # doctest: +SKIP
    [PosixPath('out/frames/step001.svg'), PosixPath('out/frames/step002.svg'), ...]
    >>> player.write_html(frames, "out/backprop.html")    # doctest: +SKIP
    PosixPath('out/backprop.html')

Frame k is the graph as the walk leaves step k: the node just processed drawn in red, every
gradient computed so far written on its node (`dW2: (1, 3), |g| = 0.25`), the ones the walk
has not reached yet marked "pending", and the gradients sent so far as dashed red edges.
The HTML holds everything inline (SVG, CSS, JavaScript): no network access is needed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .debug import Debugger, describe, formula_with_numbers
from .errors import InputError, TinygraphError
from .tensor import Tensor


@dataclass(frozen=True)
class Frame:
    """One step as a picture: `svg` (the drawing), `node` (its name) and `text` (the step's
    block and its formula with the numbers)."""

    index: int
    node: str
    svg: str
    text: str


def frames(cost: Tensor) -> list[Frame]:
    """Walk backward from `cost` one step at a time and draw the graph after each step."""
    from . import render  # Graphviz is needed only for pictures

    dbg = Debugger(cost)
    total = dbg.total()
    result = []
    while (step := dbg.step()) is not None:
        title = f"backward, step {step.index + 1} of {total}: {step.node.name}"
        svg = render.to_svg(cost, grads=True, highlight=[step.node], backward=dbg.history,
                            title=title)
        text = describe(step, total, dbg.where()) + "\n\n" + formula_with_numbers(step)
        result.append(Frame(step.index, step.node.name, svg, text))
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
    if not frames:
        raise InputError("no frames to play: the walk has no step (does the cost need a "
                         "gradient at all?)")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(frames, title), encoding="utf-8")
    except OSError as error:
        raise TinygraphError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _inline(svg: str) -> str:
    """The <svg> element alone: the XML prologue and DOCTYPE are not allowed inside HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def page(frames: list[Frame], title: str) -> str:
    """The whole HTML document as text."""
    sections = "\n".join(
        f'<section class="frame" data-node="{html.escape(f.node)}"'
        f'{"" if i == 0 else " hidden"}>\n<div class="picture">{_inline(f.svg)}</div>\n'
        f'<pre class="text">{html.escape(f.text)}</pre>\n</section>'
        for i, f in enumerate(frames))
    first = html.escape(frames[0].node)
    return _PAGE.format(title=html.escape(title), sections=sections, total=len(frames),
                        first=first, style=_STYLE, script=_SCRIPT)


_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 0; color: #222; }
header { position: sticky; top: 0; background: #f7f7f7; border-bottom: 1px solid #ddd;
         padding: 0.5em 1em; z-index: 1; }
h1 { font-size: 1.2em; margin: 0 0 0.4em 0; }
button { font-size: 1em; padding: 0.2em 0.8em; margin-right: 0.3em; cursor: pointer; }
#counter { font-weight: bold; margin: 0 1em; }
#node { font-family: monospace; color: #d62728; font-weight: bold; }
.hint { color: #666; font-size: 0.85em; margin: 0.3em 0 0 0; }
.frame { display: flex; gap: 1em; padding: 1em; align-items: flex-start; }
.frame[hidden] { display: none; }
.picture { flex: 3; min-width: 0; }
.picture svg { max-width: 100%; height: auto; }
.text { flex: 2; font-size: 0.8em; background: #fafafa; border: 1px solid #eee;
        padding: 0.8em; overflow-x: auto; white-space: pre; }
"""

# Plain JavaScript, no library: show one <section> at a time.
_SCRIPT = """
const frames = Array.from(document.querySelectorAll(".frame"));
const counter = document.getElementById("counter");
const nodeName = document.getElementById("node");
const playButton = document.getElementById("play");
let current = 0;
let timer = null;

function show(k) {
  current = Math.max(0, Math.min(frames.length - 1, k));
  frames.forEach((frame, i) => { frame.hidden = i !== current; });
  counter.textContent = "step " + (current + 1) + " / " + frames.length;
  nodeName.textContent = frames[current].dataset.node;
}

function play() {
  if (timer !== null) { stop(); return; }
  if (current === frames.length - 1) show(0);
  playButton.textContent = "\\u23f8 pause";
  timer = setInterval(() => {
    if (current === frames.length - 1) { stop(); } else { show(current + 1); }
  }, 1200);
}

function stop() {
  clearInterval(timer);
  timer = null;
  playButton.textContent = "\\u25b6 play";
}

document.getElementById("prev").addEventListener("click", () => { stop(); show(current - 1); });
document.getElementById("next").addEventListener("click", () => { stop(); show(current + 1); });
playButton.addEventListener("click", play);
document.addEventListener("keydown", (event) => {
  if (event.key === "ArrowRight") { stop(); show(current + 1); event.preventDefault(); }
  else if (event.key === "ArrowLeft") { stop(); show(current - 1); event.preventDefault(); }
  else if (event.key === " " && event.target.tagName !== "BUTTON") {
    play(); event.preventDefault();  // on a focused button, space is that button's click
  }
  else if (event.key === "Home") { stop(); show(0); }
  else if (event.key === "End") { stop(); show(frames.length - 1); }
});
show(0);
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<nav>
<button id="prev" title="previous step (left arrow)">&#9664; previous</button>
<button id="play" title="play / pause (space)">&#9654; play</button>
<button id="next" title="next step (right arrow)">next &#9654;</button>
<span id="counter">step 1 / {total}</span>
<span id="node">{first}</span>
</nav>
<p class="hint">Left and right arrow keys step, space plays. Red: the node whose rule runs
at this step; dashed red edges: the gradients sent so far; "pending": not reached yet.</p>
</header>
<main>
{sections}
</main>
<script>{script}</script>
</body>
</html>
"""

