"""Draw the graph with Graphviz, in the course's notation: W[l], b[l], Z[l], A[l], X = A[0], J.

    >>> import numpy as np, tinygraph as tg
    >>> from tinygraph import render
    >>> net = tg.Network([4, 3, 1], init="two_layer")
    >>> cost = net.cost(np.ones((4, 2)), [[1, 0]])
    >>> dot = render.to_dot(cost)                      # a graphviz.Digraph, no layout run yet
    >>> "Layer 1: LINEAR -> RELU" in dot.source
    True
    >>> render.render(cost, "out/net.svg")             # doctest: +SKIP
    PosixPath('out/net.svg')

Three kinds of node, three styles: data (`X`, `Y`, grey boxes), parameters (`W[l]`, `b[l]`,
yellow rounded boxes) and op results (`Z[l]`, `A[l]`, `J`, blue ellipses). Each label names
the node, its op and shape (and dtype when it is not float64); nodes of layer l sit in a box
titled like the course, "Layer 2: LINEAR -> RELU". `compact=True` draws one box per layer.

`grads=True` adds each node's gradient, `node.grad` as it is at that moment:
`dW2: (7, 20), |g| = 0.031` (|g| is the Frobenius norm), "not computed yet" before a backward
pass and "pending" during one, never zeros. `backward=True` overlays the backward walk as
dashed red edges from each node to its inputs, labelled with the gradient its rule sends.

Graphviz itself (`import graphviz`, the `dot` program) is only needed when drawing: this
module imports it inside functions, so `import tinygraph` stays fast.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .autograd import Step, formula_text, grad_name, topological_order
from .debug.format import array_lines, norm_text, shape_text
from .errors import InputError, TinygraphError
from .tensor import Tensor

if TYPE_CHECKING:
    import graphviz

FORMATS = ("svg", "png", "pdf", "dot")

# The three kinds of node, and the layer box of the compact view.
STYLES: dict[str, dict[str, str]] = {
    "data": {"shape": "box", "style": "filled", "fillcolor": "#e6e6e6", "color": "#666666"},
    "parameter": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fbe7b5",
                  "color": "#b7791f"},
    # a small margin: an ellipse is already ~1.4 times as wide as its text
    "result": {"shape": "ellipse", "style": "filled", "fillcolor": "#d5e5fa",
               "color": "#2b6cb0", "margin": "0.04,0.04"},
    "layer": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dff0d8",
              "color": "#3c763d"},
}
HIGHLIGHT = {"penwidth": "3", "color": "#d62728", "fontname": "Helvetica-Bold"}
BACKWARD_COLOR = "#c0392b"
SMALL = 12  # arrays with at most this many numbers are shown in full (a 2x3 is readable)

_SYMBOL = re.compile(r"\b([WbZAD])(\d+)\b")  # D[l]: a dropout mask


class GraphvizNotFoundError(TinygraphError, RuntimeError):
    """Graphviz's `dot` program is not installed; the message says how to install it."""


class RenderError(TinygraphError, RuntimeError):
    """`dot` failed, or the drawing could not be written."""


# ---------------------------------------------------------------------------------------------
# Words on the picture


def node_kind(node: Tensor) -> str:
    """"data" (X, Y), "parameter" (W[l], b[l]) or "result" (made by an op: Z[l], A[l], J)."""
    return "result" if node.op is not None else node.kind


def course_name(node: Tensor) -> str:
    """The node's name in the course's notation: `W[1]`, `Z[2]`, `X = A[0]`, `AL = A[L]`, `J`.

        >>> course_name(tg.parameter([[1.0]], name="W2")), course_name(cost)
        ('W[2]', 'J (cost)')
    """
    if node.name == "X" and node.op is None:
        return "X = A[0]"
    if node.name == "AL":
        return "AL = A[L]"
    if node.name == "cost":
        return "J (cost)"
    return _SYMBOL.sub(r"\1[\2]", node.name or "?").replace("@", " @ ")


def _values(a: np.ndarray) -> list[str]:
    """A small array in full, one line per row; a big one as min, mean and max (never a
    nonzero number as 0: `debug.format.array_lines`)."""
    return [line.strip() for line in array_lines(a, precision=3, small=SMALL, shape=False)]


def gradient_text(node: Tensor, walk_started: bool) -> str:
    """`dW2: (7, 20), |g| = 0.031` from `node.grad` as it is now; words when it is None.

    None reads "not computed yet" before any backward pass, "pending" while the walk has not
    reached the node, and for AL under the stable cost, that no gradient goes through it.
    """
    name = grad_name(node.name)
    if node.grad is not None:
        return f"{name}: {shape_text(node.grad)}, |g| = {norm_text(node.grad)}"
    if not walk_started:
        return f"{name}: not computed yet"
    return f"{name}: pending"


