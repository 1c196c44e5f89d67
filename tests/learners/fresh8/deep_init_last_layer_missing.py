# ruff: noqa
# L is taken as the number of layers (len - 1) and then range(1, L) stops one layer short.
# expect: initialize_parameters_deep: range or off-by-one or len or l + 1 or len(layer_dims); w2 or last or output or missing
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims) - 1  # number of layers

    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))

    return parameters
