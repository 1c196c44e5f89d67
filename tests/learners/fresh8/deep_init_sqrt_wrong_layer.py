# ruff: noqa
# Divides by sqrt of the layer's own size n_l instead of the previous layer's n_{l-1}.
# expect: initialize_parameters_deep: sqrt or scal or factor; l - 1 or l-1 or previous or n_{l-1} or prev or fan-in or fan_in or input
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    params = {}
    for l in range(1, len(layer_dims)):
        n_l, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = np.random.randn(n_l, n_prev) / np.sqrt(n_l)
        params[f"b{l}"] = np.zeros((n_l, 1))
    return params
