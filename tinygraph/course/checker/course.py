"""The course's functions a learner writes, and the reference each is checked against.

`reference(name)` is the function the learner's `name` is checked against; the Application's
functions see the Application's `initialize_parameters_deep` (seed 1, randn / sqrt(n_prev)).

    >>> FUNCTIONS[:3]
    ['initialize_parameters', 'initialize_parameters_deep', 'linear_forward']
    >>> reference("linear_forward").__module__
    'tinygraph.course.notebook'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...errors import InputError
from .. import notebook as nb

# The functions a learner writes, in the order of the course's two notebooks.
SBS = ["initialize_parameters", "initialize_parameters_deep", "linear_forward",
       "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
       "linear_activation_backward", "L_model_backward", "update_parameters"]
APP = ["two_layer_model", "L_layer_model", "predict"]
FUNCTIONS = SBS + APP
# The course gives these in dnn_utils; they are checked too when a learner writes their own.
HELPERS = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]
# What the course's caches hold, in order: linear_forward's, the activation's, and
# linear_activation_forward's (the checks that say what a learner's tuple holds read them here).
CACHES = {"linear_cache": ("A_prev", "W", "b"), "activation_cache": ("Z",),
          "cache": ("linear_cache", "activation_cache")}


def holds(cache: str) -> str:
    """What one of the course's caches holds, in its words.

        >>> holds("cache"), holds("activation_cache")
        ('(linear_cache, activation_cache)', 'Z')
    """
    parts = CACHES[cache]
    return parts[0] if len(parts) == 1 else f"({', '.join(parts)})"


# The order of a report: each helper just before the first function that uses it.
ORDER = [*SBS[:3], "sigmoid", "relu", *SBS[3:6], "sigmoid_backward", "relu_backward",
         *SBS[6:], *APP]


def sbs_namespace() -> dict[str, Callable]:
    """Every course function and helper, as "Step by Step" defines them."""
    return {name: getattr(nb, name) for name in FUNCTIONS + HELPERS}


def app_namespace() -> dict[str, Callable]:
    """The same, with the Application's `initialize_parameters_deep` (dnn_app_utils_v3)."""
    return {**sbs_namespace(), "initialize_parameters_deep": nb.app_initialize_parameters_deep}


def reference_namespace(name: str) -> dict[str, Callable]:
    """The course functions the learner's `name` sees while it is checked in isolation."""
    return app_namespace() if name in APP else sbs_namespace()


def reference(name: str) -> Callable:
    return reference_namespace(name)[name]


# The names earlier copies of the course's notebooks import the same modules by.
OLDER_NAMES = {"dnn_utils_v2": "dnn_utils", "testCases_v4a": "testCases",
               "testCases_v4": "testCases", "testCases_v3": "testCases",
               "testCases_v2": "testCases", "dnn_app_utils_v2": "dnn_app_utils_v3"}
MODULE_NAMES = ("dnn_utils", "testCases", "public_tests", "dnn_app_utils_v3", *OLDER_NAMES)


_PACKAGE = str(Path(__file__).resolve().parents[2])  # tinygraph/


def is_supplied(obj: object) -> bool:
    """True for tinygraph's own functions and those of the course's helper modules."""
    code = getattr(obj, "__code__", None)
    if code is not None and str(Path(code.co_filename).resolve()).startswith(_PACKAGE):
        return True
    return getattr(obj, "__module__", None) in MODULE_NAMES


class CheckError(InputError):
    """The file cannot be checked: missing, not .py/.ipynb, or not valid Python."""
