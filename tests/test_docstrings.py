"""The calls shown in the modules' docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pytest

import tinygraph as tg

# Each module, and the fewest examples its docstrings must hold (so a lost one shows).
MODULES = {
    "tinygraph": 1, "tinygraph.errors": 1, "tinygraph._layout": 2, "tinygraph.tensor": 1,
    "tinygraph.engine.validate": 4, "tinygraph.engine.probes": 3, "tinygraph.engine._fast": 2,
    "tinygraph.engine._provenance": 2, "tinygraph.engine._replay": 2,
    "tinygraph.engine._plan_code": 1, "tinygraph.ops": 2,
    "tinygraph.ops.contract": 4,
    "tinygraph.ops.course": 2, "tinygraph.ops.elementwise": 2, "tinygraph.ops.reductions": 2,
    "tinygraph.autograd": 1, "tinygraph.nn": 1, "tinygraph.notebook": 1,
    "tinygraph.data": 1, "tinygraph.train": 1, "tinygraph.models.fit": 2,
    "tinygraph.models.predict": 1, "tinygraph.render": 5, "tinygraph.render.names": 3,
    "tinygraph.render.graph": 2, "tinygraph.render.dot": 2, "tinygraph.render.output": 2,
    "tinygraph.debug": 6, "tinygraph.contrib": 4, "tinygraph.io": 1,
    "tinygraph.tools.format": 4, "tinygraph.debug.debugger": 2, "tinygraph.debug.anomaly": 2,
    "tinygraph.debug.gradcheck": 2, "tinygraph.views.tables": 3, "tinygraph.views.register": 2,
    "tinygraph.optim": 5, "tinygraph.stream": 6, "tinygraph.models.data": 4,
    "tinygraph.export": 4, "tinygraph.pytorch": 1, "tinygraph.checker.trace": 2,
    "tinygraph.checker.relations": 1, "tinygraph.checker.mistakes": 1,
    "tinygraph.checker.diagnose": 1, "tinygraph.checker.explain": 2,
    "tinygraph.checker.lines": 1, "tinygraph.checker.program": 3, "tinygraph.checker.outcome": 2,
    "tinygraph.checker.mutate": 2, "tinygraph.checker.mutants": 4,
    "tinygraph.checker.limits": 2, "tinygraph.checker.runner": 5,
    "tinygraph.checker.mutation": 1, "tinygraph.checker.moves": 1, "tinygraph.checker.pairs": 1,
    "tinygraph.checker.namespace": 5, "tinygraph.checker.isolate": 4,
    "tinygraph.checker.classroom": 6, "tinygraph.checker.report": 2,
    "tinygraph.checker.agree": 2, "tinygraph.checker.compare": 1,
    "tinygraph.checker.resemble": 3, "tinygraph.checker.spellings": 1,
    "tinygraph.checker.own": 2, "tinygraph.checker.leeway": 1,
    "tinygraph.checker.chain": 1, "tinygraph.checker.errors": 1, "tinygraph.checker.swaps": 2,
    "tinygraph.checker.layers": 3,
    "tinygraph.views.classroom": 5,
    "tinygraph.render.network": 1, "tinygraph.render.style": 1,
    "tinygraph.views.stepper": 2, "tinygraph.views.progress": 2, "tinygraph.models.progress": 4,
}


@pytest.mark.parametrize("module_name", MODULES)
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
    assert sum(len(t.examples) for t in tests) >= MODULES[module_name]
