# ruff: noqa
# The comparison is the wrong way round: p is 1 where the probability is below 0.5.
# expect: predict: > 0.5 or threshold or compar or invert or revers or wrong way; 0.5 or probab
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))

    probas, caches = L_model_forward(X, parameters)

    for i in range(0, probas.shape[1]):
        if probas[0, i] < 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0

    print("Accuracy: " + str(np.sum((p == y) / m)))

    return p
