"""The calls shown in the core modules' docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pytest

import tinygraph as tg

CORE = ["tinygraph", "tinygraph.errors", "tinygraph.tensor", "tinygraph.ops",
        "tinygraph.autograd", "tinygraph.nn", "tinygraph.notebook"]


@pytest.mark.parametrize("module_name", CORE)
def test_docstring_examples_run(module_name):
    module = importlib.import_module(module_name)
    globs = {"np": np, "tg": tg, **vars(module)}
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(module, module_name, globs=globs)
    # Docstrings of one module share their names, as a reader going top to bottom would.
    for test in sorted(tests, key=lambda t: t.lineno or 0):
        test.globs = globs
        runner.run(test, clear_globs=False)
    assert runner.failures == 0, f"{runner.failures} docstring example(s) failed in {module_name}"
    assert sum(len(t.examples) for t in tests) > 0
