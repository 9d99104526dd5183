"""English messages: prepare."""

MESSAGES: dict[str, str] = {}
