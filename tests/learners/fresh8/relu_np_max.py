# ruff: noqa
# Learner rewrote the relu helper with np.max (a reduction whose 2nd argument is the axis) instead of np.maximum.
# expect: relu: np.maximum or maximum; np.max or axis or reduc
import numpy as np


def relu(Z):
    A = np.max(0, Z)
    cache = Z
    return A, cache
