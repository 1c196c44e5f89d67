"""Drawing the graph: what the DOT source says, what Graphviz draws, and what happens without it.

The expected structure comes from the course's network, written out here by hand: layer l
has W[l], b[l], W[l] @ A[l-1], Z[l], A[l] and five edges; the cost adds X, Y, J and three.
"""

from __future__ import annotations

import base64
import html
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import render

ROOT = Path(__file__).resolve().parent.parent


# --- reading the DOT source back ------------------------------------------------------------

ATTR = re.compile(r'([\w]+)=("(?:[^"\\]|\\.)*"|[^\s\]]+)')


def _attrs(text: str) -> dict[str, str]:
    return {k: v[1:-1] if v.startswith('"') else v for k, v in ATTR.findall(text or "")}


class Drawing:
    """The nodes, edges and clusters of a DOT source, parsed line by line."""

    def __init__(self, source: str) -> None:
        self.nodes: dict[str, dict[str, str]] = {}
        self.edges: list[tuple[str, str, dict[str, str]]] = []
        self.clusters: dict[str, dict] = {}
        cluster = None
        for line in source.splitlines():
            line = line.strip()
            if line.startswith("subgraph cluster_"):
                cluster = {"nodes": []}
                self.clusters[line.split()[1]] = cluster
            elif line == "}":
                cluster = None
            elif m := re.match(r"(\w+) -> (\w+)(?: \[(.*)\])?$", line):
                self.edges.append((m[1], m[2], _attrs(m[3])))
            elif m := re.match(r"(\w+) \[(label=.*)\]$", line):
                self.nodes[m[1]] = _attrs(m[2])
                if cluster is not None:
                    cluster["nodes"].append(m[1])
            elif cluster is not None and line.startswith("color="):
                cluster.update(_attrs(line))

    def name(self, node_id: str) -> str:
        """First line of the label: the node's name in the course's notation."""
        return self.nodes[node_id]["label"].split("\\n")[0]

    def find(self, name: str) -> str:
        (node_id,) = [i for i in self.nodes if self.name(i) == name]
        return node_id

    def lines(self, name: str) -> list[str]:
        return self.nodes[self.find(name)]["label"].split("\\n")

    def forward_edges(self) -> set[tuple[str, str]]:
        return {(self.name(a), self.name(b)) for a, b, at in self.edges
                if at.get("class") != "backward"}

    def backward_edges(self) -> dict[tuple[str, str], str]:
        return {(self.name(a), self.name(b)): at["label"] for a, b, at in self.edges
                if at.get("class") == "backward"}


def drawing(root, **options) -> Drawing:
    return Drawing(render.to_dot(root, **options).source)


# --- the course's networks, and what their pictures must hold -------------------------------

def dims_for(L: int) -> list[int]:
    return [4] + [3] * (L - 1) + [1]


def course_cost(dims, m=5, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = tg.tensor(rng.normal(size=(dims[0], m)).astype(dtype), name="X", layer=0)
    Y = np.array([[1, 0, 1, 1, 0][i % 5] for i in range(m)], dtype=float)[None, :]
    net = tg.Network(dims, init="he", dtype=dtype)
    return net, net.cost(X, Y)


def a(l: int, L: int) -> str:
    """A[l] in the course's notation, as the picture names it."""
    return "X = A[0]" if l == 0 else "AL = A[L]" if l == L else f"A[{l}]"


def expected_edges(L: int) -> set[tuple[str, str]]:
    edges = {("AL = A[L]", "J (cost)"), ("Y", "J (cost)"), (f"Z[{L}]", "J (cost)")}
    for l in range(1, L + 1):
        product = f"W[{l}] @ {'X' if l == 1 else f'A[{l - 1}]'}"
        edges |= {(f"W[{l}]", product), (a(l - 1, L), product), (product, f"Z[{l}]"),
                  (f"b[{l}]", f"Z[{l}]"), (f"Z[{l}]", a(l, L))}
    return edges


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5])
def test_nodes_and_edges_of_an_L_layer_network(L):
    dims = dims_for(L)
    _, cost = course_cost(dims)
    d = drawing(cost)
    assert len(d.nodes) == 5 * L + 3
    assert len(d.edges) == 5 * L + 3
    assert d.forward_edges() == expected_edges(L)  # and so every edge points forward


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5])
def test_one_cluster_per_layer_titled_like_the_course(L):
    _, cost = course_cost(dims_for(L))
    d = drawing(cost)
    assert len(d.clusters) == L
    for l in range(1, L + 1):
        cluster = d.clusters[f"cluster_layer{l}"]
        activation = "SIGMOID" if l == L else "RELU"
        assert cluster["label"] == f"Layer {l}: LINEAR -> {activation}"
        product = f"W[{l}] @ {'X' if l == 1 else f'A[{l - 1}]'}"
        assert {d.name(i) for i in cluster["nodes"]} == {
            f"W[{l}]", f"b[{l}]", product, f"Z[{l}]", a(l, L)}
    in_no_cluster = set(d.nodes) - {i for c in d.clusters.values() for i in c["nodes"]}
    assert {d.name(i) for i in in_no_cluster} == {"X = A[0]", "Y", "J (cost)"}


