"""The trainer: the course's gradient descent, checked against the course's formulas written
out in plain NumPy below, at the course's cadence, in float64 and float32."""

from __future__ import annotations

import math
import re
import sys
import warnings

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import InputError, TinygraphError
from tinygraph.data import Dataset, builtin_dataset
from tinygraph.errors import DivergenceError, DivergenceWarning
from tinygraph.nn import init_recipe
from tinygraph.train import (
    accuracy,
    fit,
    plot_costs,
    plot_mislabelled,
    predict,
    summary,
    train,
)


def course_gradient_descent(X, Y, parameters, learning_rate, num_iterations, batches=None):
    """The Application notebook's loop with the formulas of COURSE.md, no graph involved:
    returns the costs recorded at i % 100 == 0 and the last iteration, and the parameters."""
    parameters = {k: v.copy() for k, v in parameters.items()}
    L = len(parameters) // 2
    costs = []
    for i in range(num_iterations):
        Xb, Yb = (X, Y) if batches is None else batches[i]
        m = Yb.shape[1]
        A, cache = Xb, []
        for l in range(1, L + 1):
            Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
            cache.append((A, Z))
            A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
        AL = A
        cost = -np.sum(Yb * np.log(AL) + (1 - Yb) * np.log(1 - AL)) / m
        if i % 100 == 0 or i == num_iterations - 1:
            costs.append((i, float(cost)))
        dA = -(Yb / AL - (1 - Yb) / (1 - AL))
        for l in reversed(range(1, L + 1)):
            A_prev, Z = cache[l - 1]
            if l == L:
                s = 1 / (1 + np.exp(-Z))
                dZ = dA * s * (1 - s)
            else:
                dZ = np.where(Z > 0, dA, 0)
            dW, db = dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
            dA = parameters[f"W{l}"].T @ dZ
            parameters[f"W{l}"] -= learning_rate * dW
            parameters[f"b{l}"] -= learning_rate * db
    return costs, parameters


@pytest.fixture(scope="module")
def toy():
    """Two blobs in 5 dimensions, 40 examples: labels that a small network can learn."""
    rng = np.random.default_rng(0)
    Y = (np.arange(40) % 2).reshape(1, 40)
    X = rng.normal(size=(5, 40)) + 1.5 * Y * np.array([[1], [-1], [0.5], [0], [1]])
    return X, Y.astype(np.int64)


def test_fit_is_the_course_gradient_descent(toy) -> None:
    X, Y = toy
    net = tg.Network([5, 4, 3, 1], init="app")
    start = {k: v.copy() for k, v in net.values().items()}
    history = fit(net, X, Y, learning_rate=0.05, num_iterations=250, progress=False)
    costs, expected = course_gradient_descent(X, Y, start, 0.05, 250)
    assert [i for i, _ in history.costs] == [0, 100, 200, 249]
    for (i, cost), (_, course_cost) in zip(history.costs, costs, strict=True):
        assert cost == pytest.approx(course_cost, abs=1e-12), i
    for name, value in expected.items():
        np.testing.assert_allclose(net.values()[name], value, rtol=0, atol=1e-12)


@pytest.mark.parametrize("n, recorded", [(1, [0]), (100, [0, 99]), (101, [0, 100]),
                                         (201, [0, 100, 200]), (202, [0, 100, 200, 201])])
def test_costs_are_recorded_at_the_course_cadence(toy, n, recorded) -> None:
    history = fit(tg.Network([5, 2, 1]), *toy, num_iterations=n, progress=False)
    assert [i for i, _ in history.costs] == recorded
    assert all(isinstance(cost, float) for _, cost in history.costs)


def test_the_first_cost_is_on_the_initial_parameters(toy) -> None:
    X, Y = toy
    net = tg.Network([5, 3, 1], init="two_layer")
    # randn * 0.01 makes AL close to 1/2 for every example: the cost is close to log 2.
    history = fit(net, X, Y, num_iterations=1, progress=False)
    assert history.costs[0][1] == pytest.approx(math.log(2), abs=1e-3)
    assert history.costs[0][1] != float(net.cost(X, Y).value), "the update came after it"


