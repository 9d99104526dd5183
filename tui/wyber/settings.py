"""The user's settings, kept beside the archive: for now the app's language, as last switched
on Home. `--lang` wins over it for one run; without either, the environment's language.

A settings file that cannot be read is no reason not to start: it is taken as no settings.
"""

import json
from pathlib import Path

from tui.wyber.errors import UserError
from tui.wyber.files import read_file
from tui.wyber.i18n import Language, detect_language, parse_language

SETTINGS_FILE = "settings.json"
_MOST = 64 * 1024  # a settings file is a few lines: anything larger is not one


def _read(data: Path) -> dict[str, object]:
    """The settings as kept; {} when there are none, or they cannot be read."""
    try:
        settings = json.loads(read_file(data / SETTINGS_FILE, _MOST))
    except (OSError, UserError, ValueError):
        return {}
    return settings if isinstance(settings, dict) else {}


def saved_language(data: Path) -> Language | None:
    """The language last chosen in the app, or None when none was (or it cannot be read)."""
    value = _read(data).get("language")
    return parse_language(value) if isinstance(value, str) else None


def app_language(data: Path, given: Language | None) -> Language:
    """The language the app starts in: `--lang`, else the one last chosen, else the system's."""
    return given or saved_language(data) or detect_language()


def save_language(data: Path, lang: Language) -> None:
    """Keep `lang` as the app's language, the other settings as they were."""
    from tui.wyber.store import atomic_write  # the store's models load only when a file is kept

    settings = _read(data)
    settings["language"] = lang
    data.mkdir(parents=True, exist_ok=True)
    atomic_write(data / SETTINGS_FILE, json.dumps(settings, indent=2).encode())
