# ruff: noqa
# np.mean already divides by m, and the 1/m is there as well.
# expect: compute_cost: m; mean or twice or divided by m or extra
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL))
    cost = -1 / m * np.mean(logprobs)
    return float(np.squeeze(cost))
