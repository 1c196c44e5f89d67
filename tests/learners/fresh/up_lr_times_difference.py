# ruff: noqa
# learning_rate * (W - dW): the learning rate multiplies the old weights too.
# expect: update_parameters: learning_rate; (16)
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = learning_rate * (parameters["W" + str(l)] - grads["dW" + str(l)])
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
