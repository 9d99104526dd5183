"""When two series names are the same series: case and spaces aside.

A series is named by typing it, in Prepare or on the command line; a tester typed "accuketen
zwolle" for the series first written "Accuketen Zwolle" and `wyber list --series` answered "no
sessions", while a typo in Prepare started a second series. Names are compared by their key, and
a series keeps the name it was first written with.
"""


def series_key(name: str) -> str:
    """What two names of one series share: their words, spaced once, case folded."""
    return " ".join(name.split()).casefold()


def same_series(one: str | None, other: str | None) -> bool:
    return series_key(one or "") == series_key(other or "")
