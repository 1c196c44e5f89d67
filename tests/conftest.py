"""Shared fixtures. The course's data is found through TINYGRAPH_DATA, never a fixed path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

COURSE_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")


def missing(reason: str) -> NoReturn:
    """Skip with the reason here; under CI=true, where every test must run, fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def dot_program() -> str:
    """Graphviz's `dot`: `make test` installs it."""
    found = shutil.which("dot")
    if found is None:
        missing("Graphviz's dot is not installed (make test installs it)")
    return found


@pytest.fixture
def chromium() -> str:
    """Debian's chromium, for the HTML player: `make test` installs it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        missing("chromium is not installed (`make browser` installs it with apt-get)")
    return found


@pytest.fixture(scope="session")
def course_data_dir() -> Path:
    """The directory with the course's cat/non-cat h5 files.

    Missing (see `missing`) when TINYGRAPH_DATA is unset or incomplete.
    """
    where = os.environ.get("TINYGRAPH_DATA")
    absent = [f for f in COURSE_FILES if not where or not (Path(where) / f).is_file()]
    if absent:
        missing(f"the course's data is not available: set TINYGRAPH_DATA to a directory "
                f"holding {', '.join(COURSE_FILES)} (now {where!r}, missing {absent})")
    return Path(where)
