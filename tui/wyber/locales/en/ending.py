"""English messages: ending."""

MESSAGES: dict[str, str] = {}
