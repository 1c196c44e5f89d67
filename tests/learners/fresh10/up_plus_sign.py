# ruff: noqa
# Gradient ascent: adds learning_rate * grad instead of subtracting it ("my cost goes up").
# expect: update_parameters: sign or minus or subtract or ascent or plus
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] += learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] += learning_rate * grads["db" + str(l)]
    return parameters
