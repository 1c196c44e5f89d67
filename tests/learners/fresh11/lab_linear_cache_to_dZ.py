# ruff: noqa
# The whole cache is unpacked the wrong way round: the linear cache (A_prev, W, b) goes to relu_backward/sigmoid_backward, which raise on the tuple (and Z would go to linear_backward).
# expect: linear_activation_backward: cache; linear_cache or activation_cache or order or swap or unpack
import numpy as np


def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)

    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
