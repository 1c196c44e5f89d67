"""The bounds of a check inside its process: each call's time limit, and a Ctrl-C told from a
learner's own `raise KeyboardInterrupt`.

    >>> import time
    >>> try:
    ...     with time_limit(0.1):
    ...         time.sleep(5)
    ... except CheckTimeout as stopped:
    ...     print(stopped)
    still running after 0.1 s: an endless loop?

An isolated check (tinygraph.checker.isolate) adds the bounds a process cannot set itself:
memory, a crash, a loop that catches every exception.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

# A learner's call that takes longer is stopped (an endless loop). The course's slowest call,
# a model's 101 iterations, takes 0.03 s; 2 s keeps a file whose 17 functions all loop under 40 s.
SECONDS = 2.0


class CheckTimeout(Exception):
    """A learner's function ran for longer than its time limit (SECONDS unless told)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"still running after {seconds:g} s: an endless loop?")
        self.seconds = seconds


class Progress:
    """What a check tells whoever watches it; this one tells nobody. An isolated check's
    child process sends each event to its parent, which stops a child that goes quiet."""

    def parsed(self, path: str, cells: list[tuple[int, int]]) -> None:
        """The file is parsed (a notebook's cells are known); its definitions run next."""

    def checking(self, name: str) -> None:
        """`name` is checked next: a crash from here on is that function's."""

    def calling(self) -> None:
        """A function (the learner's, a reference, a mistake) is about to be called."""


_interrupted = False  # a real Ctrl-C came during an in-process check (see real_interrupts)


@contextlib.contextmanager
def real_interrupts() -> Iterator[None]:
    """Tell a Ctrl-C from `raise KeyboardInterrupt` in a learner's code: the first stops the
    check, the second is that function's error. Only the main thread receives signals."""
    global _interrupted
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def pressed(signum: int, frame: Any) -> None:
        global _interrupted
        _interrupted = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, pressed)
    _interrupted = False
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def learner_error(error: BaseException) -> bool:
    """An exception a learner's code raised (and the check reports), not a Ctrl-C."""
    if isinstance(error, KeyboardInterrupt):
        return not _interrupted
    return isinstance(error, (Exception, SystemExit))


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop an endless loop with SIGALRM, where Python allows it (the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise CheckTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
