# ruff: noqa
# The weights start at zero, like the biases: every unit of a layer stays the same.
# expect: initialize_parameters_deep: w; randn or random; zeros
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros((layer_dims[l], layer_dims[l-1]))
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
