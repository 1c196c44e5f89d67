# ruff: noqa
# Returns Z where A = g(Z) belongs.
# expect: linear_activation_forward: A; Z
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    return Z, (linear_cache, activation_cache)
