# ruff: noqa
# m is hard-coded to 209 (the training set's size): p always has 209 columns, wrong for any other X (the 50 test pictures, or a small test), and p == y no longer lines up.
# expect: predict: 209 or hard-coded or hardcoded or hard coded or x.shape; shape or columns or size or (1, 209) or broadcast
import numpy as np


def predict(X, y, parameters):
    m = 209
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
