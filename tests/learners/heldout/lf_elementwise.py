# ruff: noqa
# W * A where the matrix product belongs: NumPy cannot broadcast the shapes.
# expect: linear_forward: W; A
import numpy as np


def linear_forward(A, W, b):
    Z = W * A + b
    cache = (A, W, b)
    return Z, cache
