"""The course functions check inconsistent inputs and say what is wrong: the function, the
key, the layer and the shapes. They still take everything the course's own code takes:
caches a learner made, labels of any real value, Y as (1, m) or flattened (m,)."""

from __future__ import annotations

import numpy as np
import pytest

import tinygraph as tg
from tinygraph import notebook as nb
from tinygraph.train import accuracy


def parameters_for(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    return {key: rng.normal(size=shape) for l in range(1, len(layer_dims))
            for key, shape in ((f"W{l}", (layer_dims[l], layer_dims[l - 1])),
                               (f"b{l}", (layer_dims[l], 1)))}


@pytest.mark.parametrize("drop", ["b2", "W2", "b1", "W3"])
def test_a_key_missing_from_parameters(drop):
    parameters = parameters_for([4, 3, 2, 1])
    del parameters[drop]
    for call in (lambda: nb.L_model_forward(np.ones((4, 5)), parameters),
                 lambda: nb.update_parameters(parameters, {}, 0.1)):
        with pytest.raises(tg.InputError, match=f"parameters have .*missing {drop}\\b"):
            call()


def test_the_issue_example_b2_missing_no_longer_runs_one_layer():
    parameters = parameters_for([4, 3, 1])
    del parameters["b2"]
    with pytest.raises(tg.InputError) as error:
        nb.L_model_forward(np.ones((4, 5)), parameters)
    assert str(error.value) == ("L_model_forward: parameters have W1, b1, W2 (missing b2); "
                                "expected W1, b1, ..., WL, bL")


def test_unexpected_keys_in_parameters():
    parameters = {**parameters_for([4, 3, 1]), "learning_rate": 0.1}
    with pytest.raises(tg.InputError, match="unexpected 'learning_rate'"):
        nb.L_model_forward(np.ones((4, 5)), parameters)


def forward_and_backward_inputs(m=50):
    parameters = parameters_for([4, 3, 1])
    X = np.random.default_rng(1).normal(size=(4, m))
    AL, caches = nb.L_model_forward(X, parameters)
    return AL, caches


@pytest.mark.parametrize("Y_shape", [(1, 40), (40,), (1, 51), (2, 50)])
def test_L_model_backward_with_labels_of_another_size(Y_shape):
    AL, caches = forward_and_backward_inputs()
    with pytest.raises(tg.ShapeError) as error:
        nb.L_model_backward(AL, np.zeros(Y_shape), caches)
    assert str(error.value) == (f"L_model_backward: AL has shape (1, 50) but Y has shape "
                                f"{Y_shape}; both must be (1, m)")


@pytest.mark.parametrize("Y_shape", [(1, 50), (50,), (50, 1)])
def test_L_model_backward_reshapes_Y_as_the_course_does(Y_shape):
    AL, caches = forward_and_backward_inputs()
    Y = np.random.default_rng(2).normal(size=50)  # real-valued, as the course's tests
    grads = nb.L_model_backward(AL, Y.reshape(Y_shape), caches)
    expected = nb.L_model_backward(AL, Y.reshape(1, 50), caches)
    for key, value in expected.items():
        np.testing.assert_array_equal(grads[key], value)


def test_L_model_backward_names_the_layer_of_a_broken_cache():
    AL, caches = forward_and_backward_inputs(m=5)
    (A_prev, W, b), Z = caches[0]
    caches[0] = ((A_prev, W, b), Z[:, :4])  # a learner's cache with a column too few
    with pytest.raises(tg.ShapeError, match=r"^L_model_backward, layer 1 \(caches\[0\]\): "
                                            r"relu_backward: dA has shape \(3, 5\) but Z"):
        nb.L_model_backward(AL, np.ones((1, 5)), caches)
    with pytest.raises(tg.InputError, match="caches is empty"):
        nb.L_model_backward(AL, np.ones((1, 5)), [])


def test_update_parameters_with_dW1_and_db1_swapped():
    parameters = parameters_for([20, 5, 1])
    grads = {"dW1": np.ones((5, 1)), "db1": np.ones((5, 20)),
             "dW2": np.ones((1, 5)), "db2": np.ones((1, 1))}
    with pytest.raises(tg.ShapeError) as error:
        nb.update_parameters(parameters, grads, 0.1)
    assert str(error.value) == ("update_parameters, layer 1: grads['dW1'] has shape (5, 1) but "
                                "parameters['W1'] has shape (5, 20); they must match")


def test_update_parameters_with_a_gradient_missing():
    parameters = parameters_for([3, 2, 1])
    grads = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1)), "dW2": np.ones((1, 2))}
    with pytest.raises(tg.InputError, match=r"update_parameters: grads has no db2 for "
                                            r"parameters\['b2'\] \(layer 2\)"):
        nb.update_parameters(parameters, grads, 0.1)


def test_update_parameters_still_takes_the_course_extra_keys_in_grads():
    # The course's grads carries dA0 .. dA{L-1} too; they are not parameters' gradients.
    parameters = parameters_for([3, 2, 1])
    AL, caches = nb.L_model_forward(np.ones((3, 4)), parameters)
    grads = nb.L_model_backward(AL, np.array([[0.3, -1.2, 2.0, 0.0]]), caches)
    updated = nb.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(updated["W1"], parameters["W1"] - 0.5 * grads["dW1"], rtol=0)


def test_predict_and_accuracy_refuse_a_column_of_labels(capsys):
    parameters = parameters_for([4, 3, 1])
    X = np.random.default_rng(3).normal(size=(4, 50))
    y = np.random.default_rng(4).integers(0, 2, size=(1, 50))
    message = r"Y has shape \(50, 1\) but there are 50 predictions; Y must be \(1, 50\)"
    with pytest.raises(tg.ShapeError, match="predict: " + message):
        nb.predict(X, y.T, parameters)
    net = tg.Network.from_values(parameters)
    with pytest.raises(tg.ShapeError, match="accuracy: " + message):
        accuracy(net, X, y.T)
    # (1, m) and (m,) agree, with each other and with the course's count.
    p = nb.predict(X, y, parameters)
    printed = capsys.readouterr().out
    expected = float(np.mean(p == y))
    assert printed == f"Accuracy: {np.sum((p == y) / 50)}\n"
    assert accuracy(net, X, y) == accuracy(net, X, y.ravel()) == pytest.approx(expected)
    nb.predict(X, y.ravel(), parameters)
    assert capsys.readouterr().out == printed


def test_the_models_check_X_and_Y_agree():
    X = np.ones((3, 10))
    with pytest.raises(tg.ShapeError, match=r"Y has shape \(1, 9\) but X has shape \(3, 10\)"):
        nb.L_layer_model(X, np.zeros((1, 9)), [3, 2, 1], num_iterations=1)
    with pytest.raises(tg.InputError, match="contains NaN or inf"):
        nb.two_layer_model(X, np.full((1, 10), np.nan), (3, 2, 1), num_iterations=1)


def test_fit_trains_on_soft_labels():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(3, 20))
    Y = np.clip(0.5 + 0.4 * np.tanh(X[:1]), 0, 1)  # label smoothing-like targets
    net = tg.Network([3, 4, 1], init="he")
    history = tg.train.fit(net, X, Y, learning_rate=0.1, num_iterations=200, progress=False)
    assert history.costs[-1][1] < history.costs[0][1]
