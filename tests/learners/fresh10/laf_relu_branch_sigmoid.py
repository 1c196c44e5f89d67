# ruff: noqa
# Copy-pasted the sigmoid branch into the relu branch and forgot to change the activation call.
# expect: linear_activation_forward: relu; sigmoid
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
