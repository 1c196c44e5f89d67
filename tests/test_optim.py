"""Momentum and Adam, as the course's "Optimization methods" notebook writes them.

Every optimizer is checked against the course's update functions written out below in plain
NumPy (no tinygraph involved), against the numbers the notebook prints for its test case,
and, where PyTorch is installed, step by step against `torch.optim` on a network PyTorch
runs itself (float64, 1e-10 relative).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tinygraph as tg
from tinygraph import InputError, TinygraphError
from tinygraph.cli import main
from tinygraph.optim import OPTIMIZERS, Adam, GradientDescent, Momentum, from_name
from tinygraph.train import fit, train

# ------------------------------------------------- the course's functions, written out


def update_parameters_with_gd(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
    return parameters, v


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        d = "d" + key
        v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        v_corrected[d] = v[d] / (1 - np.power(beta1, t))
        s[d] = beta2 * s[d] + (1 - beta2) * np.power(grads[d], 2)
        s_corrected[d] = s[d] / (1 - np.power(beta2, t))
        parameters[key] = parameters[key] - learning_rate * v_corrected[d] / (
            np.sqrt(s_corrected[d]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def zeros_like_grads(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def course_grads(X, Y, parameters):
    """Cost (7) and the grads of [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, by hand."""
    L, m = len(parameters) // 2, Y.shape[1]
    A, cache = X, []
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        cache.append((A, Z))
        A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    grads, dZ = {}, A - Y  # sigmoid and cross-entropy together
    for l in reversed(range(1, L + 1)):
        A_prev, _ = cache[l - 1]
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dZ = (parameters[f"W{l}"].T @ dZ) * (cache[l - 2][1] > 0)
    return cost, grads


def course_test_case():
    """The notebook's test case: W1, b1, W2, b2, then dW1, db1, dW2, db2, from seed 1."""
    rng = np.random.RandomState(1)
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 3), "b2": (3, 1)}
    parameters = {key: rng.randn(*shape) for key, shape in shapes.items()}
    grads = {"d" + key: rng.randn(*shape) for key, shape in shapes.items()}
    return parameters, grads


def with_grads(parameters, grads) -> dict[str, tg.Tensor]:
    """tinygraph parameters holding the test case's values, their .grad set by hand."""
    tensors = {key: tg.parameter(value.copy(), name=key) for key, value in parameters.items()}
    for key, p in tensors.items():
        p.grad = grads["d" + key]
    return tensors


def relative(a, b) -> float:
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 24))
    Y = (X[:1] * X[1:2] + 0.3 * X[2:3] > 0).astype(np.float64)
    return X, Y


# -------------------------------------------------- the course's published test case

# What the notebook prints for W1 after one update of its test case (learning_rate 0.01).
COURSE_W1 = {
    "gd": [[1.63535156, -0.62320365, -0.53718766], [-1.07799357, 0.85639907, -2.29470142]],
    "momentum": [[1.62544598, -0.61290114, -0.52907334],
                 [-1.07347112, 0.86450677, -2.30085497]],
    "adam": [[1.63178673, -0.61919778, -0.53561312], [-1.08040999, 0.85796626, -2.29409733]],
}


@pytest.mark.parametrize("name, optimizer", [
    ("gd", lambda ps: GradientDescent(ps, learning_rate=0.01)),
    ("momentum", lambda ps: Momentum(ps, learning_rate=0.01, beta=0.9)),
    ("adam", lambda ps: Adam(ps, learning_rate=0.01)),
])
def test_one_step_of_the_course_test_case_gives_the_notebook_numbers(name, optimizer):
    parameters, grads = course_test_case()
    tensors = with_grads(parameters, grads)
    step = optimizer(tensors)
    if name == "adam":  # the notebook's case is its second step, t = 2, from zero v and s
        step.t = 1
    step.step()
    np.testing.assert_allclose(tensors["W1"].value, COURSE_W1[name], atol=1e-8)


