"""The run screen observes the meeting: what any source records — the facilitator's keys or a
participant's phone on another thread — reaches the boards from the records, redrawn once per
batch however many records the batch holds."""

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, OptionList

from tui.app import WyberApp
from tui.screens.run import RunScreen
from tui.widgets.converge import ConvergeBoard
from tui.widgets.diamond import Diamond
from tui.widgets.ideas import IdeaBoard
from tui.wyber.commands import AddIdea, Command, NextMovement, Outcome
from tui.wyber.events import IdeaAdded
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Movement

from .factory import FakeClock, FakeWall
from .test_run_flow import SIZE, board_texts, make_app, type_text, wyber_30


def started(tmp_path: Path) -> WyberApp:
    """The app, in the first diverge of the 30-minute exercise once it runs."""
    clock = FakeClock()
    return make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)


async def from_another_thread(meeting: Meeting, command: Command) -> Outcome:
    """`command` submitted from a thread of its own (a phone), the app's loop running meanwhile."""
    outcomes: list[Outcome] = []
    thread = threading.Thread(
        target=lambda: outcomes.append(meeting.submit_threadsafe(command).result(timeout=10))
    )
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.01)
    assert outcomes[0].done, outcomes[0]
    return outcomes[0]


async def running(app: WyberApp, pilot: Pilot[Any]) -> Meeting:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.meeting is not None
    return app.meeting


async def test_a_second_source_adds_ideas_while_the_facilitator_types_and_both_appear(
    tmp_path: Path,
) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        anna = meeting.add_participant("Anna de Vries").id
        for n in range(3):
            await type_text(pilot, f"Typed {n} ")
            # Halfway through the facilitator's line, Anna's phone sends an idea.
            phone = AddIdea(
                actor=anna, step=0, movement=Movement.DIVERGE, author_id=anna, text=f"Phone {n}"
            )
            await from_another_thread(meeting, phone)
            await pilot.pause()
            line = app.screen.query_one("#idea", Input)
            assert line.value == f"Typed {n} "  # the redraw left the line being typed alone
            await type_text(pilot, "end")
            await pilot.press("enter")
            await pilot.pause()
        await all_saved(app, pilot)
        assert board_texts(app, "#ideas") == [
            "  1  Phone 0  — Anna de Vries",
            "  2  Typed 0 end",
            "  3  Phone 1  — Anna de Vries",
            "  4  Typed 1 end",
            "  5  Phone 2  — Anna de Vries",
            "  6  Typed 2 end",
        ]
        ideas = app.screen.query_one("#ideas", OptionList)
        assert [ideas.get_option_at_index(i).id for i in range(6)] == list(meeting.state.ideas)
        assert ideas.highlighted == 5  # on the facilitator's newest idea, the one Ctrl+O edits


async def all_saved(app: WyberApp, pilot: Pilot[Any]) -> None:
    """Every idea on disk, and its pending mark gone: the writer's word of it may still be on its
    way to the app on a loaded machine, so the marks are drawn from the watermark here."""
    assert app.writer is not None and app.writer.flush(timeout=10)
    screen = app.screen
    assert isinstance(screen, RunScreen)
    screen.show_durable()
    await pilot.pause()


def counting(obj: object, name: str) -> list[int]:
    """Count the calls of `obj.name` (the method still runs)."""
    calls: list[int] = []
    method: Callable[..., Any] = getattr(obj, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return method(*args, **kwargs)

    setattr(obj, name, counted)
    return calls


@pytest.mark.parametrize("count", [1, 40])
async def test_records_that_arrive_in_one_frame_are_drawn_once(tmp_path: Path, count: int) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        ideas = app.screen.query_one("#ideas", OptionList)
        added = counting(ideas, "add_options")
        for n in range(count):  # no await in between: all before the next frame
            meeting.add_idea(f"Idea {n}")
        await pilot.pause()
        assert len(added) == 1
        assert ideas.option_count == count

        await pilot.press("f8")  # converge: the board is the sorted result, rebuilt per batch
        await pilot.pause()
        targets = app.screen.query_one("#targets", OptionList)
        # Counted where records are drawn: the pending marks' own redraw, when the writer's
        # fsync catches up, is another matter (tests/test_durable_app.py).
        rebuilt = counting(app.screen.query_one(ConvergeBoard), "show_records")
        first = next(iter(meeting.state.ideas))
        for _ in range(count):
            meeting.vote(first)
        await pilot.pause()
        assert len(rebuilt) == 1
        top = str(targets.get_option_at_index(0).prompt)
        assert f"{count:>2} {'●' * min(count, 12)}" in top and "Idea 0" in top


async def test_the_group_moved_on_by_another_source_moves_the_screen(tmp_path: Path) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        await from_another_thread(meeting, NextMovement())
        await pilot.pause()
        assert app.screen.query_one("#panels", ContentSwitcher).current == "converge"
        assert app.screen.query_one(Diamond).movement is Movement.CONVERGE
        rail = str(app.screen.query_one("#rail").render())
        assert "▶ Converge" in rail


async def test_a_board_drawn_anew_before_the_records_came_shows_each_idea_once(
    tmp_path: Path,
) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        meeting.add_idea("Drawn by the rebuild")
        app.screen.query_one(IdeaBoard).refresh_board()  # before the notification is handled
        meeting.add_idea("Drawn from its record")
        await pilot.pause()
        await all_saved(app, pilot)
        assert board_texts(app, "#ideas") == [
            "  1  Drawn by the rebuild",
            "  2  Drawn from its record",
        ]


async def test_an_idea_a_phone_typed_before_the_group_moved_on_joins_its_step_on_the_board(
    tmp_path: Path,
) -> None:
    """Filed where it was typed (the late rule): in the diverge's step, so the converge board of
    that step shows it, numbered after the facilitator's, and Anna's (the converge board names
    no authors)."""
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        anna = meeting.add_participant("Anna de Vries").id
        meeting.add_idea("From the keys")
        await pilot.press("f8")  # converge, while Anna's phone still showed the diverge
        await pilot.pause()
        late = AddIdea(
            actor=anna, step=0, movement=Movement.DIVERGE, author_id=anna, text="From the phone"
        )
        made = await from_another_thread(meeting, late)
        await pilot.pause()
        (record,) = made.records
        assert (record.step, record.movement) == (0, Movement.DIVERGE)
        rows = board_texts(app, "#targets")
        assert len(rows) == 2 and rows[0].endswith("1        0  From the keys")
        assert rows[1].endswith("2        0  From the phone")
        assert isinstance(record.event, IdeaAdded)
        idea = meeting.state.ideas[record.event.idea_id]
        assert (idea.step, idea.movement, idea.author_name) == (
            0,
            Movement.DIVERGE,
            "Anna de Vries",
        )
