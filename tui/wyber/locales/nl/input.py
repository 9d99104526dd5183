"""Nederlandse teksten: input (geplakte tekst in de tekstvelden)."""

MESSAGES: dict[str, str] = {
    "input.paste.added": "{count} ideeën toegevoegd, één per geplakte regel",
    "input.paste.added_one": "1 idee toegevoegd",
    "input.paste.ask_title": "{count} regels plakken?",
    "input.paste.ask": "Elke regel wordt een eigen idee: {count} ideeën tegelijk op het bord. Wat al in de invoerregel stond, blijft staan.",
    "input.paste.yes": "{count} ideeën toevoegen",
}
