# ruff: noqa
# m = 209 (the training set's size) hard-coded: on any other X the loop runs past the last example.
# expect: predict: 209 or hard-coded or hardcoded or hard coded; x.shape[1] or shape or number of examples or size
import numpy as np


def predict(X, y, parameters):
    m = 209
    p = np.zeros((1, m))

    probas, caches = L_model_forward(X, parameters)

    for i in range(0, m):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0

    print("Accuracy: " + str(np.sum((p == y) / m)))

    return p
