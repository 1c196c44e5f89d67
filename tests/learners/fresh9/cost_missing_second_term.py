# ruff: noqa
# Only the Y log(AL) part of the cross-entropy: the (1 - Y) log(1 - AL) term is missing.
# expect: compute_cost: (1 - y) or 1 - y or 1 - al or second term or missing term; log
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(Y * np.log(AL))
    cost = np.squeeze(cost)
    return cost
