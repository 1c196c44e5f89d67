# ruff: noqa
# initialize_parameters_deep seeded with 1 (the Application's) instead of 3.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
