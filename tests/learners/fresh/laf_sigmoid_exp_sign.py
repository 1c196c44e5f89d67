# ruff: noqa
# sigmoid written inline as 1 / (1 + np.exp(Z)): the minus inside the exponent is missing.
# expect: linear_activation_forward: sigmoid; sign or -z or minus or 1 - 
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A = 1 / (1 + np.exp(Z))
    elif activation == "relu":
        A = np.maximum(0, Z)
    cache = (linear_cache, Z)
    return A, cache
