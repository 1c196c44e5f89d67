# ruff: noqa
# Copy-paste in the second term: (1 - Y) multiplies log(AL) where log(1 - AL) belongs.
# expect: compute_cost: log(1 - al) or 1 - al or 1-al; second or term or (1 - y)
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(AL))
    cost = -1 / m * np.sum(logprobs)
    cost = np.squeeze(cost)
    return cost
