"""How long recording one event durably takes, and whether the archive's size changes it.

What is measured, with `time.perf_counter_ns`:

- wyber: `LiveSession.record(IdeaAdded(...))` — stamp the event, append it as one JSON line to the
  session's journal, fsync, fold it into the state; it returns once the record is durable, so
  this is the latency of one acknowledged record — with 100, 2,000, 5,000, 20,000 and 50,000
  events already in the session, in an archive holding 0 and 1,000 other sessions (made-up
  meetings of 50-150 ideas each, written with `Archive.import_records`). The session is imported
  with `import_records` and opened with `resume_session` (which records a session_resumed event:
  it is the N-th). Up to 5,000 events, a block of events is recorded, the session is deleted and
  a fresh copy made for the next block, so the session grows by at most one block (25 events)
  while it is measured. From 20,000 events on, opening a fresh copy takes seconds (reading and
  validating every record), so the session stays open for all its blocks and grows by the
  samples taken (1,000: at most 5% of its size). The blocks go round the scenarios in turn,
  the order reversed every other round (the sizes, and the two archives within each size), so
  that disk noise hits every scenario alike. The event is built before the clock starts;
  garbage left by making the copy is collected before each block; a first block per scenario,
  and the first two records of every block, are a warm-up and are not counted.
- floor: the very bytes wyber appended, written again right after each record with one
  `os.write` to a plain file opened O_APPEND and `os.fsync`'d: the least a durable append can
  cost on this disk at that moment. wyber's p99 is given as a multiple of it.
- background writer (the app's path): the record handed to the writer thread and acknowledged
  when its durable watermark passes it, one at a time, at the smallest and largest session
  without other sessions; and a burst of 100 records at once: how many appends (each one write
  and one fsync) group commit made of them, and when the last was acknowledged.
- naive peer: TinyDB's default `JSONStorage`, every session in one file (one table per session),
  pre-filled with the same sessions (the file written directly, in JSONStorage's layout: filling
  it through TinyDB would rewrite it once per document), then `table.insert` of the same event
  document, as wyber stores it. TinyDB
  4.9's JSONStorage flushes and fsyncs the file itself in `write`, so no fsync is added: both
  sides are durable writes. It rewrites the whole file per insert, so it gets few samples (a
  time budget per scenario): its p99 is then nearly its maximum.

How to read it: p50/p99/max in milliseconds per scenario; "x floor" is wyber's p99 over the
floor's p99 measured beside it, "x wyber" is the naive peer's p99 over wyber's. The goal lines
say PASS or MISS; the benchmark never fails on a goal, only on an error. Two goals say the cost
is flat: at 50,000 events, p50 at most 2x the floor's p50 and at most 1.2x p50 at 100 events
(a quick run judges its largest session, 20,000). These and the archive goal are judged on the
median, over ten groups of 100 interleaved samples, of the groups' ratio (p50, or p99 for the
archive): a burst of noise from elsewhere on the machine spoils a group or two, not the verdict.
The floor's same ratio (two sets of identical work) shows how large mere noise is; the ratios
of all samples pooled (and for the archive a bootstrap interval) are printed too. The load
average, before and after, says whether something else ran. `--quick` is a smoke run (fewer
sessions and samples): its figures are indicative only.
"""

import gc
import itertools
import json
import math
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _shared import (
    Stats,
    bench_main,
    describe_scratch,
    in_turn,
    machine,
    percentile,
    print_goal,
    print_header,
    print_load,
    scratch,
    stats,
)
from tinydb import TinyDB

from tui.wyber.events import IdeaAdded, Record, stored
from tui.wyber.plan import Plan
from tui.wyber.recorder import BackgroundWriter
from tui.wyber.sample import sample_records
from tui.wyber.session import LiveSession, resume_session
from tui.wyber.store import Archive

SESSION_SIZES = (100, 2_000, 5_000, 20_000, 50_000)
QUICK_SIZES = (100, 2_000, 20_000)
KEPT_OPEN_FROM = 20_000  # sessions this large are opened once, not copied fresh for each block
WARMUP_RECORDS = 2  # the first records of each block, counted for neither wyber nor the floor
GOAL_SIZE = 2_000
GOAL_P99_MS = 5.0
GOAL_ARCHIVE_CHANGE = 0.20
BURST = 100  # records handed to the background writer at once
GOAL_FLOOR_P50 = 2.0  # p50 of one record at 50,000 events <= 2x the floor's p50
GOAL_FLAT_P50 = 1.2  # p50 at 50,000 events <= 1.2x p50 at 100
START = datetime(2025, 11, 24, 9, 0, tzinfo=UTC)
NAIVE_SESSION = "20251124-0900-live"

