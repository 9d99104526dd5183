"""Nederlandse teksten: wat een tester vond in de kern en het verslag (toehoorders, stemmen)."""

MESSAGES: dict[str, str] = {
    "tester.refused.observer": "{name} is toehoorder en stemt niet mee.",
    "tester.consent.not_asked": "toehoorder, wordt niet gevraagd",
    "tester.consent.observers": "Toehoorder, telde niet mee: {names}",
}
