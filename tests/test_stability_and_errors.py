"""A saturated sigmoid keeps the cost and every gradient finite; bad input gets a clear error."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import notebook as nb

Z_SATURATED = [50.0, -50.0, 800.0, -800.0]


def exact_cost_and_dZ(Z: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
    """J and dJ/dZ for AL = sigmoid(Z), written independently of tinygraph in float64."""
    Z, Y = Z.astype(np.float64), Y.astype(np.float64)
    softplus = np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))  # log(1 + e^z), exactly
    e = np.exp(-np.abs(Z))
    s = np.where(Z >= 0, 1 / (1 + e), e / (1 + e))
    m = Z.shape[1]
    return float((softplus - Y * Z).sum() / m), (s - Y) / m


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("labels", [[0, 1, 0, 1], [1, 0, 1, 0]], ids=["wrong-side", "right-side"])
def test_saturated_sigmoid_gives_finite_exact_cost_and_gradients(dtype, labels):
    X = tg.tensor(np.array([Z_SATURATED], dtype=dtype), name="X")
    W = tg.parameter(np.ones((1, 1), dtype=dtype), name="W1", layer=1)
    b = tg.parameter(np.zeros((1, 1), dtype=dtype), name="b1", layer=1)
    Z = tg.add_bias(tg.matmul(W, X), b, name="Z1")
    Y = np.array([labels], dtype=dtype)
    cost = tg.backward(tg.cross_entropy(tg.sigmoid(Z, name="AL"), Y))

    J, dZ = exact_cost_and_dZ(X.value, Y)
    rtol = 1e-12 if dtype == np.float64 else 1e-6
    assert np.isfinite(cost.value) and cost.value.dtype == dtype
    assert float(cost.value) == pytest.approx(J, rel=rtol)
    for p, expected in [(W, (dZ * X.value).sum(keepdims=True)), (b, dZ.sum(keepdims=True))]:
        assert np.all(np.isfinite(p.grad)) and p.grad.dtype == dtype
        np.testing.assert_allclose(p.grad, expected, rtol=rtol, atol=np.finfo(dtype).eps)
    np.testing.assert_allclose(Z.grad, dZ, rtol=rtol, atol=np.finfo(dtype).eps)


@pytest.mark.filterwarnings("ignore:invalid value encountered in multiply")
def test_the_course_step_by_step_path_overflows_where_the_stable_one_does_not():
    # Why the cost reads Z: with AL == 1.0 exactly, the course's dAL divides by zero.
    Z = tg.parameter([[50.0]], name="Z1")
    AL = tg.sigmoid(Z, name="AL")
    assert AL.value[0, 0] == 1.0
    tg.backward(tg.cross_entropy(AL, [[0]], stable=False))
    assert not np.isfinite(Z.grad).all()
    tg.backward(tg.cross_entropy(AL, [[0]]))
    assert Z.grad[0, 0] == 1.0


def test_compute_cost_still_follows_the_course_formula():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])
    course = np.squeeze(-(1 / 3) * (Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T))
    assert nb.compute_cost(AL, Y) == pytest.approx(float(course), rel=1e-15)


# --- errors a learner can act on -------------------------------------------------------------

def test_a_shape_mismatch_names_the_op_the_layer_and_both_shapes():
    W2 = tg.parameter(np.ones((7, 20)), name="W2", layer=2)
    A1 = tg.tensor(np.ones((21, 209)), name="A1", layer=1)
    with pytest.raises(tg.ShapeError) as error:
        tg.matmul(W2, A1)
    assert str(error.value) == "matmul in layer 2: W2 has shape (7, 20) but A1 has shape (21, 209)"


def test_the_course_functions_name_the_layer_too():
    parameters = {"W1": np.ones((20, 5)), "b1": np.zeros((20, 1)),
                  "W2": np.ones((7, 21)), "b2": np.zeros((7, 1)),  # 21: one column too many
                  "W3": np.ones((1, 7)), "b3": np.zeros((1, 1))}
    with pytest.raises(tg.ShapeError, match=r"^matmul in layer 2: W2 has shape \(7, 21\) but "
                                            r"A1 has shape \(20, 4\)$"):
        nb.L_model_forward(np.ones((5, 4)), parameters)


def test_a_network_checks_X_and_its_own_layers():
    net = tg.Network([4, 3, 1])
    with pytest.raises(tg.ShapeError, match=r"matmul in layer 1: W1 has shape \(3, 4\) but X "
                                            r"has shape \(5, 2\)"):
        net.forward(np.ones((5, 2)))
    with pytest.raises(tg.ShapeError, match="layer 2: W2 has shape"):
        tg.Network.from_values({"W1": np.ones((3, 4)), "b1": np.zeros((3, 1)),
                                "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))})


def test_a_bias_of_the_wrong_shape():
    with pytest.raises(tg.ShapeError, match=r"add_bias in layer 1: b1 has shape \(3,\) but Z"):
        tg.add_bias(tg.tensor(np.ones((3, 2)), name="Z", layer=1),
                    tg.parameter(np.ones(3), name="b1", layer=1))


@pytest.mark.parametrize("labels", [[[0, 2, 1]], [[1.5, 1, 0]], [[-1, 0, 1]], [[0, 1, 1.0001]]])
@pytest.mark.parametrize("stable", [True, False])
def test_labels_outside_0_and_1(labels, stable):
    AL = tg.sigmoid(tg.parameter([[0.1, 0.2, 0.3]], name="Z1"), name="AL")
    with pytest.raises(tg.InputError, match=r"labels Y must be in \[0, 1\]"):
        tg.cross_entropy(AL, labels, stable=stable)


def test_labels_of_the_wrong_shape():
    AL = tg.sigmoid(tg.parameter([[0.1, 0.2, 0.3]], name="Z1"), name="AL")
    with pytest.raises(tg.ShapeError, match=r"AL has shape \(1, 3\) but Y has shape \(1, 2\)"):
        tg.cross_entropy(AL, [[0, 1]])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_the_input(bad):
    X = np.ones((3, 4))
    X[1, 2] = bad
    with pytest.raises(tg.InputError, match=r"X contains NaN or inf \(1 of 12 values\)"):
        tg.Network([3, 2, 1]).forward(X)
    with pytest.raises(tg.InputError, match="contains NaN or inf"):
        nb.L_model_forward(X, nb.initialize_parameters_deep([3, 2, 1]))


def test_non_numeric_arrays():
    with pytest.raises(tg.DTypeError, match="X has dtype <U1; tinygraph needs numbers"):
        tg.tensor([["a", "b"]], name="X")
    with pytest.raises(tg.DTypeError, match="cannot be turned into a numeric array"):
        tg.tensor([[1.0, 2.0], [3.0]], name="X")


def test_an_empty_batch():
    with pytest.raises(tg.InputError, match=r"X is empty \(shape \(3, 0\)\)"):
        tg.Network([3, 2, 1]).forward(np.ones((3, 0)))


def test_every_error_is_a_tinygraph_error_and_a_builtin_one():
    assert issubclass(tg.ShapeError, tg.TinygraphError) and issubclass(tg.ShapeError, ValueError)
    assert issubclass(tg.InputError, ValueError) and issubclass(tg.DTypeError, TypeError)


def test_backward_helpers_reject_mismatched_caches_clearly():
    with pytest.raises(tg.ShapeError, match=r"relu_backward: dA has shape \(1, 3\) but Z"):
        nb.relu_backward(np.ones((1, 3)), np.ones((1, 2)))
    with pytest.raises(tg.ShapeError, match="linear_backward: dZ has shape"):
        nb.linear_backward(np.ones((2, 4)), (np.ones((5, 4)), np.ones((3, 5)), np.ones((3, 1))))
    with pytest.raises(tg.InputError, match="activation must be 'sigmoid' or 'relu'"):
        nb.linear_activation_forward(np.ones((2, 2)), np.ones((1, 2)), np.ones((1, 1)), "tanh")
