# ruff: noqa
# The hidden activation of week 3's planar network: np.tanh where relu belongs.
# expect: linear_activation_forward: relu; tanh
import numpy as np
from dnn_utils import sigmoid, relu


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = np.tanh(Z), Z
    return A, (linear_cache, activation_cache)
