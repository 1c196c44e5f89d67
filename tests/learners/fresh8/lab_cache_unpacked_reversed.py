# ruff: noqa
# Unpacks the cache in the wrong order: the Z array goes to linear_backward, the (A, W, b) tuple to sigmoid_backward.
# expect: linear_activation_backward: cache or linear_cache or activation_cache; order or unpack or swap or revers
import numpy as np


def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
