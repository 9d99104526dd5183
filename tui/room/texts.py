"""The phone page's words: the catalog's `room.phone.` and `room2.phone.` keys, in the browser's
language."""

from functools import cache

from tui.wyber.i18n import Language
from tui.wyber.locales import en, nl

PREFIXES = ("room.phone.", "room2.phone.")


@cache
def phone_texts(lang: Language) -> dict[str, str]:
    catalog = nl.MESSAGES if lang == "nl" else en.MESSAGES
    return {key: text for key, text in catalog.items() if key.startswith(PREFIXES)}


def phone_language(accept_language: str) -> Language:
    """Dutch when the browser puts Dutch before English, else English."""
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("nl"):
            return "nl"
        if tag.startswith("en"):
            return "en"
    return "en"
