# ruff: noqa
# np.dot(W, A.T): the examples put on the wrong axis, NumPy refuses the shapes.
# expect: linear_forward: a; shape; w; (4)
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W, A.T) + b
    cache = (A, W, b)
    return Z, cache
