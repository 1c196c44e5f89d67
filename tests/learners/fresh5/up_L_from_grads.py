# ruff: noqa
# L = len(grads) // 2: grads holds dA, dW and db for each layer, so L comes out too large.
# expect: update_parameters: keyerror or key; grads or len or l
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(grads) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
