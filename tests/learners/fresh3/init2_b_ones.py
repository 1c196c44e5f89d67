# ruff: noqa
# The biases start at one: np.ones where the course has np.zeros.
# expect: initialize_parameters: b; zeros or 0
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.ones((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.ones((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
