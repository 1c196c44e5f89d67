"""tinygraph.notebook computes what the course's code computes, for any finite labels.

The reference is tests/course_reference.py, the course's functions written out in plain
NumPy (no tinygraph). Hundreds of random nets, caches and labels (0/1, soft, and the real
numbers `np.random.randn` gives, which the course's own tests use) are compared. Where the
course's code gives nan only through 0 * log(0), tinygraph gives the true value instead.
"""

from __future__ import annotations

import math

import course_reference as course
import numpy as np
import pytest

import tinygraph as tg
from tinygraph import notebook as nb

CLOSE = dict(rtol=1e-10, atol=1e-13)


def random_labels(rng: np.random.Generator, kind: str, m: int) -> np.ndarray:
    if kind == "binary":
        return rng.integers(0, 2, size=(1, m))
    if kind == "soft":
        return rng.uniform(size=(1, m))
    return rng.normal(size=(1, m)) * 2  # real-valued, as the course's tests draw them


def random_net(rng: np.random.Generator) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    layer_dims = [int(n) for n in rng.integers(1, 6, size=rng.integers(2, 5))] + [1]
    m = int(rng.integers(1, 8))
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(layer_dims[l], 1))
    return rng.normal(size=(layer_dims[0], m)), parameters


@pytest.mark.parametrize("kind", ["binary", "soft", "real"])
def test_forward_cost_backward_and_update_agree_with_the_course_on_random_nets(kind):
    rng = np.random.default_rng({"binary": 1, "soft": 2, "real": 3}[kind])
    for _ in range(150):
        X, parameters = random_net(rng)
        Y = random_labels(rng, kind, X.shape[1])
        AL, caches = nb.L_model_forward(X, parameters)
        AL_ref, caches_ref = course.L_model_forward(X, parameters)
        np.testing.assert_allclose(AL, AL_ref, **CLOSE)
        for (lin, Z), (lin_ref, Z_ref) in zip(caches, caches_ref, strict=True):
            np.testing.assert_allclose(Z, Z_ref, **CLOSE)
            np.testing.assert_allclose(lin[0], lin_ref[0], **CLOSE)
        with np.errstate(divide="ignore", invalid="ignore"):
            cost_ref = course.compute_cost(AL_ref, Y)
            grads_ref = course.L_model_backward(AL_ref, Y, caches_ref)
        if np.isfinite(cost_ref):  # AL can round to 0 or 1 when a layer's values are large
            assert nb.compute_cost(AL, Y) == pytest.approx(float(cost_ref), rel=1e-10, abs=1e-13)
        grads = nb.L_model_backward(AL, Y, caches)
        assert sorted(grads) == sorted(grads_ref)
        for key, expected in grads_ref.items():
            finite = np.isfinite(expected)
            np.testing.assert_allclose(grads[key][finite], expected[finite], rtol=1e-9,
                                       atol=1e-12, err_msg=key)
        if all(np.isfinite(g).all() for g in grads_ref.values()):
            updated = nb.update_parameters(parameters, grads, 0.1)
            for key, expected in course.update_parameters(parameters, grads_ref, 0.1).items():
                np.testing.assert_allclose(updated[key], expected, **CLOSE)


def test_the_cost_of_real_valued_labels_is_the_course_number():
    AL = np.array([[0.8, 0.9, 0.4, 0.3]])
    for labels in ([[0.3, 1.5, -0.5, 2.0]], [[1, 1, 0, 0]], [[0.5, 0.5, 0.5, 0.5]]):
        Y = np.array(labels)
        # (7) by hand, term by term, in Python floats
        expected = -sum(y * math.log(a) + (1 - y) * math.log(1 - a)
                        for a, y in zip(AL[0], Y[0], strict=True)) / 4
        assert float(nb.compute_cost(AL, Y)) == pytest.approx(expected, rel=1e-14)
        assert float(nb.compute_cost(AL, Y)) == pytest.approx(float(course.compute_cost(AL, Y)),
                                                              rel=1e-14)


@pytest.mark.parametrize("AL, Y", [
    ([[1.0, 0.0]], [[1, 0]]),              # the example: nan in the course's code
    ([[1.0, 0.5]], [[1, 1]]),
    ([[0.0, 0.25]], [[0, 0]]),
])
def test_zero_log_zero_is_zero_where_the_course_gives_nan(AL, Y):
    AL, Y = np.array(AL), np.array(Y)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(course.compute_cost(AL, Y))
    # The true cost: only the terms whose label is not 0, each -log of its probability.
    expected = -sum(np.log(p) if y == 1 else np.log(1 - p) for p, y in zip(AL[0], Y[0],
                                                                            strict=True)) / 2
    assert float(nb.compute_cost(AL, Y)) == pytest.approx(expected, abs=1e-15)
    assert str(float(nb.compute_cost([[1.0, 0.0]], [[1, 0]]))) == "0.0"


