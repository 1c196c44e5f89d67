# ruff: noqa
# Copy-pasted branches: the "relu" branch still calls sigmoid(Z), so the relu activation returns sigmoid values.
# expect: linear_activation_forward: relu; branch or copy or calls sigmoid or sigmoid(z) or instead of relu
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
