"""The user's settings, kept beside the archive: for now the app's language, as last switched
on Home. `--lang` wins over it for one run; without either, the environment's language.

A settings file that cannot be read is no reason not to start: it is taken as no settings.
"""

import json
from pathlib import Path

from tui.wyber.i18n import Language, detect_language, parse_language

SETTINGS_FILE = "settings.json"


def saved_language(data: Path) -> Language | None:
    """The language last chosen in the app, or None when none was (or it cannot be read)."""
    try:
        settings = json.loads((data / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(settings, dict):
        return None
    value = settings.get("language")
    return parse_language(value) if isinstance(value, str) else None


def app_language(data: Path, given: Language | None) -> Language:
    """The language the app starts in: `--lang`, else the one last chosen, else the system's."""
    return given or saved_language(data) or detect_language()


def save_language(data: Path, lang: Language) -> None:
    """Keep `lang` as the app's language, the other settings as they were."""
    from tui.wyber.store import atomic_write  # the store's models load only when a file is kept

    path = data / SETTINGS_FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    if not isinstance(settings, dict):
        settings = {}
    settings["language"] = lang
    data.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(settings, indent=2).encode())
