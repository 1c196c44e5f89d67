# ruff: noqa
# Own relu with np.max(0, Z) instead of np.maximum: np.max takes Z as the axis and raises TypeError.
# expect: linear_activation_forward: relu; np.maximum or maximum; np.max or axis
import numpy as np


def relu(Z):
    A = np.max(0, Z)
    cache = Z
    return A, cache


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
