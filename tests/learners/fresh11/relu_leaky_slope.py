# ruff: noqa
# relu written as max(Z, 0.01 Z) (the leaky relu from the lecture): negative Z give 0.01 Z instead of 0.
# expect: relu: leaky or 0.01 or negative; zero or maximum(0 or max(0 or to 0 or be 0
import numpy as np


def relu(Z):
    A = np.maximum(Z, 0.01 * Z)
    cache = Z
    return A, cache
