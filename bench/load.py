"""A town-hall evening's load: 300 participants sending 1,000 commands a second for 60 s into one
live session through the command API, while the app runs headless.

What is measured, with `time.perf_counter`:

- The real app, headless (`WyberApp(...).run_test(size=(80, 24))`), running the shipped plan
  `sessions/wyber-30.en.toml` at once, its run screen up; 300 participants added through the
  meeting before the load starts.
- A load thread (the participants' phones, no HTTP yet) submits commands with
  `Meeting.submit_threadsafe` at a steady 1,000 a second (each at its due moment on a schedule,
  so a slow answer does not slow the load down), from participants chosen at random: an idea of
  their own (40%), a dot on a recent idea (25%) or taken off one (20%), an edit of one of their
  own ideas (10%), an undo of their own last command (5%). The app's event loop runs each command
  (`execute`), and its background writer writes the records (fsync'd) as in a meeting.
- Acknowledged: a command is answered when its outcome is known and, if it recorded anything,
  when its last record is durable: an acknowledging thread waits for it with the writer's own
  `BackgroundWriter.wait_durable(seq)`, which returns once the writer's durable watermark (the
  last record fsync'd) has passed it, the watermark a phone's answer waits for too. Refused
  commands (no dot left, nothing to undo) are answered with their reason and counted apart.
  "ack" is from the submission to that answer.
- Lost: after the load, every command's outcome is awaited and the writer flushed; the session's
  journal is read back (`Archive.read`, no lock) and every record an accepted command made must be
  in it. Lost = commands without an outcome + accepted records missing from the journal (goal 0).
- The event loop's lag: a task on the app's loop sleeps 10 ms again and again and notes how late
  it wakes (`asyncio.sleep`), from the start of the load until the last command has run.
  Beside it, the same probe in a bare Textual app (one Static, headless, same size), for 20 s:
  what the loop's lag is on this machine with nothing to do. The full garbage collections during
  the load are counted, with the longest: a stall of the loop is often one (on the clock, and on
  the collecting thread's CPU, which a busy machine does not inflate). And how much of the
  load's time the loop's thread was on a CPU (`time.thread_time`): what the commands, the
  board's drawing and the frames cost it, which on a busy machine says more than the lag, as
  the lag grows with whatever else wants the CPUs.

The run screen draws every source's records as they come (the board grows to some 24,000 ideas
in the full run), so the lag includes the board's drawing and Textual's frames. The durable ack
follows the writer's group commit (all records waiting go in one append and one fsync); the
benchmark waits for the writer to catch up after the load (up to 5 minutes) and says how long
that took, or how many records were still queued (late, in memory, not acknowledged: not counted
as lost).

How to read it: counts, the achieved rate, ack p50/p95/p99/max, and loop lag p50/p99/max in
milliseconds, wyber's beside the bare app's. Goals (from the issue): nothing lost, and the loop's
lag p99 at most 50 ms. The benchmark never fails on a goal, only on an error. `--quick` runs 5 s
(and the bare app 3 s): indicative only.
"""

import asyncio
import math
import queue
import random
import sys
import threading
import time
from array import array
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from _headless import PLAN, SIZE, until
from _shared import (
    FullCollections,
    Stats,
    bench_main,
    describe_scratch,
    machine,
    print_goal,
    print_header,
    scratch,
    stats,
)
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app import Launch, WyberApp
from tui.screens.run import RunScreen
from tui.wyber.commands import AddIdea, Command, EditIdea, Outcome, Undo, Vote
from tui.wyber.events import IdeaAdded
from tui.wyber.meeting import Meeting
from tui.wyber.plans import load_plan
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.store import Archive

PEOPLE = 300
LAG_INTERVAL = 0.010  # seconds the lag probe sleeps each time
DRAIN_SECONDS = 300  # the most the benchmark waits for the writer to catch up after the load


@dataclass(frozen=True)
class Settings:
    rate: int  # commands a second
    seconds: float
    bare_seconds: float


FULL = Settings(rate=1000, seconds=60, bare_seconds=20)
QUICK = Settings(rate=1000, seconds=5, bare_seconds=3)
QUICK_CAVEAT = "5 s of load instead of 60, 3 s of the bare app instead of 20"


NO_OUTCOME, RECORDED, REFUSED = 0, 1, 2  # what came of a command


