# ruff: noqa
# A new dictionary that gets the updated W's and forgets the b's.
# expect: update_parameters: b; missing or no key or not
import numpy as np


def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        b = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
