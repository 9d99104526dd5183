"""Snapshots of the big clock and the rebalance, at 80×24 and 160×48, in Dutch and English: the
clock paused (in words), and over time with the rebalance dialog under it.

Update after an intended change with: pytest tests/test_snapshots_clock.py --snapshot-update
"""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshot_kit import LANG, SIZE, Snap, then
from tests.test_snapshots import IDEAS_WRITTEN, resumed, time_left
from tui.dialogs.rebalance import RebalanceDialog
from tui.screens.run import RunScreen
from tui.wyber.i18n import Language

pytestmark = pytest.mark.usefixtures("amsterdam_time")


async def paused(pilot: Pilot[None]) -> None:
    await pilot.press("f2")
    assert isinstance(pilot.app.screen, RunScreen)


async def rebalancing(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    # "Time is up" is said now, not at a tick of its own, and cleared before the dialog opens: a
    # toast left on the screen below would stay in the picture under the shade.
    screen.tick()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()
    await pilot.press("ctrl+b")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RebalanceDialog)


@SIZE
@LANG
def test_run_paused(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(time_left(4 * 60), paused))


@SIZE
@LANG
def test_rebalance_under_the_clock_over_time(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """Five minutes over in the diverge: the clock in red above the preview."""
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(time_left(-5 * 60), rebalancing))


async def all_protected(pilot: Pilot[None]) -> None:
    await rebalancing(pilot)
    await pilot.press("down", "space", "down", "space")
    await pilot.pause()


@SIZE
@LANG
def test_rebalance_with_every_box_protected(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """Every box protected: the summary says that the protection leaves nothing to take, and
    that Space releases a box."""
    app = resumed(tmp_path, lang, IDEAS_WRITTEN)
    assert snap_compare(app, terminal_size=size, run_before=then(time_left(-5 * 60), all_protected))
