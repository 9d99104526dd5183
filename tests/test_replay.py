"""Replay: a recorded session on its own timeline, as the core folds it and as a person plays it.

The core: the state at any moment is the fold of the records up to that moment, whatever the
checkpoints; moving to the previous or next event or round lands on the right moment. The screen:
real keys and clicks on a real app (`wyber replay ID`), a fake monotonic clock for playing, and
what it shows at given moments of a made-up meeting of the 30-minute wyber (`sample_records`):

    t=5      diverge starts (six participants)     t=35..95   the timer is paused
    t=141…   twelve ideas, one every 46 s          t=713.8    converge: three clusters, 18 dots
    t=737.8  converge +5 minutes                   t=802.8    consolidate: four agreements
    t=1342.8 evaluation, and the session is finished
"""

import dataclasses
import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.factory import FakeClock, FakeWall, opened, records, two_step_plan
from tests.test_fold import EVENTS
from tui.app import Clocks, Launch, WyberApp
from tui.cli import main
from tui.keys import screen_commands
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.replay import ReplayScreen
from tui.widgets.clock import BigClock
from tui.widgets.diamond import Diamond
from tui.widgets.replay_board import BoardView, ReplayBoard, wrap
from tui.widgets.scrub import ScrubBar
from tui.wyber.events import IdeaAdded, Record, ReviewStatus, RoundStarted, TimerPaused
from tui.wyber.fold import NotASessionLog, fold
from tui.wyber.i18n import Language, tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement
from tui.wyber.plans import load_plan
from tui.wyber.replay import (
    SPEEDS,
    Cursor,
    Timeline,
    copy_state,
    faster,
    moment_text,
    parse_moment,
    slower,
)
from tui.wyber.sample import sample_records
from tui.wyber.state import (
    Agreement,
    Answer,
    Cluster,
    Consent,
    ConsentRound,
    Evaluation,
    Idea,
    Participant,
    Pass,
    Reopening,
    Review,
    ReviewClock,
    Segment,
    SessionState,
    Tally,
)
from tui.wyber.store import Archive

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SESSION = "20261123-0900-beef"
SMALL, LARGE = (80, 24), (160, 48)
END = 1342.846  # the session's last record, rounded as the tests read it


# ── the core: a timeline and its states ─────────────────────────────────────────────────────


def timed_logs() -> st.SearchStrategy[list[Record]]:
    """Session logs of up to 40 events; several events often share a moment."""
    gaps = st.sampled_from([0.0, 0.0, 0.5, 1.0, 7.25, 60.0])
    return st.lists(st.tuples(gaps, EVENTS), max_size=40).map(
        lambda steps: records(
            [
                (0.0, opened(two_step_plan())),
                *(
                    (sum(gap for gap, _ in steps[: n + 1]), event)
                    for n, (_, event) in enumerate(steps)
                ),
            ]
        )
    )


def prefix_state(recs: list[Record], t: float) -> SessionState:
    """The definition: the fold of the records stamped at or before t; a moment before the
    session's start is its start."""
    return fold([r for r in recs if r.t <= max(t, recs[0].t)])


