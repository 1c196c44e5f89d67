# ruff: noqa
# np.dot(A, W) instead of np.dot(W, A): (3, 2) times (1, 3) is not aligned, so it raises.
# expect: linear_forward: order or swap or np.dot(w or w @ a or w, a or align
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(A, W) + b
    cache = (A, W, b)
    return Z, cache
