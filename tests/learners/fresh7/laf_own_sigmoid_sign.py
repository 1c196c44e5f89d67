# ruff: noqa
# The learner's own sigmoid helper writes exp(z) instead of exp(-z): it computes 1 - sigmoid(z).
# expect: linear_activation_forward: sigmoid or my_sigmoid or helper; sign or -z or exp or minus
import numpy as np


def my_sigmoid(z):
    return 1 / (1 + np.exp(z))


def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A = my_sigmoid(Z)
    else:
        A = np.maximum(0, Z)
    cache = (linear_cache, Z)
    return A, cache
