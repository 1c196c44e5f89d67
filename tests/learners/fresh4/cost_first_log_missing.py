# ruff: noqa
# Y * AL: the first term's log forgotten.
# expect: compute_cost: log(al) or log; y
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(np.multiply(Y, AL) + np.multiply(1 - Y, np.log(1 - AL))) / m
    return np.squeeze(cost)
