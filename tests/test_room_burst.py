"""A hall of phones sending at once does not make the run screen redraw per phone: with the room
open, once BURST_DRAWS draws came within BURST_SECONDS, what the phones send waits for the
clock's tick and is drawn with it, all of it in one redraw; without a room every draw is a
frame's, as the facilitator's keys need."""

from pathlib import Path

import pytest

from tui.screens import run
from tui.widgets.ideas import IdeaBoard
from tui.wyber.commands import AddIdea
from tui.wyber.plan import Movement

from .test_run_flow import SIZE, board_texts
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
