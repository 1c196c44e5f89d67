# ruff: noqa
# The cache is unpacked in the wrong order (activation_cache, linear_cache): Z goes to linear_backward and the (A_prev, W, b) tuple to relu_backward/sigmoid_backward, which raises.
# expect: linear_activation_backward: cache; order or unpack or swap or linear_cache
import numpy as np


def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)

    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
