# ruff: noqa
# The second term's log forgotten: (1 - Y) * (1 - AL).
# expect: compute_cost: log(1 - al) or log; (1 - y) or second term
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * (1 - AL))
    cost = np.squeeze(cost)
    return cost
