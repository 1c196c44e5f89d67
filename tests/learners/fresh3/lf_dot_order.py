# ruff: noqa
# np.dot(A, W): the factors in the wrong order, NumPy refuses the shapes.
# expect: linear_forward: np.dot(w, a) or order or w a; (4)
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(A, W) + b
    cache = (A, W, b)
    return Z, cache
