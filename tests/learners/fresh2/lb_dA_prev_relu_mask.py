# ruff: noqa
# dA_prev multiplied by relu's derivative of A_prev: the next layer's g'(Z) put into (10).
# expect: linear_backward: da_prev; (10)
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ) * (A_prev > 0)
    return dA_prev, dW, db