def test_labels_carry_op_and_shape():
    _, cost = course_cost([4, 3, 1], m=5)
    d = drawing(cost)
    assert d.lines("X = A[0]") == ["X = A[0]", "data (4, 5)"]
    assert d.lines("Y") == ["Y", "data (1, 5)"]
    assert d.lines("W[1]") == ["W[1]", "parameter (3, 4)"]
    assert d.lines("b[2]") == ["b[2]", "parameter (1, 1)"]
    assert d.lines("W[1] @ X") == ["W[1] @ X", "matmul (3, 5)"]
    assert d.lines("Z[1]") == ["Z[1]", "add_bias (3, 5)"]
    assert d.lines("A[1]") == ["A[1]", "relu (3, 5)"]
    assert d.lines("AL = A[L]") == ["AL = A[L]", "sigmoid (1, 5)"]
    assert d.lines("J (cost)") == ["J (cost)", "cross_entropy scalar"]


def test_dtype_is_shown_only_when_not_float64():
    _, cost64 = course_cost([4, 3, 1])
    _, cost32 = course_cost([4, 3, 1], dtype=np.float32)
    assert "float64" not in render.to_dot(cost64).source
    d = drawing(cost32)
    assert d.lines("W[1]")[1] == "parameter (3, 4) float32"
    assert d.lines("Z[1]")[1] == "add_bias (3, 5) float32"


def test_data_parameters_and_results_have_three_distinct_styles():
    _, cost = course_cost([4, 3, 3, 1])
    d = drawing(cost)
    kinds = {"X = A[0]": "data", "Y": "data", "W[1]": "parameter", "b[3]": "parameter",
             "Z[2]": "result", "A[1]": "result", "J (cost)": "result"}

    def look(name):
        at = d.nodes[d.find(name)]
        return at["shape"], at["style"], at["fillcolor"]

    for name, kind in kinds.items():
        assert d.nodes[d.find(name)]["class"] == kind
    looks = {kind: {look(n) for n, k in kinds.items() if k == kind} for kind in set(kinds.values())}
    assert all(len(v) == 1 for v in looks.values())  # one look per kind ...
    assert len({v.pop() for v in looks.values()}) == 3  # ... and three different looks


def test_the_stable_cost_edge_from_Z_L_is_dashed_and_says_why():
    _, cost = course_cost([4, 3, 1])
    d = drawing(cost)
    ((tail, head, at),) = [e for e in d.edges if e[2].get("style") == "dashed"]
    assert (d.name(tail), d.name(head)) == ("Z[2]", "J (cost)")
    assert at["label"] == "stable:\\ncost from\\nZ[L]"  # three short lines: the column stays narrow
    unstable = tg.Network([4, 3, 1], init="he").cost(np.ones((4, 2)), [[1, 0]], stable=False)
    assert "stable: cost" not in render.to_dot(unstable).source


