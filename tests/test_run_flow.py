"""The 30-minute wyber exercise run through the real screens, key by key, on a fake clock.

Each test asserts what the facilitator sees and what was stored: the fold of the session file.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from tui.app import Clocks, Launch, WyberApp
from tui.dialogs.agreement import AgreementDialog
from tui.dialogs.consent import ConsentRoundDialog
from tui.dialogs.rebalance import RebalanceDialog
from tui.dialogs.unvoted import NotVotedDialog
from tui.screens.run import RunScreen
from tui.widgets.agenda import AgendaRail
from tui.widgets.clock import BigClock
from tui.widgets.panel import PENDING_MARK
from tui.wyber.consent import consent_state
from tui.wyber.events import AgreementKind
from tui.wyber.fold import fold
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Plan
from tui.wyber.plans import load_plan
from tui.wyber.state import ConsentState, SessionState
from tui.wyber.store import Archive

from .factory import FakeClock, FakeWall

SIZE = (80, 24)


def wyber_30(lang: str) -> Plan:
    return load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")


def make_app(tmp_path: Path, clock: FakeClock, wall: FakeWall, **launch: object) -> WyberApp:
    return WyberApp(tmp_path, "en", clocks=Clocks(clock, wall), launch=Launch(**launch))  # type: ignore[arg-type]


def stored(app: WyberApp) -> SessionState:
    """The session as the file holds it, once the background writer has caught up."""
    assert app.writer is not None and app.writer.flush(timeout=10)
    assert app.meeting is not None
    return fold(Archive(app.data).read(app.meeting.state.session_id))


def board_texts(app: WyberApp, list_id: str) -> list[str]:
    """What each row of a board says, without its mark of not yet on disk: whether the writer's
    word has reached the board yet depends on the machine's load (tests/test_durable_app.py
    checks the mark itself)."""
    board = app.screen.query_one(list_id, OptionList)
    prompts = (str(board.get_option_at_index(i).prompt) for i in range(board.option_count))
    return [prompt.removesuffix(PENDING_MARK) for prompt in prompts]


async def ticked(pilot: Pilot[None], shown: Callable[[], bool]) -> None:
    """Wait until the clock's tick (a quarter second, longer on a loaded machine) has drawn what
    `shown` looks for: a fixed pause was too short under the suite's load."""
    for _ in range(100):
        await pilot.pause(0.05)
        if shown():
            return


async def type_text(pilot: object, text: str) -> None:
    for character in text:
        await pilot.press(character if character != " " else "space")  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def amsterdam_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()


