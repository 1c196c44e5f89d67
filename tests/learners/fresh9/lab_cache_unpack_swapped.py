# ruff: noqa
# cache is (linear_cache, activation_cache); unpacked the other way round, Z goes to linear_backward and fails.
# expect: linear_activation_backward: cache or unpack; order or swap or linear_cache or activation_cache
import numpy as np


def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)

    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
