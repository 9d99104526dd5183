"""A Select's open list names its key in the screen's language: Textual's own "esc Dismiss menu"
stood in the key strip of a Dutch Prepare (its language field, the agenda's techniques)."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from tests.snapshot_kit import LANG
from tests.test_layout_fits import drawn_words
from tests.test_prepare_labels import preparing
from tui.widgets.key_strip import KeyStrip
from tui.wyber.i18n import Language, tr

pytestmark = pytest.mark.usefixtures("amsterdam_time")


def key_strip_words(pilot: Pilot[None]) -> str:
    return drawn_words(pilot.app, pilot.app.screen.query_one(KeyStrip).region)


@LANG
async def test_an_open_list_says_its_key_in_the_screens_language(
    tmp_path: Path, lang: Language
) -> None:
    async with preparing(tmp_path, lang) as pilot:
        app = pilot.app
        app.screen.query_one("#language", Select).focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        assert app.screen.query_one("#language", Select).expanded
        words = key_strip_words(pilot)
        assert f"esc {tr(lang, 'polish.key.dismiss_menu')}" in words, words
        assert "Dismiss menu" not in words


@LANG
async def test_a_letter_typed_in_an_open_list_never_chooses(tmp_path: Path, lang: Language) -> None:
    """Down opens a Select's list: a name typed next, meant for another field, moved its cursor
    to a matching choice (type-to-search), and its Enter chose that language, mandate or
    technique unseen. In Prepare a letter does nothing in an open list now."""
    async with preparing(tmp_path, lang) as pilot:
        selects = list(pilot.app.screen.query(Select))
        assert len(selects) == 5  # the language, the mandate, the agenda's three techniques
        for select in selects:
            before = select.value
            # The last choice but the one chosen: the letters typed match it.
            other = str([prompt for prompt, value in select._options if value != before][-1])
            select.focus()
            await pilot.press("down")
            await pilot.pause()
            assert select.expanded
            await pilot.press(*[c for c in other.lower() if c.isalpha()][:3], "enter")
            await pilot.pause()
            assert select.value == before, select.id