@pytest.mark.parametrize("L", [1, 3, 5])
def test_compact_view_has_one_box_per_layer(L):
    dims = dims_for(L)
    _, cost = course_cost(dims)
    d = drawing(cost, compact=True)
    boxes = [i for i, at in d.nodes.items() if at["class"] == "layer"]
    assert len(boxes) == L
    assert len(d.nodes) == L + 3  # and X, Y, J drawn apart
    chain = ["X = A[0]"] + [f"Layer {l}" for l in range(1, L + 1)] + ["J (cost)"]
    assert d.forward_edges() == set(zip(chain, chain[1:], strict=False)) | {("Y", "J (cost)")}
    box = d.lines(chain[1])
    assert box[1] == f"LINEAR -> {'SIGMOID' if L == 1 else 'RELU'}"
    assert f"W[1] ({dims[1]}, {dims[0]})" in box and f"b[1] ({dims[1]}, 1)" in box
    # left to right, headed as the course's figure: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID
    source = render.to_dot(cost, compact=True).source
    assert "rankdir=LR" in source
    assert (f"[LINEAR -> RELU] x {L - 1} -> LINEAR -> SIGMOID" if L > 2 else
            "LINEAR -> RELU -> LINEAR -> SIGMOID" if L == 2 else "LINEAR -> SIGMOID") in source


def test_the_network_view_of_the_course_net_with_gradients_fits_one_screen(dot_program):
    cost = course_net_after_backward()
    svg = tg.draw(cost, grads=True, backward=True, compact=True).svg()
    width, height = svg_size_px(svg)
    assert width <= 1050 and height <= 300, (width, height)  # the full graph: 749 x 1,700
    for l in range(1, 5):  # each box: its gradients' norms, in the course's names
        assert f"dW{l}: |g| = " in svg and f"db{l}: |g| = " in svg
    assert 'class="edge backward"' in svg


def test_a_500_layer_network_builds_its_dot_source_without_layout():
    _, cost = course_cost([4] + [3] * 499 + [1], m=2)
    d = drawing(cost)
    assert len(d.nodes) == 5 * 500 + 3 and len(d.clusters) == 500
    assert len(drawing(cost, compact=True).nodes) == 503


# --- gradients on the picture ---------------------------------------------------------------

def norm_text(g) -> str:
    return f"{np.sqrt(np.sum(np.square(g))):.3g}"


def test_gradients_before_backward_read_not_computed_yet_never_zero():
    _, cost = course_cost([4, 3, 1])
    d = drawing(cost, grads=True)
    assert d.lines("W[1]")[2] == "dW1: not computed yet"
    assert d.lines("Z[2]")[2] == "dZ2: not computed yet"
    assert "|g|" not in render.to_dot(cost, grads=True).source
    assert len(d.lines("X = A[0]")) == 2  # data needs no gradient: nothing is said


def test_a_hand_computed_gradient_is_shown():
    # J = -log(sigmoid(w x)) with w = 2, x = 3: dJ/dw = (sigmoid(6) - 1) * 3 = -0.00742
    w = tg.parameter([[2.0]], name="w")
    x = tg.tensor([[3.0]], name="x")
    J = tg.cross_entropy(tg.sigmoid(tg.matmul(w, x, name="wx"), name="AL"), [[1]])
    tg.backward(J)
    d = drawing(J, grads=True)
    assert d.lines("w")[2] == "dw: (1, 1), |g| = 0.00742"
    assert d.lines("wx")[2] == "dwx: (1, 1), |g| = 0.00247"  # sigmoid(6) - 1
    assert d.lines("J (cost)")[2] == "dJ: scalar, |g| = 1"
    assert d.lines("AL = A[L]")[2] == "dAL: none, the cost sends dwx directly"


def test_each_step_of_the_walk_shows_node_grad_as_it_is_then():
    _, cost = course_cost([4, 3, 2, 1])
    order = [node for node in tg.topological_order(cost) if node.requires_grad]
    reached: set[int] = set()
    for step in tg.backward_steps(cost):
        reached.add(id(step.node))
        dot = render.to_dot(cost, grads=True, highlight=[step.node], backward=True)
        d = Drawing(dot.source)
        ids = {id(n): f"n{i}" for i, n in enumerate(tg.topological_order(cost))}
        for node in order:
            label = d.nodes[ids[id(node)]]["label"].split("\\n")[2]
            if node.name == "AL":
                assert "none" in label
            elif id(node) in reached:
                assert label.endswith(f"|g| = {norm_text(node.grad)}")
            else:
                assert label.endswith(": pending"), (step.node.name, node.name, label)
        lit = [i for i, at in d.nodes.items() if "highlight" in at["class"]]
        assert lit == [ids[id(step.node)]]
        assert d.nodes[lit[0]]["penwidth"] == "3"


