# ruff: noqa
# m read from the wrong dimension (1, not the number of examples).
# expect: compute_cost: m; 1/m or shape
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[0]
    cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)
