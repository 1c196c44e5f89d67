# ruff: noqa
# the learner's own relu_backward masks with dA instead of Z.
import numpy as np
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
