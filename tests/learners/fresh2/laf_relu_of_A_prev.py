# ruff: noqa
# The relu branch applies relu to A_prev, the layer's input, not to Z.
# expect: linear_activation_forward: relu; a_prev; z
import numpy as np
from dnn_utils import sigmoid, relu


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(A_prev)
    cache = (linear_cache, activation_cache)
    return A, cache
