# ruff: noqa
# np.log(AL - 1) where np.log(1 - AL) belongs: the log of a negative number.
# expect: compute_cost: log(1 - al) or 1 - al; al - 1
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(AL - 1))
    return np.squeeze(cost)
