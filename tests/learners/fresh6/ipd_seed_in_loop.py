# ruff: noqa
# np.random.seed(1) is called inside the loop, so every layer restarts the same random stream (W1 right, W2 on wrong).
# expect: initialize_parameters_deep: seed; loop or once or every layer or each layer or inside or re-seed or reseed
import numpy as np


def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims)

    for l in range(1, L):
        np.random.seed(1)
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))

    return parameters
