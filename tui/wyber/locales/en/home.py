"""English messages: home."""

MESSAGES: dict[str, str] = {
    "home.plans": "Plans to start from",
    "home.sessions": "Recorded sessions",
}