def test_the_course_test_case_matches_the_course_functions_for_every_parameter():
    parameters, grads = course_test_case()
    expected, v, s, v_corrected, s_corrected = update_parameters_with_adam(
        dict(parameters), grads, zeros_like_grads(parameters), zeros_like_grads(parameters),
        t=2)
    tensors = with_grads(parameters, grads)
    adam = Adam(tensors, learning_rate=0.01)
    adam.t = 1
    adam.step()
    assert adam.t == 2
    for key in parameters:
        d = "d" + key
        np.testing.assert_allclose(tensors[key].value, expected[key], rtol=1e-14)
        for ours, theirs in ((adam.v, v), (adam.s, s), (adam.v_corrected, v_corrected),
                             (adam.s_corrected, s_corrected)):
            np.testing.assert_allclose(ours[d], theirs[d], rtol=1e-14)


def test_the_in_place_steps_give_the_course_functions_numbers_bit_for_bit():
    # float64 only: in float32 the course's np.power(beta1, t), a float64 scalar, upcasts.
    dtype = np.float64
    parameters, _ = course_test_case()
    parameters = {key: value.astype(dtype) for key, value in parameters.items()}
    ours = {name: with_grads(parameters, zeros_like_grads(parameters))
            for name in ("momentum", "adam")}
    momentum, adam = Momentum(ours["momentum"], 0.01), Adam(ours["adam"], 0.01)
    theirs = {name: dict(parameters) for name in ours}
    v, v_adam, s = (zeros_like_grads(parameters) for _ in range(3))
    rng = np.random.default_rng(7)
    for t in range(1, 6):
        grads = {"d" + key: rng.normal(size=value.shape).astype(dtype)
                 for key, value in parameters.items()}
        for name in ours:
            for key, p in ours[name].items():
                p.grad = grads["d" + key]
        momentum.step()
        adam.step()
        theirs["momentum"], v = update_parameters_with_momentum(theirs["momentum"], grads, v,
                                                                0.9, 0.01)
        theirs["adam"], v_adam, s, _, _ = update_parameters_with_adam(theirs["adam"], grads,
                                                                      v_adam, s, t, 0.01)
    for name in ours:
        for key, p in ours[name].items():
            assert p.value.dtype == dtype
            np.testing.assert_array_equal(p.value, theirs[name][key])


@settings(max_examples=40, deadline=None)
@given(learning_rate=st.floats(1e-4, 1.0), beta1=st.floats(0.0, 0.999),
       beta2=st.floats(0.0, 0.9999), epsilon=st.floats(1e-10, 1e-2),
       seed=st.integers(0, 2 ** 16))
def test_adam_is_the_course_function_for_any_settings(learning_rate, beta1, beta2, epsilon,
                                                      seed):
    rng = np.random.default_rng(seed)
    parameters = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    tensors = with_grads(parameters, zeros_like_grads(parameters))
    adam = Adam(tensors, learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon)
    theirs, v, s = dict(parameters), zeros_like_grads(parameters), zeros_like_grads(parameters)
    for t in (1, 2, 3):
        grads = {"d" + key: rng.normal(size=value.shape) for key, value in parameters.items()}
        for key, p in tensors.items():
            p.grad = grads["d" + key]
        adam.step()
        theirs, v, s, _, _ = update_parameters_with_adam(theirs, grads, v, s, t, learning_rate,
                                                         beta1, beta2, epsilon)
    for key, p in tensors.items():
        np.testing.assert_allclose(p.value, theirs[key], rtol=1e-13, atol=1e-14)


# ------------------------------------------ several steps on a network, against the course


def course_run(name, X, Y, parameters, learning_rate, steps, **settings):
    """`steps` full-batch iterations of the course's loop with one of its update functions."""
    parameters = {k: v.copy() for k, v in parameters.items()}
    v, s, costs = zeros_like_grads(parameters), zeros_like_grads(parameters), []
    for t in range(1, steps + 1):
        cost, grads = course_grads(X, Y, parameters)
        costs.append(cost)
        if name == "gd":
            parameters = update_parameters_with_gd(parameters, grads, learning_rate)
        elif name == "momentum":
            parameters, v = update_parameters_with_momentum(parameters, grads, v,
                                                            settings.get("beta", 0.9),
                                                            learning_rate)
        else:
            parameters, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, t,
                                                                 learning_rate, **settings)
    return costs, parameters


