"""English messages: the app as a whole (keys, palette, themes, errors)."""

MESSAGES: dict[str, str] = {
    "key.help": "Help",
    "key.contrast": "High contrast",
    "key.quit": "Quit",
    "key.palette": "Commands",
    "app.palette.key": "key: {key}",
    "app.palette.search": "What do you want to do? Type to search…",
    "key.close": "Close",
    "key.cancel": "Cancel",
    "key.save": "Save",
    "help.title": "Keys on this screen",
    "help.palette": "Every key is also in the command palette: Ctrl+P, then type what you want to do.",
    "help.col.key": "Key",
    "help.col.does": "What it does",
    "app.unexpected": "Something went wrong: {error}. Nothing already recorded is lost.",
    "app.palette.theme": "Theme",
    "app.palette.theme_help": "Choose the colours (wyber-contrast is for projectors)",
}
