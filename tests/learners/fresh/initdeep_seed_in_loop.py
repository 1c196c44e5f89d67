# ruff: noqa
# np.random.seed(3) inside the loop: every layer's draw starts from the same numbers.
# expect: initialize_parameters_deep: seed; once or loop or every layer or each layer
import numpy as np


def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        np.random.seed(3)
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
