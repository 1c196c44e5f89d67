# ruff: noqa
# db summed over every entry of dZ.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
