# ruff: noqa
# L is taken as the number of layers (len - 1) and then range(1, L) stops one short: the output layer's W and b are never made.
# expect: initialize_parameters_deep: range or off-by-one or off by one or missing or last; layer or w2 or b2
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims) - 1  # number of layers (input layer not counted)

    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))

        assert parameters["W" + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters["b" + str(l)].shape == (layer_dims[l], 1)

    return parameters
