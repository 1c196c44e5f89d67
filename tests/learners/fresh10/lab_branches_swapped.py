# ruff: noqa
# Relu branch calls sigmoid_backward and the sigmoid branch relu_backward (the two backward helpers swapped).
# expect: linear_activation_backward: relu_backward or relu; sigmoid_backward or sigmoid; swap or branch or wrong
import numpy as np


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