def _bypassed_text(node: Tensor, consumers: list[Tensor]) -> str | None:
    """AL under the stable cost gets no gradient: say so instead of "pending" for ever.

    An op says so with its `bypass` attribute, (drawn, sent): the input it draws and the one
    its gradient goes to instead.
    """
    if node.grad is None and consumers and all(
            c.op.bypass is not None and c.inputs[c.op.bypass[0]] is node for c in consumers):
        sent_to = consumers[0].inputs[consumers[0].op.bypass[1]]
        return f"{grad_name(node.name)}: none, the cost sends {grad_name(sent_to.name)} directly"
    return None


def layer_title(layer: int, nodes: list[Tensor]) -> str:
    """"Layer 2: LINEAR -> RELU" from the ops of the layer's nodes: each op's `title` (matmul
    and add_bias say LINEAR), else its name in capitals."""
    steps: list[str] = []
    for node in nodes:
        if node.op is None:
            continue
        step = node.op.title or node.op.name.upper()
        if step not in steps:
            steps.append(step)
    return f"Layer {layer}: {' -> '.join(steps)}" if steps else f"Layer {layer}"


def _dot_text(line: str) -> str:
    return line.replace("\\", "\\\\")  # a backslash in a name is a letter, not a DOT escape


def _label(lines: list[str]) -> str:
    return "\\n".join(_dot_text(line) for line in lines)


# ---------------------------------------------------------------------------------------------
# The graph


class _Graph:
    """The nodes of `root`'s graph in topological order, their ids, consumers and layers."""

    def __init__(self, root: Tensor, steps: Iterable[Step] | None = None) -> None:
        if not isinstance(root, Tensor):
            raise InputError(f"render needs a graph node (a Tensor such as the cost), "
                             f"not {type(root).__name__}")
        self.order = topological_order(root)
        self.ids = {id(node): f"n{i}" for i, node in enumerate(self.order)}
        self.consumers: dict[int, list[Tensor]] = {id(node): [] for node in self.order}
        for node in self.order:
            for x in {id(x): x for x in node.inputs}.values():  # a + a: one consumer, not two
                self.consumers[id(x)].append(node)
        self.walk_started = any(node.grad is not None for node in self.order)
        # What each rule sent, when the caller has the walk's steps (the debugger does);
        # otherwise `flows` asks the rules again.
        self.sent = None if steps is None else {id(s.node): s.input_grads for s in steps}
        self.layers: dict[int, list[Tensor]] = {}
        for node in self.order:
            if layer_of(node) is not None:
                self.layers.setdefault(layer_of(node), []).append(node)

    def id(self, node: Tensor) -> str:
        return self.ids[id(node)]

    def highlighted(self, highlight: Iterable[Tensor]) -> set[int]:
        chosen = set()
        for node in highlight:
            if not isinstance(node, Tensor):
                raise InputError(f"highlight lists graph nodes (Tensors), not "
                                 f"{type(node).__name__}")
            if id(node) not in self.ids:
                raise InputError(f"highlight: node {node.name or '?'} {node.shape} is not part "
                                 f"of the graph being drawn")
            chosen.add(id(node))
        return chosen

    def flows(self, node: Tensor) -> list[tuple[Tensor, np.ndarray]]:
        """What `node`'s rule sends to each input, once the walk has reached `node`.

        Taken from the walk's steps when given; else the op's own backward is called again
        (ops.py holds every formula), with `node.grad` as it is now.
        """
        if self.sent is not None:
            return list(self.sent.get(id(node), ()))
        if node.op is None or node.grad is None:
            return []
        needs = tuple(x.requires_grad for x in node.inputs)
        sent = node.op.backward(node.grad, node.saved, needs)
        return [(x, g) for x, g in zip(node.inputs, sent, strict=True) if g is not None]


def layer_of(node: Tensor) -> int | None:
    """The layer box a node is drawn in: 1..L; X (layer 0), Y and the cost are in none."""
    return node.layer if node.layer is not None and node.layer >= 1 else None


def node_label(node: Tensor, graph: _Graph, *, grads: bool, values: bool) -> str:
    lines = [course_name(node), f"{node.kind} {shape_text(node.value)}"]
    if values:
        lines += _values(node.value)
    if grads and node.requires_grad:
        bypassed = _bypassed_text(node, graph.consumers[id(node)])
        lines.append(bypassed or gradient_text(node, graph.walk_started))
        if values and node.grad is not None and node.grad.size <= SMALL:
            lines += _values(node.grad)
    return _label(lines)


RANKDIRS = ("TB", "LR", "BT", "RL")


