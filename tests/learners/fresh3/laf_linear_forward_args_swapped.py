# ruff: noqa
# linear_forward(W, A_prev, b): the first two arguments swapped.
# expect: linear_activation_forward: shapeerror or valueerror; w; a_prev
import numpy as np
from dnn_utils import sigmoid, relu


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(W, A_prev, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(W, A_prev, b)
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
