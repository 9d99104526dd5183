"""How long exporting the Word minutes takes, at 100, 1,000 and 10,000 contributions.

What is measured, with `time.perf_counter`:

- wyber: the export as the app does it, from a session's folded state to the bytes of a .docx:
  `build_minutes(state)` (what the minutes say, as a `Document` of blocks, with its two charts
  drawn with Pillow and each table's columns measured in the table's font), then
  `word.docx_bytes(document)` (python-docx on Word's built-in styles, saved into memory). A fresh
  Document and a fresh .docx per run; nothing is cached between runs. The sessions are made up
  from the shipped plan `sessions/kickoff.nl.toml` with `sample_records(..., ideas=N)` (N ideas,
  6 participants, clusters, votes, agreements, an evaluation) and folded with `fold` once per
  size, before any clock starts. Each idea is one bullet in the minutes; the tables (agenda,
  tallies, agreements) grow only a little with N.
- naive: the same export written the way python-docx's documentation shows it, in this script
  (`naive_docx`): `build_minutes(state)` as above, then the same blocks through
  `document.add_heading`, `document.add_paragraph(..., style="List Bullet")` (the style looked up
  by its name on every paragraph), `document.add_table(rows=..., cols=..., style="Table Grid")`
  filled with `table.cell(r, c).text = ...`, and `document.save` into memory. It does less than
  wyber (no page size, page-number fields, language, column widths or header-row repeat), so the
  ratio is, if anything, in its favour. It gets a time budget per size: at 10,000 ideas one run
  takes some seconds, so it gets fewer runs there (at least one), and none in `--quick`.

Runs of the two writers alternate (A B, B A, ...), so that drift on the machine hits both; one
export of each at the smallest size comes first as a warm-up and is not counted; garbage is
collected before each run (not timed). Both files are checked once per size, outside the clock:
as many "List Bullet" paragraphs as the minutes have items, and as many tables as they have.

How to read it: the median of the runs per size, in seconds, for both writers, and "naive ÷
wyber"; the size of each .docx in KB (1,000 bytes). The goal lines say PASS or MISS: at most
0.5 s at 1,000 ideas, and ten times the ideas costing at most eleven times the time (from 100 to
1,000 and from 1,000 to 10,000). The benchmark never fails on a goal, only on an error. It writes
no files: each .docx is rendered into memory. `--quick` is a smoke run (fewer runs, no naive run
at 10,000): its figures are indicative only.
"""

import gc
import io
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

import docx
from _shared import REPO, bench_main, in_turn, machine, print_goal, print_header, print_load
from docx.oxml.ns import qn

from tui.wyber.fold import fold
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.content import (
    Bullets,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Table,
    plain,
    spans,
)
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.state import SessionState

PLAN = REPO / "sessions" / "kickoff.nl.toml"
SIZES = (100, 1_000, 10_000)
GOAL_SIZE = 1_000
GOAL_SECONDS = 0.5
GOAL_GROWTH = 11.0  # 10x the ideas: at most this many times the time
START = datetime(2025, 11, 24, 9, 0, tzinfo=UTC)
SESSION_ID = "20251124-0900-minutes"


@dataclass(frozen=True)
class Settings:
    runs: dict[int, int]  # wyber's runs per size; naive gets at most as many
    naive_seconds: float  # naive's time budget per size (it always gets one run, unless skipped)
    naive_skip: frozenset[int]  # sizes without a naive run


FULL = Settings(runs={100: 9, 1_000: 7, 10_000: 5}, naive_seconds=30.0, naive_skip=frozenset())
QUICK = Settings(
    runs={100: 5, 1_000: 3, 10_000: 1}, naive_seconds=5.0, naive_skip=frozenset({10_000})
)
QUICK_CAVEAT = "few runs, no naive run at 10,000"  # said after a quick run's figures


@dataclass
class Scenario:
    """One session size, and every export of it (seconds)."""

    size: int
    state: SessionState
    records: int
    wyber: list[float] = field(default_factory=list)
    build: list[float] = field(default_factory=list)  # the build_minutes part of wyber's runs
    naive: list[float] = field(default_factory=list)
    wyber_bytes: int = 0
    naive_bytes: int = 0


# --- the baseline: python-docx as its documentation shows it ------------------------------------