def test_backward_overlay_labels_each_edge_with_the_gradient_it_carries():
    net, cost = course_cost([4, 3, 2, 1], m=5)
    assert drawing(cost, backward=True).backward_edges() == {}  # nothing computed yet
    tg.backward(cost)
    flows = drawing(cost, backward=True).backward_edges()
    L = 3
    assert len(flows) == 5 * L - 1  # 4 per layer, no dA0, relu's 2, the cost's 1
    assert ("AL = A[L]", "Z[3]") not in flows  # no gradient goes through AL
    AL, Y = cost.inputs[0].value, cost.inputs[1].value
    dZ3 = (AL - Y) / Y.shape[1]  # the course's dZ[L] = AL - Y, divided by m for dJ/dZ
    assert flows[("J (cost)", "Z[3]")] == f"dZ3, |g| = {norm_text(dZ3)}"
    W3 = net.parameters["W3"].value
    assert flows[("W[3] @ A[2]", "A[2]")] == f"dA2, |g| = {norm_text(W3.T @ dZ3)}"
    A2 = cost.inputs[2].inputs[0].inputs[1].value
    assert flows[("W[3] @ A[2]", "W[3]")] == f"dW3, |g| = {norm_text(dZ3 @ A2.T)}"


def test_the_walks_own_steps_draw_the_same_overlay_without_running_the_rules_again():
    _, cost = course_cost([4, 3, 2, 1])
    steps = []
    for step in tg.backward_steps(cost):
        steps.append(step)
        from_steps = drawing(cost, backward=steps).backward_edges()
        assert from_steps == drawing(cost, backward=True).backward_edges(), step.node.name


def test_a_node_used_twice_gets_two_parts():
    w = tg.parameter([[0.5]], name="w")
    twice = tg.add_bias(w, w, name="w+w")
    J = tg.cross_entropy(tg.sigmoid(twice, name="AL"), [[1]])
    tg.backward(J)
    flows = drawing(J, backward=True).backward_edges()
    assert flows[("w+w", "w")].startswith("dw (part), |g| = ")


def test_values_show_small_arrays_in_full_and_big_ones_summarised():
    W = tg.parameter([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], name="W1", layer=1)
    X = tg.tensor(np.tile([0.0, 6.0], (3, 20)), name="X")  # 120 numbers, half 0, half 6
    Z = tg.matmul(W, X, name="Z1", layer=1)
    d = drawing(Z, values=True)
    assert d.lines("W[1]")[2:] == ["[[ 1.   -2.    0.5 ]", "[ 0.25  3.   -1.  ]]"]
    assert d.lines("X = A[0]")[2:] == ["min 0, mean 3, max 6"]  # too many to show


def test_values_never_show_a_small_nonzero_gradient_as_zero():
    # db1 of a 3-unit layer with |g| = 0.003 or so: 3-decimal rounding would print [-0.]
    b = tg.parameter([[0.0], [0.0]], name="b1", layer=1, role="bias")
    b.grad = np.array([[-0.0003], [0.0021]])  # as a backward pass leaves it, by hand
    lines = drawing(b, grads=True, values=True).lines("b[1]")
    assert lines[-2:] == ["[[-0.0003]", "[0.0021]]"]
    assert not any("-0." in line and "-0.0" not in line for line in lines)


def test_highlight_must_name_nodes_of_the_graph():
    _, cost = course_cost([4, 3, 1])
    stranger = tg.parameter([[1.0]], name="W9")
    with pytest.raises(tg.InputError, match="W9"):
        render.to_dot(cost, highlight=[stranger])
    with pytest.raises(tg.InputError, match="Tensor"):
        render.to_dot(cost, highlight=["W1"])
    with pytest.raises(tg.InputError, match="ndarray"):
        render.to_dot(np.ones(3))


