"""Nederlandse teksten: history."""

MESSAGES: dict[str, str] = {}
