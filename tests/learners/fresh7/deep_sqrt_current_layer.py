# ruff: noqa
# Scales by 1/sqrt(layer_dims[l]) (the layer's own size) instead of 1/sqrt(layer_dims[l-1]), the fan-in.
# expect: initialize_parameters_deep: sqrt or scal or factor; l - 1 or l-1 or previous or fan
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    num_layers = len(layer_dims)
    for l in range(1, num_layers):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        parameters[f"W{l}"] = np.random.randn(n_out, n_in) / np.sqrt(n_out)
        parameters[f"b{l}"] = np.zeros((n_out, 1))
    return parameters
