"""The wall clock wyber stamps records with: aware, in UTC.

A module of its own so the app can name its default clock without loading the store.
"""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
