# ruff: noqa
# The cache built as (activation_cache, linear_cache): the course's order reversed.
# expect: linear_activation_forward: cache; linear_cache or activation_cache or order or z
import numpy as np
from dnn_utils import sigmoid, relu


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    return A, (activation_cache, linear_cache)
