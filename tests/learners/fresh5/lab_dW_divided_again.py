# ruff: noqa
# dW divided by m again after linear_backward, which divides already.
# expect: linear_activation_backward: dw; m or 1/m or twice
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    m = dA.shape[1]
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    dW = dW / m
    return dA_prev, dW, db
