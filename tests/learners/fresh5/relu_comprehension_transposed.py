# ruff: noqa
# relu as a nested comprehension over Z.T's rows: A comes out transposed.
# expect: relu: a; transpos or .t or shape
import numpy as np


def relu(Z):
    A = np.array([[max(0.0, z) for z in row] for row in Z.T])
    cache = Z
    return A, cache
