# ruff: noqa
# m = X.shape[0]: p gets one entry per feature, not one per example.
# expect: predict: m or shape; x.shape[1] or examples or (1, m) or shape
import numpy as np


def predict(X, y, parameters):
    m = X.shape[0]
    n = len(parameters) // 2
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