def test_compact_view_highlights_the_layer_of_a_highlighted_node():
    net, cost = course_cost([4, 3, 3, 1])
    d = drawing(cost, compact=True, highlight=[net.parameters["b2"]])
    lit = [i for i, at in d.nodes.items() if "highlight" in at["class"]]
    assert lit == ["layer2"]


def test_title_is_drawn_on_top():
    _, cost = course_cost([4, 3, 1])
    source = render.to_dot(cost, title="My net").source
    assert 'label="My net"' in source and "labelloc=t" in source


def test_importing_tinygraph_does_not_import_graphviz():
    code = "import sys, tinygraph; print('graphviz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


# --- drawing with the real `dot` ------------------------------------------------------------

def test_graphviz_reads_the_same_structure(dot_program):
    _, cost = course_cost(dims_for(3))
    dot = render.to_dot(cost)
    ours = Drawing(dot.source)
    theirs = json.loads(dot.pipe(format="json0"))
    objects = theirs["objects"]
    clusters = [o for o in objects if o["name"].startswith("cluster_")]
    nodes = [o for o in objects if "nodes" not in o]  # subgraphs list their nodes, nodes do not
    assert len(clusters) == len(ours.clusters) == 3
    # the rest are the rank=same pairs: W[l] with its product, b[l] with Z[l], Y with J
    pairs = [o for o in objects if o.get("rank") == "same"]
    assert len(pairs) == 2 * 3 + 1 and all(len(o["nodes"]) == 2 for o in pairs)
    assert {o["name"] for o in nodes} == set(ours.nodes)
    names = {o["_gvid"]: o["name"] for o in objects}
    assert sorted((names[e["tail"]], names[e["head"]]) for e in theirs["edges"]) == sorted(
        (a, b) for a, b, _ in ours.edges)


def test_render_svg_png_pdf_and_dot(dot_program, tmp_path):
    net, cost = course_cost([4, 3, 1])
    W1 = net.parameters["W1"]
    tg.backward(cost)
    svg = render.render(cost, tmp_path / "deep" / "er" / "net.svg", grads=True)
    assert svg == tmp_path / "deep" / "er" / "net.svg"
    text = html.unescape(svg.read_text())  # SVG writes "->" as "&#45;&gt;"
    assert text.lstrip().startswith("<?xml") and "</svg>" in text
    for label in ["X = A[0]", "W[1]", "Layer 1: LINEAR -> RELU", "Layer 2: LINEAR -> SIGMOID",
                  "AL = A[L]", "J (cost)", f"dW1: (3, 4), |g| = {norm_text(W1.grad)}"]:
        assert label in text
    png = render.render(cost, tmp_path / "net.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    assert render.render(cost, tmp_path / "net.pdf").read_bytes()[:5] == b"%PDF-"
    assert render.render(cost, tmp_path / "net.dot").read_text() == render.to_dot(cost).source
    assert "W[1]" in render.to_svg(cost)


def test_unknown_extension_is_refused(tmp_path):
    _, cost = course_cost([4, 3, 1])
    with pytest.raises(tg.InputError, match=r"net\.txt.*\.svg, \.png, \.pdf, \.dot"):
        render.render(cost, tmp_path / "net.txt")


def test_a_path_that_cannot_be_written_is_a_clear_error(tmp_path):
    _, cost = course_cost([4, 3, 1])
    (tmp_path / "notes.txt").write_text("a file, not a directory")
    with pytest.raises(render.RenderError, match=r"cannot write .*notes\.txt/net\.dot"):
        render.render(cost, tmp_path / "notes.txt" / "net.dot")


def pictures(html_text: str) -> list[str]:
    """The SVGs of the <img> tags in a notebook's HTML, decoded."""
    return [base64.b64decode(data).decode() for data in
            re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html_text)]


