# ruff: noqa
# The linear cache keeps A and W, but not b.
# expect: linear_forward: cache; b
import numpy as np


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W)
    return Z, cache
