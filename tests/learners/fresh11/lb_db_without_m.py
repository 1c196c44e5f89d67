# ruff: noqa
# db is the plain row sum of dZ: the 1/m average is missing (dW has it).
# expect: linear_backward: db; 1/m or 1 / m or / m or average or mean or divid
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db
