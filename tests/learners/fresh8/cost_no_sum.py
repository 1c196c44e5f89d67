# ruff: noqa
# np.multiply without a sum: the "cost" is an array of per-example losses / m, not a number.
# expect: compute_cost: np.sum or sum or scalar or shape or np.dot; np.multiply or element or per-example or array
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL))
    cost = -1 / m * logprobs
    cost = np.squeeze(cost)
    return cost
