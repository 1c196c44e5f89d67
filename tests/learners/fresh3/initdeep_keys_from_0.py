# ruff: noqa
# A 0-based loop: the layers are stored as W0, b0, W1 ... one key below the course's.
# expect: initialize_parameters_deep: w0 or key; w1 or l + 1 or 1
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(len(layer_dims) - 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l + 1], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l + 1], 1))
    return parameters
