"""English messages: replay."""

MESSAGES: dict[str, str] = {}
