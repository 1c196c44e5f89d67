"""The course's functions as the course writes them: plain NumPy, line by line, in its names.

A diagnosis changes one thing in this code (mutate.py) and asks whether the changed code
gives the learner's numbers: "(1 - s) written as (1 + s)", "np.random.seed(3) inside the
loop". The code is the course's own solution, so the change reads as a line of the
learner's; a trailing `# (11)` names the equation a line computes. tests/test_diagnosis.py
holds every program to tinygraph.notebook's numbers on every case, so it cannot drift.

    >>> from tinygraph.checker.cases import course_case
    >>> sigmoid_backward = compiled("sigmoid_backward")
    >>> dZ = sigmoid_backward(*course_case("linear_activation_backward").args[:1],
    ...                       course_case("linear_activation_backward").args[1][1])
    >>> dZ.shape
    (1, 2)
    >>> equation("linear_backward", 6)  # db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    '(9)'
"""

from __future__ import annotations

import ast
import copy
import math
import re
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import notebook as nb
from .spellings import SPELLINGS

SOURCES = {
    "initialize_parameters": '''
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
''',
    "initialize_parameters_deep": '''
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''',
    "linear_forward": '''
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b  # (4)
    cache = (A, W, b)
    return Z, cache
''',
    "sigmoid": '''
def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))  # (4)
    cache = Z
    return A, cache
''',
    "relu": '''
def relu(Z):
    A = np.maximum(0, Z)  # (4)
    cache = Z
    return A, cache
''',
    "linear_activation_forward": '''
def linear_activation_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b  # (4)
    linear_cache = (A_prev, W, b)
    if activation == "sigmoid":
        A = 1 / (1 + np.exp(-Z))  # (4)
    elif activation == "relu":
        A = np.maximum(0, Z)  # (4)
    activation_cache = Z
    cache = (linear_cache, activation_cache)
    return A, cache
''',
    "L_model_forward": '''
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                             parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                          parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
''',
    "compute_cost": '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))  # (7)
    cost = np.squeeze(cost)
    return cost
''',
    "sigmoid_backward": '''
def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)  # (11)
    return dZ
''',
    "relu_backward": '''
def relu_backward(dA, cache):
    Z = cache
    dZ = dA * (Z > 0)  # (11)
    return dZ
''',
    "linear_backward": '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)  # (8)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)  # (9)
    dA_prev = np.dot(W.T, dZ)  # (10)
    return dA_prev, dW, db
''',
    "linear_activation_backward": '''
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)  # (11)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)  # (11)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
''',
    "L_model_backward": '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)],
                                                                    current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads
''',
    "update_parameters": '''
def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = (parameters["W" + str(l + 1)]
                                        - learning_rate * grads["dW" + str(l + 1)])  # (16)
        parameters["b" + str(l + 1)] = (parameters["b" + str(l + 1)]
                                        - learning_rate * grads["db" + str(l + 1)])  # (17)
    return parameters
''',
    "two_layer_model": '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads["dW1"] = dW1
        grads["db1"] = db1
        grads["dW2"] = dW2
        grads["db2"] = db2
        parameters = update_parameters(parameters, grads, learning_rate)
        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
''',
    "L_layer_model": '''
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
''',
    "predict": '''
def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    return p
''',
}

# The course's code as others write it (spellings.py), tried where its own gives no change.
SOURCES.update(SPELLINGS)
# dAL in its other form, (AL - Y) / (AL (1 - AL)): the course's L_model_backward with that one
# line changed (made here, not copied into spellings.py, so the rest stays the course's).
_COURSE_dAL = "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))"
assert _COURSE_dAL in SOURCES["L_model_backward"]
SOURCES["L_model_backward/dAL"] = SOURCES["L_model_backward"].replace(
    _COURSE_dAL, "dAL = (AL - Y) / (AL * (1 - AL))")
# The Application's own initialize_parameters_deep (dnn_app_utils_v3): a learner who follows
# its recipe is compared with it, not with Step by Step's, so a change is said against the
# recipe they followed ("np.random.seed(1) inside the loop", "/ np.sqrt(layer_dims[l])").
RECIPES = {"initialize_parameters_deep/application": '''
def initialize_parameters_deep(layer_dims):
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                    / np.sqrt(layer_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
'''}
SOURCES.update(RECIPES)


def owner(program: str) -> str:
    """Whose code a program is, as a sentence names it: "the Application's", "the course's"."""
    return "the Application's" if program in RECIPES else "the course's"


def base(program: str) -> str:
    """The course function a program (or a spelling of one) is: relu_backward/mask's."""
    return program.split("/")[0]


# The course functions each program calls (they are the course's code too, and a change in
# one of them is a change the learner may have written inline).
CALLS = {name: [c for c in SOURCES if "/" not in c and c != base(name)
                and re.search(rf"\b{c}\(", source)] for name, source in SOURCES.items()}
_MODELS = ("two_layer_model", "L_layer_model")


def tree(name: str) -> ast.FunctionDef:
    """The program of `name` as a syntax tree, shared: a change is made on a copy
    (Mutation.apply), never on it."""
    return _TREES[name]


_TREES = {name: ast.parse(source).body[0] for name, source in SOURCES.items()}


