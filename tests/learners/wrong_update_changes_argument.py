# ruff: noqa
# update_parameters right numbers, but it changes the dictionary it was given.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters
