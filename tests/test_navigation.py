"""The series view is reached by its key (v) from Home and from History, and from the palette:
on a session of a series it opens that series; on one outside any series it asks which."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.test_history import KICKOFF, RETRO, SMALL, WORKSHOP, four_sessions, made_session
from tests.test_history import make_app as history_app
from tests.test_history import opened as opened_history
from tui.app import WyberApp
from tui.dialogs.ask import ChoiceDialog
from tui.screens.home import HomeScreen, SessionTable
from tui.screens.series import SeriesScreen
from tui.wyber.i18n import Language, tr


async def settled(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def home_on(pilot: Pilot[None], session_id: str) -> HomeScreen:
    """Home, loaded, with the cursor on this session."""
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    for _ in range(20):  # its lists are read after the first frame
        await settled(pilot)
        if home.listing is not None:
            break
    table = home.query_one(SessionTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(session_id))
    await pilot.pause()
    return home


async def series_shown(pilot: Pilot[None]) -> SeriesScreen:
    await settled(pilot)
    await settled(pilot)  # the series screen reads its sessions in a worker
    screen = pilot.app.screen
    assert isinstance(screen, SeriesScreen)
    return screen


async def test_v_on_a_session_of_a_series_in_home_opens_its_series(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with history_app(tmp_path, "nl").run_test(size=SMALL) as pilot:
        home = await home_on(pilot, WORKSHOP)
        await pilot.press("v")
        screen = await series_shown(pilot)
        assert screen.series_name == "Wijkaanpak Noord"
        assert screen.sessions is not None and [s.session_id for s in screen.sessions] == [WORKSHOP]
        await pilot.press("escape")
        assert pilot.app.screen is home


async def test_v_outside_a_series_asks_which_series(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with history_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        await home_on(pilot, RETRO)  # in no series
        await pilot.press("v")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.title_text == tr("en", "nav.series.pick")
        assert [value for value, _ in dialog.choices] == ["Batterijketen", "Wijkaanpak Noord"]
        await pilot.press("enter")  # the first, highlighted
        screen = await series_shown(pilot)
        assert screen.series_name == "Batterijketen"
        assert screen.sessions is not None and len(screen.sessions) == 2


async def test_v_in_history_opens_the_highlighted_sessions_series(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with history_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        history = await opened_history(pilot)
        await pilot.press("down", "v")  # the list, on the kick-off
        screen = await series_shown(pilot)
        assert screen.series_name == "Batterijketen"
        await pilot.press("escape")
        assert pilot.app.screen is history


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_palette_offers_the_series(tmp_path: Path, lang: Language) -> None:
    four_sessions(tmp_path)
    app = history_app(tmp_path, lang)
    async with app.run_test(size=SMALL) as pilot:
        home = await home_on(pilot, KICKOFF)
        commands = {c.title: c for c in app.get_system_commands(home)}
        commands[tr(lang, "nav.key.series")].callback()
        screen = await series_shown(pilot)
        assert screen.series_name == "Batterijketen"


async def test_without_any_series_the_key_does_nothing(tmp_path: Path) -> None:
    made_session(tmp_path, RETRO, datetime(2026, 6, 15, 10, tzinfo=UTC), title="Retrospective")
    app: WyberApp = history_app(tmp_path, "en")
    async with app.run_test(size=SMALL) as pilot:
        home = await home_on(pilot, RETRO)
        await pilot.press("v")
        await pilot.pause()
        assert pilot.app.screen is home
        titles = [command.title for command in app.get_system_commands(home)]
        assert tr("en", "nav.key.series") not in titles
