# ruff: noqa
# Only the y log(a) half of the cross-entropy: the (1 - y) log(1 - a) term is missing.
# expect: compute_cost: 1 - y or (1 - y) or 1-y or log(1 - al) or log(1-al) or term or missing
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(Y * np.log(AL))
    cost = np.squeeze(cost)
    return cost