def test_dAL_of_a_sure_right_answer_is_its_true_value_not_nan():
    # AL exactly 1 with label 1: the course's np.divide(1 - Y, 1 - AL) is 0/0 = nan. The
    # term (1 - Y) log(1 - AL) is absent, so dAL = -Y / AL = -1; likewise AL = 0, Y = 0 -> 1.
    Z = np.array([[0.5, -0.25]])
    cache = ((np.ones((1, 2)), np.ones((1, 1)), np.zeros((1, 1))), Z)
    grads = nb.L_model_backward(np.array([[1.0, 0.0]]), np.array([[1, 0]]), [cache])
    s = 1 / (1 + np.exp(-Z))
    np.testing.assert_allclose(grads["dA0"], np.array([[-1.0, 1.0]]) * s * (1 - s), rtol=1e-15)


@pytest.mark.parametrize("kind, num_iterations, entries", [
    ("binary", 1, 1), ("binary", 2, 1), ("binary", 3, 1), ("binary", 100, 1),
    ("binary", 101, 2), ("binary", 250, 3),
    # Labels outside [0, 1] make the cost unbounded below: the course's own tests train on
    # them for 2 or 3 iterations, and a long run heads for -inf in both implementations.
    ("real", 1, 1), ("real", 2, 1), ("real", 3, 1), ("real", 101, 2)])
def test_the_models_return_the_course_costs_list(kind, num_iterations, entries, capsys):
    rng = np.random.default_rng(num_iterations)
    X = rng.normal(size=(6, 10))
    Y = random_labels(rng, kind, 10)
    for model, reference, dims in ((nb.L_layer_model, course.L_layer_model, [6, 4, 3, 1]),
                                   (nb.two_layer_model, course.two_layer_model, (6, 5, 1))):
        parameters, costs = model(X, Y, dims, num_iterations=num_iterations, print_cost=True)
        printed = capsys.readouterr().out
        expected_parameters, expected_costs = reference(X, Y, dims,
                                                        num_iterations=num_iterations,
                                                        print_cost=True)
        # The same lines, the last iteration's too; the numbers to the last digit or two.
        ours, theirs = printed.splitlines(), capsys.readouterr().out.splitlines()
        assert [line.split(":")[0] for line in ours] == [line.split(":")[0] for line in theirs]
        np.testing.assert_allclose([float(line.split(":")[1]) for line in ours],
                                   [float(line.split(":")[1]) for line in theirs], rtol=1e-12)
        assert len(costs) == entries == len(expected_costs)
        np.testing.assert_allclose(costs, np.array(expected_costs, dtype=float), rtol=1e-12)
        for key, value in expected_parameters.items():
            np.testing.assert_allclose(parameters[key], value, rtol=1e-9, atol=1e-15)


def test_predict_agrees_with_the_course_and_refuses_a_column_of_labels(capsys):
    rng = np.random.default_rng(5)
    X, parameters = random_net(rng)
    y = rng.integers(0, 2, size=(1, X.shape[1]))
    np.testing.assert_array_equal(nb.predict(X, y, parameters), course.predict(X, y, parameters))
    ours, theirs = capsys.readouterr().out.splitlines()
    assert ours == theirs
    with pytest.raises(tg.ShapeError, match=r"predict: Y has shape \(\d+, 1\)"):
        nb.predict(X, y.T, parameters)


def test_the_engine_accepts_soft_labels_on_both_paths():
    rng = np.random.default_rng(7)
    Z_values = rng.normal(size=(1, 6))
    Y = np.array([[0.0, 0.1, 0.5, 0.9, 1.0, 0.25]])
    for stable in (True, False):
        Z = tg.parameter(Z_values.copy(), name="Z1")
        cost = tg.backward(tg.cross_entropy(tg.sigmoid(Z, name="AL"), Y, stable=stable))
        AL = 1 / (1 + np.exp(-Z_values))
        expected = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        assert float(cost.value) == pytest.approx(expected, rel=1e-12)
        np.testing.assert_allclose(Z.grad, (AL - Y) / 6, rtol=1e-9)


def test_the_engine_keeps_its_error_for_labels_outside_0_and_1():
    net = tg.Network([2, 3, 1])
    X = np.ones((2, 3))
    for labels in ([[0, 1.5, 1]], [[-0.25, 0, 1]]):
        with pytest.raises(tg.InputError, match=r"labels Y must be in \[0, 1\]"):
            net.cost(X, labels)
        with pytest.raises(tg.InputError, match=r"labels Y must be in \[0, 1\]"):
            tg.train.fit(net, X, labels, num_iterations=1, progress=False)
    net.cost(X, [[0.05, 0.95, 0.5]])  # soft labels: fine
