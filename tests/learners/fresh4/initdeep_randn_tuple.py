# ruff: noqa
# np.random.randn((n, n_prev)): randn takes the sizes as separate numbers, not a tuple.
# expect: initialize_parameters_deep: typeerror; randn; tuple or separate or (layer_dims
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
