# ruff: noqa
# Scaled by 1/sqrt(layer_dims[l]) (the layer's own size) instead of 1/sqrt(layer_dims[l-1]) (its inputs).
# expect: initialize_parameters_deep: sqrt or scal or factor; layer_dims[l - 1] or layer_dims[l-1] or previous or fan-in or l - 1 or input
import numpy as np


def initialize_parameters_deep(layers_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layers_dims)

    for l in range(1, L):
        n_l, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters["W" + str(l)] = np.random.randn(n_l, n_prev) / np.sqrt(n_l)
        parameters["b" + str(l)] = np.zeros((n_l, 1))

    return parameters
