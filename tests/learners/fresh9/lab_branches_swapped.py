# ruff: noqa
# The two branches call each other's backward: relu uses sigmoid_backward and sigmoid uses relu_backward.
# expect: linear_activation_backward: relu_backward or sigmoid_backward; swap or branch or wrong or relu
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