MOMENTS = st.floats(-10, 2_500, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(timed_logs(), st.integers(1, 9), st.lists(MOMENTS, min_size=1, max_size=6))
def test_the_state_at_any_moment_is_the_fold_of_the_records_up_to_it(
    recs: list[Record], every: int, moments: list[float]
) -> None:
    timeline = Timeline(recs, every=every)
    # the moments drawn, and the records' own moments (where checkpoints and ties matter most)
    for t in [*moments, *(r.t for r in recs)]:
        assert timeline.state_at(t) == prefix_state(recs, t)


@settings(max_examples=200, deadline=None)
@given(timed_logs(), st.integers(1, 9), st.lists(MOMENTS, min_size=1, max_size=12))
def test_a_cursor_moved_anywhere_shows_the_same_state(
    recs: list[Record], every: int, moments: list[float]
) -> None:
    """Forward in place, back from a checkpoint, in any order: always the fold of the prefix."""
    cursor = Cursor(Timeline(recs, every=every))
    for t in moments:
        assert cursor.seek(t) == prefix_state(recs, t)
        assert cursor.count == sum(1 for r in recs if r.t <= max(t, recs[0].t))


@settings(max_examples=200, deadline=None)
@given(timed_logs(), MOMENTS)
def test_the_state_handed_out_is_the_callers_own(recs: list[Record], t: float) -> None:
    timeline = Timeline(recs, every=2)
    state = timeline.state_at(t)
    state.ideas.clear()
    state.segments.clear()
    state.participants.clear()
    assert timeline.state_at(t) == prefix_state(recs, t)


@settings(max_examples=200, deadline=None)
@given(timed_logs(), MOMENTS)
def test_previous_and_next_event_and_round_land_on_the_nearest_ones(
    recs: list[Record], t: float
) -> None:
    timeline = Timeline(recs)
    times = sorted({r.t for r in recs})
    rounds = [r.t for r in recs if isinstance(r.event, RoundStarted)]
    later, earlier = [x for x in times if x > t], [x for x in times if x < t]
    assert timeline.next_event(t) == (later[0] if later else timeline.end)
    assert timeline.previous_event(t) == (earlier[-1] if earlier else timeline.start)
    later_rounds, earlier_rounds = [x for x in rounds if x > t], [x for x in rounds if x < t]
    assert timeline.next_step(t) == (later_rounds[0] if later_rounds else timeline.end)
    assert timeline.previous_step(t) == (earlier_rounds[-1] if earlier_rounds else timeline.start)
    for moment in (
        timeline.next_event(t),
        timeline.previous_event(t),
        timeline.next_step(t),
        timeline.previous_step(t),
    ):
        assert timeline.start <= moment <= timeline.end


def test_a_timeline_knows_its_span_events_and_rounds() -> None:
    recs = sample_records(wyber_30("en"), SESSION, START, ideas=12)
    timeline = Timeline(recs)
    assert (timeline.start, round(timeline.end, 3), timeline.duration) == (
        0.0,
        END,
        timeline.end,
    )
    assert [(round(r.t, 3), r.movement) for r in timeline.rounds] == [
        (5.0, Movement.DIVERGE),
        (713.846, Movement.CONVERGE),
        (802.846, Movement.CONSOLIDATE),
    ]
    # participants at 0, then one moment per event; records that share a moment share it
    assert timeline.next_event(0.0) == 5.0 and timeline.next_event(5.0) == 35.0
    assert timeline.previous_event(35.0) == 5.0 and timeline.previous_event(0.0) == 0.0
    assert timeline.next_event(timeline.end) == timeline.end
    assert timeline.next_step(5.0) == timeline.rounds[1].t
    assert timeline.previous_step(timeline.rounds[1].t) == 5.0
    assert timeline.previous_step(5.0) == 0.0 and timeline.next_step(1000) == timeline.end
    assert timeline.round_at(4.9) is None
    assert timeline.round_at(800) == timeline.rounds[1]
    assert timeline.count_at(-5) == 7  # the opening and the participants, all at 0
    assert timeline.count_at(1e9) == len(recs)
    assert isinstance(timeline.record_at(36).event, TimerPaused)
    assert timeline.final == fold(recs)


def test_a_log_whose_times_go_back_is_read_at_the_latest_time_so_far() -> None:
    """A foreign or hand-edited log: "the records up to t" is still a prefix of the log."""
    plan = two_step_plan()
    recs = records(
        [
            (0, opened(plan)),
            (10, RoundStarted(step=0, movement=Movement.DIVERGE)),
            (30, IdeaAdded(idea_id="i1", text="one")),
            (20, IdeaAdded(idea_id="i2", text="two")),  # stamped earlier than the one before
            (40, IdeaAdded(idea_id="i3", text="three")),
        ]
    )
    timeline = Timeline(recs, every=1)
    assert timeline.times == [0, 10, 30, 30, 40]
    assert list(timeline.state_at(25).ideas) == []
    assert list(timeline.state_at(30).ideas) == ["i1", "i2"]
    assert timeline.state_at(30) == fold(recs[:4])


def test_a_timeline_needs_a_session_log() -> None:
    with pytest.raises(NotASessionLog):
        Timeline([])
    with pytest.raises(NotASessionLog):
        Timeline(records([(0, TimerPaused())]))
    with pytest.raises(ValueError, match="checkpoints"):
        Timeline(records([(0, opened())]), every=0)


# copy_state spells out every field (deepcopy is ten times slower): when a state class gains a
# field, this fails, so that replay.copy_state learns to copy it.
FIELDS: dict[type, int] = {
    SessionState: 31,
    Participant: 9,
    Tally: 3,
    Idea: 10,
    Cluster: 5,
    Consent: 2,
    Agreement: 14,
    ConsentRound: 1,
    Answer: 7,
    Reopening: 2,
    Review: 9,
    ReviewClock: 2,
    Pass: 4,
    Evaluation: 4,
    Segment: 6,
}


@pytest.mark.parametrize("kind", list(FIELDS), ids=lambda kind: kind.__name__)
def test_copy_state_knows_every_field_of_the_state(kind: type) -> None:
    assert len(dataclasses.fields(kind)) == FIELDS[kind], (
        f"{kind.__name__} changed: teach tui.wyber.replay.copy_state its new field"
    )


def test_a_copied_state_is_equal_and_shares_nothing_that_changes() -> None:
    def made() -> SessionState:
        state = fold(sample_records(wyber_30("nl"), SESSION, START, ideas=12))
        state.reviews.append(Review("s0", "a9", 9, "Eerder", ReviewStatus.DONE, "", 1.0))
        return state

    state = made()
    copy = copy_state(state)
    assert copy == state
    idea = next(iter(copy.ideas.values()))
    idea.tally.dots["p9"] = 3
    idea.text = "changed"
    copy.segments[0].used = 1e6
    next(iter(copy.clusters.values())).tally.scores["p1"] = 1
    next(iter(copy.agreements.values())).text = "changed"
    copy.participants["p1"].present = False
    assert copy.evaluation is not None
    copy.evaluation.scores["p1"] = 1
    copy.reviews[0].note = "changed"
    copy.away.append(5.0)
    assert copy != state
    assert state == made()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (59.9, "00:59"), (425, "07:05"), (3599, "59:59"), (3723, "1:02:03")],
)
def test_moments_read_as_minutes_and_seconds(seconds: float, text: str) -> None:
    assert moment_text(seconds) == text


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("7:30", 450.0),
        (" 07:05 ", 425.0),
        ("1:02:03", 3723.0),
        ("12", 720.0),
        ("90:00", 5400.0),
        ("12.30", 750.0),
        ("", None),
        ("7:75", None),
        ("half", None),
        ("1:2:3:4", None),
        ("-5", None),
    ],
)
def test_a_typed_moment_is_understood_or_refused(typed: str, seconds: float | None) -> None:
    assert parse_moment(typed) == seconds


