"""Pictures out of the DOT source: `dot` run on it, files written, and the `Diagram` a notebook
shows (`tg.draw`). Graphviz itself (`import graphviz`, the `dot` program) is only needed here,
and imported inside the functions that draw.

    >>> import numpy as np, tinygraph as tg
    >>> cost = tg.Network([4, 3, 1], init="two_layer").cost(np.ones((4, 2)), [[1, 0]])
    >>> tg.draw(cost, grads=True)   # last line of a notebook cell: the picture; here, text
    <Diagram of J (cost): 13 nodes, layers 1-2, with gradients; .save(path), .svg(), .png()>
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...engine.tensor import Tensor
from ...errors import InputError, TinygraphError
from .dot import FORMATS, to_dot
from .graph import Graph
from .names import course_name

if TYPE_CHECKING:
    import graphviz


class GraphvizNotFoundError(TinygraphError, RuntimeError):
    """Graphviz's `dot` program is not installed; the message says how to install it."""


class RenderError(TinygraphError, RuntimeError):
    """`dot` failed, or the drawing could not be written."""


def _install_hint() -> str:
    return ("install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), "
            "`brew install graphviz` (macOS) or `conda install -c conda-forge graphviz`")


def _pipe(dot: graphviz.Digraph, fmt: str, what: str) -> bytes:
    """Run `dot -T<fmt>` on the source; tinygraph errors instead of graphviz's tracebacks."""
    import graphviz

    try:
        return dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFoundError(
            f"Graphviz's `dot` program was not found on PATH, so {what}; "
            f"{_install_hint()}") from None
    except graphviz.CalledProcessError as error:
        stderr = (error.stderr or b"").decode(errors="replace").strip().splitlines()
        raise RenderError(f"dot failed ({what}): {stderr[0] if stderr else error}") from None


def save(dot: graphviz.Digraph, path: str | Path) -> Path:
    """Write `dot` to `path` in the format its extension names (svg, png, pdf, dot).

    Parent directories are created. When `dot` (the program) is missing, the DOT source is
    written next to `path` (`net.svg` -> `net.dot`) and the error says how to install Graphviz.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"cannot draw to {path}: the extension must be one of "
                         f"{', '.join('.' + f for f in FORMATS)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "dot":
            path.write_text(dot.source, encoding="utf-8")
            return path
        try:
            data = _pipe(dot, fmt, f"{path} was not drawn")
        except GraphvizNotFoundError as error:
            source = path.with_suffix(".dot")
            source.write_text(dot.source, encoding="utf-8")
            raise GraphvizNotFoundError(
                f"{error}; the DOT source is in {source} (then `dot -T{fmt} {source} -o {path}` "
                f"draws it)") from None
        path.write_bytes(data)
    except OSError as error:
        raise RenderError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def render(root: Tensor, path: str | Path, **options: Any) -> Path:
    """Draw the graph of `root` to `path`; the extension picks the format (svg, png, pdf, dot).

        >>> render(cost, "out/net.png", grads=True)   # doctest: +SKIP
        PosixPath('out/net.png')

    `options` are those of `to_dot`.
    """
    return save(to_dot(root, **options), path)


def to_svg(root: Tensor, **options: Any) -> str:
    """The drawing as SVG text (what a notebook shows); `options` are those of `to_dot`."""
    return _pipe(to_dot(root, **options), "svg", "no SVG was drawn").decode("utf-8")


# One screen of a notebook at 1400 x 1000: a full graph bigger than this (in px, at natural
# size) is shown as the network view, the full graph one click away. Shrunk to a cell
# ~900 px wide, a picture 1,350 px wide keeps its 11 pt text 9.8 px high on screen.
SCREEN = (1350, 900)

# Graphviz's own size of a drawing, in points (views/stepper.py crops by it too).
SVG_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def size_px(svg: str) -> tuple[float, float]:
    """The natural width and height of Graphviz's SVG in CSS pixels (it writes points,
    1 pt = 4/3 px); (0, 0) when it names none."""
    size = SVG_SIZE.search(svg)
    return (float(size[1]) * 4 / 3, float(size[2]) * 4 / 3) if size else (0.0, 0.0)


def img_tag(svg: str, alt: str, style: str = "") -> str:
    """The SVG as an `<img>` at its natural size or smaller, never bigger (a max-width, not a
    width): what a notebook keeps even untrusted (it drops inline `<svg>`), nbviewer and
    nbconvert's HTML show, and VS Code and Colab too."""
    width, height = size_px(svg)
    size = f' width="{width:.0f}" height="{height:.0f}"' if width else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}"{size} alt="{html.escape(alt)}" '
            f'style="max-width:100%;height:auto;{style}">')


