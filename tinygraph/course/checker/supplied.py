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
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Callable, Iterator

from ...errors import InputError
from .. import notebook as nb
from .cases import course_case
from .course import FUNCTIONS, HELPERS, MODULE_NAMES, OLDER_NAMES, SBS, app_namespace
from .run import check_one


def _module(name: str, doc: str, functions: dict[str, Callable]) -> types.ModuleType:
    module = types.ModuleType(name, doc)
    module.__dict__.update(functions)
    module.__all__ = sorted(functions)
    return module


def _public_tests() -> dict[str, Callable]:
    """`linear_forward_test(linear_forward)` ... : each checks one function and prints."""
    def make(name: str) -> Callable:
        def test(target: Callable, *args: object) -> None:
            result = check_one(name, target)  # the helper modules are in place: a check runs
            print("All tests passed." if result.status == "ok" else result.text())
        test.__name__ = f"{name}_test"
        return test
    return {f"{name}_test": make(name) for name in FUNCTIONS}


def _test_cases() -> dict[str, Callable]:
    """`linear_forward_test_case()` ...: the course's inputs for each function."""
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
