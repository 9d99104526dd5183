"""English messages: the view of a series of sessions (traject)."""

MESSAGES: dict[str, str] = {
    "series.title": "Series: {name}",
    "series.help": "Every session of this series in order, and the running list of agreements, actions and parked items from those sessions: with their number, owner, deadline, where each stands now (open, done, changed, dropped) and how it got there. Escape goes back.",
    "series.key.back": "Back",
    "series.sessions": "Sessions",
    "series.running": "Running agreements and actions",
    "series.nothing": "No agreements, actions or parked items have been recorded in this series yet.",
    "series.no_sessions": "No sessions found in this series.",
    "series.col.date": "Date",
    "series.col.title": "Title",
    "series.col.status": "Progress",
    "series.col.agreements": "Agreements",
    "series.col.history": "History",
    "series.status.finished": "finished",
    "series.status.unfinished": "unfinished",
    "series.agreed_on": "{date}: agreed",
}
