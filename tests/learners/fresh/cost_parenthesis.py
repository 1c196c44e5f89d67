# ruff: noqa
# A parenthesis closed too early: the second term is outside the sum and the -1/m.
# expect: compute_cost: (1 - y) log(1 - al) or (1 - y) or second term; sum or summed
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(np.multiply(Y, np.log(AL))) + np.multiply(1 - Y, np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost
