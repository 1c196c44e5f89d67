# ruff: noqa
# Written with loops; the bias indexed by the example j where it belongs to the unit i.
# expect: linear_forward: indexerror; b; i or unit or b[i]
import numpy as np


def linear_forward(A, W, b):
    n, m = W.shape[0], A.shape[1]
    Z = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            Z[i, j] = np.sum(W[i, :] * A[:, j]) + b[j, 0]
    cache = (A, W, b)
    return Z, cache
