# ruff: noqa
# relu as (Z + |Z|) / 2 with the / 2 forgotten: twice the course's A for Z > 0.
# expect: relu: 2 or twice or half
import numpy as np


def relu(Z):
    A = Z + np.abs(Z)
    cache = Z
    return A, cache
