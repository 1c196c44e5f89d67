# ruff: noqa
# m = X.shape[0] (the number of features) instead of shape[1]: p gets the wrong length, so the accuracy line cannot broadcast p against y (or p[0, i] is out of bounds when there are fewer features than examples).
# expect: predict: shape[1] or examples or columns; shape[0] or rows or features or length or size
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