@given(st.integers(0, 100 * 3600))
def test_a_moment_shown_reads_back_as_the_same_moment(seconds: int) -> None:
    assert parse_moment(moment_text(seconds)) == seconds


def test_speeds_step_up_and_down_and_stop_at_the_ends() -> None:
    assert SPEEDS == (1, 4, 16, 60)
    assert [faster(s) for s in SPEEDS] == [4, 16, 60, 60]
    assert [slower(s) for s in SPEEDS] == [1, 1, 4, 16]


# ── the screen's own drawing: the board's wrapping and the scrub bar ─────────────────────────


@pytest.mark.parametrize(
    ("plain", "width", "indent", "lines"),
    [
        ("short", 20, 2, ["short"]),
        ("  1  one two three four", 12, 5, ["  1  one two", "three", "four"]),
        ("abcdefghij", 4, 0, ["abcd", "efgh", "ij"]),  # a word longer than the line: folded
        ("one\n     owner · date", 40, 5, ["one", "     owner · date"]),
        ("ideeën 🙂 en 🙂🙂", 8, 0, ["ideeën", "🙂 en", "🙂🙂"]),  # emoji take two cells
        ("", 10, 0, [""]),
    ],
)
def test_board_lines_wrap_at_spaces_within_the_width(
    plain: str, width: int, indent: int, lines: list[str]
) -> None:
    assert [plain[start:end] for start, end in wrap(plain, width, indent)] == lines


@given(st.text(alphabet=st.sampled_from("ab cd😀\n"), max_size=60), st.integers(1, 30))
def test_wrapping_keeps_every_character_and_each_line_fits(plain: str, width: int) -> None:
    indent = 3
    rows = wrap(plain, width, indent)
    # what is left out is only the spaces and newlines lines were broken at
    assert "".join(plain[start:end] for start, end in rows).replace(" ", "") == plain.replace(
        " ", ""
    ).replace("\n", "")
    for number, (start, end) in enumerate(rows):
        room = width if number == 0 or plain[start - 1] == "\n" else max(1, width - indent)
        line = plain[start:end]
        assert cell_len(line) <= max(room, cell_len(line[:1]))


