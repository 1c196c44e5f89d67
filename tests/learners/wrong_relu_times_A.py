# ruff: noqa
# relu backward written inline, with A = relu(Z) where g'(Z) is meant.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    if activation == "relu":
        A = np.maximum(0, activation_cache)
        dZ = dA * A
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-activation_cache))
        dZ = dA * s * (1 - s)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
