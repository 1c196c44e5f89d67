# ruff: noqa
# Element-wise products with no sum over the examples: the "cost" comes back as a (1, m) array of per-example losses / m.
# expect: compute_cost: sum or np.dot or scalar or shape; multiply or element-wise or elementwise or per-example or each example
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * (np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
