# ruff: noqa
# A leaky relu (0.01 Z where Z < 0) where the course's relu is max(0, Z).
# expect: linear_activation_forward: relu; 0.01 or leaky or negative or z < 0 or z <= 0
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A = np.maximum(0.01 * Z, Z)
        activation_cache = Z
    return A, (linear_cache, activation_cache)
