# ruff: noqa
# db summed without keepdims: shape (n,) instead of (n, 1).
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
