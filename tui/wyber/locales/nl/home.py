"""Dutch messages: home."""

MESSAGES: dict[str, str] = {
    "home.plans": "Plannen om mee te beginnen",
    "home.sessions": "Vastgelegde sessies",
}
