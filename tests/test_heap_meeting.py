"""A meeting's screen under load: the rail's "saved" line repaints only itself, and what survives
a full garbage collection while the meeting runs is kept out of the next ones (tui/heap.py),
without keeping what became garbage for longer than the heap takes to double."""

import gc
import weakref
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from tui.screens.run import RunScreen
from tui.widgets.ticking import TickingStatic

from .disks import full_disk
from .test_durable_app import meeting, rail, session_path, type_idea, until


def count_layouts(monkeypatch: pytest.MonkeyPatch, screen: RunScreen) -> list[int]:
    layouts = [0]
    lay_out = screen._refresh_layout

    def counted(*args: object, **kwargs: object) -> None:
        layouts[0] += 1
        lay_out(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return layouts


async def drawn(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_the_saved_line_repaints_only_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, RunScreen)
        saved = screen.query_one("#saved", TickingStatic)
        assert await until(pilot, lambda: "saved" in rail(app))
        await drawn(pilot)
        layouts = count_layouts(monkeypatch, screen)
        app.meeting.state.last_seq += 3  # type: ignore[union-attr]  # three records not on disk
        screen.show_durable()
        await drawn(pilot)
        assert rail(app) == "… saving 3…"
        assert saved.region.height == 1
        assert layouts[0] == 0  # its new text is drawn, and nothing else is laid out
        assert "saving 3" in "".join(s.text for s in saved.render_line(0))


async def test_what_does_not_fit_on_the_saved_line_takes_the_lines_it_needs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        saved = app.screen.query_one("#saved", TickingStatic)
        disk = full_disk(monkeypatch, session_path(app))
        await type_idea(pilot, "Past niet")
        assert disk.wait_refused(1)
        assert await until(pilot, lambda: "NOT SAVED" in rail(app))
        await drawn(pilot)
        assert saved.region.height >= 2  # the count, then why the disk refuses
        disk.free()
        assert app.writer is not None and app.writer.flush(timeout=10)
        assert await until(pilot, lambda: rail(app).startswith("✔"))
        await drawn(pilot)
        assert saved.region.height == 1


class Cycle:
    """Garbage only the cycle collector frees: it holds itself."""

    def __init__(self) -> None:
        self.me = self


def full_pass() -> list[object]:
    """A full collection as Python's own rule starts it (not `gc.collect()`, which freezing
    does not follow, as Heap.freeze makes those): objects made on this thread until it comes;
    they are returned, for a test to keep."""
    before = gc.get_stats()[2]["collections"]
    made: list[object] = []
    while gc.get_stats()[2]["collections"] == before:
        made.append([[] for _ in range(1_000)])
    return made


async def test_what_survives_a_full_pass_in_a_meeting_is_frozen_and_garbage_freed_later(
    tmp_path: Path,
) -> None:
    async with meeting(tmp_path) as (app, _):
        app.heap.freeze(app.screen_stack)
        frozen = gc.get_freeze_count()
        cycle = Cycle()
        gone = weakref.ref(cycle)
        full_pass()
        assert gc.get_freeze_count() > frozen  # the survivors, the cycle among them
        del cycle
        gc.collect()  # frozen: not reached
        assert gone() is not None
        asked: list[bool] = []
        app.heap._survivors.collect_again = lambda: asked.append(True)  # type: ignore[union-attr]
        kept = []
        while not asked:  # until the frozen heap has doubled since everything was collected
            kept.append(full_pass())
        assert gc.get_freeze_count() >= 2 * frozen
        app.heap.freeze(app.screen_stack)  # what collect_again asks the app for
        assert gone() is None


async def test_a_closed_dialog_of_a_meeting_is_freed_though_frozen_as_a_survivor(
    tmp_path: Path,
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        await pilot.press("f1")
        assert await until(pilot, lambda: not isinstance(app.screen, RunScreen))
        dialog: weakref.ref[Widget] = weakref.ref(app.screen)
        full_pass()  # the dialog survives, frozen
        await pilot.press("escape")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        gc.collect()
        assert dialog() is None


async def test_leaving_the_meeting_leaves_the_full_passes_to_python(tmp_path: Path) -> None:
    async with meeting(tmp_path) as (app, _):
        assert app.heap._survivors is not None
        assert app.leave_meeting()
        assert app.heap._survivors is None
