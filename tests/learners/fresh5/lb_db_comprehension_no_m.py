# ruff: noqa
# db as a comprehension over dZ's rows, the 1/m forgotten.
# expect: linear_backward: db; m or 1/m; (9)
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.array([[row.sum()] for row in dZ])
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
