# ruff: noqa
# math.exp on an array: only a number can be converted.
# expect: linear_activation_forward: typeerror; math.exp or np.exp or array
import math
import numpy as np


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = 1 / (1 + math.exp(-Z))
    else:
        A = np.maximum(0, Z)
    return A, (linear_cache, Z)
