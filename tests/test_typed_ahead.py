"""Words typed at once after the key that opens a text field land in that field: the agreement
form on "a" and "e", the review's note on "d". Tried in tmux (`send-keys a "Test fast typing"`):
the form opened empty and the words were gone, or a letter of them became the agreement."""

from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.snapshot_kit import settle
from tests.test_home_prepare import make_app
from tests.test_review import review_opened
from tests.test_series import EACH_KIND, session
from tests.test_snapshots import AGREED, resumed
from tui.dialogs.agreement import AgreementDialog
from tui.dialogs.review import ReviewDialog
from tui.wyber.store import Archive

WORDS = "Test fast typing after a"


def burst(pilot: Pilot[None], keys: str) -> None:
    """Keys that arrive together, as a typist's do: all in the app's queue before the first is
    handled (pilot.press lets each settle first)."""
    for key in keys:
        pilot.app.post_message(events.Key("space" if key == " " else key, key))


@pytest.mark.parametrize("key", ["a", "e"])
async def test_the_words_after_a_or_e_land_in_the_agreement_form(tmp_path: Path, key: str) -> None:
    app = resumed(tmp_path, "nl", AGREED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#agreements").has_focus  # on the first agreement
        burst(pilot, key + WORDS)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        field = dialog.query_one("#text", Input)
        assert field.has_focus
        assert field.value.endswith(WORDS)
        # On "e" the agreement's text is selected as the field opens: typed over, as typed slowly.
        assert field.value == WORDS


async def test_the_words_after_a_review_key_land_in_its_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session(Archive(data), "one", date(2026, 10, 5), EACH_KIND)
    app = make_app(data, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await review_opened(pilot)
        burst(pilot, "d" + "met dank aan Bram")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        assert dialog.query_one("#review-note", Input).value == "met dank aan Bram"
