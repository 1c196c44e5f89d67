# ruff: noqa
# Weights scaled by 1 / sqrt(n_prev), the Application's helper, where Step by Step has * 0.01.
# expect: initialize_parameters_deep: 0.01; sqrt
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