PLAN_DATA = {
    "title": "Batterijen in de wijk: van losse initiatieven naar één aanpak",
    "language": "nl",
    "goal": "Samen bepalen hoe we lege accu's van deelscooters veilig inzamelen en hergebruiken.",
    "steps": [
        {
            "title": "Check-in",
            "question": "Wat neem je mee uit je eigen organisatie?",
            "diverge": {"minutes": 10, "technique": "go_around", "turn_seconds": 60},
        },
        {
            "title": "Kansen en knelpunten",
            "question": "Wat moet er gebeuren om accu's veilig in te zamelen in de wijk?",
            "field": "verbindend",
            "diverge": {"minutes": 20, "technique": "silent_writing"},
            "converge": {"minutes": 15, "technique": "dot_vote", "dots": 3},
            "consolidate": {"minutes": 15, "technique": "consent_round"},
        },
        {
            "title": "Afspraken",
            "question": "Wie doet wat, en wanneer?",
            "field": "uitvoerend",
            "converge": {"minutes": 10, "technique": "open"},
            "consolidate": {"minutes": 15, "technique": "consent_round"},
        },
    ],
}

IDEAS = (
    "Inzamelpunt bij de milieustraat",
    "Een pilot van drie maanden in Feijenoord met vaste ophaaldagen",
    "Brandveilige opslagkasten bij de hubs van de deelscooters",
    "Bewoners vragen wat zij nodig hebben voordat we iets plaatsen",
    "Data delen: hoeveel accu's zijn er nu echt in omloop, en waar liggen ze?",
    "Subsidie aanvragen bij de provincie voor de eerste opslagcontainer",
    "Afspraken over aansprakelijkheid vastleggen voordat de pilot start",
    "ReCell Lab test de accu's op tweede leven als thuisbatterij",
    "Vergunning: kan dit onder de bestaande omgevingsvergunning van AfvalWerk, of hebben we "
    "een nieuwe nodig? Navragen bij het omgevingsloket vóór de volgende sessie.",
    "Wijkconciërges betrekken",
    "Een vaste contactpersoon per organisatie, ook voor spoed bij een beschadigde accu",
    "Transport in ADR-verpakking; wie betaalt dat?",
    "Scholen meenemen in de communicatie: kinderen nemen het mee naar huis",
    "Eerst in kaart brengen welke keten er nu al loopt bij de leveranciers, zodat we niets "
    "dubbel doen en de bestaande inzameling via de winkels niet ondergraven",
    "Maandelijks een korte evaluatie met alle partners",
    "Planning koppelen aan de vervangingscyclus van de scooters",
)


@dataclass(frozen=True)
class Settings:
    others: int  # other sessions in the big archive
    samples: int  # wyber samples per scenario
    block: int  # events recorded into one fresh copy of the session
    naive_max: int  # naive samples per scenario, at most
    naive_min: int  # ... and at least, whatever the time budget
    naive_seconds: float  # time budget per naive scenario
    sizes: tuple[int, ...] = SESSION_SIZES


FULL = Settings(others=1_000, samples=1_000, block=25, naive_max=50, naive_min=3, naive_seconds=8.0)
QUICK = Settings(
    others=40, samples=50, block=10, naive_max=3, naive_min=1, naive_seconds=1.0, sizes=QUICK_SIZES
)
QUICK_CAVEAT = "too few sessions and samples to judge the goals"  # said after a quick run's figures


@dataclass
class Scenario:
    """One archive size x one session size, and every latency measured for it (ns)."""

    archive: Archive
    others: int
    size: int
    template: list[Record]
    floor_path: Path
    wyber: list[int] = field(default_factory=list)
    floor: list[int] = field(default_factory=list)
    naive: list[int] = field(default_factory=list)
    naive_bytes: int = 0
    blocks: int = 0
    live: LiveSession | None = None  # a large session, open for all its blocks

    @property
    def label(self) -> str:
        return f"{self.others:,} others · {self.size:,} events"


def ns_stats(values: Sequence[int]) -> Stats:
    """The figures, in ms, of latencies in nanoseconds."""
    return stats(values, ms=1e-6)


