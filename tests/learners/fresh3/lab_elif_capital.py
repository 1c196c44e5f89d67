# ruff: noqa
# elif activation == "Sigmoid": the capital S never matches, so dZ is never set.
# expect: linear_activation_backward: sigmoid; "sigmoid" or 'sigmoid' or capital or string or dz
import numpy as np
from dnn_utils import sigmoid_backward, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "Sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
