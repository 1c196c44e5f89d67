# ruff: noqa
# Gradient ascent: the comprehension adds learning_rate * gradient to every parameter instead of subtracting it.
# expect: update_parameters: sign or minus or subtract or ascent or -=; gradient or learning_rate or dw
import numpy as np


def update_parameters(params, grads, learning_rate):
    # params keys: W1, b1, ...; grads keys: dW1, db1, ...
    parameters = {name: value + learning_rate * grads["d" + name] for name, value in params.items()}
    return parameters
