# ruff: noqa
# Subtracts the raw gradients: the learning rate never multiplies them.
# expect: update_parameters: learning_rate or learning rate or alpha or step
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - grads["db" + str(l + 1)]
    return parameters