def _details(summary: str, body: str) -> str:
    """Closed until clicked; a notebook keeps `<details>` even untrusted."""
    return (f'<details style="margin:0.3em 0"><summary style="cursor:pointer;color:#555">'
            f'{html.escape(summary)}</summary>{body}</details>')


class Diagram:
    """A drawing that shows itself in Jupyter and saves itself to a file.

        >>> tg.draw(cost, grads=True)   # last line of a notebook cell: the picture; here, text
        <Diagram of J (cost): 13 nodes, layers 1-2, with gradients; .save(path), .svg(), .png()>
        >>> tg.draw(cost).save("net.png")        # doctest: +SKIP

    A notebook shows it as HTML: the picture at its natural size or smaller. When a network's
    full graph is bigger than one screen (`SCREEN`) and no view was asked for (`compact`
    not given), it shows the network view (one box per layer) with the full graph under it,
    closed until clicked; `.svg()`, `.png()` and `.save()` stay the full graph. Without
    Graphviz's `dot`, it shows the DOT source and how to install Graphviz.
    """

    def __init__(self, dot: graphviz.Digraph, about: str = "a graph",
                 network: graphviz.Digraph | None = None) -> None:
        self.dot = dot
        self.about = about
        self.network = network  # the view to show first when the full graph is too big

    @property
    def source(self) -> str:
        """The DOT source."""
        return self.dot.source

    def svg(self) -> str:
        """The SVG text, as Graphviz draws it (width and height in pt, 1 pt = 4/3 px)."""
        return _pipe(self.dot, "svg", "no SVG was drawn").decode("utf-8")

    def png(self) -> bytes:
        """The picture as PNG bytes (96 dpi: a point of the SVG is 4/3 of a pixel)."""
        return _pipe(self.dot, "png", "no PNG was drawn")

    def save(self, path: str | Path) -> Path:
        return save(self.dot, path)

    def html(self) -> str:
        """What a notebook shows: the picture as an `<img>` (natural size or smaller) and,
        for a network too big for one screen, its network view first, the full graph in a
        `<details>` under it."""
        return self._shown()[0]

    def _shown(self) -> tuple[str, graphviz.Digraph]:
        """The notebook's HTML, and the drawing it shows first (whose PNG goes with it)."""
        full = self.svg()
        width, height = size_px(full)
        if self.network is None or (width <= SCREEN[0] and height <= SCREEN[1]):
            return img_tag(full, self.about), self.dot
        view = _pipe(self.network, "svg", "no SVG was drawn").decode("utf-8")
        summary = (f"the full graph, every op ({width:,.0f} x {height:,.0f} px): "
                   f"click to open")
        return img_tag(view, f"{self.about}, the network view") + _details(
            summary, img_tag(full, self.about)), self.network

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """HTML for notebooks (JupyterLab, Notebook 7, VS Code, Colab, nbconvert, untrusted
        too), a PNG of the picture it shows first for what shows no HTML (LaTeX, PDF), and
        this text for a terminal."""
        try:
            shown, first = self._shown()
            png = base64.b64encode(_pipe(first, "png", "no PNG was drawn")).decode("ascii")
            return {"text/html": shown, "image/png": png, "text/plain": repr(self)}
        except TinygraphError as error:
            return {"text/plain": f"{error}\n\n{self.source}"}

    def __repr__(self) -> str:
        return f"<Diagram of {self.about}; .save(path), .svg(), .png()>"


def _about(root: Tensor, options: dict[str, Any]) -> str:
    """`J (cost): 13 nodes, layers 1-2, with gradients`: what a Diagram's text says it shows."""
    graph = Graph(root)
    words = [f"{course_name(root)}: {len(graph.order)} nodes"]
    if graph.layers:
        first, last = min(graph.layers), max(graph.layers)
        words.append(f"layer {first}" if first == last else f"layers {first}-{last}")
    if options.get("compact"):
        words.append("compact")
    if options.get("grads"):
        words.append("with gradients")
    if options.get("backward") is not None and options.get("backward") is not False:
        words.append("the backward walk")
    return ", ".join(words)


def draw(root: Tensor, **options: Any) -> Diagram:
    """`to_dot(root, **options)` wrapped to display itself inline in Jupyter.

        >>> tg.draw(cost, grads=True, backward=True)   # doctest: +SKIP
        >>> tg.draw(cost, rankdir="LR", size=(8, 4))    # doctest: +SKIP
    """
    network = None
    if "compact" not in options and Graph(root).layers:  # the view for a big graph
        network = to_dot(root, compact=True, **{k: v for k, v in options.items()
                                                if k in ("grads", "backward", "highlight",
                                                         "title")})
    return Diagram(to_dot(root, **options), _about(root, options), network)

