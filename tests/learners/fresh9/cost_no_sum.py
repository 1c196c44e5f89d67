# ruff: noqa
# np.multiply gives a loss per example; without a sum (or a dot) the cost is a vector, not a number.
# expect: compute_cost: sum or np.dot or scalar or vector; shape or squeeze or per example or each example
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL))
    cost = -1. / m * logprobs
    cost = np.squeeze(cost)
    return cost
