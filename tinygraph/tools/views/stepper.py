"""The stepper's HTML: a static picture of one step first, the interactive stepper on top.

    >>> from tinygraph.stepper import demo_cost
    >>> from tinygraph import player
    >>> block = stepper_html(player.frames(demo_cost([4, 3, 1], examples=3)), "demo", current=2)
    >>> block.count("<img "), block.count("<svg"), "step 3/10: b2" in block
    (1, 0, True)

What survives where (measured in JupyterLab 4.6 and Notebook 7; see tests/test_jupyter.py):

* Untrusted (a notebook run by nbconvert, or received): scripts, `<style>` blocks, inline
  `<svg>` and the `hidden` attribute are dropped, `id` becomes `data-jupyter-id`; `<img>` with
  a `data:image/svg+xml` source, inline `style` attributes and `<pre>` stay. So the block's
  HTML is only the current step: its title, an `<img>` of the graph around the node the step
  processes (cropped to `CROP` px), its text, and a line saying how to step. The other
  frames live inside the script, which goes with it.
* Trusted (JupyterLab, Notebook 7, nbconvert's HTML, VS Code, Colab, a sandboxed
  `<iframe sandbox="allow-scripts">`): the script replaces the static picture with the
  stepper: buttons, a counter, the keys it knows, the graph in a pane that keeps the current
  node in view, the text beside or under it. It needs nothing but the DOM: no require.js, no
  Jupyter global, no network, no `</script>` inside it (its data is JSON with `<` escaped).
* Keys: a capture-phase listener on `window` sees a key before JupyterLab's and Notebook 7's
  own listeners (on `document`); when the key is aimed inside the stepper it goes no further,
  so `m`, `a`, `b`, `x`, `d d`, `j`, `k` and the arrows never reach the notebook's command
  mode (stopping it on the stepper's own element is too late for Notebook 7). Ctrl and Cmd
  keys pass (save, copy). Escape hands focus back to the cell around the stepper.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Sequence
from typing import Protocol

from ..render.output import SVG_SIZE, img_tag

CROP = 560  # px: the static picture's height at most, a window around the current node
PANE = 560  # px: the interactive graph pane's height at most (and 58% of the window)


class FrameLike(Protocol):
    """What the stepper needs of a frame (`player.Frame`)."""

    index: int
    node: str
    svg: str
    text: str
    total: int


_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
_TRANSFORM = re.compile(r'class="graph" transform="scale\(([\d.]+) ([\d.]+)\) rotate\(0\) '
                        r'translate\(([-\d.]+) ([-\d.]+)\)"')
_HIGHLIGHT = re.compile(r'<g id="[^"]*" class="node[^"]*\bhighlight\b[^"]*">(.*?)</g>', re.S)
_TEXT_AT = re.compile(r'<text [^>]*?x="([-\d.]+)" y="([-\d.]+)"')


def focus(svg: str) -> tuple[float, float]:
    """Where the highlighted node sits in Graphviz's SVG, as fractions (x, y) of its width
    and height; the middle when nothing is highlighted."""
    box, where, node = _VIEWBOX.search(svg), _TRANSFORM.search(svg), _HIGHLIGHT.search(svg)
    if not (box and where and node):
        return 0.5, 0.5
    points = [(float(x), float(y)) for x, y in _TEXT_AT.findall(node[1])]
    if not points:
        return 0.5, 0.5
    sx, sy, tx, ty = map(float, where.groups())
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    width, height = float(box[3]), float(box[4])
    return (min(1.0, max(0.0, sx * (x + tx) / width)),
            min(1.0, max(0.0, sy * (y + ty) / height)))


def crop(svg: str, height_px: float = CROP) -> str:
    """The SVG cut to at most `height_px` (at natural size) around its highlighted node:
    the neighbourhood of the step, at a size that can be read."""
    box = _VIEWBOX.search(svg)
    size = SVG_SIZE.search(svg)
    if not (box and size) or float(size[2]) * 4 / 3 <= height_px:
        return svg
    height_pt, (x0, y0, width, height) = float(size[2]), map(float, box.groups())
    keep = height * (height_px * 3 / 4) / height_pt  # in viewBox units
    top = min(max(0.0, focus(svg)[1] * height - keep / 2), height - keep)
    svg = svg[:size.start()] + (f'<svg width="{size[1]}pt" height="{height_px * 3 / 4:.2f}pt"'
                                ) + svg[size.end():]
    return _VIEWBOX.sub(f'viewBox="{x0:.2f} {y0 + top:.2f} {width:.2f} {keep:.2f}"', svg, 1)


def inline_svg(svg: str, prefix: str) -> str:
    """The <svg> element alone (no XML prologue or DOCTYPE, not allowed inside HTML), its
    ids prefixed so that many drawings share a page without clashing."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = re.sub(r'(\sid=")', rf"\1{prefix}", svg)
    return re.sub(r'((?:xlink:)?href="#|url\(#)', rf"\1{prefix}", svg)


