"""Dutch messages: ending."""

MESSAGES: dict[str, str] = {}
