"""`net.to_torch()`: the network handed to PyTorch with its weights and its outputs.

The layers it is built from are checked without PyTorch (replayed in NumPy, batch first, as
PyTorch's Linear computes x W.T + b); the module itself when PyTorch is installed (make test
does not install it: the tests that need it skip)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import InputError
from tinygraph.pytorch import layers


def network(dtype=np.float64) -> tuple[tg.Network, np.ndarray]:
    """A trained-looking network (biases not zero) and a batch of examples, as columns."""
    rng = np.random.default_rng(2)
    net = tg.Network([12, 5, 3, 1], init="app", dtype=dtype)
    for name, p in net.parameters.items():
        if name.startswith("b"):
            p.value[...] = rng.normal(size=p.shape)
    return net, rng.random((12, 9)).astype(dtype)


def replay(found: list, rows: np.ndarray) -> np.ndarray:
    """What PyTorch's Sequential of these layers computes for a batch of rows."""
    A = rows
    for _, kind, arrays in found:
        if kind == "linear":
            A = A @ arrays["weight"].T + arrays["bias"]  # torch.nn.Linear
        elif kind == "relu":
            A = np.maximum(A, 0)
        else:
            A = 1 / (1 + np.exp(-A))
    return A


def test_the_layers_are_the_networks_in_the_courses_names_and_shapes():
    net, X = network()
    found = layers(net)
    assert [(name, kind) for name, kind, _ in found] == [
        ("Z1", "linear"), ("A1", "relu"), ("Z2", "linear"), ("A2", "relu"), ("Z3", "linear"),
        ("AL", "sigmoid")]
    assert found[0][2]["weight"] is net.parameters["W1"].value  # (5, 12): out, in
    assert found[0][2]["bias"].shape == (5,)
    assert np.abs(replay(found, X.T) - net.forward(X).value.T).max() <= 1e-12


def test_without_torch_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    net, _ = network()
    with pytest.raises(InputError, match="to_torch needs PyTorch.*pip install torch"):
        net.to_torch()


def test_the_network_module_does_not_import_torch():
    code = "import sys, tinygraph.nn; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 1e-12), (np.float32, 1e-6)])
def test_the_torch_module_gives_tinygraphs_outputs(dtype, tolerance):
    torch = pytest.importorskip("torch")
    net, X = network(dtype)
    model = net.to_torch()
    assert isinstance(model, torch.nn.Module)
    assert model.Z1.weight.dtype == {np.float64: torch.float64, np.float32: torch.float32}[dtype]
    with torch.no_grad():
        AL = model(torch.from_numpy(np.ascontiguousarray(X.T))).numpy()
    assert AL.shape == (9, 1)
    assert np.abs(AL - net.forward(X).value.T).max() <= tolerance


def test_the_torch_module_owns_copies_of_the_weights():
    torch = pytest.importorskip("torch")
    net, X = network()
    model = net.to_torch()
    before = net.forward(X).value.copy()
    with torch.no_grad():
        model.Z1.weight.zero_()  # training in PyTorch leaves the tinygraph network alone
    assert np.array_equal(net.forward(X).value, before)


def test_a_torch_gradient_step_is_the_courses(course_data_dir):
    """One step of the course's gradient descent in PyTorch (BCELoss, SGD) lands on the
    parameters tinygraph's step gives: the hand-off keeps training the same model."""
    torch = pytest.importorskip("torch")
    from tinygraph.data import load_dataset
    from tinygraph.train import fit

    data = load_dataset(course_data_dir)
    net = tg.Network([12288, 20, 7, 5, 1], init="app")
    model = net.to_torch()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0075)
    loss = torch.nn.BCELoss()(model(torch.from_numpy(np.ascontiguousarray(data.train_x.T))),
                              torch.from_numpy(data.train_y.T.astype(np.float64)))
    assert abs(loss.item() - 0.7717493284237686) < 1e-12  # the course's cost at i = 0
    loss.backward()
    optimizer.step()
    fit(net, data.train_x, data.train_y, num_iterations=1, progress=False)
    assert np.abs(model.Z1.weight.detach().numpy() - net.parameters["W1"].value).max() < 1e-12
