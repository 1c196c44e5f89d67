"""ONNX export: a trained model runs in onnxruntime with tinygraph's probabilities and every
one of its predictions, reads like the course in Netron, and an op with no ONNX form is a
clear error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import onnx
import onnxruntime
import pytest

import tinygraph as tg
from tinygraph import InputError
from tinygraph.cli import main
from tinygraph.data import load_dataset
from tinygraph.export import export_onnx
from tinygraph.io import load_checkpoint
from tinygraph.ops import Op, Relu

# How close onnxruntime's probabilities must be to tinygraph's (issue 21)
TOLERANCE = {"float32": 1e-5, "float64": 1e-10}


def run(path: Path, feed: np.ndarray) -> np.ndarray:
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (name,) = [x.name for x in session.get_inputs()]
    return session.run(None, {name: feed})[0]


@pytest.fixture(scope="module", params=["float64", "float32"])
def exported(request, course_data_dir, tmp_path_factory) -> tuple[str, Path, Path]:
    """The course's L-layer model trained briefly and saved, then exported by the CLI."""
    dtype = request.param
    where = tmp_path_factory.mktemp(dtype)
    model, onnx_file = where / "model.h5", where / "model.onnx"
    assert main(["train", "--data", str(course_data_dir), "--iterations", "60", "--quiet",
                 "--dtype", dtype, "--save", str(model)]) == 0
    assert main(["export", "--model", str(model), "-o", str(onnx_file)]) == 0
    return dtype, model, onnx_file


def test_onnxruntime_gives_tinygraphs_probabilities_and_predictions(exported, course_data_dir):
    dtype, model, onnx_file = exported
    net = load_checkpoint(model).network()
    data = load_dataset(course_data_dir, dtype=np.dtype(dtype))
    for X in (data.test_x, data.train_x):
        AL = net.forward(X).value.T  # (m, 1), batch first
        found = run(onnx_file, np.ascontiguousarray(X.T))  # one picture per row
        assert found.dtype == np.dtype(dtype) and found.shape == AL.shape
        assert np.abs(found - AL).max() <= TOLERANCE[dtype]
        assert np.array_equal(found > 0.5, AL > 0.5)  # every prediction the same


def test_the_model_passes_the_full_check_and_reads_like_the_course(exported):
    dtype, _, onnx_file = exported
    model = onnx.load(str(onnx_file))
    onnx.checker.check_model(model, full_check=True)
    assert [(n.name, n.op_type) for n in model.graph.node] == [
        ("Z1", "Gemm"), ("A1", "Relu"), ("Z2", "Gemm"), ("A2", "Relu"), ("Z3", "Gemm"),
        ("A3", "Relu"), ("Z4", "Gemm"), ("AL", "Sigmoid")]
    weights = {t.name: tuple(t.dims) for t in model.graph.initializer}
    assert weights["W1"] == (20, 12288) and weights["b1"] == (20,)  # the course's W, b as (n,)
    (given,), (output,) = model.graph.input, model.graph.output
    dims = [d.dim_param or d.dim_value for d in given.type.tensor_type.shape.dim]
    assert given.name == "X" and dims == ["batch", 12288] and output.name == "AL"
    assert "divided by 255, as for training" in model.doc_string and "'cat'" in model.doc_string
    props = {p.key: p.value for p in model.metadata_props}
    assert props["classes"] == '["non-cat", "cat"]' and props["image_shape"] == "[64, 64, 3]"


def test_a_pixels_model_takes_the_files_uint8_pictures(exported, course_data_dir, tmp_path):
    dtype, model, _ = exported
    assert main(["export", "--model", str(model), "-o", str(tmp_path / "p.onnx"),
                 "--pixels"]) == 0
    with h5py.File(course_data_dir / "test_catvnoncat.h5") as f:
        pictures = f["test_set_x"][()]
    net = load_checkpoint(model).network()
    X = load_dataset(course_data_dir, dtype=np.dtype(dtype)).test_x
    found = run(tmp_path / "p.onnx", pictures.reshape(len(pictures), -1))
    assert np.abs(found - net.forward(X).value.T).max() <= TOLERANCE[dtype]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_models_division_by_255_is_trainings_to_the_bit(dtype, tmp_path):
    # The identity network's input: every value 0..255 divided as load_dataset divides it
    X = tg.tensor(np.zeros((256, 1), dtype=dtype), name="X", role="input")
    export_onnx(X * 1, tmp_path / "scale.onnx", pixels=True)
    found = run(tmp_path / "scale.onnx", np.arange(256, dtype=np.uint8).reshape(1, 256))
    assert np.array_equal(found, (np.arange(256) / 255.).astype(dtype).reshape(1, 256))


