# ruff: noqa
# The learner's own sigmoid helper has lost the minus in the exponent: 1 / (1 + exp(Z)) is sigmoid(-Z).
# expect: linear_activation_forward: sigmoid; sign or minus or exp(-z) or -z or negative
import numpy as np


def my_sigmoid(z):
    return 1 / (1 + np.exp(z))


def my_relu(z):
    return np.maximum(0, z)


def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A = my_sigmoid(Z)
    else:
        A = my_relu(Z)
    return A, (linear_cache, Z)
