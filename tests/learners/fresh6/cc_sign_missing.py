# ruff: noqa
# (1/m) instead of (-1/m): the cost comes out negative.
# expect: compute_cost: sign or minus or negative or -1
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (1. / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost
