# ruff: noqa
# The update subtracts the raw gradient: the learning rate is never used.
# expect: update_parameters: learning_rate or learning rate or alpha or step size
import copy
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - grads[f"db{l}"]
    return parameters
