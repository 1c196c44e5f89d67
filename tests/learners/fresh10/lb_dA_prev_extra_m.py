# ruff: noqa
# Put the 1/m on dA_prev as well (it is only on dW and db): "my dA_prev is off by a factor".
# expect: linear_backward: da_prev; 1/m or 1 / m or extra or factor or scal
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1. / m) * np.dot(dZ, A_prev.T)
    db = (1. / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = (1. / m) * np.dot(W.T, dZ)
    return dA_prev, dW, db