def test_a_diagram_shows_itself_in_jupyter(dot_program):
    _, cost = course_cost([4, 1])  # one layer: small enough to be drawn in full
    diagram = tg.draw(cost, grads=True)
    bundle = diagram._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    # HTML, because a notebook keeps it even untrusted: an <img> of the SVG at its natural
    # size or smaller (max-width, never a width that would scale it up); no inline <svg>.
    (svg,) = pictures(bundle["text/html"])
    assert svg == diagram.svg() and "W[1]" in svg and "<svg" not in bundle["text/html"]
    width, height = svg_size_px(svg)
    assert f'width="{width:.0f}" height="{height:.0f}"' in bundle["text/html"]
    assert "max-width:100%;height:auto" in bundle["text/html"]
    # What shows no HTML (LaTeX, PDF) has the PNG, stored as base64 text.
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    png_width, png_height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert abs(png_width - width) <= 2 and abs(png_height - height) <= 2  # 96 dpi: one size
    # A terminal, or a notebook whose outputs were stripped to text, says what it is.
    assert bundle["text/plain"] == repr(diagram) == (
        "<Diagram of J (cost): 8 nodes, layer 1, with gradients; "
        ".save(path), .svg(), .png()>")


def test_a_graph_bigger_than_a_screen_shows_its_network_view_and_the_full_graph_on_request(
        dot_program):
    cost = course_net_after_backward()
    diagram = tg.draw(cost, grads=True)
    shown = diagram._repr_mimebundle_()["text/html"]
    view, full = pictures(shown)
    assert full == diagram.svg()  # the file and .svg() stay the full graph
    assert svg_size_px(full)[1] > render.SCREEN[1]
    assert "[LINEAR -> RELU] x 3 -> LINEAR -> SIGMOID" in html.unescape(view)
    assert svg_size_px(view)[1] <= render.SCREEN[1]
    # the full graph under it, in a <details> closed until clicked
    assert shown.index("<img") < shown.index("<details") < shown.index("<summary") < \
        shown.rindex("<img")
    assert "the full graph" in shown
    # asked for: the full graph alone, or the network view alone
    assert len(pictures(tg.draw(cost, grads=True, compact=False)._repr_mimebundle_()[
        "text/html"])) == 1
    assert len(pictures(tg.draw(cost, compact=True)._repr_mimebundle_()["text/html"])) == 1
    # a small graph is drawn in full
    _, small = course_cost([4, 1])
    assert len(pictures(tg.draw(small)._repr_mimebundle_()["text/html"])) == 1


def svg_size_px(svg: str) -> tuple[float, float]:
    """The natural width and height of Graphviz's SVG in CSS pixels (it writes points: 4/3 px)."""
    m = re.search(r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    view = re.search(r'viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"', svg)
    assert m and view, svg[:400]
    assert abs(float(view[1]) - float(m[1])) < 1  # the viewBox keeps the proportions
    return float(m[1]) * 4 / 3, float(m[2]) * 4 / 3


def node_centres(svg: str) -> dict[str, tuple[float, float]]:
    """Each node's first label line -> the centre of its shape, in SVG units (y grows down)."""
    centres = {}
    for block in re.findall(r'<g id="node\d+" class="node[^"]*">(.*?)(?=<g id="(?:node|edge))',
                            svg + '<g id="node', re.S):
        texts = re.findall(r'<text [^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>', block)
        xs = [float(x) for x, _, _ in texts]
        ys = [float(y) for _, y, _ in texts]
        centres[html.unescape(texts[0][2])] = (sum(xs) / len(xs), sum(ys) / len(ys))
    return centres


def course_net_after_backward():
    rng = np.random.default_rng(1)
    X = tg.tensor(rng.random((12288, 209)), name="X", layer=0)
    Y = (rng.random((1, 209)) < 0.35).astype(float)
    cost = tg.Network([12288, 20, 7, 5, 1], init="app").cost(X, Y)
    tg.backward(cost)
    return cost


def test_the_course_net_with_gradients_fits_a_notebook_cell_in_the_course_order(dot_program):
    cost = course_net_after_backward()
    diagram = tg.draw(cost, grads=True, backward=True)
    svg = diagram.svg()
    width, height = svg_size_px(svg)
    assert width <= 1000, f"{width:.0f} px wide at natural size"
    assert height > 1.5 * width  # one column, read top to bottom
    at = node_centres(svg)
    column = ["X = A[0]"] + [f"{n}[{l}]" if n != "A" or l < 4 else "AL = A[L]"
                             for l in range(1, 5) for n in "ZA"] + ["J (cost)"]
    ys = [at[name][1] for name in column]
    assert ys == sorted(ys), "the layers must read top to bottom, as the course writes them"
    for l in range(1, 5):  # each parameter beside the op that reads it, on its left
        product = f"W[{l}] @ {'X' if l == 1 else f'A[{l - 1}]'}"
        assert abs(at[f"W[{l}]"][1] - at[product][1]) < 1
        assert abs(at[f"b[{l}]"][1] - at[f"Z[{l}]"][1]) < 1
        assert at[f"W[{l}]"][0] < at[product][0]
    # Text stays readable at natural size: node labels 11 pt (14.7 px), edge labels 9 pt (12 px).
    sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)}
    assert min(sizes) * 4 / 3 >= 12