class IdeaSource:
    """Realistic IdeaAdded events, different each time, built before the clock starts."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._texts = itertools.cycle(IDEAS)
        self._count = 0

    def event(self) -> IdeaAdded:
        self._count += 1
        author = self._rng.choice(["p1", "p2", "p3", "p4", "p5", "p6", None])
        return IdeaAdded(idea_id=f"m{self._count}", text=next(self._texts), author_id=author)

    def record(self, seq: int) -> Record:
        return Record(seq=seq, at=datetime.now(UTC), t=float(seq), event=self.event())


# --- sessions ------------------------------------------------------------------------------------


def session_template(plan: Plan, size: int) -> list[Record]:
    """The first `size` records of a made-up meeting: the measured session before recording."""
    records = sample_records(plan, "template", START, ideas=size, seed=size)
    if len(records) < size:
        raise RuntimeError(f"sample_records gave {len(records)} records, wanted {size}")
    return records[:size]


def with_id(records: Sequence[Record], session_id: str) -> list[Record]:
    """The same records as a session called `session_id`."""
    first = records[0]
    opened = first.event.model_copy(update={"session_id": session_id})
    return [first.model_copy(update={"event": opened}), *records[1:]]


def naive_table(session_id: str, records: Sequence[Record]) -> str:
    """One session as a table of TinyDB's JSON file: `"id": {"1": {...}, ...}`."""
    docs = {str(record.seq): stored(record) for record in records}
    return f"{json.dumps(session_id)}: {json.dumps(docs)}"


def fill_archive(archive: Archive, plan: Plan, count: int) -> list[str]:
    """Import `count` made-up sessions of 50-150 ideas; return them as naive tables too."""
    rng = random.Random(2025)
    tables: list[str] = []
    for n in range(count):
        session_id = f"20251124-0900-o{n:04d}"
        records = sample_records(
            plan,
            session_id,
            START - timedelta(days=n, hours=rng.randint(0, 8)),
            ideas=rng.randint(50, 150),
            participants=rng.randint(4, 10),
            seed=n,
        )
        archive.import_records(records)
        tables.append(naive_table(session_id, records))
    return tables


# --- measuring -----------------------------------------------------------------------------------


def wyber_block(scenario: Scenario, count: int, ideas: IdeaSource) -> None:
    """Record `count` events into the session (a fresh copy, or the large one kept open), each
    followed by the floor's append of the same line."""
    if scenario.size >= KEPT_OPEN_FROM:
        if scenario.live is None:
            scenario.live = open_copy(scenario)
        record_block(scenario, scenario.live, count, ideas)
        return
    live = open_copy(scenario)
    with live:
        record_block(scenario, live, count, ideas)
    remove_copy(scenario.archive, live.session_id)


def open_copy(scenario: Scenario) -> LiveSession:
    """A fresh copy of the session, opened to record into."""
    archive = scenario.archive
    session_id = f"20251124-0900-b{scenario.size}-{scenario.blocks:03d}"
    archive.import_records(with_id(scenario.template[: scenario.size - 1], session_id))
    live = resume_session(archive, session_id)
    if live.state.last_seq != scenario.size:
        raise RuntimeError(f"session has {live.state.last_seq} events, not {scenario.size}")
    return live


def remove_copy(archive: Archive, session_id: str) -> None:
    archive.path_of(session_id).unlink()
    (archive.locks_dir / f"{session_id}.lock").unlink(missing_ok=True)


