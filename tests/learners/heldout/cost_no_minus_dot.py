# ruff: noqa
# The course's np.dot form, but without the minus sign.
# expect: compute_cost: minus or sign
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (1. / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost
