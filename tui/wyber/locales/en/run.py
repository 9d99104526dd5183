"""English messages: run."""

MESSAGES: dict[str, str] = {}
