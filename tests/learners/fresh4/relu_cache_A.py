# ruff: noqa
# The cache keeps A = relu(Z) where the course keeps Z.
# expect: relu: cache; z; a
import numpy as np


def relu(Z):
    A = np.maximum(0, Z)
    cache = A
    return A, cache
