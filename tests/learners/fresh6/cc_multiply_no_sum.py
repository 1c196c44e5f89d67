# ruff: noqa
# Elementwise products and never summed over the examples: returns one value per example, not a scalar.
# expect: compute_cost: sum or np.dot or scalar or add up or reduc; shape or each example or per example or array or vector or element
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * (Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost
