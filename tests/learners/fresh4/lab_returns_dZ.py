# ruff: noqa
# Returns dZ where dA_prev belongs.
# expect: linear_activation_backward: da_prev; dz
import numpy as np
from dnn_utils import sigmoid_backward, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dZ, dW, db
