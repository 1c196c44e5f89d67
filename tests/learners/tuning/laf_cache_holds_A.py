# ruff: noqa
# The activation cache keeps A where the course keeps Z.
# expect: linear_activation_forward: cache; A; Z
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    if activation == "sigmoid":
        A = 1 / (1 + np.exp(-Z))
    else:
        A = np.maximum(0, Z)
    cache = ((A_prev, W, b), A)
    return A, cache
