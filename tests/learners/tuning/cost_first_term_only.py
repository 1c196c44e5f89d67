# ruff: noqa
# Only the first term of the cross-entropy.
# expect: compute_cost: missing or without; (1 - Y) or 1 - Y
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(np.multiply(Y, np.log(AL)))
    return np.squeeze(cost)