def test_parameters_are_updated_in_place(toy) -> None:
    net = tg.Network([5, 3, 1])
    arrays = {name: p.value for name, p in net.parameters.items()}
    before = {name: a.copy() for name, a in arrays.items()}
    fit(net, *toy, num_iterations=3, progress=False)
    for name, p in net.parameters.items():
        assert p.value is arrays[name], f"{name} is the same array, updated in place"
        assert not np.array_equal(p.value, before[name])


def test_float32_stays_float32_and_follows_float64(toy) -> None:
    X, Y = toy
    net32 = tg.Network([5, 4, 1], dtype=np.float32)
    net64 = tg.Network([5, 4, 1])
    h32 = fit(net32, X, Y, num_iterations=300, learning_rate=0.05, progress=False)
    h64 = fit(net64, X, Y, num_iterations=300, learning_rate=0.05, progress=False)
    assert all(p.value.dtype == np.float32 for p in net32.parameters.values())
    assert net32.forward(X.astype(np.float32)).value.dtype == np.float32
    for (_, c32), (_, c64) in zip(h32.costs, h64.costs, strict=True):
        assert c32 == pytest.approx(c64, abs=1e-4)


def test_mini_batches_walk_a_fresh_shuffle_each_pass(toy) -> None:
    X, Y = toy
    net = tg.Network([5, 3, 1])
    start = {k: v.copy() for k, v in net.values().items()}
    history = fit(net, X, Y, learning_rate=0.05, num_iterations=12, batch_size=16, seed=7,
                  progress=False)
    # As documented: default_rng(seed) draws one permutation per pass; batches of 16, 16, 8.
    rng, batches = np.random.default_rng(7), []
    while len(batches) < 12:
        order = rng.permutation(40)
        batches += [(X[:, order[s:s + 16]], Y[:, order[s:s + 16]]) for s in (0, 16, 32)]
    costs, expected = course_gradient_descent(X, Y, start, 0.05, 12, batches)
    assert history.costs[-1][1] == pytest.approx(costs[-1][1], abs=1e-12)
    for name, value in expected.items():
        np.testing.assert_allclose(net.values()[name], value, rtol=0, atol=1e-12)


def test_a_batch_as_big_as_the_data_is_full_batch(toy) -> None:
    nets = [tg.Network([5, 3, 1]) for _ in range(2)]
    fit(nets[0], *toy, num_iterations=20, progress=False)
    fit(nets[1], *toy, num_iterations=20, batch_size=40, progress=False)
    for name in nets[0].parameters:
        assert np.array_equal(nets[0].values()[name], nets[1].values()[name])


def test_print_cost_prints_the_course_lines(toy, capsys) -> None:
    history = fit(tg.Network([5, 3, 1]), *toy, num_iterations=101, print_cost=True,
                  progress=False)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Cost after iteration {i}: {cost}" for i, cost in history.costs]


def test_the_progress_bar_shows_the_cost(toy, capsys) -> None:
    fit(tg.Network([5, 3, 1]), *toy, num_iterations=150, progress=True)
    err = capsys.readouterr().err
    assert "cost=" in err and "150/150" in err


