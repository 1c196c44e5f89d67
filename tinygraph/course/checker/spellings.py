"""The course's code as others write it: the same functions in other spellings.

A change of the course's own spelling cannot give every learner's line: a loop over the
examples divides by m once after it, where the course sums with np.sum; dnn_utils'
relu_backward copies dA and masks it, where the course multiplies by (Z > 0). Each spelling
here is a program like program.py's (its name `function/spelling`), held to the notebook's
numbers by tests/test_diagnosis.py, and a change is tried in it where the course's own
spelling gives none.

    >>> sorted(k for k in SPELLINGS if k.startswith("linear_backward"))
    ['linear_backward/loop']
"""

from __future__ import annotations

# The course's code as others write it, tried where its own spelling gives no one change
# (held to the notebook's numbers like the programs): dnn_utils' relu_backward, and
# linear_activation_forward through the helpers, as the course's solution calls them.
# Each program with a name computed once and used later has a spelling with it written
# inline (`SPELLED`): sigmoid written out twice in (11), one of its signs slipped.
SPELLINGS = {
    "relu_backward/mask": '''
def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0  # (11)
    return dZ
''',
    "linear_activation_forward/helpers": '''
def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)  # (4)
        A, activation_cache = sigmoid(Z)  # (4)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)  # (4)
        A, activation_cache = relu(Z)  # (4)
    cache = (linear_cache, activation_cache)
    return A, cache
''',
}
# Loops over the examples (and the units), as learners write (4), (7), (8), (9), (11): a column
# kept a column with i:i + 1, the sums divided by m once, after the loop. Sigmoid's other
# form, e^Z / (1 + e^Z), s (1 - s) multiplied out, and relu's mask as np.where; dAL put over
# one denominator, (AL - Y) / (AL (1 - AL)).
SPELLINGS.update({
    "linear_forward/loop": '''
def linear_forward(A, W, b):
    Z = np.zeros((W.shape[0], A.shape[1]))
    for i in range(W.shape[0]):
        for j in range(A.shape[1]):
            Z[i, j] = np.dot(W[i, :], A[:, j]) + b[i, 0]  # (4)
    cache = (A, W, b)
    return Z, cache
''',
    "sigmoid/exp": '''
def sigmoid(Z):
    A = np.exp(Z) / (1 + np.exp(Z))  # (4)
    cache = Z
    return A, cache
''',
    "sigmoid_backward/expanded": '''
def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * (s - s * s)  # (11)
    return dZ
''',
    "relu_backward/loop": '''
def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            if Z[i, j] <= 0:
                dZ[i, j] = 0  # (11)
    return dZ
''',
    "relu_backward/where": '''
def relu_backward(dA, cache):
    Z = cache
    dZ = np.where(Z > 0, dA, 0)  # (11)
    return dZ
''',
    "compute_cost/loop": '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = 0
    for i in range(m):
        cost += -(Y[0, i] * np.log(AL[0, i]) + (1 - Y[0, i]) * np.log(1 - AL[0, i]))  # (7)
    cost = cost / m  # (7)
    return cost
''',
    # predict's loop over the m it made p with, and the accuracy the course prints after it
    # (computed, not printed: a check prints nothing of its own).
    "predict/m": '''
def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, m):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    accuracy = np.sum((p == y) / m)
    return p
''',
    # dnn_app_utils' own predict: the loop over probas' examples, then the accuracy (m = 209
    # written for X.shape[1] raises at p == y on any other X, as theirs does).
    "predict/accuracy": '''
def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    accuracy = np.sum((p == y) / m)
    return p
''',
    "linear_backward/loop": '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        dW += np.dot(dZ[:, i:i + 1], A_prev[:, i:i + 1].T)  # (8)
        db += dZ[:, i:i + 1]  # (9)
    dW = dW / m  # (8)
    db = db / m  # (9)
    dA_prev = np.dot(W.T, dZ)  # (10)
    return dA_prev, dW, db
'''})
