"""English messages: what a tester found in the core and the minutes (observers, votes)."""

MESSAGES: dict[str, str] = {
    "tester.refused.observer": "{name} is an observer and has no vote.",
    "tester.consent.not_asked": "not asked",
    "tester.consent.observers": "Observer, did not count: {names}",
    "tester.review_note": "Note: {note}",
    "tester.score_words": "{average} / {top} ({count} scored)",
    "tester.score_words_one": "{average} / {top} ({count} scored)",
    "tester.chart.dots_scores": "Dots and scores of what got the most votes; every figure is in the table.",
    "tester.chart.dots": "Dots of what got the most votes; every figure is in the table.",
    "tester.chart.scores": "Average scores of what scored highest; every figure is in the table.",
    "tester.review_done": "All {count} agreements have been reviewed. Escape goes to the meeting.",
    "tester.review_done_one": "The agreement has been reviewed. Escape goes to the meeting.",
    "tester.review_done_two": "Both agreements have been reviewed. Escape goes to the meeting.",
    "tester.samples": "A shipped plan's sample text still stands in {count} places. Go there, or start anyway?",
    "tester.samples_one": "A shipped plan's sample text still stands in {count} place. Go there, or start anyway?",
    "tester.consent.given": "✔ given",
}