@dataclass
class Load:
    """Every command's figures, in flat arrays of numbers: the garbage collector does not look
    into them, so the benchmark's own bookkeeping (60,000 commands) adds nothing to the full
    collections the app's loop waits for."""

    total: int  # commands to send
    submitted: array = field(init=False)  # perf_counter when each command went
    answered: array = field(init=False)  # ... when it was answered; NaN until then
    outcome: bytearray = field(init=False)  # NO_OUTCOME, RECORDED or REFUSED per command
    made: array = field(default_factory=lambda: array("q"))  # seqs the accepted commands made
    ideas: dict[str, list[str]] = field(default_factory=dict)  # participant → their idea ids
    recent: list[str] = field(default_factory=list)  # every idea id, newest last
    finished_at: float = 0.0  # seconds the sending took
    backlog: int = 0  # records not yet on disk when the last command had run
    drained_in: float = 0.0  # seconds the writer then took to write them
    drained: bool = False  # whether it wrote them all within DRAIN_SECONDS
    still_pending: int = 0  # records still in the writer's queue after that
    collections: str = ""  # the full garbage collections during the load and the wait
    loop_busy: float = 0.0  # the event loop thread's CPU seconds per second of the load

    def __post_init__(self) -> None:
        self.submitted = array("d", bytes(8 * self.total))
        self.answered = array("d", [math.nan]) * self.total
        self.outcome = bytearray(self.total)

    def waits(self, kind: int) -> list[float]:
        """Seconds from submission to answer, for the commands with this outcome."""
        return [
            self.answered[n] - self.submitted[n]
            for n in range(self.total)
            if self.outcome[n] == kind and not math.isnan(self.answered[n])
        ]


def command_for(rng: random.Random, actor: str, load: Load) -> Command:
    own = load.ideas.get(actor, [])
    roll = rng.random()
    if roll < 0.40 or not load.recent:
        return AddIdea(actor=actor, author_id=actor, text=f"Idea from {actor} #{len(own) + 1}")
    if roll < 0.65:
        target = load.recent[-1 - rng.randrange(min(200, len(load.recent)))]
        return Vote(actor=actor, voter_id=actor, target_id=target, delta=1)
    if roll < 0.85:
        target = load.recent[-1 - rng.randrange(min(200, len(load.recent)))]
        return Vote(actor=actor, voter_id=actor, target_id=target, delta=-1)
    if roll < 0.95 and own:
        return EditIdea(actor=actor, idea_id=rng.choice(own), text=f"Said again by {actor}")
    return Undo(actor=actor)


def run_load(
    meeting: Meeting,
    writer: BackgroundWriter,
    settings: Settings,
    load: Load,
    sending: threading.Event,
) -> None:
    """The phones: commands at their due moments; an acknowledging thread answers each one once
    its records are on disk. `sending` is set once the last command has run."""
    rng = random.Random(0)
    answers: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
    where = {"step": 0, "movement": meeting.state.current_segment.movement}  # type: ignore[union-attr]

    def acknowledge() -> None:
        # The writer's own wait: it returns when the durable watermark (the last record
        # fsync'd) reaches the command's last record, as a phone's answer waits for.
        while (item := answers.get()) is not None:
            number, seq = item
            if writer.wait_durable(seq, timeout=DRAIN_SECONDS):
                load.answered[number] = time.perf_counter()

    acker = threading.Thread(target=acknowledge, name="bench-acker")
    acker.start()

    def outcome_of(number: int, actor: str) -> Callable[["Future[Outcome]"], None]:
        def done(future: "Future[Outcome]") -> None:  # on the app's loop, as the command ran
            outcome = future.result()
            for event in outcome.events():
                if isinstance(event, IdeaAdded):
                    load.ideas.setdefault(actor, []).append(event.idea_id)
                    load.recent.append(event.idea_id)
            load.made.extend(record.seq for record in outcome.records)
            load.outcome[number] = REFUSED if outcome.refused is not None else RECORDED
            if outcome.records:
                answers.put((number, outcome.records[-1].seq))
            else:
                load.answered[number] = time.perf_counter()

        return done

    people = [p.id for p in meeting.state.participants.values()]
    started = time.perf_counter()
    for number in range(load.total):
        due = started + number / settings.rate
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        actor = rng.choice(people)
        command = command_for(rng, actor, load).model_copy(update=where)
        load.submitted[number] = time.perf_counter()
        meeting.submit_threadsafe(command).add_done_callback(outcome_of(number, actor))
    load.finished_at = time.perf_counter() - started
    deadline = time.perf_counter() + 120
    while NO_OUTCOME in load.outcome and time.perf_counter() < deadline:
        time.sleep(0.05)
    sending.set()
    load.backlog = writer.pending
    # What is left is the writer's backlog: wait for it (the phones wait for their answers).
    drained = time.perf_counter()
    load.drained = writer.flush(timeout=DRAIN_SECONDS)
    load.drained_in = time.perf_counter() - drained
    load.still_pending = writer.pending
    answers.put(None)
    if load.drained:
        acker.join(timeout=60)


