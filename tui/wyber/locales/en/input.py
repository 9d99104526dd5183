"""English messages: input (pasted text in the text fields)."""

MESSAGES: dict[str, str] = {
    "input.paste.added": "{count} ideas added, one per pasted line",
    "input.paste.added_one": "1 idea added",
    "input.paste.ask_title": "Paste {count} lines?",
    "input.paste.ask": "Each line becomes an idea of its own: {count} ideas on the board at once. What was already in the idea line stays there.",
    "input.paste.yes": "Add {count} ideas",
}
