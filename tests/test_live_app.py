"""In the app, the event loop owns the live meeting: a command from another thread (a phone, later)
is handed to it and recorded like the facilitator's own."""

import asyncio
import threading
from pathlib import Path

from textual.widgets import OptionList

from tui.widgets.converge import ConvergeBoard
from tui.wyber.commands import AddIdea, Outcome
from tui.wyber.plan import Movement

from .factory import FakeClock, FakeWall
from .test_run_flow import SIZE, make_app, stored, wyber_30


async def test_a_command_from_another_thread_is_recorded_by_the_app(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        meeting = app.meeting
        assert meeting is not None
        outcomes: list[Outcome] = []

        def phone() -> None:
            command = AddIdea(actor=None, step=0, movement=Movement.DIVERGE, text="Van de telefoon")
            outcomes.append(meeting.submit_threadsafe(command).result(timeout=10))

        thread = threading.Thread(target=phone)
        thread.start()
        while thread.is_alive():
            await asyncio.sleep(0.01)
        assert outcomes[0].done
        assert [i.text for i in meeting.state.ideas.values()] == ["Van de telefoon"]
        assert [i.text for i in stored(app).ideas.values()] == ["Van de telefoon"]


async def test_moving_marked_ideas_on_the_board_is_one_command_one_ctrl_z_takes_back(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        meeting = app.meeting
        assert meeting is not None
        ids = [meeting.add_idea(text).id for text in ("One", "Two", "Three")]
        await pilot.press("f8")
        await pilot.pause()
        cluster = meeting.create_cluster("Bikes", [])
        board = app.screen.query_one(ConvergeBoard)
        board.refresh_board()
        board.marked.update(ids[:2])
        board.action_move()
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = [o.id for o in choices.options].index(cluster)
        await pilot.press("enter")
        await pilot.pause()
        assert [meeting.state.ideas[i].cluster_id for i in ids] == [cluster, cluster, None]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [meeting.state.ideas[i].cluster_id for i in ids] == [None, None, None]
        assert [i.cluster_id for i in stored(app).ideas.values()] == [None, None, None]