def title_of(frame: FrameLike) -> str:
    """Where the walk is: the first line of the step's text, `step 5/20: W4  (parameter,
    layer 4)`."""
    return " ".join(frame.text.splitlines()[0].split()) if frame.text else frame.node


def new_uid() -> str:
    return f"tg-stepper-{os.urandom(6).hex()}"  # unique on any page


def _json_for_script(data: object) -> str:
    """JSON that can sit inside an inline <script>: no `</script>`, no `<!--` (every <, >
    and & written as a \\u escape, which JSON reads back as the same character)."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_BOX = ("font-family:Helvetica,Arial,sans-serif;color:#222;border:1px solid #ccc;"
        "border-radius:4px;margin:0.3em 0;padding:0;max-width:100%;box-sizing:border-box;"
        "text-align:left")
_TEXT = ("margin:0;padding:0.6em;font-size:12px;line-height:1.35;background:#fafafa;"
         "border:1px solid #eee;white-space:pre-wrap;overflow-wrap:break-word;word-break:normal;"
         "overflow:auto;"
         "max-height:{h}px;flex:1 1 22em;min-width:0;box-sizing:border-box;text-align:left")


def _static(frame: FrameLike, heading: str, total: int, note: str) -> str:
    """The current step as plain HTML: what an untrusted notebook or a static viewer keeps."""
    step = frame.index + 1
    picture = img_tag(crop(frame.svg), f"the graph at step {step}: {frame.node} in red",
                      style="display:block")
    how = (f"A picture of step {step} of {total} ({frame.node} in red, the graph around it). "
           f"Run the cell in a trusted notebook, or open the notebook's HTML, to step "
           f"through all {total}.")
    note_html = f'<div style="color:#666;font-size:12px">{html.escape(note)}</div>' \
        if note else ""
    return (f'<div class="tg-static">'
            f'<div style="padding:0.4em 0.8em;background:#f7f7f7;border-bottom:1px solid #ddd">'
            f'<div style="font-weight:bold">{html.escape(heading)}</div>'
            f'<div style="font-family:monospace;color:#d62728;font-weight:bold">'
            f'{html.escape(title_of(frame))}</div>'
            f'<div style="color:#666;font-size:12px">{html.escape(how)}</div>{note_html}</div>'
            f'<div style="display:flex;flex-wrap:wrap;gap:0.8em;padding:0.6em;'
            f'align-items:flex-start"><div style="flex:1 1 30em;min-width:0">{picture}</div>'
            f'<pre style="{_TEXT.format(h=CROP)}">{html.escape(frame.text)}</pre></div></div>')


def stepper_html(frames: Sequence[FrameLike], title: str, current: int = 0, note: str = "",
                 uid: str = "") -> str:
    """One self-contained HTML block that steps through `frames`, showing `frames[current]`
    first (and alone, where scripts do not run).

    `title` names what is walked ("Debugger: backward from cost"); each frame's own title
    says where the walk is. `note` is a line under it (e.g. which steps are drawn).
    """
    current = max(0, min(current, len(frames) - 1))
    uid = uid or new_uid()
    total = frames[0].total or len(frames)
    data = {
        "uid": uid, "total": total, "current": current, "pane": PANE,
        "frames": [{"step": f.index + 1, "node": f.node, "title": title_of(f), "text": f.text,
                    "svg": inline_svg(f.svg, f"{uid}-{i}-"), "focus": focus(f.svg)}
                   for i, f in enumerate(frames)],
    }
    script = _SCRIPT.replace("__DATA__", _json_for_script(data))
    static = _static(frames[current], title, total, note)
    return (f'<div class="tg-stepper" data-tg-uid="{uid}" tabindex="0" '
            f'aria-label="{html.escape(title)}" style="{_BOX}">'
            f'{static}<div class="tg-heading" data-title="{html.escape(title)}" '
            f'data-note="{html.escape(note)}"></div>'
            f'<script>{script}</script></div>')


# Plain JavaScript (ES5 and a little more: no library, no module, no Jupyter global). It
# finds its block from document.currentScript (JupyterLab runs it when the output is put on
# the page), builds the stepper there and removes the static picture.
_SCRIPT = """
(function () {
  var DATA = __DATA__;
  var here = document.currentScript;
  var root = (here && here.closest && here.closest(".tg-stepper")) ||
    document.querySelector('.tg-stepper[data-tg-uid="' + DATA.uid + '"]');
  if (!root || root.getAttribute("data-tg-ready")) return;
  root.setAttribute("data-tg-ready", "1");
  var frames = DATA.frames, current = DATA.current, timer = null;
  var heading = root.querySelector(".tg-heading");
  var sel = '.tg-stepper[data-tg-uid="' + DATA.uid + '"]';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var style = el("style");
  style.textContent = [
    sel + ":focus, " + sel + ":focus-within { outline: 2px solid #1f77b4; outline-offset: -1px; }",
    sel + " .tg-bar { background: #f7f7f7; border-bottom: 1px solid #ddd; padding: 0.4em 0.8em; }",
    sel + " .tg-what { font-size: 12px; color: #555; }",
    sel + " .tg-title { font-weight: bold; font-family: monospace; color: #d62728;" +
      " margin: 0.15em 0; white-space: normal; overflow-wrap: break-word; }",
    sel + " .tg-controls { display: flex; flex-wrap: wrap; gap: 0.3em; align-items: center; }",
    sel + " .tg-controls button { font-size: 13px; padding: 0.1em 0.6em; cursor: pointer; }",
    sel + " .tg-counter { font-weight: bold; margin: 0 0.6em; }",
    sel + " .tg-keys, " + sel + " .tg-note { color: #666; font-size: 12px; margin: 0.2em 0 0 0; }",
    sel + " kbd { border: 1px solid #bbb; border-radius: 3px; padding: 0 0.25em;" +
      " font-size: 11px; background: #fff; }",
    sel + " .tg-body { display: flex; flex-wrap: wrap; gap: 0.8em; padding: 0.6em;" +
      " align-items: flex-start; }",
    sel + " .tg-pane { flex: 1 1 34em; min-width: 0; overflow: auto; position: relative;" +
      " max-height: min(" + DATA.pane + "px, 58vh); border: 1px solid #eee; }",
    sel + " .tg-pane svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }",
    sel + " .tg-text { flex: 1 1 20em; min-width: 0; margin: 0; padding: 0.6em;" +
      " font-size: 12px; line-height: 1.35; background: #fafafa; border: 1px solid #eee;" +
      " white-space: pre-wrap; overflow-wrap: break-word; word-break: normal; overflow: auto;" +
      " max-height: min(" + DATA.pane + "px, 58vh); box-sizing: border-box; }"
  ].join("\\n");

  var bar = el("div", "tg-bar");
  bar.appendChild(el("div", "tg-what", heading.getAttribute("data-title")));
  var title = el("div", "tg-title");
  bar.appendChild(title);
  var controls = el("div", "tg-controls");
  function button(cls, text, tip, action) {
    var b = el("button", cls, text);
    b.type = "button";
    b.title = tip;
    b.addEventListener("click", action);
    controls.appendChild(b);
    return b;
  }
  button("tg-first", "|\\u25c0 first", "first step (Home)", function () { stop(); show(0); });
  button("tg-prev", "\\u25c0 back", "one step back (left arrow or b)",
         function () { stop(); show(current - 1); });
  var playButton = button("tg-play", "\\u25b6 play", "play / pause (space or p)", play);
  button("tg-next", "next \\u25b6", "next step (right arrow or n)",
         function () { stop(); show(current + 1); });
  button("tg-last", "last \\u25b6|", "last step (End)",
         function () { stop(); show(frames.length - 1); });
  var counter = el("span", "tg-counter");
  controls.appendChild(counter);
  bar.appendChild(controls);
  var keys = el("div", "tg-keys");
  function words(text) { keys.appendChild(document.createTextNode(text)); }
  words("Keys, once the stepper has focus (click it): ");
  [["\u2192", " or "], ["n", " next, "], ["\u2190", " or "], ["b", " back, "],
   ["Home", " first, "], ["End", " last, "], ["space", " or "], ["p", " play, "],
   ["Esc", " back to the notebook. "]].forEach(function (k) {
    keys.appendChild(el("kbd", "", k[0]));
    words(k[1]);
  });
  words("Red: the node whose rule runs at this step; dashed red edges: the gradients " +
        "sent so far; \u201cpending\u201d: not reached yet.");
  bar.appendChild(keys);
  if (heading.getAttribute("data-note")) {
    bar.appendChild(el("div", "tg-note", heading.getAttribute("data-note")));
  }
  var body = el("div", "tg-body");
  var pane = el("div", "tg-pane");
  var text = el("pre", "tg-text");
  body.appendChild(pane);
  body.appendChild(text);

  function follow() {  // the current node in the middle of the pane
    var picture = pane.querySelector("svg");
    if (!picture) return;
    var box = picture.getBoundingClientRect(), at = frames[current].focus;
    pane.scrollTop = at[1] * box.height - pane.clientHeight / 2;
    pane.scrollLeft = at[0] * box.width - pane.clientWidth / 2;
  }
  function show(k) {
    current = Math.max(0, Math.min(frames.length - 1, k));
    var f = frames[current];
    pane.innerHTML = f.svg;
    text.textContent = f.text;
    title.textContent = f.title;
    counter.textContent = "step " + f.step + " / " + DATA.total;
    root.setAttribute("data-step", String(f.step));
    root.setAttribute("data-node", f.node);
    follow();
  }
  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    playButton.textContent = "\\u25b6 play";
  }
  function play() {
    if (timer !== null) { stop(); return; }
    if (current === frames.length - 1) show(0);
    playButton.textContent = "\\u23f8 pause";
    timer = setInterval(function () {
      if (current === frames.length - 1) { stop(); } else { show(current + 1); }
    }, 1200);
  }
  function handBack() {  // focus to the nearest focusable element around: the cell
    stop();
    var around = root.parentElement;
    while (around && !around.hasAttribute("tabindex")) around = around.parentElement;
    if (around) { around.focus(); } else { document.activeElement.blur(); }
  }
  var actions = {
    ArrowRight: function () { stop(); show(current + 1); },
    n: function () { stop(); show(current + 1); },
    ArrowLeft: function () { stop(); show(current - 1); },
    b: function () { stop(); show(current - 1); },
    Home: function () { stop(); show(0); },
    End: function () { stop(); show(frames.length - 1); },
    " ": play,
    p: play
  };
  var types = ["keydown", "keypress", "keyup"];
  function onKey(event) {
    if (!root.isConnected) {  // the output was cleared: stop listening
      types.forEach(function (t) { window.removeEventListener(t, onKey, true); });
      stop();
      return;
    }
    if (!root.contains(event.target) || event.ctrlKey || event.metaKey) return;
    event.stopPropagation();  // the notebook never sees it: no m, a, b, x, d d, j, k ...
    if (event.type !== "keydown") return;
    if (event.key === "Escape") { event.preventDefault(); handBack(); return; }
    var onButton = event.target.tagName === "BUTTON";
    if (onButton && (event.key === " " || event.key === "Enter")) return;  // its own click
    var action = actions[event.key];
    if (action && !event.altKey) { event.preventDefault(); action(); }
  }
  types.forEach(function (t) { window.addEventListener(t, onKey, true); });

  var old = root.querySelector(".tg-static");
  if (old) old.parentNode.removeChild(old);
  root.insertBefore(style, heading);
  root.insertBefore(bar, heading);
  root.insertBefore(body, heading);
  show(current);
  if (window.ResizeObserver) new ResizeObserver(follow).observe(pane);
})();
"""