def naive_runs(paragraph: Any, content: Inline, *, quiet: bool = False) -> None:
    for span in spans(content):
        run = paragraph.add_run(span.text)
        run.bold = span.strong or span.alert
        run.italic = quiet


def naive_table(document: Any, rows: Sequence[Sequence[Inline]], style: str | None) -> None:
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=len(rows[0]), style=style)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = plain(value)
    document.add_paragraph()


def naive_docx(minutes: Document) -> bytes:
    """The baseline: the same blocks written the way python-docx's documentation shows it."""
    document = docx.Document()
    document.core_properties.title = minutes.properties.title
    document.core_properties.author = minutes.properties.author
    document.sections[0].header.paragraphs[0].text = minutes.header
    document.add_heading(minutes.title, 0)
    document.add_paragraph(minutes.subtitle, style="Subtitle")
    for block in minutes.blocks:
        match block:
            case Heading(text=text, level=level):
                document.add_heading(text, level)
            case Paragraph(content=content, quiet=quiet):
                naive_runs(document.add_paragraph(), content, quiet=quiet)
            case Bullets(items=items):
                for item in items:
                    naive_runs(document.add_paragraph(style="List Bullet"), item)
            case Table(columns=columns, rows=rows, footer=footer):
                body = [columns, *rows, *([footer] if footer else [])]
                naive_table(document, body, "Table Grid")
            case Facts(lines=lines):
                naive_table(document, lines, None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- measuring -----------------------------------------------------------------------------------


def wyber_export(scenario: Scenario) -> bytes:
    gc.collect()
    started = time.perf_counter()
    minutes = build_minutes(scenario.state)
    built = time.perf_counter()
    data = docx_bytes(minutes)
    scenario.wyber.append(time.perf_counter() - started)
    scenario.build.append(built - started)
    return data


def naive_export(scenario: Scenario) -> bytes:
    gc.collect()
    started = time.perf_counter()
    data = naive_docx(build_minutes(scenario.state))
    scenario.naive.append(time.perf_counter() - started)
    return data


def check(data: bytes, minutes: Document, writer: str) -> None:
    """The file holds every item as a List Bullet paragraph, and every table."""
    document = docx.Document(io.BytesIO(data))
    bullet = document.styles["List Bullet"].style_id
    body = document.element.body
    bullets = sum(1 for style in body.iter(qn("w:pStyle")) if style.get(qn("w:val")) == bullet)
    tables = sum(1 for _ in body.iterchildren(qn("w:tbl")))
    items = sum(len(block.items) for block in minutes.blocks if isinstance(block, Bullets))
    grids = sum(1 for block in minutes.blocks if isinstance(block, Table | Facts))
    if (bullets, tables) != (items, grids):
        raise RuntimeError(
            f"{writer}: {bullets} bullets and {tables} tables in the file,"
            f" {items} and {grids} in the minutes"
        )


def measure(scenario: Scenario, settings: Settings) -> None:
    """wyber's runs and naive's (within its budget) alternate: A B, B A, ..."""
    runs = settings.runs[scenario.size]
    naive_wanted = 0 if scenario.size in settings.naive_skip else runs

    def naive_wants() -> bool:
        done = scenario.naive
        if len(done) >= naive_wanted:
            return False
        # One more run only if it is likely to end within the budget; the first one always.
        return not done or sum(done) + statistics.mean(done) <= settings.naive_seconds

    exports: dict[str, bytes] = {}
    round_ = 0
    while len(scenario.wyber) < runs or naive_wants():
        order: list[tuple[str, Callable[[], bool], Callable[[Scenario], bytes]]] = [
            ("wyber", lambda: len(scenario.wyber) < runs, wyber_export),
            ("naive", naive_wants, naive_export),
        ]
        for name, wants, export in in_turn(order, round_):
            if wants():
                exports[name] = export(scenario)
        round_ += 1
    minutes = build_minutes(scenario.state)
    for name, data in exports.items():
        check(data, minutes, name)
    scenario.wyber_bytes = len(exports["wyber"])
    scenario.naive_bytes = len(exports.get("naive", b""))


def warm_up(scenario: Scenario) -> None:
    """One export of each first (imports, python-docx's template, lxml's caches): not counted."""
    docx_bytes(build_minutes(scenario.state))
    naive_docx(build_minutes(scenario.state))


# --- report --------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(scenarios: Sequence[Scenario]) -> None:
    print()
    columns = (
        f"{'contributions':>13} | {'wyber export median (s)':>23} | {'naive median (s)':>16}"
        f" | {'naive ÷ wyber':>13} | {'wyber KB':>8} | {'naive KB':>8}"
    )
    print_header(columns, "notes", 30)
    for scenario in scenarios:
        wyber = median(scenario.wyber)
        if scenario.naive:
            naive = f"{median(scenario.naive):>16.3f}"
            ratio = f"{median(scenario.naive) / wyber:>12.1f}x"
            naive_kb = f"{scenario.naive_bytes / 1e3:>8.0f}"
        else:
            naive, ratio, naive_kb = f"{'skipped':>16}", f"{'-':>13}", f"{'-':>8}"
        print(
            f"{scenario.size:>13,} | {wyber:>23.3f} | {naive} | {ratio}"
            f" | {scenario.wyber_bytes / 1e3:>8.0f} | {naive_kb}"
            f"   runs {len(scenario.wyber)} + {len(scenario.naive)};"
            f" build_minutes {median(scenario.build) * 1e3:.0f} ms"
        )


def growth(scenarios: Sequence[Scenario], times: Callable[[Scenario], list[float]]) -> list[str]:
    """t(10 N) / t(N) for each step up in size, as text."""
    return [
        f"t({big.size:,})/t({small.size:,}) = {median(times(big)) / median(times(small)):.2f}"
        for small, big in pairwise(scenarios)
        if times(small) and times(big)
    ]


def print_goals(scenarios: Sequence[Scenario]) -> None:
    print()
    goal = next(scenario for scenario in scenarios if scenario.size == GOAL_SIZE)
    seconds = median(goal.wyber)
    print_goal(
        seconds <= GOAL_SECONDS,
        f"export at {GOAL_SIZE:,} contributions: median {seconds:.3f} s"
        f" (goal: at most {GOAL_SECONDS:g} s)",
    )
    ratios = [median(big.wyber) / median(small.wyber) for small, big in pairwise(scenarios)]
    print_goal(
        all(ratio <= GOAL_GROWTH for ratio in ratios),
        f"10x the contributions costs at most {GOAL_GROWTH:g}x the time:"
        f" {'; '.join(growth(scenarios, lambda s: s.wyber))}",
    )
    naive = growth(scenarios, lambda s: s.naive)
    if naive:
        print(f"      (naive, the same ratios: {'; '.join(naive)})")


def print_notes(scenarios: Sequence[Scenario], settings: Settings, setup_seconds: float) -> None:
    print(machine("python-docx", "lxml"))
    made = ", ".join(f"{s.size:,} ideas in {s.records:,} records" for s in scenarios)
    print(
        f"plan: {PLAN.relative_to(REPO)}; sessions made up and folded in {setup_seconds:.1f} s:"
        f" {made}"
    )
    runs = ", ".join(f"{runs} at {size:,}" for size, runs in settings.runs.items())
    runs = runs.replace(" at", " runs at", 1)
    skipped = ", ".join(f"{size:,}" for size in sorted(settings.naive_skip))
    print(
        f"wyber: {runs} ideas (the median counts); naive: as many, within"
        f" {settings.naive_seconds:g} s per size (another run only if it likely fits; at least one)"
        + (f", skipped at {skipped}" if skipped else "")
    )
    print("both from the folded state: build_minutes, then the writer; no files written")
    print_load()


# --- main ----------------------------------------------------------------------------------------


def make_scenarios() -> tuple[list[Scenario], float]:
    plan = load_plan(PLAN)
    started = time.perf_counter()
    scenarios = []
    for size in SIZES:
        records = sample_records(plan, SESSION_ID, START, ideas=size)
        state = fold(records)
        if len(state.ideas) != size:
            raise RuntimeError(f"the made-up session has {len(state.ideas)} ideas, not {size}")
        scenarios.append(Scenario(size, state, len(records)))
    return scenarios, time.perf_counter() - started


def run(settings: Settings) -> None:
    scenarios, setup_seconds = make_scenarios()
    print_notes(scenarios, settings, setup_seconds)
    warm_up(scenarios[0])
    for scenario in scenarios:
        measure(scenario, settings)
    print_table(scenarios)
    print_goals(scenarios)


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="runs", caveat=QUICK_CAVEAT))
