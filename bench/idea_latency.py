"""How long from the Enter that adds an idea to the frame that shows it, with 3,000 ideas up
(a town-hall evening of 300 people).

What is measured: the real app, headless (`WyberApp(...).run_test(size=(80, 24))`, Textual's
Pilot), running the shipped plan `sessions/wyber-30.en.toml` at once (`Launch(plan, run_now=True)`),
so the run screen is up in the diverge movement with the cursor in the idea input, recording into
a fresh data folder on a disk.

- The board is filled first with `Meeting.add_idea` (the command the idea board runs) and one
  `IdeaBoard.refresh_board()`; the background writer is let write all of it to disk.
- Then, per measured idea: its text is put into the `#idea` Input (not timed); the app is let
  settle: `pilot.pause(0)` (every message so far handled), the background writer's queue empty (a
  person types for seconds between ideas), then 20 ms plus 0-20 ms at random (the typed text's
  frame is out; the random part breaks any lockstep with the screen's timers). The clock starts
  (`time.perf_counter()`) just before Enter is sent the way the terminal driver sends a key from
  its input thread (`Key("enter", "\r")`, `driver.send_message`; `pilot.press` does the same and
  then waits some 70 ms for the app to go idle, which would only slow the benchmark down).
- The clock stops in the frame that shows the idea: `App._display`, the call with which a screen
  hands a finished frame to the terminal, is wrapped (in this script, on the app instance:
  nothing of wyber's is changed) and each frame is rendered to terminal output with
  `render_segments` (what a real terminal run does next, and headless skips). The first frame
  whose text holds the idea's line as the board shows it — its place on the board, then its own
  unique number, "3001  #3001 …", which the Input holding the typed text never shows — stops the
  clock. So the time covers all a person waits for: the key handled, the idea recorded, the option
  added, layout and render, Textual's frame pacing (a frame at most every 1/60 s), and any clock
  tick or garbage collection that happens to fall in between. Not covered: the bytes' way to a
  real terminal (a queue handed to Textual's writer thread) and the terminal's own drawing.
- The board grows while it is measured (3,000 -> 3,000 + the samples); the first few ideas per
  scenario are a warm-up and not counted.

Scenarios, one after the other, each in its own app and data folder:

- wyber, 3,000 ideas: the goal, p95 at most 50 ms.
- wyber, 0 ideas: the baseline of the same run; `x empty` is p95(3,000) / p95(0).
- wyber, 3,000 ideas, synchronous writes: the session's sink set to the durable append itself
  (`LiveSession.sink = LiveSession.writer.append`, as without the background writer), so the
  fsync is on the key path. The notes column gives, for the wyber scenarios, the time spent in
  the session's sink per idea (timed by a wrapper): the hand-over to the background writer, or
  the durable append and fsync. That is what recording holds up the key for.
- floor: a bare Textual app, an OptionList above an Input, that appends one option on Enter
  (drawn like the idea board's: place, then text), with 3,000 options too, measured the same way:
  what Textual itself costs for such a board.

How to read it: p50/p95/p99/max in milliseconds; the goal line says PASS or MISS; the benchmark
never fails on a goal, only on an error. `--quick` is a smoke run (fewer samples): indicative only.
"""

import asyncio
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _headless import PLAN, SIZE, FrameWatch, send_key, until
from _shared import (
    REPO,
    Stats,
    bench_main,
    describe_scratch,
    machine,
    percentile,
    print_goal,
    print_header,
    print_load,
    scratch,
    stats,
)
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.app import Launch, WyberApp
from tui.screens.run import RunScreen
from tui.widgets.ideas import IdeaBoard
from tui.wyber.plans import load_plan

BOARD = 3_000
GOAL_P95_MS = 50.0
SETTLE_SECONDS = 0.02  # and 0-20 ms more at random: the typed text's frame is out
FRAME_TIMEOUT = 5.0  # seconds: no frame with the idea by then is an error
IDEAS = (
    "Start each meeting with one minute of silence to collect our thoughts",
    "A shared board of who is working on what this week",
    "Ask the quiet ones first",
    "Fewer meetings, shorter ones, and always with a question on the agenda",
    "Pair up across teams for one afternoon a month",
    "Write the decision down before we leave the room, with a name and a date",
    "Celebrate what went well on Fridays",
    "A buddy for every newcomer during the first six weeks",
    "Stop answering mails in the evening; agree on it together",
    "Visit each other's workplace once a quarter",
)


@dataclass(frozen=True)
class Settings:
    samples: int  # measured ideas, wyber with 3,000 and with 0 ideas
    side_samples: int  # ... with synchronous writes, and the floor
    warmup: int  # ideas added first in each scenario and not counted


