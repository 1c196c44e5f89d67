# ruff: noqa
# dZ is computed and then dA (not dZ) is passed to linear_backward: the activation's derivative is skipped.
# expect: linear_activation_backward: dz; da or activation or derivative
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dA, linear_cache)

    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dA, linear_cache)

    return dA_prev, dW, db
