# ruff: noqa
# Unpacks the cache in the wrong order (activation_cache, linear_cache = cache): the helpers get a tuple where Z belongs and it raises.
# expect: linear_activation_backward: cache or unpack; order or linear_cache or activation_cache or swap
import numpy as np


def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
