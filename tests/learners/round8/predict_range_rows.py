# ruff: noqa
# Written by the round-8 helper (not a learner): predict loops over range(X.shape[0]), the features.
# expect: predict: x.shape[0] or rows; only or first
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(X.shape[0]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    return p
