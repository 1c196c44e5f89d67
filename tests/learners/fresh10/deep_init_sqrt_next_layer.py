# ruff: noqa
# Divides by the square root of the layer's own size layer_dims[l] instead of the previous one layer_dims[l-1].
# expect: initialize_parameters_deep: sqrt or scal or factor; l-1 or l - 1 or previous or prev or n_{l-1}
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        n_prev, n_cur = layer_dims[l - 1], layer_dims[l]
        parameters["W" + str(l)] = np.random.randn(n_cur, n_prev) / np.sqrt(n_cur)
        parameters["b" + str(l)] = np.zeros((n_cur, 1))
    return parameters
