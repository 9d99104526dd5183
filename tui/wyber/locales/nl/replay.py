"""Nederlandse teksten: replay."""

MESSAGES: dict[str, str] = {}