async def test_the_scrub_bar_draws_the_played_part_the_head_and_the_rounds(
    tmp_path: Path,
) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        screen.seek(740)  # after converge began: two rounds behind, one ahead
        await pilot.pause()
        drawn = screen.query_one(ScrubBar).render().plain
        end = screen.timeline.end
        head = round(740 / end * 79)
        marks = [round(r.t / end * 79) for r in screen.timeline.rounds]
        assert len(drawn) == 80 and drawn[head] == "●"
        assert [drawn[m] for m in marks] == ["╋", "╋", "┿"]
        rest = [c for n, c in enumerate(drawn) if n != head and n not in marks]
        assert rest == ["━"] * (head - 2) + ["─"] * (80 - head - 2)


# ── the screen, as a facilitator plays a session back ───────────────────────────────────────


def wyber_30(lang: Language) -> Any:
    return load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")


def archived(data: Path, lang: Language = "en", session_id: str = SESSION) -> str:
    Archive(data).import_records(sample_records(wyber_30(lang), session_id, START, ideas=12))
    return session_id


def make_app(data: Path, lang: Language = "en", replay: str = SESSION) -> WyberApp:
    clock = FakeClock()
    clocks = Clocks(monotonic=clock, wall=FakeWall(clock, START))
    return WyberApp(data=data, lang=lang, clocks=clocks, launch=Launch(replay=replay))


def fake_clock(pilot: Pilot[None]) -> FakeClock:
    clock = pilot.app.clocks.monotonic  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    return clock


async def replaying(pilot: Pilot[None]) -> ReplayScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


@asynccontextmanager
async def replay_of(
    data: Path, size: tuple[int, int] = SMALL
) -> AsyncIterator[tuple[Pilot[None], ReplayScreen]]:
    """The made-up session archived in `data` and replayed in the app at `size`: the pilot, and
    the replay screen once it is up."""
    archived(data)
    async with make_app(data).run_test(size=size) as pilot:
        yield pilot, await replaying(pilot)


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait (a real timer must fire) until the condition holds; fail after two seconds."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


def text(screen: ReplayScreen, selector: str) -> str:
    content = screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def clock(screen: ReplayScreen) -> str:
    return screen.query_one(BigClock).value


def board(screen: ReplayScreen) -> list[str]:
    lines = screen.query_one(ReplayBoard).lines
    assert screen.query_one(BoardView).row_count >= len(lines)
    return [line.strip() for line in lines]


def position(screen: ReplayScreen) -> str:
    return text(screen, "#replay-position")


