"""Every expected output of the Step-by-Step notebook (COURSE.md), to 1e-7.

The expected numbers are the course's, copied from its notebook, not produced by tinygraph.
"""

from __future__ import annotations

import numpy as np
import pytest

from tinygraph import notebook as nb

TOL = dict(rtol=0, atol=1e-7)


def test_initialize_parameters():
    p = nb.initialize_parameters(3, 2, 1)
    np.testing.assert_allclose(p["W1"], [[0.01624345, -0.00611756, -0.00528172],
                                         [-0.01072969, 0.00865408, -0.02301539]], **TOL)
    np.testing.assert_array_equal(p["b1"], np.zeros((2, 1)))
    np.testing.assert_allclose(p["W2"], [[0.01744812, -0.00761207]], **TOL)
    np.testing.assert_array_equal(p["b2"], np.zeros((1, 1)))


def test_initialize_parameters_deep():
    p = nb.initialize_parameters_deep([5, 4, 3])
    assert p["W1"].shape == (4, 5) and p["W2"].shape == (3, 4)
    np.testing.assert_allclose(
        p["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388], **TOL)
    np.testing.assert_allclose(p["W2"][2], [-0.00768836, -0.00230031, 0.00745056, 0.01976111],
                               **TOL)
    assert p["b1"].shape == (4, 1) and p["b2"].shape == (3, 1) and not p["b2"].any()


def test_linear_forward():
    np.random.seed(1)
    A, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    Z, cache = nb.linear_forward(A, W, b)
    np.testing.assert_allclose(Z, [[3.26295337, -1.23429987]], **TOL)
    assert cache[0] is A and cache[1] is W and cache[2] is b


@pytest.mark.parametrize("activation, expected", [
    ("sigmoid", [[0.96890023, 0.11013289]]),
    ("relu", [[3.43896131, 0.0]]),
])
def test_linear_activation_forward(activation, expected):
    np.random.seed(2)
    A_prev, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    A, ((cached_A, cached_W, cached_b), Z) = nb.linear_activation_forward(A_prev, W, b, activation)
    np.testing.assert_allclose(A, expected, **TOL)
    assert cached_A is A_prev and Z.shape == (1, 2)


def test_L_model_forward():
    np.random.seed(6)
    X = np.random.randn(5, 4)
    W1, b1 = np.random.randn(4, 5), np.random.randn(4, 1)
    W2, b2 = np.random.randn(3, 4), np.random.randn(3, 1)
    W3, b3 = np.random.randn(1, 3), np.random.randn(1, 1)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    AL, caches = nb.L_model_forward(X, parameters)
    np.testing.assert_allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], **TOL)
    assert len(caches) == 3
    (A_prev, W, b), Z = caches[2]
    assert W is W3 and b is b3 and Z.shape == (1, 4)


def test_linear_backward():
    np.random.seed(1)
    dZ, A_prev = np.random.randn(3, 4), np.random.randn(5, 4)
    W, b = np.random.randn(3, 5), np.random.randn(3, 1)
    dA_prev, dW, db = nb.linear_backward(dZ, (A_prev, W, b))
    np.testing.assert_allclose(db, [[-0.14713786], [-0.11313155], [-0.13209101]], **TOL)
    np.testing.assert_allclose(
        dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716], **TOL)
    # (10), independently: dA_prev = W^T dZ.
    np.testing.assert_allclose(dA_prev, np.einsum("ki,kj->ij", W, dZ), rtol=1e-12)


def test_compute_cost_is_equation_7():
    Y, AL = np.array([[1, 1, 0]]), np.array([[0.8, 0.9, 0.4]])
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3  # = 0.2797765635793422
    assert nb.compute_cost(AL, Y) == pytest.approx(expected, abs=1e-12)
    assert np.shape(nb.compute_cost(AL, Y)) == ()


def test_backward_helpers_use_the_course_caches():
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.array([[0.5, 0.5, 0.5]])
    np.testing.assert_array_equal(nb.relu_backward(dA, Z), [[0.0, 0.0, 0.5]])  # Z <= 0 -> 0
    s = 1 / (1 + np.exp(-Z))
    np.testing.assert_allclose(nb.sigmoid_backward(dA, Z), dA * s * (1 - s), rtol=1e-15)
    A, cache = nb.relu(Z)
    assert cache is Z and A.tolist() == [[0.0, 0.0, 2.0]]


def test_L_model_backward_on_a_learner_cache_it_did_not_make():
    # Numbers that no forward pass produced (Z unrelated to A_prev W + b): the course's
    # formulas still apply, to whatever is in the cache.
    rng = np.random.default_rng(3)
    AL = np.array([[0.2, 0.7]])
    Y = np.array([[0, 1]])
    c1 = ((rng.normal(size=(3, 2)), rng.normal(size=(4, 3)), rng.normal(size=(4, 1))),
          rng.normal(size=(4, 2)))
    c2 = ((rng.normal(size=(4, 2)), rng.normal(size=(1, 4)), rng.normal(size=(1, 1))),
          np.array([[0.3, -1.1]]))
    grads = nb.L_model_backward(AL, Y, [c1, c2])
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    s = 1 / (1 + np.exp(-c2[1]))
    dZ2 = dAL * s * (1 - s)
    np.testing.assert_allclose(grads["dW2"], dZ2 @ c2[0][0].T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["dA1"], c2[0][1].T @ dZ2, rtol=1e-12)
    dZ1 = np.where(c1[1] > 0, grads["dA1"], 0)
    np.testing.assert_allclose(grads["db1"], dZ1.sum(axis=1, keepdims=True) / 2, rtol=1e-12)
    assert sorted(grads) == ["dA0", "dA1", "dW1", "dW2", "db1", "db2"]


def test_update_parameters_returns_new_arrays():
    parameters = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 2), 2.0), "db1": np.ones((2, 1))}
    updated = nb.update_parameters(parameters, grads, 0.1)
    np.testing.assert_allclose(updated["W1"], 0.8)
    np.testing.assert_allclose(updated["b1"], -0.1)
    assert parameters["W1"][0, 0] == 1.0  # the caller's dictionary is untouched


def test_a_learner_can_swap_in_their_own_function(monkeypatch):
    calls = []
    original = nb.linear_activation_forward

    def mine(A_prev, W, b, activation):
        calls.append(activation)
        return original(A_prev, W, b, activation)

    monkeypatch.setattr(nb, "linear_activation_forward", mine)
    nb.L_model_forward(np.ones((5, 2)), nb.initialize_parameters_deep([5, 4, 3, 1]))
    assert calls == ["relu", "relu", "sigmoid"]
