"""Dutch messages: dates."""

MESSAGES: dict[str, str] = {}
