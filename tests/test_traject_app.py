"""The traject in the app: the series view is reached from Home and History (and so from the
palette, which offers every key of the screen), and its keys write the traject's decisions and
actions and the reminders into the exports folder."""

import email
import email.policy
from datetime import date
from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.snapshot_kit import make_app
from tests.test_home_prepare import loaded
from tests.test_home_prepare import make_app as make_home_app
from tests.test_minutes import meeting_records
from tests.test_review import next_session
from tests.test_series import EACH_KIND, session
from tests.test_series_screen import make_series
from tui.app import WyberApp
from tui.dialogs.export import ExportDialog
from tui.screens.history import HistoryScreen, SessionRows
from tui.screens.home import SessionTable
from tui.screens.previous import PreviousEvaluationScreen
from tui.screens.review import ReviewScreen
from tui.screens.series import SeriesScreen
from tui.widgets.fields import LineField
from tui.wyber.events import EvaluationRecorded
from tui.wyber.store import Archive

pytestmark = pytest.mark.usefixtures("amsterdam_time")


def app_with_series(tmp_path: Path) -> WyberApp:
    make_series(tmp_path / "data")
    app = make_app(tmp_path / "data", "nl")
    app._exports = tmp_path / "exports"
    return app


async def settled(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_history_opens_the_series_and_its_keys_write_the_list_and_the_reminders(
    tmp_path: Path,
) -> None:
    app = app_with_series(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("h")
        await settled(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        rows = history.query_one(SessionRows)
        rows.focus()
        rows.cursor = rows.keys.index("two")  # the newest ("elsewhere", series B) is on top
        await pilot.press("v")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, SeriesScreen) and screen.series_name == "Ketenaanpak batterijen"
        await pilot.press("x")
        await settled(pilot)
        [written] = (tmp_path / "exports").glob("*.docx")
        assert written.name == "2026-11-02 Ketenaanpak batterijen besluiten- en actielijst.docx"
        text = "\n".join(
            cell.text
            for t in docx.Document(str(written)).tables
            for r in t.rows
            for cell in r.cells
        )
        assert "Offerte opvragen bij drie leveranciers" in text and "Subsidieaanvraag" in text
        await pilot.press("x")  # a second export is kept beside the first
        await settled(pilot)
        assert len(list((tmp_path / "exports").glob("*.docx"))) == 2
        await pilot.press("m")
        await settled(pilot)
        drafts = list((tmp_path / "exports").glob("*.eml"))
        # Anna has no e-mail address in these sessions: no draft, and the notice says so.
        assert drafts == []
        assert any("Anna de Vries" in str(n.message) for n in app._notifications)


async def test_the_next_session_opens_with_the_previous_evaluation_before_the_review(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    archive = Archive(data)
    evaluation = EvaluationRecorded(
        went_well="Open gesprek", could_be_better="Korter inchecken", next_step="Pilotplan"
    )
    session(archive, "one", date(2026, 10, 5), EACH_KIND, evaluation=evaluation)
    app = make_home_app(data, "nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.start_meeting(next_session())
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, PreviousEvaluationScreen)
        text = " ".join(str(s.render()) for s in screen.query(".previous-answer"))
        assert "Wat kan beter: Korter inchecken" in text
        assert "Volgende stap: Pilotplan" in text
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.leave_meeting()


async def test_the_draft_names_who_has_no_address_and_takes_one_there(tmp_path: Path) -> None:
    Archive(tmp_path / "data").import_records(meeting_records("nl"))  # Bram has no address
    app = make_home_app(tmp_path / "data", "nl")
    app._exports = tmp_path / "out"
    async with app.run_test(size=(100, 40)) as pilot:
        home = await loaded(pilot)
        home.query_one(SessionTable).focus()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("down", "down", "enter")  # the e-mail draft
        await settled(pilot)
        intro = str(dialog.query_one("#addresses-intro", Static).render())
        assert "Bram Jansen" in intro and "Anna" not in intro
        assert not (tmp_path / "out").exists()  # nothing written before the addresses
        field = dialog.query_one("#address-0", LineField)
        assert field.has_focus
        await pilot.press(*"bram@")
        await pilot.press("enter")  # no address: named, nothing written
        await settled(pilot)
        assert not (tmp_path / "out").exists()
        await pilot.press(*"afvalwerk.example", "enter")
        await settled(pilot)
    [written] = (tmp_path / "out").glob("*.eml")
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert "Bram Jansen <bram@afvalwerk.example>" in str(message["To"])
    assert "Anna de Vries <anna@rotterdam.example>" in str(message["To"])
