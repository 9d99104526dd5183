"""A hall of phones sending at once does not make the run screen redraw per phone: with the room
open, once BURST_DRAWS draws came within BURST_SECONDS, what the phones send waits for the
clock's tick and is drawn with it, all of it in one redraw; without a room every draw is a
frame's, as the facilitator's keys need. The room panel shows the changes that came meanwhile
in one redraw."""

from pathlib import Path

import pytest

from tui.room.place import RoomPlace
from tui.screens import run
from tui.screens.room import RoomDialog
from tui.widgets.ideas import IdeaBoard
from tui.wyber.commands import AddIdea
from tui.wyber.plan import Movement

from .factory import FakeClock, FakeWall
from .test_run_flow import SIZE, board_texts, make_app, wyber_30
from .test_views_observe import counting, from_another_thread, running, started

IDEAS = 12


async def phones_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: bool) -> list[int]:
    """IDEAS ideas from a phone, one after another, the clock's tick held meanwhile; the board's
    draws counted, and every idea on it once the tick came."""
    monkeypatch.setattr(run, "BURST_SECONDS", 600.0)  # however slow the machine, one burst
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        if room:
            app.open_room("127.0.0.1", 0)
        anna = meeting.add_participant("Anna de Vries").id
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, run.RunScreen)
        for timer in screen._timers:
            timer.pause()  # the tick comes when the test says
        drawn = counting(screen.query_one(IdeaBoard), "show_records")
        for n in range(IDEAS):
            idea = AddIdea(actor=anna, step=0, movement=Movement.DIVERGE, text=f"Phone {n}")
            await from_another_thread(meeting, idea)
            await pilot.pause()
        draws = len(drawn)
        screen.tick()
        await pilot.pause()
        assert board_texts(app, "#ideas") == [f"{n + 1:>3}  Phone {n}" for n in range(IDEAS)]
        if room:
            await app.close_room()
    return drawn[:draws]


async def test_with_the_room_open_a_burst_waits_for_the_tick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(await phones_send(tmp_path, monkeypatch, room=True)) <= run.BURST_DRAWS


async def test_without_a_room_each_record_is_drawn_a_frame_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(await phones_send(tmp_path, monkeypatch, room=False)) == IDEAS


async def test_the_room_panel_shows_many_changes_at_once_in_one_redraw(tmp_path: Path) -> None:
    clock = FakeClock()
    place = RoomPlace("127.0.0.1", 0)
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True, room=place)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel, opened = app.screen, app.room
        assert isinstance(panel, RoomDialog) and opened is not None
        shown = counting(panel, "show")
        for _ in range(300):  # 300 phones opening their streams while the loop was busy
            opened.room.on_change()
        await pilot.pause()
        assert shown == [1]
        opened.room.on_change()  # and one change alone is shown as soon
        await pilot.pause()
        assert shown == [1, 1]
        await app.close_room()
