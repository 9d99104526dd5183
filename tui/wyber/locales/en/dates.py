"""English messages: dates."""

MESSAGES: dict[str, str] = {}