async def test_replay_opens_at_the_start_read_only(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (_, screen):
        assert screen.position == 0.0
        assert position(screen) == "00:00 / 22:22 · 1× · paused"
        assert text(screen, "#replay-marker") == "REPLAY · read-only"
        assert text(screen, "#replay-movement") == "Not started yet"
        assert clock(screen) == "--:--"
        assert screen.query_one(Diamond).movement is None
        assert text(screen, "#replay-board-status").startswith("The meeting has not started yet")
        assert board(screen)[0] == "Anna de Vries  Gemeente Rotterdam"
        assert screen.title == "The 30-minute wyber exercise"
        assert screen.query_one(ScrubBar).fraction == 0.0


async def test_seek_shows_agenda_clock_movement_and_board_as_they_were(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        screen.seek(60)  # the timer was paused from 35 to 95: 30 s used
        await pilot.pause()
        assert clock(screen) == "09:30"
        assert screen.query_one(BigClock).has_class("-paused")
        assert text(screen, "#replay-timer") == "The timer was paused."
        assert text(screen, "#replay-movement") == "Diverge"
        assert screen.query_one(Diamond).movement is Movement.DIVERGE
        assert board(screen) == []

        screen.seek(240)  # 30 + 145 s used; three ideas, two with an author
        await pilot.pause()
        assert clock(screen) == "07:05"
        assert not screen.query_one(BigClock).has_class("-paused")
        assert text(screen, "#replay-timer") == ""
        assert position(screen) == "04:00 / 22:22 · 1× · paused"
        ideas = board(screen)
        assert len(ideas) == 3
        assert ideas[0].startswith("1  ") and ideas[0].endswith("— Chaima El Idrissi")
        assert "—" not in ideas[1]  # anonymous
        assert ideas[2].endswith("— Farid Haddad")
        assert text(screen, "#replay-board-status") == "3 ideas in this step"
        rail = text(screen, "#replay-rail")
        assert "▶ Diverge" in rail and "3/10′" in rail

        screen.seek(700)  # diverge ran over: 635 s used of 600
        await pilot.pause()
        assert clock(screen) == "+00:35" and screen.query_one(BigClock).has_class("-over")

        screen.seek(740)  # converge: three clusters, all 18 dots, the time box 5 minutes longer
        await pilot.pause()
        assert text(screen, "#replay-movement") == "Converge"
        assert screen.query_one(Diamond).movement is Movement.CONVERGE
        assert clock(screen) == "14:34"
        lines = board(screen)
        clusters = [line for line in lines if "Cluster" in line]
        # A place reads as a rank; a cluster has no idea's number, its ideas have theirs.
        assert clusters == ["1st 10 ●●●●●●●●●● Cluster 1  (5)", "2nd  5 ●●●●● Cluster 3  (2)",
                            "3rd  3 ●●● Cluster 2  (5)"]  # fmt: skip
        assert len(lines) == 3 + 12  # each cluster with its ideas under it
        assert text(screen, "#replay-board-status") == "18 dots placed · 0 selected"

        screen.seek(1e9)  # kept within the span: the end
        await pilot.pause()
        assert screen.position == screen.timeline.end
        assert text(screen, "#replay-movement") == "Consolidate · Finished"
        assert position(screen) == "22:22 / 22:22 · 1× · end"
        agreements = board(screen)
        assert [line.split(":")[0] for line in agreements] == [
            "1  Decision",
            "2  Action",
            "3  Agreement",
            "4  Parked",
        ]
        assert len(agreements) == 4
        given = tr("en", "consent.state.given")
        assert all(line.splitlines()[0].endswith(given) for line in agreements)  # consent
        assert text(screen, "#replay-last").endswith("Session finished")
        assert screen.query_one(ScrubBar).fraction == 1.0


async def test_keys_jump_to_the_previous_and_next_event_and_round(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        rounds = [r.t for r in screen.timeline.rounds]

        await pilot.press("right")  # the first round
        assert screen.position == 5.0
        last = text(screen, "#replay-last")
        assert last == "00:05 Round started: 1 Working together better · Diverge"
        await pilot.press("right", "right")
        assert screen.position == 95.0
        assert text(screen, "#replay-last") == "01:35 Timer resumed"
        await pilot.press("right")
        assert text(screen, "#replay-last").startswith("02:21 Idea: ")
        assert text(screen, "#replay-last").endswith(" — Chaima El Idrissi")
        await pilot.press("left")
        assert screen.position == 95.0

        await pilot.press("right_square_bracket")  # next round: converge
        assert screen.position == rounds[1]
        assert text(screen, "#replay-movement") == "Converge"
        await pilot.press("shift+right")  # and consolidate
        assert screen.position == rounds[2]
        assert text(screen, "#replay-movement") == "Consolidate"
        assert text(screen, "#replay-board-status").startswith("0 agreements")
        await pilot.press("shift+right")  # no round after it: the end
        assert screen.position == screen.timeline.end
        await pilot.press("left_square_bracket")
        assert screen.position == rounds[2]
        await pilot.press("shift+left", "shift+left")
        assert screen.position == rounds[0]
        await pilot.press("shift+left")  # before the first round: the start
        assert screen.position == 0.0
        await pilot.press("left")  # nothing before the start
        assert screen.position == 0.0

        await pilot.press("end")
        assert screen.position == screen.timeline.end
        await pilot.press("right")
        assert screen.position == screen.timeline.end
        await pilot.press("home")
        assert screen.position == 0.0


async def test_playing_moves_on_by_the_time_passed_times_the_speed(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        fake = fake_clock(pilot)
        screen.seek(100)
        await pilot.press("3", "space")  # 16×, play
        assert screen.playing and screen.speed == 16
        assert position(screen) == "01:40 / 22:22 · 16× · playing"
        assert screen.active_bindings["space"].binding.description == "Pause"

        fake.advance(30)  # half a minute at 16×: eight minutes of the meeting
        await until(pilot, lambda: screen.position > 100)
        assert screen.position == 100 + 30 * 16
        assert len(board(screen)) == 10  # the ideas up to t = 556.5
        assert clock(screen) == "01:25"  # 30 + 485 s of 600 used

        await pilot.press("plus")  # 60× from here on
        fake.advance(5)
        await until(pilot, lambda: screen.position > 580)
        assert screen.position == 580 + 5 * 60

        await pilot.press("space")  # pause: the clock moving on changes nothing
        assert not screen.playing
        assert screen.active_bindings["space"].binding.description == "Play"
        fake.advance(100)
        await pilot.pause(0.15)
        assert screen.position == 880
        assert position(screen) == "14:40 / 22:22 · 60× · paused"

        await pilot.press("minus", "minus", "1")
        assert screen.speed == 1
        await pilot.press("4")
        assert screen.speed == 60

        await pilot.press("space")  # plays to the end, and stops there
        fake.advance(60)
        await until(pilot, lambda: not screen.playing)
        assert screen.position == screen.timeline.end
        assert position(screen) == "22:22 / 22:22 · 60× · end"

        await pilot.press("space")  # at the end, play starts again from the start
        assert screen.playing and screen.position == 0.0
        fake.advance(1)
        await until(pilot, lambda: screen.position == 60.0)


async def test_jumping_while_playing_plays_on_from_there(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        fake = fake_clock(pilot)
        converge = screen.timeline.rounds[1].t
        await pilot.press("2", "space")  # 4×
        fake.advance(10)  # at 40 s now: the next round from there is converge
        await pilot.press("shift+right")
        assert screen.playing and screen.position == converge
        fake.advance(10)
        await until(pilot, lambda: screen.position > converge)
        assert screen.position == converge + 40
        await pilot.click(ScrubBar, offset=(0, 0))  # and from the start
        fake.advance(1)
        await until(pilot, lambda: screen.position == 4.0)


async def test_clicking_the_scrub_bar_goes_to_that_moment(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        bar = screen.query_one(ScrubBar)
        assert bar.size.width == 80
        await pilot.click(ScrubBar, offset=(39, 0))  # halfway along 80 cells (0 to 79)
        assert screen.position == pytest.approx(screen.timeline.end * 39 / 79)
        assert text(screen, "#replay-movement") == "Diverge"
        await pilot.click(ScrubBar, offset=(79, 0))
        assert screen.position == screen.timeline.end
        await pilot.click(ScrubBar, offset=(0, 0))
        assert screen.position == 0.0
        assert bar.marks == pytest.approx(
            [r.t / screen.timeline.end for r in screen.timeline.rounds]
        )


async def test_g_goes_to_a_typed_moment(tmp_path: Path) -> None:
    async with replay_of(tmp_path) as (pilot, screen):
        await pilot.press("g")
        await pilot.pause()
        assert pilot.app.screen is not screen
        await pilot.press(*"7:30", "enter")  # the moment shown is selected, so typing replaces it
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.position == 450.0

        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert screen.position == 450.0
        messages = [n.message for n in pilot.app._notifications]
        assert messages[-1].startswith("“")  # names what was typed, and how to type a moment
        assert "mm:ss" in messages[-1]

        await pilot.press("g", "escape")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.position == 450.0


async def test_replay_never_writes_the_session(tmp_path: Path) -> None:
    archived(tmp_path)
    path = Archive(tmp_path).path_of(SESSION)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    async with make_app(tmp_path).run_test(size=SMALL) as pilot:
        screen = await replaying(pilot)
        await pilot.press("right", "shift+right", "4", "space")
        fake_clock(pilot).advance(1_000)
        await until(pilot, lambda: not screen.playing)
        await pilot.press("home", "end", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


async def test_the_heap_kept_out_of_the_collector_is_given_back_when_wyber_ends(
    tmp_path: Path,
) -> None:
    """The replay's timeline is kept out of the collector's full passes while wyber runs;
    quitting gives the collector everything back."""
    archived(tmp_path)
    assert gc.get_freeze_count() == 0
    async with make_app(tmp_path).run_test(size=SMALL) as pilot:
        await replaying(pilot)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        await pilot.press("escape")
        await pilot.pause()
        pilot.app.open_replay(SESSION)  # type: ignore[attr-defined]  # as History does
        await replaying(pilot)
        # Frozen again; not necessarily as many: what else lives then is not the same.
        assert gc.get_freeze_count() > 0
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0


async def test_replay_works_while_another_wyber_records_into_the_session(tmp_path: Path) -> None:
    archived(tmp_path)
    with Archive(tmp_path).open(SESSION) as writer:  # holds the session's lock
        async with make_app(tmp_path).run_test(size=SMALL) as pilot:
            screen = await replaying(pilot)
            await pilot.press("end")
            assert text(screen, "#replay-movement") == "Consolidate · Finished"
        assert writer.last_seq == len(screen.timeline.records)


async def test_a_session_only_just_opened_replays_too(tmp_path: Path) -> None:
    """No round, no time: nothing to play, and nothing breaks."""
    Archive(tmp_path).import_records(records([(0, opened(two_step_plan(), SESSION))]))
    async with make_app(tmp_path).run_test(size=SMALL) as pilot:
        screen = await replaying(pilot)
        assert position(screen) == "00:00 / 00:00 · 1× · einde"  # the plan is in Dutch
        await pilot.press("space", "right", "shift+right", "left", "end", "home")
        await pilot.click(ScrubBar, offset=(40, 0))
        assert screen.position == 0.0 and not screen.playing
        assert text(screen, "#replay-movement") == "Nog niet begonnen"
        assert text(screen, "#replay-last") == "00:00 Sessie geopend"


async def test_a_session_that_cannot_be_read_is_said_not_shown_as_a_traceback(
    tmp_path: Path,
) -> None:
    async with make_app(tmp_path, "nl", replay="20261123-0900-gone").run_test(size=SMALL) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        errors = [n for n in pilot.app._notifications if n.severity == "error"]
        assert [n.message for n in errors] == [
            tr("nl", "store.not_found", session="20261123-0900-gone")
        ]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_replay_speaks_the_sessions_language(tmp_path: Path, lang: Language) -> None:
    other: Language = "en" if lang == "nl" else "nl"
    archived(tmp_path, lang)
    async with make_app(tmp_path, other).run_test(size=SMALL) as pilot:
        screen = await replaying(pilot)
        assert screen.lang == lang and pilot.app.lang == lang  # type: ignore[attr-defined]
        assert text(screen, "#replay-marker") == tr(lang, "replay.marker")
        assert screen.active_bindings["g"].binding.description == tr(lang, "replay.key.goto")
        assert pilot.app.active_bindings["f1"].binding.description == tr(lang, "key.help")
        await pilot.press("escape")  # back home, in the app's own language
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.lang == other  # type: ignore[attr-defined]


async def test_every_replay_key_is_in_help_and_in_the_palette(tmp_path: Path) -> None:
    async with replay_of(tmp_path, LARGE) as (pilot, screen):
        ids = {
            binding.id
            for bindings in screen._bindings.key_to_bindings.values()
            for binding in bindings
            if binding.id
        }
        assert len(ids) == 15 and all(i.startswith("replay_") for i in ids)
        commands = {c.title for c in screen_commands(screen)}
        wanted = {
            tr("en", key)
            for key in (
                "replay.key.play",
                "replay.key.event_back",
                "replay.key.event_next",
                "replay.key.step_back",
                "replay.key.step_next",
                "replay.key.slower",
                "replay.key.faster",
                *(f"replay.key.speed_{speed}" for speed in SPEEDS),
                "replay.key.start",
                "replay.key.end",
                "replay.key.goto",
                "replay.key.back",
            )
        }
        assert wanted <= commands
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one(DataTable)
        does = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert wanted <= does


# ── the command line ────────────────────────────────────────────────────────────────────────


def test_cli_replay_refuses_a_missing_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["--data", str(tmp_path), "--lang", "en", "replay", "20261123-0900-none"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == "wyber: " + tr("en", "store.not_found", session="20261123-0900-none")
    assert "Traceback" not in err


def test_cli_replay_opens_the_session_while_another_wyber_has_it_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archived(tmp_path)
    launched: list[tuple[Path, Language | None, Launch | None]] = []

    def run_app(data: Path, lang: Language | None, launch: Launch | None = None) -> int:
        launched.append((data, lang, launch))
        return 0

    monkeypatch.setattr("tui.app.run_app", run_app)
    with Archive(tmp_path).open(SESSION):
        assert main(["replay", SESSION, "--data", str(tmp_path), "--lang", "nl"]) == 0
    assert launched == [(tmp_path, "nl", Launch(replay=SESSION))]


def test_cli_replay_needs_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["replay"])
    assert done.value.code == 2
    assert "usage: wyber replay" in capsys.readouterr().err
