"""A series is one series whatever the case and spaces it is typed with: the next session numbers
on and reviews it, `wyber list --series` and the export find it, and it keeps the name it was
first written with; Prepare offers the series the archive holds."""

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.test_home_prepare import (
    SMALL,
    fill,
    loaded,
    make_app,
    prepare_open,
    shipped,
    start_anyway,
    text_of,
    type_into,
)
from tests.test_series import SERIES, session
from tui.cli import main
from tui.screens.run import RunScreen
from tui.wyber.events import AgreementKind
from tui.wyber.i18n import Language, tr
from tui.wyber.search import series_names
from tui.wyber.series import series_sessions
from tui.wyber.store import Archive

TYPED_AGAIN = "  ketenaanpak  BATTERIJEN "  # SERIES, as a tester typed it the next time


def two_sessions(data: Path) -> Archive:
    """The series' first session as SERIES, its second typed otherwise."""
    archive = Archive(data)
    session(archive, "one", date(2026, 10, 5), [("a1", AgreementKind.ACTION, "Offerte")])
    session(
        archive,
        "two",
        date(2026, 11, 2),
        [("a1", AgreementKind.ACTION, "Wijk")],
        series=TYPED_AGAIN,
    )
    return archive


def test_a_series_typed_otherwise_is_the_same_series(tmp_path: Path) -> None:
    archive = two_sessions(tmp_path)
    sessions = series_sessions(archive, "KETENAANPAK batterijen")
    assert [s.session_id for s in sessions] == ["one", "two"]
    # The second session numbered on from the first: one series.
    assert sessions[1].series is not None and sessions[1].series.first_number == 2
    # Named once, as first written.
    assert series_names(archive.listing().sessions) == [SERIES]


def test_list_and_export_find_the_series_whatever_its_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two_sessions(tmp_path)
    capsys.readouterr()
    assert (
        main(["--data", str(tmp_path), "list", "--json", "--series", "ketenaanpak batterijen"]) == 0
    )
    assert sorted(s["id"] for s in json.loads(capsys.readouterr().out)) == ["one", "two"]
    out = tmp_path / "traject.md"
    args = ["--data", str(tmp_path), "export", "--series", " KETENAANPAK BATTERIJEN"]
    assert main([*args, "--format", "md", "-o", str(out)]) == 0
    assert "Offerte" in out.read_text() and "Wijk" in out.read_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_prepare_offers_the_series_the_archive_holds(tmp_path: Path, lang: Language) -> None:
    two_sessions(tmp_path)
    async with prepare_open(tmp_path, lang) as (_, pilot, screen, _):
        known = screen.query_one("#series-known", Static)
        assert known.display and text_of(known) == tr(lang, "prep3.series.known", names=SERIES)
        await type_into(pilot, "#series", "keten")
        await pilot.press("right")  # takes the suggestion
        await pilot.pause()
        assert screen.query_one("#series", Input).value == SERIES


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_choosing_a_series_fills_its_goal_from_the_earlier_sessions_when_empty(
    tmp_path: Path, lang: Language
) -> None:
    two_sessions(tmp_path)
    async with prepare_open(tmp_path, lang) as (_, pilot, screen, _):
        goal = screen.query_one("#series-goal", Input)
        await type_into(pilot, "#series", "keten")
        assert goal.value == ""  # not a series yet
        await pilot.press("right")  # takes the suggestion
        await pilot.pause()
        assert goal.value == "Samen de keten sluiten"
        # Another series, new: what was filled in goes; a goal typed stays.
        await fill(pilot, "#series", "Nieuw traject")
        assert goal.value == ""
        await fill(pilot, "#series-goal", "Eigen opgave")
        await fill(pilot, "#series", SERIES)
        assert goal.value == "Eigen opgave"


async def test_a_session_started_in_a_series_typed_otherwise_keeps_its_first_name(
    tmp_path: Path,
) -> None:
    two_sessions(tmp_path)
    app = make_app(tmp_path, "nl")
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        app.prepare_meeting(shipped("nl"))
        await pilot.pause()
        await fill(pilot, "#series", "KETENAANPAK batterijen ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await start_anyway(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The series' review of what the earlier sessions agreed opens over the meeting.
        [run] = [s for s in app.screen_stack if isinstance(s, RunScreen)]
        third = run.meeting.state
        assert third.series is not None and third.series.name == SERIES
        assert third.series.first_number == 3  # numbered on from the two before it
