# ruff: noqa
# The 1/m factor is applied to dA_prev as well: dA_prev = W^T dZ has no average, only dW and db do.
# expect: linear_backward: da_prev; 1/m or 1 / m or / m or average or extra or divid
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ) / m
    return dA_prev, dW, db
