# ruff: noqa
# Gradient ascent: the parameters are moved with + learning_rate * grad instead of -.
# expect: update_parameters: sign or minus or ascent or subtract; learning_rate or grad or descent
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2

    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] + learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] + learning_rate * grads["db" + str(l + 1)]

    return parameters
