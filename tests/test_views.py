"""What a learner sees in Jupyter: HTML views of a node, the grads dictionary, a debugger
step, a gradcheck report, and the stepper in a kernel that cannot read input.

The views are plain functions (tinygraph.views.tables, tinygraph.player.debugger_html);
`views.register.show_in_jupyter` hands them to a running IPython, checked here with a real
shell and, for the stepper, a real kernel run by nbclient.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pytest
from conftest import missing

import tinygraph as tg
from tinygraph.stepper import demo_cost
from tinygraph.views import register
from tinygraph.views import tables as views


def text_of(markup: str) -> str:
    """The text a reader sees, tags dropped, whitespace collapsed."""
    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append
    parser.feed(markup)
    return " ".join(" ".join(parts).split())


def test_a_tensor_shows_its_node_shape_values_and_gradient():
    W1 = tg.parameter([[1.0, -2.0], [0.5, 0.0]], name="W1", layer=1)
    seen = text_of(views.tensor_html(W1))
    assert "W1 (parameter, layer 1, created at" in seen
    assert "(2, 2)" in seen and "[[ 1. -2. ] [ 0.5 0. ]]" in seen
    assert "dW1 not computed yet" in seen
    W1.grad = np.array([[3.0, 0.0], [0.0, -4.0]])  # |g| = 5, by hand
    assert "dW1 |g| = 5 [[ 3. 0.] [ 0. -4.]]" in text_of(views.tensor_html(W1))
    X = tg.tensor(np.zeros((2, 30)), name="X")
    seen = text_of(views.tensor_html(X))
    assert "(2, 30) array: min 0, mean 0, max 0" in seen  # 60 numbers: a summary
    assert "dX none: data needs no gradient" in seen


def test_the_courses_grads_dictionary_is_a_table_in_the_courses_order():
    cost = demo_cost([4, 3, 1], examples=3)
    tg.backward(cost)
    grads = tg.course_grads(cost)
    assert isinstance(grads, dict)  # still the course's plain dictionary
    markup = views.grads_html(grads)
    names = re.findall(r"<code>(d\w+)</code>", markup)
    assert names == list(grads)
    db1 = grads["db1"]
    assert f"{np.sqrt((db1 ** 2).sum()):.4g}" in markup
    with pytest.raises(tg.InputError, match=r"no gradients yet: call tg.backward\(cost\) first"):
        tg.course_grads(demo_cost([4, 3, 1]))


def test_a_debugger_step_shows_its_rule_with_the_numbers():
    dbg = tg.Debugger(demo_cost([4, 3, 1], examples=3))
    dbg.step()
    step = dbg.step()
    seen = text_of(views.step_html(step))
    assert seen.startswith("step 2: Z2 (add_bias, layer 2); arrives dZ2 (1, 3); sends "
                           "d(W2@A1) (1, 3), db2 (1, 1)")
    assert ("db2 = np.sum(dZ2, axis=1, keepdims=True) (1, 1) = np.sum((1, 3), axis=1, "
            "keepdims=True) # (9)") in seen


def test_a_gradcheck_report_is_a_table_that_marks_the_wrong_rows():
    from tinygraph.contrib import tanh  # noqa: F401  (the learner's op module)
    from tinygraph.debug.gradcheck import GradcheckReport, GradcheckRow

    report = GradcheckReport((GradcheckRow("W1", (3, 4), 12, 1e-9, True),
                              GradcheckRow("b1", (3, 1), 3, 0.5, False, kinks=1,
                                           worst_entry=(2, 0), worst_values=(0.25, 0.75))),
                             2e-7, 1e-7)
    markup = views.gradcheck_html(report)
    seen = text_of(markup)
    assert "W1 (3, 4) 12 1.000e-09 ok" in seen
    assert "b1 (3, 1) 3 5.000e-01 WRONG (1 at a kink, compared one-sided): b1[2, 0] is" in seen
    assert "1 of 2 parameters disagree: b1" in seen
    assert markup.count("color: #d62728") == 1


# --- in IPython --------------------------------------------------------------------------------


@pytest.fixture
def shell():
    try:
        from IPython.core.interactiveshell import InteractiveShell
    except ImportError:
        missing("IPython is not installed (the notebook extra installs it)")
    ip = InteractiveShell.instance()
    yield ip
    InteractiveShell.clear_instance()


def test_in_ipython_each_object_displays_as_html(shell):
    assert register.show_in_jupyter()
    cost = demo_cost([4, 3, 1], examples=3)
    tg.backward(cost)
    dbg = tg.Debugger(cost)
    html_of = {name: shell.display_formatter.format(obj)[0].get("text/html", "")
               for name, obj in [("debugger", dbg), ("tensor", cost), ("grads",
                                 tg.course_grads(cost)), ("step", dbg.step()),
                                 ("report", tg.gradcheck(cost))]}
    assert html_of["debugger"].startswith('<div class="tg-stepper"')
    assert "Tensor" in html_of["tensor"] and "cost (cross_entropy" in text_of(html_of["tensor"])
    assert "<code>dW1</code>" in html_of["grads"]
    assert text_of(html_of["step"]).startswith("step 1: cost")
    assert "parameters agree with central differences" in html_of["report"]
    text = shell.display_formatter.format(tg.gradcheck(cost))[0]["text/plain"]
    assert text.startswith("parameter  shape") and "GradcheckRow(" not in text


def test_in_a_real_kernel_the_stepper_and_the_debugger_show_inline(dot_program):
    try:
        import nbclient
        import nbformat
    except ImportError:
        missing("nbclient is not installed (the notebook extra installs it)")
    cells = ["from tinygraph.stepper import Stepper, demo_cost\n"
             "Stepper(demo_cost([4, 3, 1], examples=3)).run()",
             "import tinygraph as tg\n"
             "cost = demo_cost([4, 3, 1], examples=3)\n"
             "tg.backward(cost)\n"
             "tg.Debugger(cost)",
             "tg.course_grads(cost)"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    # a cell ending in a Debugger shows the stepper; the grads it left in place, a table
    [debugger] = notebook.cells[1].outputs
    assert debugger.data["text/html"].startswith('<div class="tg-stepper"')
    [grads] = notebook.cells[2].outputs
    assert "<code>dW1</code>" in grads.data["text/html"]
    outputs = notebook.cells[0].outputs
    assert [o.output_type for o in outputs if o.output_type == "error"] == []
    said = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "This kernel cannot read input (no stdin)" in said
    shown = [o.data["text/html"] for o in outputs if o.output_type == "display_data"]
    assert len(shown) == 1 and shown[0].startswith('<div class="tg-stepper"')
    assert "step 1/10: cost" in re.sub(r"<script>.*?</script>", "", shown[0], flags=re.S)
    # the first step visible, before any JavaScript
