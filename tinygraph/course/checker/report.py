"""The report of a check: text in a terminal, one JSON object (a table in Jupyter: the checker's
view, tinygraph.views.checker).

It holds no line of the learner's code, only names, numbers and line numbers, so it can be
posted on a forum as it is.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .run import Result

_MARKS = {"ok": "ok", "differs": "DIFFERS", "error": "ERROR", "missing": "missing"}


@dataclass
class Report:
    """`functions`: one Result per course function, in the course's order."""

    file: str
    functions: list[Result]
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every function that was found is right (missing ones do not count)."""
        return all(r.status in ("ok", "missing") for r in self.functions)

    @property
    def exit_status(self) -> int:
        return 0 if self.ok else 1

    def __getitem__(self, name: str) -> Result:
        for result in self.functions:
            if result.name == name:
                return result
        raise KeyError(f"the report has no function {name!r}")

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "functions": [r.as_dict() for r in self.functions]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)

    def summary(self) -> str:
        counts = {s: sum(r.status == s for r in self.functions) for s in _MARKS}
        return (f"{counts['ok']} ok, {counts['differs']} differ, {counts['error']} raised, "
                f"{counts['missing']} not found")

    def __str__(self) -> str:
        lines = [f"tinygraph check: {self.file}"]
        found = [r for r in self.functions if r.status != "missing"]
        indent = " " * 11
        for r in found:
            lines.append(f"  {_MARKS[r.status]:8} {r.name}")
            lines += [textwrap.fill(f"{label}{text}", 100, initial_indent=indent,
                                    subsequent_indent=indent + "  ")
                      for label, text in (("", r.detail), ("caused by your ", r.caused_by),
                                          ("hint: ", r.hint)) if text]
        missing = [r.name for r in self.functions if r.status == "missing"]
        if missing:
            lines.append(textwrap.fill(f"not found: {', '.join(missing)}", 100,
                                       initial_indent="  ", subsequent_indent="    "))
        lines += [f"  note: {note}" for note in self.notes]
        lines.append(self.summary())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def first_wrong_backward(self) -> Result | None:
        """The first backward function whose numbers leave the reference's (for the picture)."""
        backward = ("relu_backward", "sigmoid_backward", "linear_backward",
                    "linear_activation_backward", "L_model_backward")
        return next((r for r in self.functions if r.name in backward and r.status == "differs"
                     and r.difference is not None and r.difference.output.path), None)