FULL = Settings(samples=200, side_samples=100, warmup=10)
QUICK = Settings(samples=30, side_samples=15, warmup=5)
QUICK_CAVEAT = "few samples"  # said after a quick run's figures


@dataclass
class Scenario:
    label: str
    ideas: int  # on the board before the first measured idea
    samples: int
    sync_writes: bool = False
    floor: bool = False
    latencies: list[float] = field(default_factory=list)  # seconds, Enter -> frame
    sink: list[float] = field(default_factory=list)  # seconds, in LiveSession.sink per idea


def idea_text(number: int) -> str:
    """An idea of realistic length, with a number no other idea on the board shows."""
    return f"#{number:04d} {IDEAS[number % len(IDEAS)]}"


def board_line(number: int) -> str:
    """The start of the idea's line on the board (its place, then its text), as the board shows
    it and the Input, which holds the typed text until Enter, never does."""
    return f"{number:>3}  #{number:04d}"


def floor_prompt(number: int, text: str) -> Text:
    """The floor app's option: its place and the text, drawn as the idea board draws them."""
    prompt = Text(f"{number:>3}  ", style="dim")
    prompt.append(text)
    return prompt


# --- watching frames -----------------------------------------------------------------------------


class SinkTimer:
    """Wraps a live session's sink (where each record goes once stamped) and times each call."""

    def __init__(self, sink: Callable[[Any], None]) -> None:
        self.sink = sink
        self.seconds: list[float] = []

    def __call__(self, record: Any) -> None:
        started = time.perf_counter()
        self.sink(record)
        self.seconds.append(time.perf_counter() - started)


async def measure(
    pilot: Pilot[Any],
    scenario: Scenario,
    entry: Input,
    settings: Settings,
    settle: Callable[[], None],
    sink: SinkTimer | None = None,
) -> None:
    """Type each idea (untimed), then time Enter -> the frame that shows it."""
    watch = FrameWatch(pilot.app, FRAME_TIMEOUT)
    rng = random.Random(7)
    for n in range(settings.warmup + scenario.samples):
        number = scenario.ideas + n + 1
        entry.value = idea_text(number)
        await pilot.pause(0)  # every message so far handled (the typing, the last idea's tail)
        settle()
        await asyncio.sleep(SETTLE_SECONDS + rng.uniform(0.0, 0.02))
        watch.expect(board_line(number))
        before = len(sink.seconds) if sink else 0
        started = time.perf_counter()
        send_key(pilot.app, "enter", "\r")
        shown = await watch.wait()
        if entry.value:
            raise RuntimeError(f"the idea input still holds {entry.value!r} after Enter")
        if n >= settings.warmup:
            scenario.latencies.append(shown - started)
            if sink is not None:
                scenario.sink.extend(sink.seconds[before:])


# --- wyber ---------------------------------------------------------------------------------------


def ready(app: WyberApp) -> bool:
    """The run screen is up, composed, with the cursor in the idea input."""
    if not isinstance(app.screen, RunScreen):
        return False
    entries = app.screen.query("#idea").results(Input)
    return any(entry.has_focus for entry in entries)


async def run_wyber(scenario: Scenario, data: Path, settings: Settings) -> None:
    app = WyberApp(data, "en", launch=Launch(plan=load_plan(PLAN), run_now=True))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the session is created in a thread worker
        await until(
            pilot, lambda: ready(app), "the run screen, the cursor in the idea input", timeout=30
        )
        meeting, writer = app.meeting, app.writer
        if meeting is None or writer is None:
            raise RuntimeError("the run screen is up without a meeting")
        screen = app.screen
        board = screen.query_one("#ideas", OptionList)
        entry = screen.query_one("#idea", Input)
        for number in range(1, scenario.ideas + 1):
            meeting.add_idea(idea_text(number))
        screen.query_one(IdeaBoard).refresh_board()
        await pilot.pause()
        if board.option_count != scenario.ideas:
            raise RuntimeError(f"the board shows {board.option_count} ideas, not {scenario.ideas}")
        if not writer.flush(timeout=120):
            raise RuntimeError("the background writer did not catch up")
        session = meeting.session
        # Synchronous: the durable append itself, fsync and all, as without the background writer.
        sink = SinkTimer(session.writer.append if scenario.sync_writes else writer.submit)
        session.sink = sink

        def settle() -> None:  # a person types for seconds between ideas: the disk is done
            if not writer.flush(timeout=10):
                raise RuntimeError("the background writer did not catch up")

        await measure(pilot, scenario, entry, settings, settle, sink)
        expected = scenario.ideas + settings.warmup + scenario.samples
        if len(meeting.state.ideas) != expected or board.option_count != expected:
            raise RuntimeError(f"{len(meeting.state.ideas)} ideas recorded, {expected} typed")
        session.sink = writer.submit
        if not app.leave_meeting():
            raise RuntimeError("the session's records could not all be written")