def test_no_progress_bar_when_not_a_terminal(toy, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    fit(tg.Network([5, 3, 1]), *toy, num_iterations=150)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("settings, words", [
    ({"learning_rate": 0.0}, "learning_rate"),
    ({"learning_rate": float("nan")}, "learning_rate"),
    ({"num_iterations": 0}, "num_iterations"),
    ({"batch_size": 0}, "batch_size"),
])
def test_bad_settings_are_named(toy, settings, words) -> None:
    with pytest.raises(InputError, match=words):
        fit(tg.Network([5, 3, 1]), *toy, progress=False, **settings)


def test_x_and_y_must_have_the_same_examples(toy) -> None:
    X, Y = toy
    with pytest.raises(InputError, match="X has 40 examples .* Y has 39"):
        fit(tg.Network([5, 3, 1]), X, Y[:, :39], progress=False)


def test_predict_and_accuracy_threshold_at_one_half() -> None:
    # One unit, W = 1, b = 0: AL = sigmoid(x); AL > 0.5 exactly when x > 0.
    net = tg.Network.from_values({"W1": np.array([[1.0]]), "b1": np.zeros((1, 1))})
    X = np.array([[-2.0, 0.0, 0.1, 3.0]])
    assert predict(net, X).tolist() == [[0.0, 0.0, 1.0, 1.0]]
    assert accuracy(net, X, [[0, 0, 0, 1]]) == 0.75


# ----------------------------------------------------------------- the whole job

def test_course_init_follows_the_number_of_layers() -> None:
    assert init_recipe([3, 2, 1], "course") == "two_layer"
    assert init_recipe([12288, 20, 7, 5, 1], "course") == "app"
    assert init_recipe([3, 2, 1], "he") == "he"
    # COURSE.md's initialize_parameters(3, 2, 1), reached through the "course" choice.
    W1 = tg.Network([3, 2, 1], init="course").values()["W1"]
    np.testing.assert_allclose(W1, [[0.01624345, -0.00611756, -0.00528172],
                                    [-0.01072969, 0.00865408, -0.02301539]], atol=1e-8)
    with pytest.raises(InputError, match="unknown init 'glorot'"):
        init_recipe([3, 2, 1], "glorot")


def small_dataset(toy) -> Dataset:
    X, Y = toy
    return Dataset(X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:], ("a", "b"), (5, 1, 1), "toy")


def test_train_reports_what_it_did(toy) -> None:
    data = small_dataset(toy)
    net, report = train(data, [5, 4, 1], learning_rate=0.05, num_iterations=120,
                        progress=False)
    assert report["layers"] == [5, 4, 1] and report["init_recipe"] == "two_layer"
    assert [i for i, _ in report["costs"]] == [0, 100, 119]
    right = int(np.sum((net.forward(data.test_x).value > 0.5) == data.test_y))
    assert report["test_correct"] == right and report["test_accuracy"] == right / 10
    assert report["seconds_per_iteration"] == pytest.approx(report["seconds"] / 120)
    text = summary(report)
    assert f"({right}/10)" in text and "ms per iteration" in text


def test_train_defaults_to_the_course_l_layer_shape(toy) -> None:
    _, report = train(small_dataset(toy), num_iterations=2, progress=False)
    assert report["layers"] == [5, 20, 7, 5, 1] and report["init_recipe"] == "app"


@pytest.mark.parametrize("layers, words", [
    ([12288, 7, 1], "layers start with 12288 inputs but the data has n_x = 5"),
    ([5, 7, 2], "last size must be 1"),
])
def test_train_checks_the_layers_against_the_data(toy, layers, words) -> None:
    with pytest.raises(InputError, match=words):
        train(small_dataset(toy), layers, num_iterations=1, progress=False)


def test_train_in_float32(toy) -> None:
    net, report = train(small_dataset(toy), [5, 3, 1], dtype="float32", num_iterations=5,
                        progress=False)
    assert net.values()["W1"].dtype == np.float32 and report["dtype"] == "float32"
    with pytest.raises(tg.DTypeError, match="float16"):  # as Network(..., dtype="float16")
        train(small_dataset(toy), [5, 3, 1], dtype="float16", num_iterations=1)


def test_a_two_layer_net_learns_the_builtin_data_but_not_perfectly() -> None:
    data = builtin_dataset()
    net, report = train(data, [data.n_x, 7, 1], num_iterations=900, progress=False)
    assert report["train_accuracy"] == 1.0, "it has learnt the training pictures"
    assert 0.6 < report["test_accuracy"] < 1.0, "and generalises, but not perfectly"


# ------------------------------------------------------------------------------ plots

PNG = b"\x89PNG\r\n\x1a\n"


