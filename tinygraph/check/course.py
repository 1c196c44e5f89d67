"""The course's helper modules, supplied by tinygraph while a learner's file is checked.

The course's notebooks begin with `from dnn_utils import sigmoid, relu, ...`,
`from testCases import *`, `from public_tests import *` and, in the Application,
`from dnn_app_utils_v3 import *`. `course_modules()` puts tinygraph's versions of those four
into `sys.modules` for the time of a check only, and takes them out again:

    >>> with course_modules():
    ...     from dnn_utils import relu_backward
    ...     relu_backward(np.array([[1.0, 2.0]]), np.array([[-1.0, 3.0]]))
    array([[0., 2.]])
    >>> import sys; "dnn_utils" in sys.modules
    False

`reference(name)` is the function the learner's `name` is checked against; the Application's
functions see the Application's `initialize_parameters_deep` (seed 1, randn / sqrt(n_prev)).
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import notebook as nb
from ..errors import InputError

# The functions a learner writes, in the order of the course's two notebooks.
SBS = ["initialize_parameters", "initialize_parameters_deep", "linear_forward",
       "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
       "linear_activation_backward", "L_model_backward", "update_parameters"]
APP = ["two_layer_model", "L_layer_model", "predict"]
FUNCTIONS = SBS + APP
# The course gives these in dnn_utils; they are checked too when a learner writes their own.
HELPERS = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]
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


def _module(name: str, doc: str, functions: dict[str, Callable]) -> types.ModuleType:
    module = types.ModuleType(name, doc)
    module.__dict__.update(functions)
    module.__all__ = sorted(functions)
    return module


def _public_tests() -> dict[str, Callable]:
    """`linear_forward_test(linear_forward)` ... : each checks one function and prints."""
    def make(name: str) -> Callable:
        def test(target: Callable, *args: object) -> None:
            from . import check_function  # the checker sits above this module

            result = check_function(name, target)
            print("All tests passed." if result.status == "ok" else result.text())
        test.__name__ = f"{name}_test"
        return test
    return {f"{name}_test": make(name) for name in FUNCTIONS}


def _test_cases() -> dict[str, Callable]:
    """`linear_forward_test_case()` ...: the course's inputs for each function."""
    from .cases import course_case

    def make(name: str) -> Callable:
        def case() -> tuple:
            # As the course's: without the activation or learning rate, compute_cost's as (Y, AL)
            args = tuple(a for a in course_case(name).args if not isinstance(a, (str, float)))
            return args[::-1] if name == "compute_cost" else args
        case.__name__ = f"{name}_test_case"
        return case
    names = [n for n in SBS if n not in ("initialize_parameters", "initialize_parameters_deep")]
    return {f"{name}_test_case": make(name) for name in names}


def load_data() -> None:
    """The course's loader is here so `from dnn_app_utils_v3 import load_data` works; a
    check never loads data (only definitions run), so calling it is a mistake."""
    raise InputError("tinygraph check supplies dnn_app_utils_v3 without the course's data: "
                     "load_data() is not run during a check")


def print_mislabeled_images(*args: object) -> None:
    """A no-op here: a check draws no pictures."""


def _modules() -> dict[str, types.ModuleType]:
    helpers = {name: getattr(nb, name) for name in HELPERS}
    app = {name: f for name, f in app_namespace().items()
           if name not in ("two_layer_model", "L_layer_model")}  # the learner writes these two
    app.update(load_data=load_data, print_mislabeled_images=print_mislabeled_images)
    modules = {
        "dnn_utils": _module("dnn_utils", "tinygraph's dnn_utils: the course's activations",
                             helpers),
        "testCases": _module("testCases", "tinygraph's testCases: the course's inputs",
                             _test_cases()),
        "public_tests": _module("public_tests", "tinygraph's public_tests: each runs "
                                "`tinygraph check` on one function", _public_tests()),
        "dnn_app_utils_v3": _module("dnn_app_utils_v3", "tinygraph's dnn_app_utils_v3", app),
    }
    return {name: modules[OLDER_NAMES.get(name, name)] for name in MODULE_NAMES}


# The names earlier copies of the course's notebooks import the same modules by.
OLDER_NAMES = {"dnn_utils_v2": "dnn_utils", "testCases_v4a": "testCases",
               "testCases_v4": "testCases", "testCases_v3": "testCases",
               "testCases_v2": "testCases", "dnn_app_utils_v2": "dnn_app_utils_v3"}
MODULE_NAMES = ("dnn_utils", "testCases", "public_tests", "dnn_app_utils_v3", *OLDER_NAMES)


@contextlib.contextmanager
def course_modules() -> Iterator[None]:
    """tinygraph's dnn_utils, testCases, public_tests, dnn_app_utils_v3 importable, for now.

    Modules of those names that were there before (the course's own, in Coursera's Jupyter)
    are put back afterwards; nothing is left behind."""
    saved = {name: sys.modules.get(name) for name in MODULE_NAMES}
    sys.modules.update(_modules())
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


_PACKAGE = str(Path(__file__).resolve().parent.parent)


def is_supplied(obj: object) -> bool:
    """True for tinygraph's own functions and those of the course's helper modules."""
    code = getattr(obj, "__code__", None)
    if code is not None and str(Path(code.co_filename).resolve()).startswith(_PACKAGE):
        return True
    return getattr(obj, "__module__", None) in MODULE_NAMES
