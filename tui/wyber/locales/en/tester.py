"""English messages: what a tester found in the core and the minutes (observers, votes)."""

MESSAGES: dict[str, str] = {
    "tester.refused.observer": "{name} is an observer and has no vote.",
    "tester.consent.not_asked": "observer, not asked",
    "tester.consent.observers": "Observer, did not count: {names}",
}
