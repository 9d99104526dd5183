"""Snapshots of the history, at a laptop's 80×24 and a projector's 160×48, in Dutch and English.

Deterministic as in test_snapshots.py: a FakeClock and FakeWall (Monday 23 November 2026, 10:00
in Amsterdam), the time zone fixed, made-up sessions with fixed ids and contents, cursors that do
not blink, toasts cleared.

Update after an intended change with: pytest tests/test_snapshots_history.py --snapshot-update
"""

import os
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.factory import FakeClock, FakeWall
from tests.test_history import four_sessions, made_session
from tui.app import Clocks, WyberApp
from tui.screens.history import ConfirmDialog, HistoryScreen, TrashScreen
from tui.wyber.i18n import Language
from tui.wyber.store import Archive
from tui.wyber.trash import move_to_trash

# Monday 23 November 2026, 9:00 UTC: 10:00 in Amsterdam.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
LANG = pytest.mark.parametrize("lang", ["nl", "en"])
SIZE = pytest.mark.parametrize("size", SIZES)
SMALL = pytest.mark.parametrize("size", SIZES[:1])

Snap = Callable[..., bool]
Drive = Callable[[Pilot[None]], Awaitable[None]]

TOPICS = (
    ("Ketenoverleg [batterijen] 🔋", "Batterijketen"),
    ("Heidag team Noord", None),
    ("Klankbordgroep bewoners Kralingen-Crooswijk over de nieuwe inzamelroute", "Wijkaanpak Noord"),
    ("Werksessie café De Ketel", "Café De Ketel"),
    ("Retrospective sprint 14", "Team retro's"),
    ("Stuurgroep energiecoöperatie", None),
    ("Kick-off deelscooters", "Batterijketen"),
    ("Evaluatie pilot statiegeld", "Batterijketen"),
)


@pytest.fixture(autouse=True)
def amsterdam_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def archive_of_twelve(data: Path) -> None:
    """The four sessions of test_history, and eight more, one a week before them."""
    four_sessions(data)
    start = datetime(2026, 10, 30, 13, tzinfo=UTC)
    for n, (title, series) in enumerate(TOPICS):
        at = start - timedelta(days=7 * n, hours=n)
        made_session(
            data,
            f"{at:%Y%m%d-%H%M}-{n:04x}",
            at,
            title=title,
            series=series,
            people=(("Greet Smit", "Stadsbeheer"), ("Hugo Mulder", "")),
            finished=n != 3,
        )


def make_app(data: Path, lang: Language) -> WyberApp:
    clock = FakeClock()
    return WyberApp(data, lang, clocks=Clocks(clock, FakeWall(clock, NOW)))


async def settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


def then(*steps: Drive) -> Drive:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        for step in steps:
            await step(pilot)
        await settle(pilot)

    return run_before


async def searched(pilot: Pilot[None]) -> None:
    await pilot.press(*"batterij")
    series = pilot.app.screen.query_one("#series", Select)
    series.value = "Batterijketen"
    await pilot.pause()


async def in_the_list(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down")


async def asked(pilot: Pilot[None]) -> None:
    await pilot.press("down", "down", "d")
    assert isinstance(pilot.app.screen, ConfirmDialog)


async def trash_shown(pilot: Pilot[None]) -> None:
    await pilot.press("down", "t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrashScreen)


@SIZE
@LANG
def test_history(snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]) -> None:
    archive_of_twelve(tmp_path)
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(in_the_list))


@SIZE
@LANG
def test_history_searched_in_a_series(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(searched))


@SMALL
@LANG
def test_history_asks_before_the_trash(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(asked))


@SIZE
@LANG
def test_history_trash(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    archive = Archive(tmp_path)
    move_to_trash(archive, "20261105-0900-bbbb", NOW - timedelta(days=2))
    move_to_trash(archive, "20261030-1300-0000", NOW - timedelta(hours=1))
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(trash_shown))
