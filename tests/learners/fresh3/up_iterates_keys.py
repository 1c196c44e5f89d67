# ruff: noqa
# A loop over the parameters' keys reads grads[key]: grads has dW1, not W1.
# expect: update_parameters: keyerror; dw1 or "d" or 'd' or d + key; w1
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads[key]
    return parameters