async def add_people(pilot: object, *names: str) -> None:
    await pilot.press("ctrl+g")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    for name in names:
        await type_text(pilot, name)
        await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_whole_30_minute_exercise(tmp_path: Path) -> None:
    clock = FakeClock()
    wall = FakeWall(clock)
    app = make_app(tmp_path, clock, wall, plan=wyber_30("en"), run_now=True)
    bells: list[bool] = []
    app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.focused is app.screen.query_one("#idea", Input)  # --now: ready to type
        await add_people(pilot, "Anna de Vries", "Bram", "Carla")
        state = app.meeting.state  # type: ignore[union-attr]
        assert [p.name for p in state.participants.values()] == ["Anna de Vries", "Bram", "Carla"]
        anna = next(p.id for p in state.participants.values() if p.name == "Anna de Vries")

        # Diverge: ideas with and without author, "[markup]" and emoji shown as typed.
        for idea in ("Anna: more coffee together", "a shared [red]calendar[/red] 📅"):
            await type_text(pilot, idea)
            await pilot.press("enter")
        await pilot.press("ctrl+r")  # a go-around: Anna's turn first
        await type_text(pilot, "coffee machine on every floor")
        await pilot.press("enter", "ctrl+n")  # Bram's turn
        await type_text(pilot, "weekly standup")
        await pilot.press("enter", "ctrl+r")
        texts = board_texts(app, "#ideas")
        assert "more coffee together  — Anna de Vries" in texts[0]
        assert "a shared [red]calendar[/red] 📅" in texts[1]
        assert "— Anna de Vries" in texts[2] and "— Bram" in texts[3]

        # Edit, delete and undo.
        await type_text(pilot, "typo idea")
        await pilot.press("enter", "ctrl+y")
        await pilot.pause()
        assert not any("typo idea" in t for t in board_texts(app, "#ideas"))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("typo idea" in t for t in board_texts(app, "#ideas"))
        await pilot.press("down", "ctrl+y")  # Down in the input moves the board to the last idea

        # Overrun: the time box of 10 minutes runs out, the bell rings once, the clock counts up.
        clock.advance(11 * 60)
        big = app.screen.query_one(BigClock)
        await ticked(pilot, lambda: big.value == "+01:00")
        assert big.value == "+01:00" and big.has_class("-over")
        assert bells == [True]
        await pilot.press("f3")  # one more minute: still 0 left, then pause and resume
        assert app.screen.query_one(BigClock).value == "00:00"
        await pilot.press("f2")
        clock.advance(120)
        await ticked(pilot, lambda: big.has_class("-paused"))
        assert app.screen.query_one(BigClock).has_class("-paused")
        await pilot.press("f2")

        # Converge: cluster the two coffee ideas, dots within the plan's 3 each, select.
        await pilot.press("f8")
        await pilot.pause()
        assert app.meeting.segment.movement is Movement.CONVERGE  # type: ignore[union-attr]
        ideas = [t.label for t in app.meeting.ranking()]  # type: ignore[union-attr]
        board = app.screen.query_one("#targets", OptionList)
        for text in ("more coffee together", "coffee machine on every floor"):
            board.highlighted = ideas.index(text)
            await pilot.press("space")
        await pilot.press("c")
        await type_text(pilot, "Coffee")
        await pilot.press("enter")
        await pilot.pause()
        assert "Coffee" in board_texts(app, "#targets")[0]
        await pilot.press("v")  # the picker opens on Anna, the first still to vote
        await pilot.press("enter")
        board.highlighted = 0
        await pilot.press("plus", "plus", "plus")  # her three dots: then Bram votes
        await pilot.pause()
        cluster = next(iter(app.meeting.state.clusters.values()))  # type: ignore[union-attr]
        assert cluster.tally.dots == {anna: 3}
        assert "Votes now: Bram" in str(app.screen.query_one("#vote-status").render())
        await pilot.press("enter")  # the group selects the coffee cluster
        # Time was lost: rebalance the rest of the agenda to end on time, once confirmed.
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceDialog)
        consolidate = app.meeting.state.segments[2]  # type: ignore[union-attr]
        assert consolidate.budget == consolidate.planned
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert consolidate.budget < consolidate.planned

        # Consolidate: Bram and Carla have not voted, so F8 asks first; F8 again goes on.
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, NotVotedDialog)
        await pilot.press("f8")
        # An action with owner and deadline, then consent.
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementDialog)
        assert dialog.query_one("#text", Input).value == "Coffee"  # the selection, proposed
        dialog.query_one("#kind", Select).value = AgreementKind.ACTION
        dialog.query_one("#owner", Input).value = "Anna"  # a first name is enough
        dialog.query_one("#deadline", Input).focus()
        await type_text(pilot, "next friday")
        await pilot.pause()
        # Monday 23 November 2026 (the fake wall clock): next friday is 4 December.
        assert "Friday, 4 December 2026" in str(dialog.query_one("#understood").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ConsentRoundDialog)
        await pilot.press("c", "c", "c", "escape")  # each in turn consents; the round closes
        await pilot.pause()

        rail = str(app.screen.query_one(AgendaRail).render())
        assert "▶ Consolidate" in rail

        on_disk = stored(app)
        assert [i.text for i in on_disk.ideas.values()] == [
            "more coffee together",
            "a shared [red]calendar[/red] 📅",
            "coffee machine on every floor",
            "weekly standup",
        ]
        assert [i.author_name for i in on_disk.ideas.values()] == [
            "Anna de Vries",
            "",
            "Anna de Vries",
            "Bram",
        ]
        (agreement,) = on_disk.agreements.values()
        assert (agreement.kind, agreement.owner_name, agreement.deadline) == (
            AgreementKind.ACTION,
            "Anna de Vries",
            date(2026, 12, 4),
        )
        assert consent_state(agreement, on_disk) is ConsentState.GIVEN
        assert [a.name for a in agreement.round.answers.values()] == [
            "Anna de Vries",
            "Bram",
            "Carla",
        ]
        assert on_disk.clusters[cluster.id].tally.selected
        assert on_disk.segments[0].budget == 11 * 60  # the extension


async def test_after_a_crash_the_session_resumes_as_it_was_and_says_how_long_it_was_away(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    wall = FakeWall(clock)
    first = make_app(tmp_path, clock, wall, plan=wyber_30("nl"), run_now=True)
    async with first.run_test(size=SIZE) as pilot:
        await first.workers.wait_for_complete()
        await pilot.pause()
        for idea in ("meer koffie", "gedeelde agenda"):
            await type_text(pilot, idea)
            await pilot.press("enter")
        clock.advance(4 * 60)
        await pilot.pause()
        session_id = first.meeting.state.session_id  # type: ignore[union-attr]
        assert first.writer is not None and first.writer.flush(timeout=10)
        # The terminal is closed mid-round: no quit, no finish. The process dies, and with it
        # its lock; what was acknowledged is on disk.
        writer = first.writer
    assert writer.close()
    Archive(tmp_path).open(session_id).close()

    wall.jumped = 7 * 60  # seven minutes pass before the laptop is back
    rebooted = FakeClock(now=3.0)
    second = WyberApp(
        tmp_path, "nl", clocks=Clocks(rebooted, wall), launch=Launch(session_id=session_id)
    )
    bells: list[bool] = []
    second.bell = lambda: bells.append(True)  # type: ignore[method-assign]
    async with second.run_test(size=SIZE) as pilot:
        await second.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(second.screen, RunScreen), [n.message for n in second._notifications]
        notices = [n.message for n in second._notifications]
        # Away counts from the last record: the 4 quiet minutes before the crash and the 7 after.
        assert any("11:00" in message and "weg" in message for message in notices), notices
        assert [t.split("  ", 2)[-1] for t in board_texts(second, "#ideas")] == [
            "meer koffie",
            "gedeelde agenda",
        ]
        # 10 minutes of diverge: 4 used before the crash, 7 passed while away: 1 over.
        assert second.screen.query_one(BigClock).value == "+01:00"
        assert bells == []  # it ran out while away: no late bell
        await type_text(pilot, "na de herstart")
        await pilot.press("enter")
        on_disk = stored(second)
        assert on_disk.away == [660.0]
        assert [i.text for i in on_disk.ideas.values()][-1] == "na de herstart"
