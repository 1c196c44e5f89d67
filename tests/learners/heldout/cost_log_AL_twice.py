# ruff: noqa
# log(AL) in the second term where log(1 - AL) belongs.
# expect: compute_cost: log(AL) or log(1 - AL)
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(AL))
    cost = -np.sum(logprobs) / m
    return np.squeeze(cost)
