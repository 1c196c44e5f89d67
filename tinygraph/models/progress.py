"""Training's progress in a notebook: one output, updated in place, that stays readable.

`fit` in a Jupyter kernel shows a `Progress` with a display handle and updates it a few times
a second; the last update is what the notebook keeps. It is text and HTML, never a widget,
so a notebook saved and reopened without a kernel, executed by nbconvert, or shown on
GitHub reads "training 2500/2500 ... done", not "Error displaying widget". (On a terminal,
`fit` uses tqdm's bar on stderr instead.) `gradcheck` shows the same bar, saying "gradcheck",
once a check has taken a second.

    >>> p = Progress(total=100)
    >>> p.done, p.cost = 100, 0.6931
    >>> p.finished = True
    >>> p
    training 100/100 [##############################] cost 0.693100, 0.0 s, done

The HTML (`views.progress`) is handed to IPython by class name, as every view is.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any

WIDTH = 30  # characters of the text bar
EVERY = 0.25  # seconds between two updates of the notebook's output


@dataclass
class Progress:
    """Where training is: `done` of `total` iterations, the last cost recorded, the time
    so far; `finished` once training ended, `stopped` says why it ended early."""

    total: int
    done: int = 0
    cost: float | None = None
    seconds: float = 0.0
    finished: bool = False
    stopped: str = ""
    what: str = "training"  # the job, the bar's first word

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    def words(self) -> list[str]:
        """`training 20/20`, `cost 0.689050`, `0.6 s`, `done`: what the bar says."""
        words = [f"{self.what} {self.done}/{self.total}"]
        if self.cost is not None:
            words.append(f"cost {self.cost:.6f}")
        words.append(f"{self.seconds:.1f} s")
        if self.stopped:
            words.append(f"stopped: {self.stopped}")
        elif self.finished:
            words.append("done")
        return words

    def __repr__(self) -> str:
        filled = round(WIDTH * self.fraction)
        first, *rest = self.words()
        bar = f"{first} [{'#' * filled}{'.' * (WIDTH - filled)}]"
        return " ".join([bar, ", ".join(rest)])


@dataclass
class NotebookBar:
    """What `fit` calls a bar (tqdm's update, set_postfix, write, close), drawn as one
    notebook output updated in place (IPython's display handle)."""

    progress: Progress
    handle: Any = None
    start: float = field(default_factory=time.perf_counter)
    shown_at: float = 0.0
    delay: float = 0.0  # seconds before the bar appears: a quick job leaves no bar

    @classmethod
    def show(cls, total: int, what: str = "training", delay: float = 0.0) -> NotebookBar:
        bar = cls(Progress(total, what=what), delay=delay)
        if delay <= 0:
            bar._display()
        return bar

    def _display(self) -> None:
        from IPython.display import display  # only in a kernel, where IPython is

        self.handle = display(self.progress, display_id=True)

    def _refresh(self, force: bool = False) -> None:
        now = time.perf_counter()
        self.progress.seconds = now - self.start
        if self.handle is None and self.progress.seconds >= self.delay:
            self._display()  # a job that has taken `delay` seconds: show it from now on
            self.shown_at = now
        elif force or now - self.shown_at >= EVERY:
            self.shown_at = now
            if self.handle is not None:
                self.handle.update(self.progress)

    def update(self, n: int = 1) -> None:
        self.progress.done += n
        self._refresh()

    def set_postfix(self, cost: str | float, refresh: bool = False) -> None:
        self.progress.cost = float(cost)
        self._refresh(force=refresh)

    def write(self, line: str) -> None:
        print(line)  # under the bar, in the cell's output

    def close(self) -> None:
        self.progress.finished = True
        self._refresh(force=True)  # the last state is what the saved notebook keeps


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, Notebook, VS Code, nbclient)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"
