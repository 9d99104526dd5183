"""Snapshots of the history, at a laptop's 80×24 and a projector's 160×48, in Dutch and English.

Deterministic as in test_snapshots.py (tests/snapshot_kit.py): a FakeClock and FakeWall (Monday 23
November 2026, 10:00 in Amsterdam), the time zone fixed, made-up sessions with fixed ids and
contents, cursors that do not blink, toasts cleared.

Update after an intended change with: pytest tests/test_snapshots_history.py --snapshot-update
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from tests.snapshot_kit import LANG, NOW, SIZE, SMALL, Drive, Snap, make_app, settle, then
from tests.test_history import four_sessions, made_session
from tui.dialogs.ask import ConfirmDialog
from tui.screens.history import HistoryScreen
from tui.screens.trash import TrashScreen
from tui.wyber.i18n import Language
from tui.wyber.store import Archive
from tui.wyber.trash import move_to_trash

pytestmark = pytest.mark.usefixtures("amsterdam_time")

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


async def history_opened(pilot: Pilot[None]) -> None:
    """History, opened from home with `h`."""
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)


def history_snapshot(
    snap_compare: Snap, data: Path, lang: Language, size: tuple[int, int], step: Drive
) -> bool:
    """The picture of History, opened from home over the archive in `data`, after `step`."""
    app = make_app(data, lang)
    return snap_compare(app, terminal_size=size, run_before=then(history_opened, step))


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
    assert history_snapshot(snap_compare, tmp_path, lang, size, in_the_list)


@SIZE
@LANG
def test_history_searched_in_a_series(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    assert history_snapshot(snap_compare, tmp_path, lang, size, searched)


@SMALL
@LANG
def test_history_asks_before_the_trash(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    assert history_snapshot(snap_compare, tmp_path, lang, size, asked)


@SIZE
@LANG
def test_history_trash(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    archive_of_twelve(tmp_path)
    archive = Archive(tmp_path)
    move_to_trash(archive, "20261105-0900-bbbb", NOW - timedelta(days=2))
    move_to_trash(archive, "20261030-1300-0000", NOW - timedelta(hours=1))
    assert history_snapshot(snap_compare, tmp_path, lang, size, trash_shown)
