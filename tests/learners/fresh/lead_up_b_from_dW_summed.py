# ruff: noqa
# The lead's: b updated from dW, summed over its columns, where db belongs.
# expect: update_parameters: b; dw; db
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l+1)] -= learning_rate * grads["dW" + str(l+1)]
        parameters["b" + str(l+1)] -= learning_rate * grads["dW" + str(l+1)].sum(axis=1, keepdims=True)
    return parameters
