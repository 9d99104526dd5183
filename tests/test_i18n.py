"""Dutch and English are both first-class: the catalogs hold the same keys and placeholders."""

import importlib
import string

import pytest

from tui.wyber.i18n import CATALOGS, detect_language, parse_language, tr


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogs_have_the_same_keys() -> None:
    assert set(CATALOGS["nl"]) == set(CATALOGS["en"])


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_each_message_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(CATALOGS["nl"][key]) == placeholders(CATALOGS["en"][key])


def words(text: str) -> str:
    """The text a translator writes: the message without its {placeholders}."""
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(text))


# Words Dutch shares with English: "Score", "Status", "open", "cluster(s)".
# "n=7": how many scored, written so in both languages.
SAME_IN_BOTH = {
    "minutes.col.score",
    "minutes.col.status",
    "minutes.status.open",
    "table2.noun.cluster.one",
    "table2.noun.cluster.other",
    "traject.score_cell",
}


def test_no_message_is_left_untranslated() -> None:
    same = [
        k
        for k in CATALOGS["en"]
        if CATALOGS["en"][k] == CATALOGS["nl"][k]
        and any(c.isalpha() for c in words(CATALOGS["en"][k]))
        and not k.startswith("cli.col.")
        and k not in SAME_IN_BOTH
    ]  # column heads like ID, MIN, STATUS are shared
    assert same == []


def test_language_comes_from_wyber_lang_then_the_locale_then_english() -> None:
    assert detect_language({"WYBER_LANG": "nl", "LANG": "en_US.UTF-8"}) == "nl"
    assert detect_language({"LANG": "nl_BE.UTF-8"}) == "nl"
    assert detect_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert detect_language({}) == "en"
    assert parse_language("EN-gb") == "en" and parse_language("") is None


def test_tr_fills_placeholders() -> None:
    assert tr("nl", "store.exists", session="x") == "sessie x staat al in dit archief"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_key_is_defined_in_two_areas(lang: str) -> None:
    package = importlib.import_module(f"tui.wyber.locales.{lang}")
    seen: dict[str, str] = {}
    twice = []
    for area in package.AREAS:
        for key in area.MESSAGES:
            if key in seen:
                twice.append((key, seen[key], area.__name__))
            seen[key] = area.__name__
    assert twice == []