def test_direction_and_size_are_options_of_draw(dot_program):
    _, cost = course_cost([4, 3, 2, 1])
    down = node_centres(tg.draw(cost).svg())
    across = node_centres(tg.draw(cost, rankdir="LR").svg())
    assert down["X = A[0]"][1] < down["J (cost)"][1]
    assert across["X = A[0]"][0] < across["J (cost)"][0]
    assert abs(across["X = A[0]"][1] - across["J (cost)"][1]) < \
        abs(across["X = A[0]"][0] - across["J (cost)"][0])
    up = node_centres(tg.draw(cost, rankdir="BT").svg())
    assert up["X = A[0]"][1] > up["J (cost)"][1]
    natural, _ = svg_size_px(tg.draw(cost).svg())
    small, _ = svg_size_px(tg.draw(cost, size=(2, 8)).svg())
    assert small <= 2 * 96 + 1 < natural  # 2 inches at most
    assert svg_size_px(tg.draw(cost, size="2,8").svg())[0] == small
    assert 'size="2,8"' in render.to_dot(cost, size=(2, 8)).source


def test_a_bad_direction_or_size_is_a_clear_error():
    _, cost = course_cost([4, 3, 1])
    with pytest.raises(tg.InputError, match=r"rankdir must be one of TB, LR, BT, RL.*'down'"):
        tg.draw(cost, rankdir="down")
    for size in [(-1, 2), "big", (1, 2, 3), 7]:
        with pytest.raises(tg.InputError, match=r"size must be \(width, height\) in inches"):
            render.to_dot(cost, size=size)


def test_without_dot_the_source_is_written_and_the_error_says_how_to_install(
        tmp_path, monkeypatch):
    _, cost = course_cost([4, 3, 1])
    monkeypatch.setenv("PATH", "")
    target = tmp_path / "out" / "net.svg"
    with pytest.raises(tg.TinygraphError) as caught:
        render.render(cost, target)
    message = str(caught.value)
    assert isinstance(caught.value, render.GraphvizNotFoundError)
    for fix in ["apt-get install graphviz", "brew install graphviz", "conda install"]:
        assert fix in message
    assert "\n" not in message and str(tmp_path / "out" / "net.dot") in message
    assert (tmp_path / "out" / "net.dot").read_text() == render.to_dot(cost).source
    assert not target.exists()
    with pytest.raises(render.GraphvizNotFoundError, match="apt-get"):
        render.to_svg(cost)
    # In a notebook the drawing falls back to the DOT source and the same advice.
    diagram = tg.draw(cost)
    assert set(diagram._repr_mimebundle_()) == {"text/plain"}
    text = diagram._repr_mimebundle_()["text/plain"]
    assert "brew install graphviz" in text and "digraph" in text


def test_the_pictures_in_docs_are_current(dot_program, tmp_path):
    # Graphviz writes its version into SVG comments: compare without comments.
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "docs"))
    committed = sorted((ROOT / "docs" / "img").glob("*.svg"))
    fresh = build.build(tmp_path)
    assert [p.name for p in committed] == sorted(p.name for p in fresh)

    def without_comments(path):
        return re.sub(r"<!--.*?-->", "", path.read_text(), flags=re.S)

    for path in committed:
        assert without_comments(path) == without_comments(tmp_path / path.name), (
            f"docs/img/{path.name} is out of date: run `make docs`")
