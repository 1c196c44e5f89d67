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


CELL_WIDTH = 700  # px: a picture up to this wide fits a notebook cell at natural size

_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def _fit_the_cell(svg: str) -> str:
    """The SVG a notebook shows: never wider than the cell, never clipped.

    Shown inline, `max-width:100%` shrinks it. But JupyterLab and nbconvert's HTML show an
    SVG output as an <img>, whose size is the SVG's own width and height, with no CSS to
    shrink it. So a picture wider than CELL_WIDTH (the course's net with gradients, ~970 px)
    loses its width and height: the <img> then takes the cell's width, the viewBox keeping
    the proportions. Narrower pictures keep their natural size (1 pt = 4/3 px).
    """
    size = _SIZE.search(svg)
    if size and float(size[1]) * 4 / 3 > CELL_WIDTH:
        svg = svg[:size.start()] + "<svg " + svg[size.end():]
    return svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)


class Diagram:
    """A drawing that shows itself in Jupyter (SVG, with a PNG for untrusted notebooks) and
    saves itself to a file.

        >>> tg.draw(cost, grads=True)   # last line of a notebook cell: the picture; here, text
        <Diagram of J (cost): 13 nodes, layers 1-2, with gradients; .save(path), .svg(), .png()>
        >>> tg.draw(cost).save("net.png")        # doctest: +SKIP

    Without Graphviz's `dot`, a notebook shows the DOT source and how to install Graphviz.
    """

    def __init__(self, dot: graphviz.Digraph, about: str = "a graph") -> None:
        self.dot = dot
        self.about = about

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

    def _repr_svg_(self) -> str | None:
        try:
            return _fit_the_cell(self.svg())
        except TinygraphError:
            return None  # Jupyter then falls back to the text of _repr_mimebundle_ / repr

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """SVG for trusted notebooks, PNG (base64, as notebooks store it) for untrusted ones
        and viewers without SVG, and this text for a terminal."""
        try:
            png = base64.b64encode(self.png()).decode("ascii")
            return {"image/svg+xml": _fit_the_cell(self.svg()), "image/png": png,
                    "text/plain": repr(self)}
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
    return Diagram(to_dot(root, **options), _about(root, options))

