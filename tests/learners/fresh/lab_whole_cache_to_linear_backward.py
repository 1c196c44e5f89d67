# ruff: noqa
# linear_backward given the whole cache ((A_prev, W, b), Z) where linear_cache belongs.
# expect: linear_activation_backward: linear_cache; cache
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, cache)
    return dA_prev, dW, db
