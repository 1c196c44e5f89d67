# ruff: noqa
# m = y.shape[0]: the labels' rows (1), so p has room for one example only.
# expect: predict: indexerror; m or shape; x.shape[1] or y.shape[1] or (1, m) or examples
import numpy as np


def predict(X, y, parameters):
    m = y.shape[0]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    return p
