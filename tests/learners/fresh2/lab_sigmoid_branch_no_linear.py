# ruff: noqa
# linear_backward is called inside the relu branch only: the sigmoid branch returns names it never set.
# expect: linear_activation_backward: sigmoid; linear_backward or dA_prev
import numpy as np
from dnn_utils import sigmoid_backward, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    return dA_prev, dW, db
