# ruff: noqa
# linear_activation_forward takes relu for sigmoid and sigmoid for relu.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = relu(Z)
    elif activation == "relu":
        A, activation_cache = sigmoid(Z)
    return A, (linear_cache, activation_cache)
