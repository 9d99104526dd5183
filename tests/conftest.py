"""Fixtures more than one test module asks for by name."""

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def amsterdam_time() -> Iterator[None]:
    """Local times on screen (the agenda's end, the sessions' openings) as in Amsterdam."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()
