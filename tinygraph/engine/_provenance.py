"""Where the user's code made each node: the (file, line) the debugger and the stepper show.

Looked up when a node is made, as the first frame of the call stack outside the tinygraph
package. A builder that makes a whole graph for one call of the user's (`Network.cost`) looks
it up once for all of its nodes (`at_user_call`): walking the stack makes a Python frame
object per level, a tenth of a small net's iteration if done for every node.

    >>> import tinygraph as tg
    >>> X, Y = at_user_call(lambda: (tg.tensor([[1.0]], name="X"), tg.tensor([[0.0]])))
    >>> X.created_at == Y.created_at   # the line above, for both
    True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

Built = TypeVar("Built")

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tinygraph/

# While a builder runs: the user's call it serves, found once.
_user_call: ContextVar[tuple[str, int] | None] = ContextVar("user_call", default=None)


def user_line() -> tuple[str, int]:
    """(file, line) of the user's code that is making a node now."""
    return _user_call.get() or _user_frame()


def at_user_call(build: Callable[[], Built]) -> Built:
    """`build()`, every node it makes created at the user's call, looked up once."""
    if _user_call.get() is not None:  # inside another builder: its user's call stands
        return build()
    token = _user_call.set(_user_frame())
    try:
        return build()
    finally:
        _user_call.reset(token)


def at_line(line: tuple[str, int], build: Callable[[], Built]) -> Built:
    """`build()`, every node it makes created at `line`, found before (a graph made again from
    a replay, engine/_replay.py: no frame to walk)."""
    token = _user_call.set(line)
    try:
        return build()
    finally:
        _user_call.reset(token)


def _user_frame() -> tuple[str, int]:
    """(file, line) of the first caller outside the tinygraph package: where the user made it."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(PACKAGE_DIR):
        frame = frame.f_back
    if frame is None:
        return ("<unknown>", 0)
    return (frame.f_code.co_filename, frame.f_lineno)