async def probe_lag(stop: threading.Event, lags: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(LAG_INTERVAL)
        lags.append(time.perf_counter() - started - LAG_INTERVAL)


async def run_wyber(data: Path, settings: Settings, load: Load, lags: list[float]) -> int:
    """The load into a live session of the headless app; the number of records lost."""
    app = WyberApp(data, "en", launch=Launch(plan=load_plan(PLAN), run_now=True))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        meeting, writer = app.meeting, app.writer
        if meeting is None or writer is None:
            raise RuntimeError("the run screen is up without a meeting")
        for n in range(1, PEOPLE + 1):
            meeting.add_participant(f"Resident {n}")
        if not writer.flush(timeout=60):
            raise RuntimeError("the writer did not catch up before the load")
        await pilot.pause()
        stop = threading.Event()
        probe = asyncio.create_task(probe_lag(stop, lags))
        with FullCollections() as collections:
            cpu, wall = time.thread_time(), time.perf_counter()
            await asyncio.to_thread(run_load, meeting, writer, settings, load, stop)
            await probe
            load.loop_busy = (time.thread_time() - cpu) / (time.perf_counter() - wall)
        load.collections = collections.note()
        # Records still queued in the writer are late, not lost: they are in memory and written
        # as soon as the disk takes them. What the writer has written is read first, so that a
        # record it writes while the journal is read counts as one or the other.
        written = writer.durable
        on_disk = {r.seq for r in Archive(data).read(meeting.state.session_id)}
        kept = on_disk | set(range(written + 1, meeting.state.last_seq + 1))
        lost = load.outcome.count(NO_OUTCOME)
        lost += sum(1 for seq in load.made if seq not in kept)
        if load.drained and not app.leave_meeting():
            raise RuntimeError("the session's records could not all be written")
    return lost


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("nothing to do")


async def run_bare(seconds: float, lags: list[float]) -> None:
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stop = threading.Event()
        probe = asyncio.create_task(probe_lag(stop, lags))
        await asyncio.sleep(seconds)
        stop.set()
        await probe


def row(label: str, figures: Stats) -> str:
    return (
        f"{label:<26} {figures.n:>7,} {figures.p50:>8.1f} {figures.p95:>8.1f}"
        f" {figures.p99:>8.1f} {figures.max:>8.1f}"
    )


def run(settings: Settings) -> None:
    print(machine("textual", "pydantic"))
    load = Load(total=int(settings.rate * settings.seconds))
    lags: list[float] = []
    bare: list[float] = []
    with scratch("load") as data:
        print(f"scratch folder: {describe_scratch(data)}")
        lost = asyncio.run(run_wyber(data, settings, load, lags))
    asyncio.run(run_bare(settings.bare_seconds, bare))

    recorded, refused = load.waits(RECORDED), load.waits(REFUSED)
    answered = len(recorded) + len(refused)
    print(
        f"\n{load.total:,} commands sent by {PEOPLE} participants in "
        f"{load.finished_at:.1f} s ({load.total / load.finished_at:,.0f}/s, goal "
        f"{settings.rate:,}/s): {load.outcome.count(RECORDED):,} recorded,"
        f" {load.outcome.count(REFUSED):,} refused with a reason, {answered:,} acknowledged,"
        f" {lost} lost"
    )
    written = (
        f"written in the {load.drained_in:.1f} s after"
        if load.drained
        else f"{load.still_pending:,} still queued {DRAIN_SECONDS} s after (not acknowledged)"
    )
    print(f"writer: {load.backlog:,} records not on disk when the last command had run, {written}")
    print()
    columns = f"{'':<26} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    print_header(columns, "", 0)
    print(row("ack, recorded (durable)", stats(recorded)))
    if refused:
        print(row("ack, refused", stats(refused)))
    print(row("loop lag, wyber under load", stats(lags)))
    print(row("loop lag, bare Textual app", stats(bare)))
    print(f"during the load and the wait for the writer: {load.collections}")
    print(f"the event loop's thread was on a CPU {load.loop_busy:.0%} of the time")
    print()
    lag_p99 = stats(lags).p99
    print_goal(lost == 0, f"lost: {lost} (goal 0)")
    unanswered = load.total - answered
    print_goal(unanswered == 0, f"not acknowledged: {unanswered:,} (goal 0)")
    print_goal(lag_p99 <= 50, f"event loop lag p99 under load: {lag_p99:.1f} ms (goal ≤ 50)")


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="seconds", caveat=QUICK_CAVEAT))
