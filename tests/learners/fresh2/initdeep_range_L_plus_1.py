# ruff: noqa
# range(1, L + 1) with L = len(layer_dims): the loop reads layer_dims[L], one past the end.
# expect: initialize_parameters_deep: indexerror; range or l + 1 or loop
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
