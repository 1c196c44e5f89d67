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

The page and the inline stepper are one HTML block (`player_html`, built by
`views.stepper`): self-contained (SVG, CSS, JavaScript inline, no network), its CSS scoped
to its own unique id, its keys active only while it has focus and kept from the notebook,
so several sit on one notebook page without touching each other or the notebook. Without
JavaScript (an untrusted notebook, a static viewer) it is one picture of the current step,
the graph around its node, and the step's text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..engine.tensor import Tensor
from ..errors import InputError, TinygraphError
from .debug import Debugger
from .format import describe, numbers
from .views.stepper import stepper_html

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
        text = describe(step, total, dbg.where())  # its rule, once; a leaf's gradient too
        if step.node.op is not None:
            text += "\n\n" + numbers(step)
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
    """The whole HTML document as text: the stepper block, focused when the page opens
    (`player_html` says when there is nothing to play)."""
    return _PAGE.format(title=html.escape(title), block=player_html(frames, title))


def player_html(frames: list[Frame], title: str, current: int = 0, note: str = "",
                uid: str = "") -> str:
    """One self-contained HTML block that plays `frames`, showing `frames[current]` first
    (`views.stepper`: a static picture of that step, the stepper on top where scripts run).

    Everything is scoped to a fresh id: two blocks on a page never share a style, an
    element id (the SVGs' own ids are prefixed too) or a key press.
    """
    if not frames:
        raise InputError("no frames to play: the walk has no step (does the cost need a "
                         "gradient at all?)")
    return stepper_html(frames, title, current=current, note=note, uid=uid)


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
    # What the Debugger object is at; the view's heading says the step on show, which moves
    where = f"at step {here}" if here else "not stepped yet"
    note = ""
    if len(drawn) < total:
        note = (f"Steps {start + 1} to {start + len(drawn)} of {total} are drawn (at most "
                f"{max_frames}); dbg.goto(k) and display again for others.")
    if not here:
        note = (note + " " if note else "") + "Shown from step 1."
    return player_html(drawn, f"Backward from {dbg.cost.name or 'the cost'}, {total} steps "
                       f"(the Debugger: {where})",
                       current=max(0, here - 1 - start), note=note)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body style="margin:1em">
{block}
<script>document.querySelector(".tg-stepper").focus();</script>
</body>
</html>
"""
