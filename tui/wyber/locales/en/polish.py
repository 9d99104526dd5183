"""English messages: polish (what made a meeting feel unfinished: finishing early, …)."""

MESSAGES: dict[str, str] = {
    # Ctrl+F with steps of the agenda still ahead (tui/dialogs/finish.py); the full stop is
    # added there, unless the last step's title ends the sentence itself (text.full_stop).
    "polish.finish.title": "Finish the meeting now?",
    "polish.finish.unreached": "{count} steps of the agenda have not been reached: {steps}",
    "polish.finish.unreached_one": "1 step of the agenda has not been reached: {steps}",
    "polish.finish.key": "Finish anyway",
    "polish.finish.step": "{number}. {title}",
    "polish.finish.yes": "Finish anyway (Ctrl+F)",
    "polish.finish.stay": "Stay (Esc)",
    "polish.finish.round": "Agreement {number} is not through yet: {why}.",
    "polish.finish.not_answered_one": "{names} has not answered yet",
    "polish.finish.not_answered": "{names} have not answered yet",
    "polish.finish.objection_open": "the objection from {names} is still being discussed",
    # The rebalance dialog (Ctrl+B): Space protects the box under the cursor, or releases it.
    "polish.rebalance.protect": "Protect",
    # A Select's open list (Textual's own "Dismiss menu"), in the session's language.
    "polish.key.dismiss_menu": "Close menu",
}
