# ruff: noqa
# Only Y * log(AL): the (1 - Y) * log(1 - AL) term of the cross-entropy is missing.
# expect: compute_cost: 1 - y or 1-y or 1 - al or 1-al or second term or missing term or term
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL))
    cost = -np.sum(logprobs) / m
    cost = np.squeeze(cost)
    return cost