def record_block(scenario: Scenario, live: LiveSession, count: int, ideas: IdeaSource) -> None:
    """Record WARMUP_RECORDS + `count` events; after each one, the floor appends the very line
    wyber wrote, so that the two see the disk as it is at that moment.

    The block's first records are counted for neither side: the first took 12-15 ms where the
    rest took 5-7 and the floor's append right after it 6 (medians over 12 blocks, measured, in
    fresh copies and in a session kept open alike, with or without an `os.sync` before the
    block): the switch from the block before, not recording."""
    scenario.blocks += 1
    path = scenario.archive.path_of(live.session_id)
    events = [ideas.event() for _ in range(WARMUP_RECORDS + count)]
    gc.collect()
    floor = os.open(scenario.floor_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        with path.open("rb") as journal:
            for number, event in enumerate(events):
                before = path.stat().st_size
                started = time.perf_counter_ns()
                live.record(event)
                took = time.perf_counter_ns() - started
                journal.seek(before)
                line = journal.read()
                lines = line.count(b"\n")
                if lines != 1:
                    raise RuntimeError(f"wyber wrote {lines} lines for one event")
                floor_took = floor_append(floor, line)
                if number >= WARMUP_RECORDS:
                    scenario.wyber.append(took)
                    scenario.floor.append(floor_took)
    finally:
        os.close(floor)


def floor_append(fd: int, line: bytes) -> int:
    """Append the line to a plain file and fsync it (ns): the least a durable append costs."""
    started = time.perf_counter_ns()
    os.write(fd, line)
    os.fsync(fd)
    return time.perf_counter_ns() - started


def close_open_sessions(scenarios: Sequence[Scenario]) -> None:
    for scenario in scenarios:
        if scenario.live is not None:
            scenario.live.close()
            remove_copy(scenario.archive, scenario.live.session_id)
            scenario.live = None


def measure_wyber(pairs: Sequence[tuple[Scenario, Scenario]], settings: Settings) -> None:
    """Blocks round-robin over the session sizes, in turn (A B, B A, ...): the sizes' order is
    reversed every other round, and so is the two archives' within each size, so that drift on
    the machine hits every scenario alike and a group of rounds holds each at the same moments.

    One block per scenario is recorded first and thrown away: a warm-up (imports, first writes).
    """
    ideas = IdeaSource(seed=1)
    for pair in pairs:
        for scenario in pair:
            wyber_block(scenario, settings.block, ideas)
            scenario.wyber.clear()
            scenario.floor.clear()
    for round_ in range(math.ceil(settings.samples / settings.block)):
        for pair in in_turn(pairs, round_):
            for scenario in in_turn(pair, round_):
                count = min(settings.block, settings.samples - len(scenario.wyber))
                wyber_block(scenario, count, ideas)
    close_open_sessions([scenario for pair in pairs for scenario in pair])


def write_naive_file(path: Path, tables: Sequence[str], records: Sequence[Record]) -> None:
    """The file TinyDB's JSONStorage would have written: every session, then the live one."""
    body = ", ".join([*tables, naive_table(NAIVE_SESSION, records)])
    path.write_text("{" + body + "}", encoding="utf-8")


def measure_naive(scenario: Scenario, tables: Sequence[str], settings: Settings) -> None:
    """Insert one event at a time with TinyDB's default storage, until out of samples or time."""
    path = scenario.floor_path.with_name(f"naive-{scenario.others}-{scenario.size}.json")
    write_naive_file(path, tables[: scenario.others], scenario.template)
    scenario.naive_bytes = path.stat().st_size
    ideas = IdeaSource(seed=2)
    db = TinyDB(path)  # the default: JSONStorage, which json-dumps and fsyncs the whole file
    try:
        table = db.table(NAIVE_SESSION)
        deadline = time.monotonic() + settings.naive_seconds
        seq = scenario.size
        while len(scenario.naive) < settings.naive_max and (
            len(scenario.naive) < settings.naive_min or time.monotonic() < deadline
        ):
            seq += 1
            doc = stored(ideas.record(seq))
            started = time.perf_counter_ns()
            table.insert(doc)
            scenario.naive.append(time.perf_counter_ns() - started)
    finally:
        db.close()
        path.unlink()


def measure_background(pairs: Sequence[tuple[Scenario, Scenario]], settings: Settings) -> None:
    """The app's own path: the record handed to the background writer, acknowledged when the
    writer's durable watermark passes it. One at a time (a facilitator typing), and a burst
    (a paste, or many phones at once) that group commit puts in few fsyncs."""
    print()
    ideas = IdeaSource(seed=3)
    for scenario in (pairs[0][0], pairs[-1][0]):
        scenario.blocks += 1
        live = open_copy(scenario)
        writer = BackgroundWriter(live.writer)
        live.sink = writer.submit
        appends: list[int] = []
        writer.watch(appends.append)
        latencies: list[int] = []
        for _ in range(settings.samples // 5):
            event = ideas.event()
            started = time.perf_counter_ns()
            record = live.record(event)
            writer.wait_durable(record.seq)
            latencies.append(time.perf_counter_ns() - started)
        appends.clear()
        burst = [ideas.event() for _ in range(BURST)]
        started = time.perf_counter_ns()
        for event in burst:
            last = live.record(event)
        writer.wait_durable(last.seq)
        burst_ms = (time.perf_counter_ns() - started) / 1e6
        writer.close()
        remove_copy(scenario.archive, live.session_id)
        one = ns_stats(latencies)
        print(
            f"background writer, {scenario.label}: one at a time p50 {one.p50:.3f} ms,"
            f" p99 {one.p99:.3f} ms (n={one.n}); a burst of {BURST} records: {len(appends)}"
            f" appends (one fsync each), the last acknowledged after {burst_ms:.1f} ms"
        )


# --- report --------------------------------------------------------------------------------------


def row(label: str, system: str, figures: Stats, note: str) -> str:
    return (
        f"{label:<28} {system:<6} {figures.n:>5} {figures.p50:>9.3f} {figures.p99:>9.3f}"
        f" {figures.max:>9.3f}   {note}"
    )


def file_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB file" if size >= 1e6 else f"{size / 1e3:.0f} kB file"


def print_table(scenarios: Sequence[Scenario]) -> None:
    print()
    columns = f"{'scenario':<28} {'system':<6} {'n':>5} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}"
    print_header(columns, "p99 ratio", 24)
    for scenario in scenarios:
        samples = (scenario.wyber, scenario.floor, scenario.naive)
        wyber, floor, naive = (ns_stats(values) for values in samples)
        print(row(scenario.label, "wyber", wyber, f"{wyber.p99 / floor.p99:6.1f} x floor"))
        print(row("", "floor", floor, "(baseline)"))
        size = file_size(scenario.naive_bytes)
        print(row("", "naive", naive, f"{naive.p99 / wyber.p99:6.1f} x wyber  ({size})"))


def bootstrap_ratio(
    numerator: Sequence[int], denominator: Sequence[int], rounds: int = 1_000
) -> tuple[float, float]:
    """A 95% bootstrap interval of p99(numerator) / p99(denominator)."""
    rng = random.Random(3)
    ratios = sorted(
        percentile(rng.choices(numerator, k=len(numerator)), 99)
        / percentile(rng.choices(denominator, k=len(denominator)), 99)
        for _ in range(rounds)
    )
    return ratios[int(0.025 * rounds)], ratios[int(0.975 * rounds) - 1]


def grouped_ratio(
    numerator: Sequence[int], denominator: Sequence[int], group: int, p: float = 99
) -> float:
    """The median, over consecutive groups of interleaved samples, of the groups' ratio of the
    p-th percentiles.

    A burst of noise (another process, the disk flushing) lands in one or two groups; the median
    of ten ratios shrugs it off, where the percentile of all samples pooled may not.
    """
    ratios = sorted(
        percentile(numerator[k : k + group], p) / percentile(denominator[k : k + group], p)
        for k in range(0, min(len(numerator), len(denominator)), group)
    )
    middle = len(ratios) // 2
    return ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2


def print_goals(pairs: Sequence[tuple[Scenario, Scenario]], settings: Settings) -> None:
    print()
    small, big = next(pair for pair in pairs if pair[0].size == GOAL_SIZE)
    for scenario in (small, big):
        p99 = ns_stats(scenario.wyber).p99
        print_goal(
            p99 <= GOAL_P99_MS,
            f"p99 at {GOAL_SIZE:,} events <= {GOAL_P99_MS:g} ms, {scenario.others:,} other"
            f" sessions: {p99:.3f} ms",
        )
    group = settings.block * max(1, settings.samples // (10 * settings.block))
    ratio = grouped_ratio(big.wyber, small.wyber, group)
    pooled = ns_stats(big.wyber).p99 / ns_stats(small.wyber).p99
    low, high = bootstrap_ratio(big.wyber, small.wyber)
    p50_ratio = ns_stats(big.wyber).p50 / ns_stats(small.wyber).p50
    print_goal(
        abs(ratio - 1) <= GOAL_ARCHIVE_CHANGE,
        f"archive size changes p99 by at most {GOAL_ARCHIVE_CHANGE:.0%}: p99 with"
        f" {big.others:,} / with {small.others:,} other sessions at {GOAL_SIZE:,} events"
        f" = {ratio:.3f}",
    )
    print(
        f"      (median over groups of {group} interleaved samples; noise reference, the floor's"
        f" same ratio: {grouped_ratio(big.floor, small.floor, group):.3f})"
    )
    print(
        f"      all samples pooled: p99 ratio {pooled:.3f}, 95% bootstrap interval"
        f" {low:.3f}-{high:.3f}; p50 ratio {p50_ratio:.3f}"
    )
    print_flat_goals(pairs, group)


def print_flat_goals(pairs: Sequence[tuple[Scenario, Scenario]], group: int) -> None:
    """Recording costs the same in a session of 50,000 events (the largest measured) as in one
    of 100 (the smallest), and little more than the durable append itself. Judged, like the
    archive's goal, on the median over groups of interleaved samples of the groups' p50 ratio:
    the fsync that both sides wait for varies several-fold with what else the machine writes."""
    for small, big in zip(pairs[0], pairs[-1], strict=True):
        wyber, floor, first = ns_stats(big.wyber), ns_stats(big.floor), ns_stats(small.wyber)
        to_floor = grouped_ratio(big.wyber, big.floor, group, 50)
        print_goal(
            to_floor <= GOAL_FLOOR_P50,
            f"p50 at {big.size:,} events <= {GOAL_FLOOR_P50:g}x the floor's p50,"
            f" {big.others:,} other sessions: {to_floor:.2f}x the floor",
        )
        print(
            f"      (all samples pooled: {wyber.p50:.3f} ms against the floor's {floor.p50:.3f} ms"
            f" = {wyber.p50 / floor.p50:.2f}x; p99 {wyber.p99:.3f} against {floor.p99:.3f} ms)"
        )
        flat = grouped_ratio(big.wyber, small.wyber, group, 50)
        print_goal(
            flat <= GOAL_FLAT_P50,
            f"p50 at {big.size:,} events <= {GOAL_FLAT_P50:g}x p50 at {small.size:,},"
            f" {big.others:,} other sessions: {flat:.2f}",
        )
        noise = grouped_ratio(big.floor, small.floor, group, 50)
        print(
            f"      (all samples pooled: {wyber.p50:.3f} / {first.p50:.3f} ms ="
            f" {wyber.p50 / first.p50:.2f}; noise reference, the floor's same ratio: {noise:.2f})"
        )


def print_notes(scratch: Path, settings: Settings, setup_seconds: float) -> None:
    print(machine("tinydb"))
    print(f"scratch folder: {describe_scratch(scratch)}")
    block = settings.block + WARMUP_RECORDS  # records per block, counted or not
    blocks = 1 + math.ceil(settings.samples / settings.block)  # the warm-up block's too
    grown = settings.samples + settings.block + blocks * WARMUP_RECORDS
    print(
        f"wyber/floor: {settings.samples} samples per scenario, in blocks of {settings.block}"
        f" (after {WARMUP_RECORDS} not counted) recorded into a fresh copy of the session (it"
        f" grows by at most {block} events while measured; from {KEPT_OPEN_FROM:,} events one"
        f" session stays open and grows by the {grown:,} events recorded); the floor's append"
        " after each record; scenarios in turn block by block; one warm-up block per scenario"
        " discarded"
    )
    print(
        f"naive: one JSON file, one table per session; {settings.naive_min}-{settings.naive_max}"
        f" samples or {settings.naive_seconds:g} s per scenario, whichever ends first (few"
        " samples: its p99 is about its max); TinyDB's JSONStorage fsyncs each write itself"
    )
    print(f"setup of {settings.others:,} other sessions: {setup_seconds:.1f} s")
    print_load()


# --- main ----------------------------------------------------------------------------------------


def build_scenarios(
    scratch: Path, plan: Plan, settings: Settings
) -> tuple[list[tuple[Scenario, Scenario]], list[str], float]:
    empty, full = Archive(scratch / "archive-0"), Archive(scratch / "archive-others")
    started = time.perf_counter()
    tables = fill_archive(full, plan, settings.others)
    setup_seconds = time.perf_counter() - started
    pairs = []
    for size in settings.sizes:
        template = session_template(plan, size)
        pairs.append(
            (
                Scenario(empty, 0, size, template, scratch / f"floor-0-{size}.bin"),
                Scenario(full, settings.others, size, template, scratch / f"floor-n-{size}.bin"),
            )
        )
    return pairs, tables, setup_seconds


def run(settings: Settings) -> None:
    with scratch("record") as folder:
        plan = Plan.model_validate(PLAN_DATA)
        pairs, tables, setup_seconds = build_scenarios(folder, plan, settings)
        print_notes(folder, settings, setup_seconds)
        measure_wyber(pairs, settings)
        scenarios = [scenario for pair in pairs for scenario in pair]
        for scenario in scenarios:
            measure_naive(scenario, tables, settings)
        print_table(scenarios)
        print_goals(pairs, settings)
        measure_background(pairs, settings)


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="samples", caveat=QUICK_CAVEAT))
