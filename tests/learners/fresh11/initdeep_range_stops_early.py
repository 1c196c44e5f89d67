# ruff: noqa
# range(1, L - 1) with L = len(layer_dims) already one past the last layer: the last layer's W and b are never created.
# expect: initialize_parameters_deep: range or loop or off-by-one or off by one; last or missing or w2 or l - 1
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)            # number of layers in the network

    for l in range(1, L - 1):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))

    return parameters
