# ruff: noqa
# relu_backward given the linear cache (A_prev, W, b) where the activation cache (Z) belongs.
# expect: linear_activation_backward: linear_cache; activation_cache or z
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, linear_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
