# ruff: noqa
# The seed is set again before W2 is drawn, so W2 repeats the first numbers of W1's stream instead of continuing it.
# expect: initialize_parameters: seed; w2
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    np.random.seed(1)  # to be sure W2 is reproducible too
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))

    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
