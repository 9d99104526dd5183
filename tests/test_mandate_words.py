"""A mandate has one wording per language: Prepare and the minutes' list of who was there say
it in full, the consent round and its lines in the summary and the minutes may say it short,
but in the same words (a tester read "raadpleegt eerst achterban" in one place and "(overlegt
eerst)" in another, "toehoorder" and "(waarnemer)" for the same person)."""

import pytest

from tui.wyber.consent import person
from tui.wyber.events import Mandate
from tui.wyber.i18n import LANGUAGES, Language, tr


def is_shortened(short: str, full: str) -> bool:
    """Whether `short` is `full` with some words left out, the rest in their order."""
    words = iter(full.split())
    return all(word in words for word in short.split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mandate", list(Mandate))
def test_the_round_says_a_mandate_in_the_words_prepare_uses(
    lang: Language, mandate: Mandate
) -> None:
    full = tr(lang, f"design.mandate.{mandate.value}")
    short = tr(lang, f"consent.mandate.{mandate.value}")
    assert is_shortened(short, full), (short, full)
    assert person("Dewi", mandate.value, lang) == f"Dewi ({short})"
