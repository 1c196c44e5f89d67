# ruff: noqa
# Only the Y log(AL) half of the cross-entropy: the (1 - Y) log(1 - AL) term for the label-0 examples is missing.
# expect: compute_cost: (1 - y) or 1 - y or 1-y or 1 - al or 1-al; missing or term or half or label 0 or y = 0
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1. / m) * np.dot(Y, np.log(AL).T)
    cost = np.squeeze(cost)
    return cost
