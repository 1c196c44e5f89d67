# ruff: noqa
# A loop over the examples; db += dZ[:, i] adds a row to a column: db becomes (n, n).
# expect: linear_backward: db; shape or (n, 1) or column or dz[:, i]
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    n, m = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
        db += dZ[:, i]
    dW /= m
    db /= m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
