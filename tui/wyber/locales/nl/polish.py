"""Dutch messages: polish (what made a meeting feel unfinished: finishing early, …)."""

MESSAGES: dict[str, str] = {
    # Ctrl+F with steps of the agenda still ahead (tui/dialogs/finish.py); the full stop is
    # added there, unless the last step's title ends the sentence itself (text.full_stop).
    "polish.finish.title": "De bijeenkomst nu afronden?",
    "polish.finish.unreached": "{count} stappen van de agenda zijn nog niet bereikt: {steps}",
    "polish.finish.unreached_one": "1 stap van de agenda is nog niet bereikt: {steps}",
    "polish.finish.key": "Toch afronden",
    "polish.finish.step": "{number}. {title}",
    "polish.finish.yes": "Toch afronden (Ctrl+F)",
    "polish.finish.stay": "Blijven (Esc)",
    "polish.finish.round": "Afspraak {number} is nog niet rond: {why}.",
    "polish.finish.not_answered_one": "{names} heeft nog niet geantwoord",
    "polish.finish.not_answered": "{names} hebben nog niet geantwoord",
    "polish.finish.objection_open": "het bezwaar van {names} is nog in bespreking",
    # The rebalance dialog (Ctrl+B): Space protects the box under the cursor, or releases it.
    "polish.rebalance.protect": "Beschermen",
    # A Select's open list (Textual's own "Dismiss menu"), in the session's language.
    "polish.key.dismiss_menu": "Menu sluiten",
}
