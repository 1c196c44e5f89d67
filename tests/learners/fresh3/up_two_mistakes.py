# ruff: noqa
# Two mistakes: W climbs (+ where - belongs) and b is updated without the learning rate.
# expect: update_parameters: w; sign or + or (16); b; learning_rate
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)]
    return parameters
