# ruff: noqa
# Comparison the wrong way round: predicts 1 where the probability is below 0.5 (all labels flipped).
# expect: predict: 0.5 or threshold or comparison; revers or flip or invert or wrong way or opposite or less than
import numpy as np


def predict(X, y, parameters):
    m = X.shape[1]
    probas, _ = L_model_forward(X, parameters)
    p = (probas < 0.5).astype(float).reshape(1, m)
    print("Accuracy: " + str(np.mean(p == y)))
    return p