def curve_pixels(path) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the pixels drawn in matplotlib's first line colour, C0 #1f77b4."""
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == (600, 400), "figsize 6x4 inches at 100 dpi"
        rgb = np.asarray(image.convert("RGB"), dtype=int)
    near = np.abs(rgb - np.array([0x1F, 0x77, 0xB4])).sum(axis=2) < 60
    return np.nonzero(near)


@pytest.mark.parametrize("costs, falls", [
    ([[0, 0.69], [100, 0.5], [200, 0.3], [249, 0.25]], True),
    ([[0, 0.2], [100, 0.4], [200, 0.9], [249, 1.3]], False),
])
def test_cost_curve_png_draws_the_costs(tmp_path, costs, falls) -> None:
    path = tmp_path / "plots" / "costs.png"
    plot_costs(costs, path, 0.0075)
    assert path.read_bytes()[:8] == PNG
    rows, columns = curve_pixels(path)
    assert len(rows) > 200, "a line across the axes, not a dot"
    assert columns.max() - columns.min() > 300, "it spans most of the width"
    # The left end of the curve is higher on the picture (a smaller row) when the cost falls.
    left = rows[columns < columns.min() + 10].mean()
    right = rows[columns > columns.max() - 10].mean()
    assert (left < right - 100) if falls else (left > right + 100)


def test_mislabelled_grid_counts_the_mistakes(tmp_path) -> None:
    data = builtin_dataset()
    guesses = data.test_y.copy()
    guesses[0, [3, 10, 42]] = 1 - guesses[0, [3, 10, 42]]
    assert plot_mislabelled(data, guesses, tmp_path / "wrong.png") == 3
    from PIL import Image

    with Image.open(tmp_path / "wrong.png") as image:  # 3 pictures in a row, 2.2 x 2.4 in each
        assert image.size == (660, 240)


def test_a_clear_message_without_matplotlib(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(TinygraphError, match=r"pip install 'tinygraph\[plot\]'"):
        plot_costs([[0, 0.69]], tmp_path / "costs.png")
    assert not (tmp_path / "costs.png").exists()


# ------------------------------------------------------------------ training that blows up

def course_cost(net: tg.Network, X, Y) -> float:
    """The course's cost (7) written out, on the network's current parameters."""
    A = X.astype(net.parameters["W1"].dtype)
    with np.errstate(all="ignore"):
        for l in range(1, net.L + 1):
            Z = net.parameters[f"W{l}"].value @ A + net.parameters[f"b{l}"].value
            A = np.maximum(0, Z) if l < net.L else 1 / (1 + np.exp(-Z))
        return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])


@pytest.mark.parametrize("dtype, learning_rate, batch_size", [
    (np.float32, 1e30, None), (np.float64, 1e200, None), (np.float32, 1e30, 16),
])
def test_a_non_finite_cost_stops_training_with_the_iteration_and_learning_rate(
        toy, dtype, learning_rate, batch_size) -> None:
    X, Y = toy
    net = tg.Network([5, 4, 1], dtype=dtype)
    start = {k: v.copy() for k, v in net.values().items()}
    with pytest.raises(DivergenceError) as caught:
        fit(net, X, Y, learning_rate=learning_rate, num_iterations=50, batch_size=batch_size,
            progress=False)
    message = str(caught.value)
    i = caught.value.history.costs[-1][0]
    assert f"at iteration {i} " in message and f"learning rate {learning_rate:g}" in message
    assert "smaller learning rate" in message and "\n" not in message
    assert isinstance(caught.value, TinygraphError) and not math.isfinite(
        caught.value.history.costs[-1][1])
    # Independently: i steps from the same start give a network whose cost, written out as
    # the course writes it, is not finite, while the costs before were.
    again = tg.Network.from_values(start)
    if batch_size is None:
        history = fit(again, X, Y, learning_rate=learning_rate, num_iterations=i,
                      progress=False)
        assert all(math.isfinite(c) for _, c in history.costs)
        assert not math.isfinite(course_cost(again, X, Y))


