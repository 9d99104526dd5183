"""Dutch messages: the app as a whole (keys, palette, themes, errors)."""

MESSAGES: dict[str, str] = {
    "key.help": "Hulp",
    "key.contrast": "Hoog contrast",
    "key.quit": "Stoppen",
    "key.palette": "Opdrachten",
    "app.palette.key": "toets: {key}",
    "app.palette.search": "Wat wil je doen? Typ om te zoeken…",
    "key.close": "Sluiten",
    "key.cancel": "Annuleren",
    "key.save": "Bewaren",
    "help.title": "Toetsen op dit scherm",
    "help.palette": "Elke toets staat ook in het opdrachtenpalet: Ctrl+P, en typ wat je wilt doen.",
    "help.col.key": "Toets",
    "help.col.does": "Wat die doet",
    "app.unexpected": "Er ging iets mis: {error}. Wat al is vastgelegd, blijft bewaard.",
    "app.palette.theme": "Thema",
    "app.palette.theme_help": "Kies de kleuren (wyber-contrast is voor de beamer)",
}