def expression_graph() -> tuple[tg.Tensor, tg.Tensor]:
    """Every supported op once: the operators' formulas, reductions, a product of two nodes."""
    rng = np.random.default_rng(0)
    X = tg.tensor(rng.normal(size=(4, 6)), name="X")
    W1 = tg.parameter(rng.normal(size=(3, 4)), name="W1", layer=1)
    b1 = tg.parameter(rng.normal(size=(3, 1)), name="b1", layer=1)
    W2 = tg.parameter(rng.normal(size=(1, 3)), name="W2", layer=2)
    U = W1 @ X  # used twice: a Gemm of its own, then + b1 as Add
    A1 = (U + b1).tanh()
    B = (A1 * 2 - 1) / 3 + A1 ** 2 + U * 0.5
    S = (B.T @ W2.T).T
    D = (S.sigmoid() + A1.mean(axis=0, keepdims=True) * 0.1
         + A1.sum(axis=0, keepdims=True).exp() * 0.01 - (-S).relu() + (B * B).log() * 1e-3)
    return X, (D + B.sum() * 0.001 + B.mean() / 7).sigmoid()


def test_any_graph_of_supported_ops_runs_the_same(tmp_path):
    X, out = expression_graph()
    model = export_onnx(out, tmp_path / "graph.onnx")
    kinds = {node.op_type for node in model.graph.node}
    assert {"Gemm", "Add", "Sub", "Mul", "Div", "Pow", "Tanh", "Sigmoid", "Relu", "Neg", "Exp",
            "Log", "Transpose", "MatMul", "ReduceSum", "ReduceMean"} <= kinds
    found = run(tmp_path / "graph.onnx", np.ascontiguousarray(X.value.T))
    assert np.abs(found - out.value.T).max() <= 1e-12


def test_a_cost_exports_the_network_that_feeds_it(tmp_path):
    net = tg.Network([5, 4, 1], init="deep")
    X = np.random.default_rng(1).normal(size=(5, 3))
    cost = net.cost(X, [[0, 1, 1]])
    model = export_onnx(cost, tmp_path / "net.onnx")
    assert model.graph.output[0].name == "AL"
    assert np.abs(run(tmp_path / "net.onnx", X.T.copy()) - net.forward(X).value.T).max() < 1e-15


class Square(Op):
    """A learner's own op: ONNX cannot know what its forward computes."""

    name = "square"

    @staticmethod
    def forward(x):
        return x * x, {"x": x}

    @staticmethod
    def backward(dout, saved, needs):
        return (2 * saved["x"] * dout,)


class LeakyRelu(Relu):
    """A shipped op with a forward of its own: not Relu any more."""

    name = "leaky_relu"

    @staticmethod
    def forward(Z):
        return np.where(Z > 0, Z, 0.01 * Z), {"Z": Z}


@pytest.mark.parametrize("make, op, node", [
    (lambda Z: tg.dropout(Z.relu(name="A1"), 0.8, seed=1, name="A1 dropped"), "dropout",
     "A1 dropped"),
    (lambda Z: Square.apply(Z, name="A1"), "square", "A1"),
    (lambda Z: LeakyRelu.apply(Z, name="A1"), "leaky_relu", "A1"),
])
def test_an_op_with_no_onnx_form_is_named_with_its_node(make, op, node, tmp_path):
    W = tg.parameter(np.ones((2, 3)), name="W1", layer=1)
    b = tg.parameter(np.zeros((2, 1)), name="b1", layer=1)
    A = make(W @ tg.tensor(np.ones((3, 4)), name="X") + b)
    with pytest.raises(InputError, match=rf"node '{node}' \(layer 1\) is made by op '{op}'"):
        export_onnx(A.sigmoid(), tmp_path / "no.onnx")
    assert not (tmp_path / "no.onnx").exists()


def test_a_graph_without_one_input_is_refused():
    W = tg.parameter(np.ones((1, 2)), name="W1")
    with pytest.raises(InputError, match="exactly one input node .* found none"):
        export_onnx((W * 2).sigmoid())


def test_labels_in_the_forward_graph_are_refused():
    X = tg.tensor(np.ones((2, 3)), name="X", role="input")
    Y = tg.tensor(np.ones((1, 3)), name="Y", role="labels")
    with pytest.raises(InputError, match="'Y' holds the labels of one batch"):
        export_onnx((X.sum(axis=0, keepdims=True) * Y).sigmoid())


def test_without_the_onnx_package_export_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` fails as if not installed
    assert main(["export", "--model", str(tmp_path / "any.h5"), "-o",
                 str(tmp_path / "m.onnx")]) == 1
    assert "pip install 'tinygraph[onnx]'" in capsys.readouterr().err


def test_export_onnx_is_there_and_import_tinygraph_does_not_load_onnx():
    assert tg.export_onnx is export_onnx
    code = "import sys, tinygraph; tinygraph.Network; print('onnx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
