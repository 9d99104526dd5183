"""Dutch and English, from one catalog per language.

Every user-facing string of wyber is looked up here by key; a test asserts that both catalogs
have the same keys and the same placeholders, so neither language can fall behind.
"""

import os
from collections.abc import Mapping
from typing import Literal, get_args

from tui.wyber.locales import en, nl

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
CATALOGS: dict[Language, Mapping[str, str]] = {"nl": nl.MESSAGES, "en": en.MESSAGES}


def tr(lang: Language, key: str, /, **params: object) -> str:
    """The message `key` in `lang`, with its {placeholders} filled in."""
    return CATALOGS[lang][key].format(**params)


def counted(lang: Language, key: str, count: int, *, two: bool = False, **params: object) -> str:
    """The message for `count` things: `key`_one for one ("1 step"), with `two` `key`_two for
    two ("Beide afspraken", where "Alle 2 afspraken" is not said), else `key` ("3 steps")."""
    form = "_one" if count == 1 else "_two" if two and count == 2 else ""
    return tr(lang, f"{key}{form}", count=count, **params)


def parse_language(value: str | None) -> Language | None:
    """'nl', 'NL', 'nl_NL.UTF-8', 'en-GB' … to a supported language, or None."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    for lang in LANGUAGES:
        if code == lang:
            return lang
    return None


def detect_language(environ: Mapping[str, str] = os.environ) -> Language:
    """WYBER_LANG, else the locale of the environment, else English."""
    for name in ("WYBER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        lang = parse_language(environ.get(name))
        if lang is not None:
            return lang
    return "en"
