# ruff: noqa
# Learner wrote their own sigmoid helper with exp(Z) instead of exp(-Z), so the sigmoid outputs are 1 - s.
# expect: linear_activation_forward: sigmoid; sign or exp(-z) or -z or minus or negat
import numpy as np


def my_sigmoid(Z):
    A = 1 / (1 + np.exp(Z))
    return A, Z


def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = my_sigmoid(Z)
    else:
        A, activation_cache = np.maximum(0, Z), Z
    return A, (linear_cache, activation_cache)