def _size_attr(size: str | tuple[float, float]) -> str:
    """Graphviz's `size`, the largest drawing in inches: `(8, 10)` or `"8,10"` -> "8,10"
    ("8,10!" also enlarges a smaller drawing to fit)."""
    try:
        text = size if isinstance(size, str) else ",".join(f"{float(v):g}" for v in size)
        numbers = text.rstrip("!").split(",")
        ok = len(numbers) <= 2 and all(float(v) > 0 for v in numbers)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InputError(f"draw: size must be (width, height) in inches, e.g. (8, 10) or "
                         f"'8,10', not {size!r}")
    return text


def _new_digraph(title: str | None, rankdir: str = "TB",
                 size: str | tuple[float, float] | None = None) -> graphviz.Digraph:
    import graphviz  # lazily: drawing is optional, importing tinygraph must stay fast

    if rankdir not in RANKDIRS:
        raise InputError(f"draw: rankdir must be one of {', '.join(RANKDIRS)} (TB: top to "
                         f"bottom, LR: left to right), not {rankdir!r}")
    dot = graphviz.Digraph("tinygraph")
    # newrank: "rank=same" inside a layer's box ranks against the whole graph, not the box
    dot.attr(rankdir=rankdir, newrank="true", fontname="Helvetica", nodesep="0.2",
             ranksep="0.35")
    if size is not None:
        dot.attr(size=_size_attr(size))
    dot.attr("node", fontname="Helvetica", fontsize="11")
    dot.attr("edge", fontname="Helvetica", fontsize="9", color="#444444")
    if title:
        dot.attr(label=_dot_text(title), labelloc="t", fontsize="16")
    return dot


def to_dot(root: Tensor, *, compact: bool = False, grads: bool = False, values: bool = False,
           highlight: Iterable[Tensor] = (), backward: bool | Iterable[Step] = False,
           title: str | None = None, rankdir: str = "TB",
           size: str | tuple[float, float] | None = None) -> graphviz.Digraph:
    """The graph of `root` as a `graphviz.Digraph`: only DOT source, no layout is run.

        >>> dot = to_dot(cost, grads=True, highlight=[cost.inputs[0]], backward=True)
        >>> dot.source.count("subgraph cluster_")            # one box per layer
        2

    `compact` draws one box per layer with its shapes; `grads` shows each node's gradient
    (`node.grad` now); `values` shows small arrays in full and big ones as min/mean/max
    (in the full view);
    `highlight` draws the given nodes with a thick red outline; `backward` adds the backward
    walk as dashed edges labelled with the gradient each rule has sent (pass the walk's steps
    taken so far, e.g. `Debugger.history`, and their gradients are drawn without running the
    rules again); `title` tops the picture. `rankdir` is the direction the graph reads: "TB"
    (the default: layers stacked top to bottom, in the course's order, one column about
    1,000 px wide for the course's net with gradients), "LR", "BT" or "RL"; `size`, e.g.
    `(6, 8)`, is the largest drawing in inches (Graphviz's `size`: a bigger one is shrunk).
    """
    graph = _Graph(root, None if isinstance(backward, bool) else backward)
    backward = backward is not False
    chosen = graph.highlighted(highlight)
    dot = _new_digraph(title, rankdir, size)
    if compact:
        _compact(dot, graph, chosen, grads=grads, backward=backward)
    else:
        _full(dot, graph, chosen, grads=grads, values=values, backward=backward)
    return dot


def tooltip(node: Tensor) -> str:
    """What hovering over a node in the SVG says: its backward rule, or what kind of leaf."""
    if node.op is not None:
        return f"backward of {node.name}:\n{formula_text(node)}"
    if node.requires_grad:
        return f"{node.name}: a parameter; backward fills {grad_name(node.name)}"
    return f"{node.name}: data, needs no gradient"


def _node_attrs(kind: str, highlighted: bool, tooltip: str) -> dict[str, Any]:
    attrs = {"class": kind, **STYLES[kind], "tooltip": _label(tooltip.splitlines())}
    if highlighted:
        attrs.update(HIGHLIGHT, **{"class": f"{kind} highlight"})
    return attrs


