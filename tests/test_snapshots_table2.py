"""Snapshots of what issue 12's table points added, at 80×24 and 160×48 in Dutch and English:
the question a stranger's "Name:" asks, and the review's answer for a changed agreement (note,
new owners, new deadline, each said back as understood) with the review's running time box."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.snapshot_kit import LANG, SIZE, Snap, make_app, then
from tests.test_review import next_session
from tests.test_series import EACH_KIND, session
from tests.test_snapshots import wyber_30
from tui.dialogs.review import ReviewDialog
from tui.dialogs.stranger import StrangerDialog
from tui.screens.review import ReviewScreen
from tui.wyber.i18n import Language
from tui.wyber.store import Archive

pytestmark = pytest.mark.usefixtures("amsterdam_time")  # the snapshots' fixed time zone

STRANGER = {"nl": "Carla: accu's van deelscooters delen", "en": "Carla: share scooter batteries"}
CHANGED = {
    "nl": ("om de zes weken, niet elke maand", "Anna, gemeente Utrecht", "volgende week"),
    "en": ("every six weeks, not every month", "Anna, city of Utrecht", "next week"),
}


async def typed_a_stranger(pilot: Pilot[None]) -> None:
    line = pilot.app.screen.query_one("#idea", Input)
    line.value = STRANGER[pilot.app.lang]  # type: ignore[index]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StrangerDialog)


@SIZE
@LANG
def test_a_stranger_named_asks(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True)
    assert snap_compare(app, terminal_size=size, run_before=then(typed_a_stranger))


async def changed_answered(pilot: Pilot[None]) -> None:
    app = pilot.app
    lang: Language = app.lang  # type: ignore[attr-defined]
    app.start_meeting(replace(next_session(), language=lang))  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("d", "enter")  # the first: done
    await pilot.pause()
    await pilot.press("c")  # the second: changed
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ReviewDialog)
    note, owners, deadline = CHANGED[lang]
    dialog.query_one("#review-note", Input).value = note
    dialog.query_one("#review-owner", Input).value = owners
    dialog.query_one("#review-deadline", Input).value = deadline
    dialog.query_one("#review-deadline", Input).focus()
    await pilot.pause()


@SIZE
@LANG
def test_a_changed_agreement_takes_a_note_owners_and_a_deadline(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    session(Archive(tmp_path), "one", date(2026, 10, 5), EACH_KIND)
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(changed_answered))
