# ruff: noqa
# relu_backward used whatever the activation (no branch at all).
# expect: linear_activation_backward: relu; sigmoid
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dZ = relu_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
