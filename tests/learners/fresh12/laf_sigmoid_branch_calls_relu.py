# ruff: noqa
# The relu branch was copy-pasted into the sigmoid branch and only the if-line changed: "sigmoid" still applies relu.
# expect: linear_activation_forward: sigmoid; relu
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    cache = (linear_cache, activation_cache)
    return A, cache