def _inlined(function: ast.FunctionDef) -> ast.FunctionDef | None:
    """`function` with each name its body assigns once, from more than a name, written
    where it is used (s = 1 / (1 + np.exp(-Z)) put into dZ = dA * s * (1 - s)); the
    other lines keep their places. None when there is nothing to write inline."""
    stores = [n.id for n in ast.walk(function) if isinstance(n, ast.Name)
              and isinstance(n.ctx, ast.Store)]
    changed = [n.value.id for n in ast.walk(function)  # parameters["W1"] = ..., caches.append
               if isinstance(n, (ast.Subscript, ast.Attribute)) and isinstance(n.value, ast.Name)
               and (isinstance(n.ctx, ast.Store) or isinstance(n, ast.Attribute))]
    copied = copy.deepcopy(function)
    body = []
    for statement in copied.body:
        name = statement.targets[0].id if isinstance(statement, ast.Assign) and isinstance(
            statement.targets[0], ast.Name) else None
        if name is None or stores.count(name) > 1 or name in changed or isinstance(
                statement.value, (ast.Name, ast.Constant, ast.Tuple, ast.Dict, ast.List)):
            body.append(statement)
            continue
        for later in copied.body[copied.body.index(statement) + 1:]:
            _put_in(later, name, statement.value)
    if len(body) == len(copied.body):
        return None
    copied.body = body
    return copied


def _put_in(node: ast.AST, name: str, value: ast.expr) -> None:
    """Every read of `name` below `node` replaced by a copy of `value`."""
    for field, child in ast.iter_fields(node):
        if isinstance(child, ast.Name) and child.id == name and isinstance(child.ctx, ast.Load):
            setattr(node, field, copy.deepcopy(value))
        elif isinstance(child, list):
            child[:] = [copy.deepcopy(value) if isinstance(c, ast.Name) and c.id == name
                        and isinstance(c.ctx, ast.Load) else c for c in child]
            for c in child:
                if isinstance(c, ast.AST):
                    _put_in(c, name, value)
        elif isinstance(child, ast.AST):
            _put_in(child, name, value)


# A program written inline, for each that has a name to write so (not a model's: its lines
# are calls of the course's functions).
SPELLED = [f"{name}/inline" for name in list(SOURCES) if "/" not in name
           and name not in ("two_layer_model", "L_layer_model", "predict")
           and _inlined(_TREES[name]) is not None]
_TREES.update({key: _inlined(_TREES[base(key)]) for key in SPELLED})


def equation(name: str, line: int) -> str:
    """The equation the statement at `line` of the program computes, from its `# (n)`; ""
    when none."""
    lines = SOURCES[name if name in SOURCES else base(name)].splitlines()
    statements = [n for n in ast.walk(_TREES[name]) if isinstance(n, ast.stmt)
                  and not isinstance(n, (ast.For, ast.If)) and n.lineno == line]
    end = max((n.end_lineno or line for n in statements), default=line)
    found = re.search(r"#\s*(\(\d+\))", "\n".join(lines[line - 1:end]))
    # A line written inline keeps the places of what it took in (s's line, dZ's line).
    taken = sorted({getattr(n, "lineno", line) for s in statements for n in ast.walk(s)})
    found = found or next(filter(None, (re.search(r"#\s*(\(\d+\))", lines[t - 1])
                                        for t in taken if t != line)), None)
    return found.group(1) if found else ""


class _Copy:
    """`copy` for the programs: deepcopy of a dict of arrays (the parameters update_parameters
    copies at each of a model's 101 iterations) made without copy.deepcopy's bookkeeping."""

    @staticmethod
    def deepcopy(value: Any) -> Any:
        if isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
            return {k: v.copy() for k, v in value.items()}
        return copy.deepcopy(value)


def namespace(name: str, helpers: dict[str, Callable] | None = None, pure: bool = False,
              raising: bool = False) -> dict[str, Any]:
    """What a program sees: NumPy, math, copy and the course functions it calls. Each
    callee is tinygraph's (the learner's function is checked with those), but a model and
    predict run on the course's code throughout (`pure`: the same numbers, made quick for
    101 iterations) unless `raising` (to raise tinygraph's errors, as the learner's model
    did); `helpers` replaces some (a changed callee)."""
    names: dict[str, Any] = {"np": np, "math": math, "copy": _Copy}
    pure = pure or (not raising and (name in _MODELS or name == "predict"))
    for callee in CALLS[name if name in CALLS else base(name)]:
        names[callee] = compiled(callee, pure=True) if pure else getattr(nb, callee)
    if name in _MODELS:  # (the other course functions too: one may be called for another)
        for other in (c for c in SOURCES if "/" not in c and c not in names
                      and c not in (*_MODELS, "predict")):
            names[other] = compiled(other, pure=True) if pure else getattr(nb, other)
        names["initialize_parameters_deep"] = nb.app_initialize_parameters_deep
    names.update(helpers or {})
    return names


def build(function: ast.FunctionDef, names: dict[str, Any]) -> Callable:
    """A function from its syntax tree, seeing `names`."""
    module = ast.Module(body=[function], type_ignores=[])  # every node has its place
    code = compile(module, f"<the course's {function.name}>", "exec")
    scope: dict[str, Any] = dict(names)
    exec(code, scope)  # noqa: S102 - the course's own code, held to the notebook by a test
    made = scope[function.name]
    assert isinstance(made, types.FunctionType)
    return made


def fresh(name: str, names: dict[str, Any]) -> Callable:
    """The course's program of `name`, unchanged, seeing `names` (a changed callee)."""
    if name not in _CODE:
        _CODE[name] = compile(ast.Module(body=[_TREES[name]], type_ignores=[]),
                              f"<the course's {name}>", "exec")
    scope: dict[str, Any] = dict(names)
    exec(_CODE[name], scope)  # noqa: S102 - as in build
    return scope[name]


_CODE: dict[str, types.CodeType] = {}
_COMPILED: dict[tuple[str, bool], Callable] = {}


def compiled(name: str, pure: bool = False) -> Callable:
    """The course's program of `name`, unchanged (`pure`: its callees the course's code)."""
    if (name, pure) not in _COMPILED:
        _COMPILED[name, pure] = build(tree(name), namespace(name, pure=pure))
    return _COMPILED[name, pure]
