"""Hand the views to a running IPython: what a notebook shows for each of tinygraph's objects.

Why formatters, not `_repr_html_` methods: the objects sit in lower layers (a `Tensor` is the
engine's node, a `Debugger` a tool below the views, a check's `Report` the course's) and must
not import the views above them; IPython's formatter table lets the views give them HTML
without their knowing. They are registered by the name of their class, and each view is
imported when something is first shown: registering costs `import tinygraph` nothing.

    >>> from tinygraph.views import register
    >>> register.show_in_jupyter()      # outside IPython: nothing to register with
    False
"""

from __future__ import annotations

import html
import importlib
import sys
from collections.abc import Callable
from typing import Any

from ...errors import TinygraphError

# (module of the class, class name) -> (module of the view, the view's function)
VIEWS = {
    ("tinygraph.engine.tensor", "Tensor"): ("tinygraph.tools.views.tables", "tensor_html"),
    ("tinygraph.models.nn", "CourseGrads"): ("tinygraph.tools.views.tables", "grads_html"),
    ("tinygraph.tools.debug.debugger", "DebugStep"): ("tinygraph.tools.views.tables",
                                                      "step_html"),
    ("tinygraph.tools.debug.gradcheck", "GradcheckReport"): ("tinygraph.tools.views.tables",
                                                             "gradcheck_html"),
    ("tinygraph.tools.debug.debugger", "Debugger"): ("tinygraph.tools.player", "debugger_html"),
    ("tinygraph.models.progress", "Progress"): ("tinygraph.tools.views.progress",
                                                 "progress_html"),
    ("tinygraph.course.checker.report", "Report"): ("tinygraph.tools.views.checker",
                                                    "report_html"),
    ("tinygraph.course.checker.classroom", "ClassReport"): ("tinygraph.tools.views.classroom",
                                                            "class_report_html"),
}


def _on_first_show(module: str, function: str) -> Callable[[Any], str | None]:
    """The view, imported the first time an object is shown; a view that cannot draw (no
    Graphviz) shows why instead of the picture."""
    def show(obj: Any) -> str | None:
        view = getattr(importlib.import_module(module), function)
        try:
            return view(obj)
        except TinygraphError as error:  # no Graphviz, say: the reason, in place of it
            return f"<pre>{html.escape(str(error))}</pre>"
    return show


def show_in_jupyter() -> bool:
    """Register the views with a running IPython; False when there is none."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    for (module, name), (view_module, view) in VIEWS.items():
        formatter.for_type_by_name(module, name, _on_first_show(view_module, view))
    return True
