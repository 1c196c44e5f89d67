# ruff: noqa
# m hard-coded to 209 (the cat training set size) instead of read from Y.shape[1].
# expect: compute_cost: 209 or hard; shape[1] or examples or y.shape
import numpy as np


def compute_cost(AL, Y):
    m = 209
    logprobs = np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL))
    cost = -np.sum(logprobs) / m
    return float(np.squeeze(cost))
