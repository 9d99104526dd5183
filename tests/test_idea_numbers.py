"""An idea's number is its own: given once when it is added, kept when it is removed and brought
back, never given to another, and the same on the board, in the replay and in the minutes."""

from pathlib import Path

from textual.widgets import OptionList

from tui.app import Clocks, Launch, WyberApp
from tui.widgets.panel import PENDING_MARK
from tui.widgets.replay_board import board_lines
from tui.wyber.events import IdeaAdded, IdeaRemoved, IdeaRestored, RoundStarted
from tui.wyber.fold import fold
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement
from tui.wyber.plans import load_plan

from .factory import FakeClock, FakeWall, opened, records, two_step_plan


def numbers(*events: object) -> dict[str, int]:
    state = fold(records([(0, opened(two_step_plan())), *((1, e) for e in events)]))  # type: ignore[misc]
    return {idea.text: idea.number for idea in state.ideas.values()}


def test_a_removed_idea_comes_back_with_its_own_number_and_the_later_ones_keep_theirs() -> None:
    state = fold(
        records(
            [
                (0, opened(two_step_plan())),
                (1, RoundStarted(step=0, movement=Movement.DIVERGE)),
                *((2, IdeaAdded(idea_id=f"i{n}", text=t)) for n, t in enumerate("ABCD", 1)),
                (3, IdeaRemoved(idea_id="i3")),
                (4, IdeaRestored(idea_id="i3")),
                (5, IdeaAdded(idea_id="i9", text="E")),
            ]
        )
    )
    assert [(i.text, i.number) for i in state.ideas_of(0)] == [
        ("A", 1),
        ("B", 2),
        ("C", 3),
        ("D", 4),
        ("E", 5),
    ]


def test_a_number_is_never_given_again_and_each_step_counts_its_own() -> None:
    assert numbers(
        RoundStarted(step=0, movement=Movement.DIVERGE),
        IdeaAdded(idea_id="i1", text="A"),
        IdeaAdded(idea_id="i2", text="B"),
        IdeaRemoved(idea_id="i2"),
        IdeaAdded(idea_id="i3", text="C"),  # B's 2 stays B's, though B is gone
        RoundStarted(step=1, movement=Movement.DIVERGE),
        IdeaAdded(idea_id="i4", text="D"),
    ) == {"A": 1, "C": 3, "D": 1}


async def test_delete_and_undo_on_the_board_keeps_every_number_in_replay_and_minutes(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    plan = load_plan(shipped_plans_dir() / "wyber-30.en.toml")
    launch = Launch(plan=plan, run_now=True)
    app = WyberApp(tmp_path, "en", clocks=Clocks(clock, FakeWall(clock)), launch=launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for text in ("alpha", "bravo", "charlie", "delta"):
            await pilot.press(*text, "enter")
        board = app.screen.query_one("#ideas", OptionList)
        board.highlighted = 2
        await pilot.press("ctrl+y")  # charlie goes …
        await pilot.pause()
        await pilot.press("ctrl+z")  # … and comes back
        await pilot.pause()
        shown = [
            str(board.get_option_at_index(i).prompt).removesuffix(PENDING_MARK)
            for i in range(board.option_count)
        ]
        assert shown == ["  1  alpha", "  2  bravo", "  3  charlie", "  4  delta"]
        assert app.meeting is not None
        state = app.meeting.state
        _, lines, _ = board_lines(state, "en")  # the replay draws the same rows
        assert [str(line) for line, _ in lines] == shown
        minutes = markdown(build_minutes(state, "en"))  # listed in their place, charlie third
        places = [
            minutes.index(f"- {n}\\. {text}\n")
            for n, text in enumerate(("alpha", "bravo", "charlie", "delta"), start=1)
        ]
        assert places == sorted(places)
