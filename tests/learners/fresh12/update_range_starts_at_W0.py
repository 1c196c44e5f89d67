# ruff: noqa
# The loop runs l over range(L) and uses str(l) as the key: there is no "W0", so it raises KeyError (and the last layer would be skipped).
# expect: update_parameters: keyerror or key or w0 or l + 1 or l+1; range or index or off-by-one or off by one
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2

    for l in range(L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]

    return parameters
