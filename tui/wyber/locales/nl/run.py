"""Dutch messages: run."""

MESSAGES: dict[str, str] = {}