@pytest.mark.parametrize("name, settings", [
    ("gd", {}), ("momentum", {}), ("momentum", {"beta": 0.5}), ("adam", {}),
    ("adam", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}),
])
def test_fit_steps_as_the_course_loop_does(data, name, settings):
    X, Y = data
    net = tg.Network([4, 5, 3, 1], init="he", seed=2)
    start = {key: value.copy() for key, value in net.values().items()}
    optimizer = from_name(name, net, learning_rate=0.01, **settings)
    history = fit(net, X, Y, num_iterations=201, optimizer=optimizer, progress=False)
    costs, expected = course_run(name, X, Y, start, 0.01, 201, **settings)
    assert [cost for _, cost in history.costs] == pytest.approx(
        [costs[0], costs[100], costs[200]], rel=1e-10)
    for key, value in expected.items():
        assert relative(net.parameters[key].value, value) < 1e-10, key


def test_gd_is_todays_update_bit_for_bit(data):
    X, Y = data
    by_hand, by_name = tg.Network([4, 3, 1]), tg.Network([4, 3, 1])
    for _ in range(5):
        tg.backward(by_hand.cost(X, Y))
        for p in by_hand.parameters.values():
            p.value -= 0.1 * p.grad
    fit(by_name, X, Y, learning_rate=0.1, num_iterations=5, optimizer="gd", progress=False)
    for key, p in by_hand.parameters.items():
        np.testing.assert_array_equal(by_name.parameters[key].value, p.value)


def test_momentum_with_beta_0_is_gradient_descent(data):
    X, Y = data
    plain, momentum = tg.Network([4, 3, 1]), tg.Network([4, 3, 1])
    fit(plain, X, Y, learning_rate=0.1, num_iterations=5, progress=False)
    fit(momentum, X, Y, num_iterations=5, optimizer=Momentum(momentum, 0.1, beta=0.0),
        progress=False)
    for key, p in plain.parameters.items():
        np.testing.assert_array_equal(momentum.parameters[key].value, p.value)


def test_names_build_the_course_defaults():
    net = tg.Network([3, 2, 1])
    assert from_name("gd", net).settings() == {"name": "gd", "learning_rate": 0.0075}
    assert from_name("momentum", net, 0.1).settings() == {
        "name": "momentum", "learning_rate": 0.1, "beta": 0.9}
    assert from_name("adam", net).settings() == {
        "name": "adam", "learning_rate": 0.0075, "beta1": 0.9, "beta2": 0.999,
        "epsilon": 1e-8}
    assert sorted(OPTIMIZERS) == ["adam", "gd", "momentum"]


def test_the_state_is_the_courses_dictionaries():
    net = tg.Network([3, 2, 1])
    X, Y = np.ones((3, 4)), np.array([[0.0, 1.0, 1.0, 0.0]])
    adam = Adam(net)
    assert adam.t == 0 and sorted(adam.v) == sorted(adam.s) == ["dW1", "dW2", "db1", "db2"]
    assert all(not v.any() for v in adam.v.values())  # initialize_adam: zeros
    for t in (1, 2, 3):
        tg.backward(net.cost(X, Y))
        adam.step()
        assert adam.t == t
    for d, v in adam.v.items():
        np.testing.assert_array_equal(adam.v_corrected[d], v / (1 - 0.9 ** 3))
    assert Momentum(net).v["db1"].shape == (2, 1)


def test_float32_stays_float32(data):
    X, Y = data
    net = tg.Network([4, 3, 1], dtype=np.float32)
    adam = Adam(net, learning_rate=0.01)
    fit(net, X, Y, num_iterations=20, optimizer=adam, progress=False)
    assert {p.value.dtype for p in net.parameters.values()} == {np.dtype(np.float32)}
    assert {v.dtype for v in (*adam.v.values(), *adam.s.values())} == {np.dtype(np.float32)}
    wide = tg.Network([4, 3, 1])
    fit(wide, X, Y, num_iterations=20, optimizer=Adam(wide, learning_rate=0.01), progress=False)
    for key, p in wide.parameters.items():
        assert relative(net.parameters[key].value.astype(np.float64), p.value) < 1e-4


def test_adam_learns_faster_than_gradient_descent_at_the_same_rate(data):
    X, Y = data
    last = {}
    for name in ("gd", "adam"):
        net = tg.Network([4, 5, 3, 1], init="he", seed=2)
        history = fit(net, X, Y, learning_rate=0.01, num_iterations=300, optimizer=name,
                      progress=False)
        last[name] = history.costs[-1][1]
    assert last["adam"] < 0.5 * last["gd"]


