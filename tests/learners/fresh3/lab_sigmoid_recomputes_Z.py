# ruff: noqa
# The sigmoid branch recomputes Z from the linear cache instead of reading the activation cache.
# expect: linear_activation_backward: sigmoid; activation_cache or z; linear_cache or w or a_prev
import numpy as np
from dnn_utils import sigmoid_backward, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A_prev, W, b = linear_cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-(np.dot(W, A_prev) + b)))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
