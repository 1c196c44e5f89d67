"""The course's functions written out in plain NumPy, as the notebook writes them by hand.

An independent reference for tinygraph.notebook: nothing here imports tinygraph. The
Step-by-Step functions are benchmarks/course_numpy.py's, the course's code that `make bench`
measures against (one copy of it in the project); this module adds the Application's models,
`predict` and the two-layer initialisation. The formulas are COURSE.md's, in the course's own
order of operations (np.dot for the cost, np.divide for dAL), so where the course's code gives
nan (0 * log(0)) this does too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from course_numpy import (  # noqa: E402  (the bench's module, found through the line above)
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    update_parameters,
)

__all__ = ["L_layer_model", "L_model_backward", "L_model_forward", "compute_cost",
           "initialize_parameters", "initialize_parameters_deep", "linear_activation_backward",
           "linear_activation_forward", "linear_backward", "linear_forward", "predict", "relu",
           "relu_backward", "sigmoid", "sigmoid_backward", "two_layer_model",
           "update_parameters"]


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False, parameters=None):
    """The Application notebook's loop; `parameters=None` draws them as its L_layer_model."""
    costs = []
    if parameters is None:
        parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    n_x, n_h, n_y = layers_dims
    return L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost,
                         parameters=initialize_parameters(n_x, n_h, n_y))


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        p[0, i] = 1 if probas[0, i] > 0.5 else 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