def _full(dot: graphviz.Digraph, graph: _Graph, chosen: set[int], *, grads: bool,
          values: bool, backward: bool) -> None:
    def add(target: Any, node: Tensor) -> None:
        target.node(graph.id(node), node_label(node, graph, grads=grads, values=values),
                    **_node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))

    for node in graph.order:
        if layer_of(node) is None:
            add(dot, node)
    _beside_their_op(dot, graph, [n for n in graph.order if layer_of(n) is None])
    for layer, nodes in graph.layers.items():
        with dot.subgraph(name=f"cluster_layer{layer}") as box:
            box.attr(label=layer_title(layer, nodes), style="rounded", color="#999999",
                     fontname="Helvetica", fontsize="12", labeljust="l")
            for node in nodes:
                add(box, node)
            _beside_their_op(box, graph, nodes)
    for node in graph.order:
        labels = {} if node.op is None else node.op.edge_labels
        for i, x in enumerate(node.inputs):
            if i in labels:
                # e.g. the cost computed from Z[L] (finite when AL rounds to 0 or 1): say why.
                # constraint=false: the node stays under its drawn input, not pulled beside it
                label = _dot_text(labels[i]).replace("\n", "\\n")  # DOT's line break
                dot.edge(graph.id(x), graph.id(node), label=label, style="dashed",
                         color="#888888", fontcolor="#666666", constraint="false")
            else:
                dot.edge(graph.id(x), graph.id(node))
    if backward:
        flows = [(node, x, g) for node in graph.order for x, g in graph.flows(node)]
        senders = Counter(id(x) for _, x, _ in flows)
        for node, x, g in flows:
            # x used twice (a + a): each edge carries a part, x.grad is their sum
            part = " (part)" if senders[id(x)] > 1 else ""
            dot.edge(graph.id(node), graph.id(x), **_backward_attrs(
                f"{grad_name(x.name)}{part}, |g| = {norm_text(g)}"))


def _beside_their_op(box: graphviz.Digraph, graph: _Graph, nodes: list[Tensor]) -> None:
    """Each parameter on the rank of the one op that reads it: W[l] beside W[l] @ A[l-1],
    b[l] beside Z[l]; and the labels Y beside the cost. A layer then takes three ranks
    (product, Z, A) and the layers stack top to bottom in one column, as the course writes
    them, instead of a staircase (the course's net with gradients: ~970 px wide, not 3,000)."""
    for node in nodes:
        users = graph.consumers[id(node)]
        if node.op is not None or len(users) != 1 or layer_of(users[0]) != layer_of(node):
            continue  # only a leaf read by one op of its own box
        (user,) = users
        parameter = node.requires_grad               # W[l], b[l]
        label = not graph.consumers[id(user)]        # Y, read by the root (the cost)
        if parameter or label:
            with box.subgraph() as rank:
                rank.attr(rank="same")
                rank.node(graph.id(node))
                rank.node(graph.id(user))


def _backward_attrs(label: str) -> dict[str, str]:
    # constraint=false: the overlay must not move the forward layout around
    return {"label": _dot_text(label), "style": "dashed", "color": BACKWARD_COLOR,
            "fontcolor": BACKWARD_COLOR, "constraint": "false", "class": "backward"}


def _compact(dot: graphviz.Digraph, graph: _Graph, chosen: set[int], *, grads: bool,
             backward: bool) -> None:
    """One box per layer (its parameters, outputs and, with `grads`, dW and db); X, Y, J apart."""
    def box_id(node: Tensor) -> str:
        layer = layer_of(node)
        return graph.id(node) if layer is None else f"layer{layer}"

    for node in graph.order:
        if layer_of(node) is None:
            dot.node(graph.id(node), node_label(node, graph, grads=grads, values=False),
                     **_node_attrs(node_kind(node), id(node) in chosen, tooltip(node)))
    for layer, nodes in graph.layers.items():
        lines = [layer_title(layer, nodes)]
        lines += [f"{course_name(n)} {shape_text(n.value)}" for n in nodes if n.op is None]
        lines += [f"{course_name(n)} {shape_text(n.value)}" for n in nodes
                  if n.op is not None and _leaves_box(n, graph)]
        if grads:
            lines += [gradient_text(n, graph.walk_started) for n in nodes
                      if n.op is None and n.requires_grad]
        highlighted = any(id(n) in chosen for n in nodes)
        dot.node(f"layer{layer}", _label(lines),
                 **_node_attrs("layer", highlighted, f"layer {layer}"))
    seen: set[tuple[str, str]] = set()
    for node in graph.order:
        for x in node.inputs:
            edge = (box_id(x), box_id(node))
            if edge[0] != edge[1] and edge not in seen:
                seen.add(edge)
                dot.edge(*edge)
    if backward:
        labels: dict[tuple[str, str], list[str]] = {}
        for node in graph.order:
            for x, g in graph.flows(node):
                edge = (box_id(node), box_id(x))
                if edge[0] != edge[1]:
                    labels.setdefault(edge, []).append(f"{grad_name(x.name)}, |g| = {norm_text(g)}")
        for (tail, head), texts in labels.items():
            dot.edge(tail, head, **_backward_attrs("; ".join(texts)))


def _leaves_box(node: Tensor, graph: _Graph) -> bool:
    """True for a layer's outputs: nodes used outside their layer, or the root itself."""
    users = graph.consumers[id(node)]
    return not users or any(layer_of(u) != layer_of(node) for u in users)


# ---------------------------------------------------------------------------------------------
# Output


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
    graph = _Graph(root)
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
