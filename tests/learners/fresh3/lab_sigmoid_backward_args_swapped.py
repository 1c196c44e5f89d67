# ruff: noqa
# sigmoid_backward(activation_cache, dA): the two arguments swapped.
# expect: linear_activation_backward: sigmoid; da; activation_cache or z or order or swapped
import numpy as np
from dnn_utils import sigmoid_backward, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(activation_cache, dA)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
