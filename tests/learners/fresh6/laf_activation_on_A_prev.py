# ruff: noqa
# The activation is applied to the input A_prev instead of to Z = W A_prev + b (Z is computed, then unused).
# expect: linear_activation_forward: a_prev or input; z or linear
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(A_prev)
    elif activation == "relu":
        A, activation_cache = relu(A_prev)
    cache = (linear_cache, activation_cache)
    return A, cache
