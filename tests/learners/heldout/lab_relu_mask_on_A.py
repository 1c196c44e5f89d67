# ruff: noqa
# relu's derivative written as dA * relu(Z) (the activation, not its derivative).
# expect: linear_activation_backward: relu; dZ
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = np.multiply(dA, np.maximum(0, activation_cache))
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
