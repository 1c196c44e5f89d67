# ruff: noqa
# Own sigmoid_backward treats the cache (Z) as if it were the sigmoid output: dZ = dA * Z * (1 - Z) instead of s = sigmoid(Z).
# expect: linear_activation_backward: sigmoid_backward or sigmoid; sigmoid(z) or exp or sigmoid of z or z as s or instead of s
import numpy as np


def sigmoid_backward(dA, cache):
    s = cache
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    lin, act = cache
    if activation == "sigmoid":
        dZ = sigmoid_backward(dA, act)
    else:
        dZ = relu_backward(dA, act)
    return linear_backward(dZ, lin)