def test_mini_batches_reach_the_optimizer(data):
    X, Y = data
    net = tg.Network([4, 3, 1])
    adam = Adam(net, learning_rate=0.01)
    fit(net, X, Y, num_iterations=7, batch_size=10, optimizer=adam, progress=False)
    assert adam.t == 7


# ----------------------------------------------------------------------- bad settings


@pytest.mark.parametrize("make, words", [
    (lambda net: GradientDescent(net, learning_rate=-0.1), "learning_rate must be a positive"),
    (lambda net: Adam(net, learning_rate=0), "Adam: learning_rate must be a positive"),
    (lambda net: Momentum(net, learning_rate=float("nan")), "learning_rate"),
    (lambda net: Momentum(net, beta=1.0), "Momentum: beta must be in [0, 1), not 1.0"),
    (lambda net: Momentum(net, beta=-0.1), "beta must be in [0, 1)"),
    (lambda net: Adam(net, beta1=1.5), "Adam: beta1 must be in [0, 1), not 1.5"),
    (lambda net: Adam(net, beta2=float("nan")), "beta2 must be in [0, 1)"),
    (lambda net: Adam(net, epsilon=0), "Adam: epsilon must be a positive"),
    (lambda net: Adam(net, beta1="0.9"), "beta1 must be in [0, 1), not '0.9'"),
    (lambda net: from_name("sgd", net), "unknown optimizer 'sgd'; choose one of gd, momentum"),
    (lambda net: from_name("adam", net, beta=0.9), "adam takes no setting beta"),
    (lambda net: from_name("gd", net, beta=0.9), "gd takes no setting beta"),
    (lambda net: Adam([net.parameters["W1"], tg.tensor([[1.0]], name="X")]), "X is Tensor, "
                                                                             "not a parameter"),
    (lambda net: Adam([tg.parameter([[1.0]], name="W"), tg.parameter([[2.0]], name="W")]),
     "two parameters are named W"),
    (lambda net: Adam([]), "no parameters"),
])
def test_bad_settings_are_named(make, words):
    with pytest.raises(InputError) as error:
        make(tg.Network([3, 2, 1]))
    assert words in str(error.value)


@pytest.mark.parametrize("kind", [GradientDescent, Momentum, Adam])
def test_a_step_before_backward_names_the_parameter(kind):
    with pytest.raises(InputError, match=rf"{kind.__name__}.step: W1 has no gradient; call "
                                         r"tg.backward\(cost\)"):
        kind(tg.Network([3, 2, 1])).step()


def test_fit_refuses_an_optimizer_of_another_network(data):
    X, Y = data
    net, other = tg.Network([4, 3, 1]), tg.Network([4, 3, 1])
    with pytest.raises(InputError, match="made over other parameters"):
        fit(net, X, Y, num_iterations=1, optimizer=Adam(other), progress=False)


def test_fit_refuses_two_different_learning_rates(data):
    X, Y = data
    net = tg.Network([4, 3, 1])
    with pytest.raises(InputError, match=r"learning_rate=0.1 given to fit, but the optimizer "
                                         r"has its own, 0.01"):
        fit(net, X, Y, learning_rate=0.1, optimizer=Adam(net, learning_rate=0.01))
    with pytest.raises(InputError, match="unknown optimizer 'Adam'"):
        fit(net, X, Y, optimizer="Adam")
    with pytest.raises(InputError, match="optimizer must be"):
        fit(net, X, Y, optimizer=None)
    assert isinstance(InputError("x"), TinygraphError)


# ---------------------------------------------------------------- train and the CLI


def test_train_reports_the_optimizer():
    from tinygraph.data import builtin_dataset
    from tinygraph.train import summary

    _, report = train(builtin_dataset(), [12288, 2, 1], num_iterations=3, progress=False,
                      optimizer="momentum", optimizer_settings={"beta": 0.8},
                      learning_rate=0.01)
    assert report["optimizer"] == {"name": "momentum", "learning_rate": 0.01, "beta": 0.8}
    assert "(init course, float64, momentum with learning rate 0.01, beta 0.8)" in (
        summary(report))


