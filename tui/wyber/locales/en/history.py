"""English messages: history."""

MESSAGES: dict[str, str] = {}
