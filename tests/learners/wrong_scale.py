# ruff: noqa
# initialize_parameters_deep without the * 0.01.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