def test_cli_trains_with_adam_and_records_it(tmp_path: Path, capsys):
    status = main(["train", "--layers", "12288,2,1", "--iterations", "3", "--quiet",
                   "--optimizer", "adam", "--beta2", "0.99", "--epsilon", "1e-7",
                   "--report", str(tmp_path / "r.json")])
    assert status == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["optimizer"] == {"name": "adam", "learning_rate": 0.0075, "beta1": 0.9,
                                   "beta2": 0.99, "epsilon": 1e-7}
    assert "adam with learning rate 0.0075, beta1 0.9, beta2 0.99" in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["--optimizer", "sgd"], "invalid choice: 'sgd'"),
    (["--optimizer", "adam", "--beta", "0.9"], "--beta is a setting of --optimizer momentum, "
                                               "not of adam"),
    (["--beta1", "0.9"], "--beta1 is a setting of --optimizer adam, not of gd"),
    (["--optimizer", "momentum", "--beta", "1"], "'1': give a number in [0, 1)"),
    (["--optimizer", "adam", "--epsilon", "0"], "'0': give a positive number"),
])
def test_cli_bad_optimizer_settings_exit_2(argv, words, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["train", *argv])
    assert exit_.value.code == 2
    assert words in capsys.readouterr().err.splitlines()[-1]


# ------------------------------------------------------------------ against torch.optim


def torch_run(torch, optimizer_for, X, Y, parameters, steps):
    """PyTorch runs the same net on its own graph; its parameters after each step."""
    L = len(parameters) // 2
    params = {k: torch.tensor(v, requires_grad=True) for k, v in parameters.items()}
    optimizer = optimizer_for(params.values())
    X, Y = torch.from_numpy(X), torch.from_numpy(Y)
    after = []
    for _ in range(steps):
        optimizer.zero_grad()
        A = X
        for l in range(1, L + 1):
            Z = params[f"W{l}"] @ A + params[f"b{l}"]
            A = torch.relu(Z) if l < L else torch.sigmoid(Z)
        torch.nn.functional.binary_cross_entropy(A, Y).backward()
        optimizer.step()
        after.append({k: p.detach().numpy().copy() for k, p in params.items()})
    return after


def torch_optimizer(torch, name, lr, settings):
    """torch.optim's counterpart of each course optimizer.

    Momentum: the course averages, v = beta v + (1 - beta) dW from v = 0; torch sums,
    u = beta u + dW from u = dW (its `dampening=beta` would still start from u = dW, not
    (1 - beta) dW). So v = (1 - beta) u at every step, and SGD(lr * (1 - beta), momentum=beta)
    takes the course's steps. Adam: torch.optim.Adam is the course's, bias correction and
    epsilon outside the root included.
    """
    if name == "momentum":
        beta = settings.get("beta", 0.9)
        return lambda ps: torch.optim.SGD(ps, lr=lr * (1 - beta), momentum=beta)
    if name == "adam":
        betas = (settings.get("beta1", 0.9), settings.get("beta2", 0.999))
        return lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas,
                                           eps=settings.get("epsilon", 1e-8))
    return lambda ps: torch.optim.SGD(ps, lr=lr)


@pytest.mark.parametrize("name, settings", [
    ("gd", {}), ("momentum", {}), ("momentum", {"beta": 0.7}), ("adam", {}),
    ("adam", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}),
])
def test_each_step_matches_torch_optim(data, name, settings):
    torch = pytest.importorskip("torch")
    X, Y = data
    net = tg.Network([4, 5, 3, 1], init="he", seed=2)
    theirs = torch_run(torch, torch_optimizer(torch, name, 0.05, settings), X, Y,
                       net.values(), steps=6)
    optimizer = from_name(name, net, learning_rate=0.05, **settings)
    for step in theirs:
        tg.backward(net.cost(X, Y))
        optimizer.step()
        for key, value in step.items():
            assert relative(net.parameters[key].value, value) < 1e-10, key


# ---------------------------------------------------------------------------- the page


def test_the_python_blocks_of_docs_optimization_run_and_print_what_they_say(capsys):
    page = (Path(__file__).parent.parent / "docs" / "optimization.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) >= 5
    namespace: dict = {}
    for block in blocks:  # in order, sharing their names, as a reader runs them
        exec(compile(block, "docs/optimization.md", "exec"), namespace)
        printed = capsys.readouterr().out.splitlines()
        assert printed and all(f"# {line}" in block for line in printed), printed
