# ruff: noqa
# s = sigmoid(Z) keeps the (A, cache) pair the course's sigmoid returns, not A.
# expect: linear_activation_backward: sigmoid; tuple or pair or [0] or (a, cache)
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        s = sigmoid(activation_cache)
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
