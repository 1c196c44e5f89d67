# ruff: noqa
# The sigmoid branch calls relu (copy-paste from the relu branch).
# expect: linear_activation_forward: sigmoid; relu
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A, activation_cache = relu(Z)
    elif activation == "sigmoid":
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)
