"""Where wyber keeps things: the shipped plans, and the user's archive and plans.

Recorded sessions live in the user's data folder, or in the folder given by --data or
WYBER_HOME; never inside the source tree.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_plans_dir() -> Path:
    """The plans that come with wyber: in the installed wheel, or the source tree's sessions/."""
    installed = _PACKAGE / "sessions"
    return installed if installed.is_dir() else _PACKAGE.parent / "sessions"


def data_dir(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data DIR, else WYBER_HOME, else the platform's user data folder."""
    chosen = option or environ.get("WYBER_HOME")
    if chosen:
        return Path(chosen).expanduser()
    return user_data_path("wyber", appauthor=False)


def user_plans_dir(data: Path) -> Path:
    return data / "plans"


def plan_folders(data: Path) -> list[Path]:
    """Where plans are looked up by name: the user's own first, then the shipped ones."""
    return [user_plans_dir(data), shipped_plans_dir()]