# --- the floor: a bare Textual app ---------------------------------------------------------------


class FloorApp(App[None]):
    """An OptionList above an Input; Enter appends the typed text as one option."""

    CSS = "OptionList { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield OptionList(id="ideas")
        yield Input(id="idea")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        board = self.query_one(OptionList)
        number = board.option_count + 1
        board.add_option(Option(floor_prompt(number, event.value), id=f"o{number}"))
        board.highlighted = board.option_count - 1
        event.input.value = ""


async def run_floor(scenario: Scenario, settings: Settings) -> None:
    app = FloorApp()
    async with app.run_test(size=SIZE) as pilot:
        board = app.query_one(OptionList)
        entry = app.query_one(Input)
        board.add_options(
            Option(floor_prompt(number, idea_text(number)), id=f"o{number}")
            for number in range(1, scenario.ideas + 1)
        )
        board.highlighted = board.option_count - 1 if scenario.ideas else None
        await pilot.pause()

        await measure(pilot, scenario, entry, settings, lambda: None)


# --- report --------------------------------------------------------------------------------------


def row(scenario: Scenario, figures: Stats, note: str) -> str:
    return (
        f"{scenario.label:<34} {figures.n:>4} {figures.p50:>7.1f} {figures.p95:>7.1f}"
        f" {figures.p99:>7.1f} {figures.max:>7.1f}   {note}"
    )


def sink_note(scenario: Scenario) -> str:
    """How long recording held up the key: the session's sink, per idea."""
    if not scenario.sink:
        return ""
    p50, p95 = percentile(scenario.sink, 50) * 1e3, percentile(scenario.sink, 95) * 1e3
    how = "durable append + fsync" if scenario.sync_writes else "hand-over to the writer"
    return f"{how}: p50 {p50:.3f} / p95 {p95:.3f} ms"


def report(scenarios: Sequence[Scenario]) -> None:
    full, empty, sync, floor = scenarios
    print()
    columns = f"{'scenario':<34} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}"
    print_header(columns, "notes", 34)
    figures = {id(s): stats(s.latencies) for s in scenarios}
    for scenario in scenarios:
        print(row(scenario, figures[id(scenario)], sink_note(scenario)))
    p95 = figures[id(full)].p95
    print()
    print(f"x empty: p95 with {full.ideas} ideas / with 0 = {p95 / figures[id(empty)].p95:.2f}")
    print(f"x floor: wyber's p95 / the bare Textual app's, both with {full.ideas} = ", end="")
    print(f"{p95 / figures[id(floor)].p95:.2f}")
    print(
        f"synchronous writes: p50 {figures[id(sync)].p50 - figures[id(full)].p50:+.1f} ms,"
        f" p95 {figures[id(sync)].p95 - p95:+.1f} ms against the background writer (the notes:"
        " time spent recording, per idea, on the key path)"
    )
    print()
    print_goal(
        p95 <= GOAL_P95_MS,
        f"Enter -> frame showing the idea, {full.ideas} ideas on the board: p95 {p95:.1f} ms"
        f" (goal: at most {GOAL_P95_MS:g} ms)",
    )


# --- main ----------------------------------------------------------------------------------------


async def run_all(scratch: Path, settings: Settings) -> list[Scenario]:
    full = Scenario(f"wyber, {BOARD} ideas", BOARD, settings.samples)
    empty = Scenario("wyber, 0 ideas (baseline)", 0, settings.samples)
    sync = Scenario(
        f"wyber, {BOARD} ideas, sync writes", BOARD, settings.side_samples, sync_writes=True
    )
    floor = Scenario(f"floor: bare Textual, {BOARD} opts", BOARD, settings.side_samples, floor=True)
    for n, scenario in enumerate((full, empty, sync)):
        await run_wyber(scenario, scratch / f"data-{n}", settings)
    await run_floor(floor, settings)
    return [full, empty, sync, floor]


def run(settings: Settings) -> None:
    with scratch("ideas") as folder:
        print(f"{machine('textual')}; headless app at {SIZE[0]}x{SIZE[1]}")
        print(f"plan: {PLAN.relative_to(REPO)}; scratch folder: {describe_scratch(folder)}")
        print(
            f"{settings.samples} measured ideas with {BOARD} and with 0 on the board,"
            f" {settings.side_samples} for the others, each after {settings.warmup} warm-up"
            " ideas; the board grows by one per idea while measured"
        )
        print_load()
        report(asyncio.run(run_all(folder, settings)))


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="samples", caveat=QUICK_CAVEAT))
