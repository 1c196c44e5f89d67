# ruff: noqa
# Python's max(0, Z) on an array: the truth value of an array is ambiguous.
# expect: relu: valueerror; np.maximum or maximum; max
import numpy as np


def relu(Z):
    A = max(0, Z)
    cache = Z
    return A, cache
