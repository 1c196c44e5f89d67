# ruff: noqa
# The cache keeps A too: (linear_cache, activation_cache, A), three entries where the course has two.
# expect: linear_activation_forward: cache; 3 or three or entries or extra or a
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache, A)
    return A, cache
