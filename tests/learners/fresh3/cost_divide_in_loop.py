# ruff: noqa
# A loop over the examples, with the division by m indented into the loop.
# expect: compute_cost: m or 1/m; loop or every or once
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = 0
    for i in range(m):
        cost += -(Y[0, i] * np.log(AL[0, i]) + (1 - Y[0, i]) * np.log(1 - AL[0, i]))
        cost = cost / m
    return cost
