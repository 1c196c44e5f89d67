# ruff: noqa
# dA_prev = W.T dA instead of W.T dZ, inline.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dA)
    return dA_prev, dW, db
