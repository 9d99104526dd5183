"""Snapshots of the replay screen, at a laptop's 80×24 and a projector's 160×48, in both languages.

Deterministic as the other snapshots are: a made-up meeting of the 30-minute wyber
(`sample_records`, seeded) recorded from Monday 23 November 2026, 9:00 UTC; local times on screen
in Amsterdam; a fake monotonic clock (the replay is paused, so nothing moves); no toasts.

Update after an intended change with: pytest tests/test_snapshots_replay.py --snapshot-update
"""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshot_kit import LANG, NOW, SIZE, SMALL, Drive, Snap, make_app
from tui.app import WyberApp
from tui.screens.replay import ReplayScreen
from tui.wyber.i18n import Language
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive

pytestmark = pytest.mark.usefixtures("amsterdam_time")  # the agenda's end times, as there

SESSION = "20261123-0900-beef"


def replay_app(data: Path, lang: Language) -> WyberApp:
    """The made-up meeting, recorded from NOW, opened for replay (`wyber replay SESSION`)."""
    plan = load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")
    Archive(data).import_records(sample_records(plan, SESSION, NOW, ideas=12))
    return make_app(data, lang, start=NOW, replay=SESSION)


def at(moment: float) -> Drive:
    """The replay, paused at this moment of the meeting, settled for the picture."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        screen.seek(moment)
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    return run_before


@SIZE
@LANG
def test_replay_converge(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """Converge, after the dot vote: three clusters ranked by dots, the time box extended."""
    app = replay_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=at(740))


@SMALL
@LANG
def test_replay_diverge_overrun(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """Diverge, twelve ideas on the board, the clock 35 s over time in red."""
    app = replay_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=at(700))


@SMALL
@LANG
def test_replay_finished(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    """The end: consolidate, four agreements with consent, the session finished."""
    app = replay_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=at(1e9))
