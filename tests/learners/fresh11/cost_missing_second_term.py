# ruff: noqa
# Only the Y log(AL) part of the cross-entropy: the (1 - Y) log(1 - AL) term is missing.
# expect: compute_cost: (1 - y) or 1 - y or 1-y or log(1 - al) or second term or term; missing or only or forgot or omit
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL))
    cost = -np.sum(logprobs) / m
    cost = np.squeeze(cost)
    return cost
