# ruff: noqa
# (1 - Y) * (1 - np.log(AL)): log(1 - AL) written as 1 - log(AL).
# expect: compute_cost: log(1 - al); 1 - log(al) or log(al)
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * (1 - np.log(AL)))
    cost = np.squeeze(cost)
    return cost
