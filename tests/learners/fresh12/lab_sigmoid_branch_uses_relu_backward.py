# ruff: noqa
# Copy-pasted branches: the sigmoid branch still calls relu_backward.
# expect: linear_activation_backward: sigmoid_backward or sigmoid; relu_backward or relu
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    elif activation == "sigmoid":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    return dA_prev, dW, db
