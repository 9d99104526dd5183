"""The idea board draws what each record changes, and only that: an idea edited or removed by
any source changes its own line (the others keep their numbers), a dot changes nothing
on it, and a board of hundreds is not measured again for one change. The facilitator's own
idea is on the board when the key that typed it is done, not a message later."""

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tui.widgets.ideas import IdeaBoard
from tui.widgets.panel import PENDING_MARK
from tui.wyber.commands import EditIdea, RemoveIdea, Vote
from tui.wyber.plan import Movement

from .test_board_list import counting_measures
from .test_run_flow import SIZE, board_texts
from .test_views_observe import all_saved, counting, from_another_thread, running, started

HERE = {"step": 0, "movement": Movement.DIVERGE}


async def test_an_idea_edited_or_removed_by_a_phone_changes_its_own_line(tmp_path: Path) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        anna = meeting.add_participant("Anna de Vries").id
        ids = [meeting.add_idea(text).id for text in ("one", "two", "three", "four", "five")]
        await pilot.pause()
        board = app.screen.query_one("#ideas", OptionList)
        board.highlighted = 3  # the facilitator looks at "four"
        await from_another_thread(meeting, EditIdea(actor=anna, idea_id=ids[1], text="TWO", **HERE))
        await from_another_thread(meeting, RemoveIdea(actor=anna, idea_id=ids[2], **HERE))
        await pilot.pause()
        await all_saved(app, pilot)
        assert board_texts(app, "#ideas") == ["  1  one", "  2  TWO", "  4  four", "  5  five"]
        assert board.highlighted_option is not None and board.highlighted_option.id == ids[3]


async def test_a_dot_given_during_diverge_leaves_the_idea_board_as_it_is(tmp_path: Path) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        anna = meeting.add_participant("Anna de Vries").id
        first = meeting.add_idea("one").id
        await pilot.pause()
        rebuilt = counting(app.screen.query_one(IdeaBoard), "refresh_board")
        vote = Vote(actor=anna, voter_id=anna, target_id=first, delta=1, **HERE)
        assert (await from_another_thread(meeting, vote)).done
        await pilot.pause()
        assert rebuilt == []
        assert board_texts(app, "#ideas") == ["  1  one"]


async def test_one_change_on_a_board_of_300_ideas_measures_that_idea_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await running(app, pilot)
        anna = meeting.add_participant("Anna de Vries").id
        ids = [meeting.add_idea(f"Idea number {n} of the evening").id for n in range(300)]
        await pilot.pause()
        await all_saved(app, pilot)
        measured = counting_measures(monkeypatch)
        edit = EditIdea(actor=anna, idea_id=ids[150], text="Said again, a little longer", **HERE)
        await from_another_thread(meeting, edit)
        await from_another_thread(meeting, RemoveIdea(actor=anna, idea_id=ids[10], **HERE))
        await pilot.pause()
        await all_saved(app, pilot)
        assert len(measured) < 10  # the edited idea, and its line once on disk; not 300
        texts = board_texts(app, "#ideas")
        assert len(texts) == 299 and texts[149] == "151  Said again, a little longer"  # its own


async def test_the_facilitators_own_idea_is_on_the_board_when_the_key_is_done(
    tmp_path: Path,
) -> None:
    app = started(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await running(app, pilot)
        board = app.screen.query_one("#ideas", OptionList)
        assert app.screen.query_one(IdeaBoard).add_typed("Drawn at once")
        # No await: no message has been handled since the command ran.
        prompts = [str(option.prompt).removesuffix(PENDING_MARK) for option in board.options]
        assert prompts == ["  1  Drawn at once"]
        await all_saved(app, pilot)
