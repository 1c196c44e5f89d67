# ruff: noqa
# The cost not summed: one loss per example comes back.
# expect: compute_cost: summed or sum
import numpy as np

def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * (Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)
