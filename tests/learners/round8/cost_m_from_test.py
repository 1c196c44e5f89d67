# ruff: noqa
# Written by the round-8 helper (not a learner): m hard-coded as 5, a number of none of the course's sets, where the course reads it from Y.
# expect: compute_cost: 5; y.shape[1] or examples
import numpy as np


def compute_cost(AL, Y):
    m = 5
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)
