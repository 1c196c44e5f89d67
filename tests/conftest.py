"""Shared fixtures. The course's data is found through TINYGRAPH_DATA, never a fixed path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

COURSE_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")


@pytest.fixture(scope="session")
def course_data_dir() -> Path:
    """The directory with the course's cat/non-cat h5 files.

    Skipped with the reason when TINYGRAPH_DATA is unset or incomplete, and failed instead
    under CI=true: there the data must be present and these tests must run.
    """
    where = os.environ.get("TINYGRAPH_DATA")
    missing = [f for f in COURSE_FILES if not where or not (Path(where) / f).is_file()]
    if missing:
        reason = (f"the course's data is not available: set TINYGRAPH_DATA to a directory "
                  f"holding {', '.join(COURSE_FILES)} (now {where!r}, missing {missing})")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return Path(where)
