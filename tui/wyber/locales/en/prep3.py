"""English messages: a step that holds anything is removed only after asking; the titles where
a sample text still stands."""

MESSAGES: dict[str, str] = {
    "prep3.remove.heading": "Remove the step?",
    "prep3.remove.question": "Remove step {number} “{title}”, with everything typed in it? Ctrl+Z puts it back.",
    "prep3.remove.yes": "Remove",
    "prep3.remove.untitled": "untitled",
    "prep3.removed": "Step {number} “{title}” removed; Ctrl+Z puts it back.",
    "prep3.key.put_back": "Put step back",
    "prep3.samples.title": "Meeting title: “{text}”",
    "prep3.samples.step_title": "Step {number}, title: “{text}”",
    "prep3.series.known": "Existing series: {names}. Type the start; → completes it.",
}
