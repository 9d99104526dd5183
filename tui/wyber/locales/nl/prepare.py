"""Dutch messages: prepare."""

MESSAGES: dict[str, str] = {}
