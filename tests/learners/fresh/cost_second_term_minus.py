# ruff: noqa
# The two terms subtracted: Y log(AL) - (1 - Y) log(1 - AL).
# expect: compute_cost: sign; (1 - y) log(1 - al) or (1 - y)
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) - np.multiply(1 - Y, np.log(1 - AL))
    cost = -np.sum(logprobs) / m
    return float(np.squeeze(cost))
