# ruff: noqa
# dA_prev = np.dot(W, dZ) without the transpose of W: (3, 5) times (3, 4) does not multiply.
# expect: linear_backward: da_prev or da; .t or transpos or w^t or w.t
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W, dZ)

    return dA_prev, dW, db
