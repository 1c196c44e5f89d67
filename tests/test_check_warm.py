"""What makes a check quicker must not change what it says: the course's side made once per
process (warm.py), a model's change cut short where it cannot agree (training.py)."""

from __future__ import annotations

import numpy as np

from tinygraph.checker import check_function, training, warm
from tinygraph.checker.cases import cases

# bench_check.py's L_layer_model: L_model_backward's arguments in another order, its
# weights NaN after one iteration and an error raised at the next (i = 1 of 101).
SWAPPED = '''
import numpy as np

def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(Y, AL, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
'''


def _model():
    scope: dict = {}
    exec(compile(SWAPPED, "mine.py", "exec"), scope)
    return scope["L_layer_model"]


def test_a_model_change_cut_short_is_explained_as_when_it_runs_whole(monkeypatch):
    iterations = []
    run = training.run

    def counted(made, case):
        iterations.append(case.kwargs.get("num_iterations"))
        return run(made, case)

    monkeypatch.setattr(training, "run", counted)
    short = check_function("L_layer_model", _model())
    assert 3 in iterations  # (changes cut short after i = 1 + 1: theirs raised at i = 1)
    monkeypatch.setattr(training, "run", run)
    whole_runs = []

    def whole(made, case, got, name, lenient, probe=None):
        whole_runs.append(case.kwargs.get("num_iterations"))
        return training.run(made, case)

    monkeypatch.setattr("tinygraph.checker.mutants.run_model", whole)
    whole_report = check_function("L_layer_model", _model())
    assert whole_runs  # (the search did run changes on whole cases)
    assert short.explanation == whole_report.explanation is not None
    assert short.hint == whole_report.hint
    assert "L_model_backward(Y, AL, caches)" in short.hint


def test_the_course_outcomes_are_made_once_and_handed_out_as_copies():
    all_cases = cases("update_parameters")
    first = warm.expected("update_parameters", all_cases)
    first[0].value["W1"][...] = 0.0  # what a caller does to its copy stays there
    again = warm.expected("update_parameters", all_cases)
    assert np.any(again[0].value["W1"] != 0.0)
    assert [o.value.keys() for o in again] == [o.value.keys() for o in first]


def test_warming_leaves_the_learners_random_numbers_as_they_were():
    np.random.seed(5)
    state = np.random.get_state()
    warm.warm()
    assert np.array_equal(np.random.get_state()[1], state[1])
    assert warm.warm() == 0.0  # once per process
