# ruff: noqa
# Returns the linear cache alone where the course returns (linear_cache, activation_cache).
# expect: linear_activation_forward: cache; linear_cache or activation_cache or z
import numpy as np
from dnn_utils import sigmoid, relu


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    return A, linear_cache
