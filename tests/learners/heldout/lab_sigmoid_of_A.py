# ruff: noqa
# sigmoid's derivative on Z itself: dA * Z * (1 - Z).
# expect: linear_activation_backward: sigmoid; Z
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        Z = activation_cache
        dZ = dA * Z * (1 - Z)
    return linear_backward(dZ, linear_cache)
