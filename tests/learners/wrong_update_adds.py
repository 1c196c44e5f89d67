# ruff: noqa
# update_parameters adds the gradient.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


import copy


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] += learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] += learning_rate * grads["db" + str(l + 1)]
    return parameters
