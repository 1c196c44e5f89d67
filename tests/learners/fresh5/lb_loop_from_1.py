# ruff: noqa
# A loop over the examples that starts at 1: the first example is left out of dW and db.
# expect: linear_backward: range or first or example or loop; dw or db
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros_like(W)
    db = np.zeros_like(b)
    for i in range(1, m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
        db += dZ[:, i:i + 1]
    dW /= m
    db /= m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
