# ruff: noqa
# b as a row: np.zeros((1, layer_dims[l])).
# expect: initialize_parameters_deep: b; transposed or shape or (layer_dims
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W%d" % l] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b%d" % l] = np.zeros((1, layer_dims[l]))
    return parameters
