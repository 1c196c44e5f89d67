# ruff: noqa
# The logarithm in base 10.
# expect: compute_cost: log or ln 10
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log10(AL) + (1 - Y) * np.log10(1 - AL))
    return np.squeeze(cost)
