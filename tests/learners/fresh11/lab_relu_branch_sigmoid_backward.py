# ruff: noqa
# Copy-pasted branches: the "relu" branch calls sigmoid_backward, so the relu layers get dA * s(Z)(1 - s(Z)) instead of dA masked where Z <= 0.
# expect: linear_activation_backward: relu_backward; sigmoid_backward or branch or copy
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    return dA_prev, dW, db
