# ruff: noqa
# Drawn as (n_prev, n) then transposed to fit: the right shape, the numbers in another place.
# expect: initialize_parameters_deep: w; transpos or (layer_dims[l], layer_dims[l - 1]) or randn(layer_dims[l]
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]).T * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
