# ruff: noqa
# np.dot(Y, np.log(AL)) of two (1, m) arrays.
# expect: compute_cost: np.dot or (1, m) or shape
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * (np.dot(Y, np.log(AL)) + np.dot(1 - Y, np.log(1 - AL)))
    return np.squeeze(cost)
