"""How long `tinygraph check` takes for one learner's file, warm: the course's solution
(tests/learners/correct.py), and the same file with one realistic mistake in each of the 17
functions a learner may write (the 13 of the course and dnn_utils' four), where the time goes.

    $ .venv/bin/python benchmarks/bench_check.py
    $ .venv/bin/python benchmarks/bench_check.py --runs 9

A benchmark that prints its times, not a test: they depend on the machine and its load.
`check(path)` checks the file in a child process, as `tinygraph check FILE` does; the time
per function is measured in this process (the child's work, without the fork), from the
moment the check starts on one function to the moment it starts on the next.

    >>> text = all_wrong()
    >>> sum(old in correct() and old not in text for _, old, _ in MISTAKES.values())
    17
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import statistics
import tempfile
import time
from pathlib import Path

from tinygraph.checker import check
from tinygraph.checker.course import ORDER
from tinygraph.checker.limits import Progress
from tinygraph.checker.load import load
from tinygraph.checker.namespace import check_namespace

LEARNERS = Path(__file__).resolve().parent.parent / "tests" / "learners"

# dnn_utils' four, written by the learner (the file imports them from dnn_utils).
HELPERS = '''

def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache


def relu(Z):
    A = np.maximum(0, Z)
    cache = Z
    return A, cache


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ
'''
PREDICT = '''

def predict(X, y, parameters):
    m = X.shape[1]
    p = np.zeros((1, m))
    probas, caches = L_model_forward(X, parameters)
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
'''
_IMPORT = "from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward\n"
_TAIL = "\n\n# The course's test calls"

# {function: (kind, the course's text in correct(), what the learner wrote instead)}
MISTAKES = {
    "sigmoid": ("sign", "A = 1 / (1 + np.exp(-Z))", "A = 1 / (1 + np.exp(Z))"),
    "relu": ("a raise", "A = np.maximum(0, Z)", "A = np.max(0, Z)"),
    "sigmoid_backward": ("sign", "dZ = dA * s * (1 - s)", "dZ = dA * s * (s - 1)"),
    "relu_backward": ("wrong mask", "dZ[Z <= 0] = 0", "dZ[dA <= 0] = 0"),
    "initialize_parameters": ("scale", "W2 = np.random.randn(n_y, n_h) * 0.01",
                              "W2 = np.random.randn(n_y, n_h)"),
    "initialize_parameters_deep": (
        "off-by-one in a loop", "    L = len(layer_dims)\n    for l in range(1, L):",
        "    L = len(layer_dims)\n    for l in range(1, L - 1):"),
    "linear_forward": ("transpose", "Z = np.dot(W, A) + b", "Z = np.dot(A.T, W.T).T + b.T"),
    "linear_activation_forward": ("wrong cache", "cache = (linear_cache, activation_cache)",
                                  "cache = (linear_cache, A)"),
    "L_model_forward": ("off-by-one in a loop",
                        "    L = len(parameters) // 2\n    for l in range(1, L):\n        A_prev",
                        "    L = len(parameters) // 2\n    for l in range(L - 1):\n        A_prev"),
    "compute_cost": ("sign", "cost = -1 / m * np.sum", "cost = 1 / m * np.sum"),
    "linear_backward": ("axis", "db = 1 / m * np.sum(dZ, axis=1, keepdims=True)",
                        "db = 1 / m * np.sum(dZ, axis=0, keepdims=True)"),
    "linear_activation_backward": (
        "swapped functions", "        dZ = sigmoid_backward(dA, activation_cache)",
        "        dZ = relu_backward(dA, activation_cache)"),
    "L_model_backward": ("sign", "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                         "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
    "update_parameters": ("sign", '- learning_rate * grads["db" + str(l + 1)]',
                          '+ learning_rate * grads["db" + str(l + 1)]'),
    "two_layer_model": ("swapped arguments", "parameters = initialize_parameters(n_x, n_h, n_y)",
                        "parameters = initialize_parameters(n_h, n_x, n_y)"),
    "L_layer_model": ("swapped arguments", "grads = L_model_backward(AL, Y, caches)",
                      "grads = L_model_backward(Y, AL, caches)"),
    "predict": ("comparison reversed", "if probas[0, i] > 0.5:", "if probas[0, i] < 0.5:"),
}


def correct() -> str:
    """correct.py with the four helpers and predict written out, its test calls dropped."""
    text = (LEARNERS / "correct.py").read_text()
    text = text.replace(_IMPORT, "").split(_TAIL)[0]
    return text + HELPERS + PREDICT + "\n"


def all_wrong() -> str:
    """correct() with each function's mistake in MISTAKES."""
    text = correct()
    for name, (_, old, new) in MISTAKES.items():
        assert text.count(old) == 1, name
        text = text.replace(old, new)
    return text


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the checks')."""
    mine, theirs = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                    resource.RUSAGE_CHILDREN))
    return mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime


def _median_check(path: Path, runs: int) -> tuple[float, list[float], float, object]:
    """Median wall seconds of `check(path)`, each run's, and the median CPU seconds (the
    parent's and the child's: less moved by the machine's other work than the wall)."""
    for _ in range(2):  # warm: imports, and what a second check of a process keeps (warm.py)
        check(path)
    times, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), _cpu()
        report = check(path)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - used)
    return statistics.median(times), times, statistics.median(cpu), report


class _Clock(Progress):
    """The time from the start of one function's check to the start of the next."""

    def __init__(self) -> None:
        self.started: list[tuple[str, float]] = []

    def checking(self, name: str) -> None:
        self.started.append((name, time.perf_counter()))


def per_function(path: Path, runs: int) -> dict[str, float]:
    """{function: median seconds of its check}, in this process."""
    seen: dict[str, list[float]] = {}
    for _ in range(runs):
        clock = _Clock()
        with contextlib.redirect_stdout(io.StringIO()):  # (the child's is captured too)
            learner = load(path)
            check_namespace(vars(learner.module), path.name, learner, progress=clock)
        end = time.perf_counter()
        marks = clock.started + [("", end)]
        for (name, t0), (_, t1) in zip(marks, marks[1:], strict=False):
            seen.setdefault(name, []).append(t1 - t0)
    return {name: statistics.median(seen[name]) for name in ORDER if name in seen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tinygraph-check-"))
    files = {"(a) correct": correct(), "(b) every function wrong": all_wrong()}
    reports = {}
    print(f"check(path), warm, median of {args.runs}:")
    for label, text in files.items():
        path = folder / ("correct.py" if label.startswith("(a)") else "all_wrong.py")
        path.write_text(text)
        median, times, cpu, reports[label] = _median_check(path, args.runs)
        print(f"  {label:28} {median:5.2f} s   ({', '.join(f'{t:.2f}' for t in times)}); "
              f"CPU {cpu:.2f} s")
    report = reports["(b) every function wrong"]
    times = per_function(folder / "all_wrong.py", args.runs)
    print(f"(c) where (b)'s time goes, in this process, median of {args.runs}: "
          f"{sum(times.values()):.2f} s")
    print(f"  {'function':28} {'mistake':22} {'s':>5}  explained as")
    for name, seconds in times.items():
        result = report[name]
        print(f"  {name:28} {MISTAKES[name][0]:22} {seconds:5.2f}  "
              f"{result.status}: {result.explanation}")


if __name__ == "__main__":
    main()
