# ruff: noqa
# + b.T: b added as a row; it fits only when the layer has one unit.
# expect: linear_forward: b; b.t or transpose
import numpy as np


def linear_forward(A, W, b):
    Z = W.dot(A) + b.T
    cache = (A, W, b)
    return Z, cache