def test_a_finite_but_climbing_cost_warns_once_and_training_goes_on(toy) -> None:
    X, Y = toy
    net = tg.Network([5, 4, 1])
    with pytest.warns(DivergenceWarning,
                      match="with learning rate 300: .* e.g. 0.0075, the course's$") as caught:
        history = fit(net, X, Y, learning_rate=300, num_iterations=120, progress=False)
    assert len(caught) == 1 and history.warnings == [str(caught[0].message)]
    assert [i for i, _ in history.costs] == [0, 100, 119]  # it ran to the end
    first = history.costs[0][1]
    assert max(c for _, c in history.costs[1:]) > 10 * first


def test_ordinary_training_gives_no_divergence_warning(toy) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning at all fails the test
        history = fit(tg.Network([5, 4, 1]), *toy, learning_rate=0.5, num_iterations=300,
                      progress=False)
    assert history.warnings == []


@pytest.mark.parametrize("settings, words", [
    ({"learning_rate": "0.01"}, "learning_rate must be a positive number, e.g. 0.0075, not '0.01'"),
    ({"learning_rate": True}, "learning_rate"),
    ({"learning_rate": None}, "learning_rate"),
    ({"num_iterations": "100"}, "num_iterations"),
    ({"num_iterations": 2.5}, "num_iterations"),
    ({"batch_size": "16"}, "batch_size"),
])
def test_settings_of_the_wrong_type_are_named(toy, settings, words) -> None:
    with pytest.raises(InputError, match=re.escape(words)):
        fit(tg.Network([5, 3, 1]), *toy, progress=False, **settings)


def test_the_last_update_cannot_leave_nan_or_inf_unseen(toy) -> None:
    # One iteration: its cost is finite, and no later cost would show what its update did.
    X, Y = toy
    with pytest.raises(DivergenceError, match="W1 holds NaN or inf after the update of "
                                              "iteration 0 with learning rate 1e\\+306"):
        fit(tg.Network([5, 4, 1]), X * 1e6, Y, learning_rate=1e306, num_iterations=1,
            progress=False)
def test_history_plot_is_a_figure_of_the_recorded_costs_that_shows_itself_inline():
    from matplotlib.figure import Figure  # the plot extra, which `make test` installs

    from tinygraph.data import builtin_dataset
    from tinygraph.train import fit

    data = builtin_dataset(seed=1)
    net = tg.Network([data.n_x, 3, 1], init="two_layer")
    history = fit(net, data.train_x[:, :20], data.train_y[:, :20], num_iterations=201,
                  progress=False)
    figure = history.plot()
    assert isinstance(figure, Figure)
    (line,) = figure.axes[0].get_lines()
    assert list(line.get_xdata()) == [0, 100, 200]
    assert list(line.get_ydata()) == [cost for _, cost in history.costs]
    assert figure.axes[0].get_title() == "Learning rate = 0.0075"
    png = figure._repr_png_()  # what a notebook shows, with no pyplot involved
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_checkpoint_is_called_every_n_iterations_with_finite_parameters_only():
    net = tg.Network([2, 3, 1], init="two_layer")
    X, Y = np.array([[1.0, -2.0, 3.0], [0.5, 1.0, -1.0]]), np.array([[1, 0, 1]])
    calls = []

    def checkpoint(done, history):
        calls.append((done, len(history.costs), all(np.isfinite(p.value).all()
                                                    for p in net.parameters.values())))
    fit(net, X, Y, num_iterations=25, checkpoint=checkpoint, checkpoint_every=10,
        progress=False)
    assert calls == [(10, 1, True), (20, 1, True)]  # not at 25: the caller saves the end
    with pytest.raises(DivergenceError, match="after the update of iteration"), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)  # the cost's jump, said first
        fit(tg.Network([2, 3, 1], init="two_layer"), X * 1e200, Y, learning_rate=1e300,
            num_iterations=50, checkpoint=checkpoint, checkpoint_every=1, progress=False)
    assert all(finite for *_, finite in calls)
