# ruff: noqa
# np.zeros(layer_dims[l]): a flat b of shape (n,), where the course's is a column (n, 1).
# expect: initialize_parameters_deep: b; shape or (n, 1) or column or 1)
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros(layer_dims[l])
    return parameters
