# ruff: noqa
# The update divides by the learning rate.
# expect: update_parameters: learning_rate
import copy
import numpy as np

def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - grads["dW" + str(l)] / learning_rate
        parameters["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)] / learning_rate
    return parameters
