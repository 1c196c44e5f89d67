# ruff: noqa
# b subtracted instead of added.
# expect: linear_forward: b; (4)
import numpy as np


def linear_forward(A, W, b):
    Z = W @ A - b
    return Z, (A, W, b)
