# ruff: noqa
# W - dW / learning_rate: divided by the learning rate where it multiplies.
# expect: update_parameters: learning_rate; divid or / or times or multipl
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - grads["dW" + str(l + 1)] / learning_rate
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - grads["db" + str(l + 1)] / learning_rate
    return parameters
