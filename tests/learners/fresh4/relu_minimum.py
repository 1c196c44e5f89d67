# ruff: noqa
# np.minimum(0, Z) where np.maximum(0, Z) belongs.
# expect: relu: np.maximum or maximum; np.minimum or minimum
import numpy as np


def relu(Z):
    A = np.minimum(0, Z)
    return A, Z
