# ruff: noqa
# The np.dot form with .T on the first product only: the second cannot multiply (1, m) by (1, m).
# expect: compute_cost: .t or transpos or shape; np.dot or (1 - y)
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
