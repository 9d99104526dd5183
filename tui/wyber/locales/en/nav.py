"""English messages: from one screen to another (a session's series)."""

MESSAGES: dict[str, str] = {
    "nav.key.series": "Series",
    "nav.key.series_help": "The series of the highlighted session, or pick one",
    "nav.series.pick": "Which series?",
}
