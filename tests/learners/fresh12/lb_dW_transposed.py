# ruff: noqa
# The product for dW is taken the other way round, A_prev . dZ^T: dW comes out as W's transpose, (n_prev, n) instead of (n, n_prev).
# expect: linear_backward: transpos or shape or order; dw
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = 1. / m * np.dot(A_prev, dZ.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    assert dA_prev.shape == A_prev.shape
    assert db.shape == b.shape

    return dA_prev, dW, db
