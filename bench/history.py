"""How fast the history lists 1,000 recorded sessions, and narrows them as a person types.

The archive: 1,000 made-up sessions of realistic size, written into a scratch folder on a disk
with `Archive.import_records` (the way `wyber import` adds one). Each is `sample_records` of one
of the six shipped plans (30-80 ideas, 4-10 participants, clusters, votes, agreements, an
evaluation), then varied so a search has something to tell apart: its own title, a series for two
in three of them (12 series), participants from a pool of 80 names and 25 organisations, ideas,
clusters and agreements in the session's own vocabulary (25 of 600 Dutch compounds and 15 other
words, accented ones among them: "café", "ideeën"), about one a day over three years. The
archive's index is then warmed once, as on a facilitator's second start: `Archive.listing()`
reads every session once and keeps its summary and search words in `index.json`.

What is measured, with `time.perf_counter`, the real app headless (`WyberApp(...).run_test`, at
80×24 and at 160×48), the home screen loaded first:

- open: from `h` sent to home (as the terminal driver sends a key) to the first frame that shows
  the list, that is whose text holds the count line ("1000 sessions") and the start of the
  newest session's title. `App._display`, where a screen hands a finished frame to the terminal,
  is wrapped on the app instance and each frame rendered to terminal output (`render_segments`),
  as in idea_latency.py. History opens with the listing home read and reads the index again in a
  thread worker behind it. Alternating with it, the cold path: the screen pushed without home's
  listing, so that it reads the index (1,000 `stat`s, `index.json`, 1,000 summaries validated)
  before it shows the list; printed, not judged. Between runs Escape goes back home and the app
  settles.
- keystroke: from a key typed into the search field (sent as the terminal driver sends it) to
  the first frame after the table was given the filtered rows (the table's `show` is wrapped on
  the instance to note when; the frame is checked to hold the count line the pure search
  functions predict for that query). Queries are typed a letter at a time and erased again:
  titles, participants, idea words with and without accents, a series, two words at once.

Baselines, in the same run:

- open: a bare Textual app whose screen holds one DataTable (seven columns, the same 1,000 rows
  of text), pushed and filled in its `on_mount`: from the push to the first frame that shows the
  rows. `x DataTable` is wyber's median over its median.
- keystroke: the same DataTable app cleared and refilled with the rows each query leaves (what
  refreshing a DataTable on each key would cost: `x DataTable`), and a naive search that reads
  and folds every session file for a query (`Archive.read` + `fold`, then the same matching): what
  searching without the index costs, per keystroke.

Goals (from the issue): open -> list at most 200 ms, keystroke -> filtered list at most 100 ms
(median and p95 printed; the goal is judged on the p95). The benchmark never fails on a goal, only
on an error; `--quick` is a smoke run (fewer sessions read naively, fewer runs): indicative only.
"""

import asyncio
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _headless import FrameWatch, send_key, until
from _shared import (
    REPO,
    FullCollections,
    bench_main,
    describe_scratch,
    machine,
    percentile,
    print_goal,
    print_load,
    scratch,
)
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input

from tui.app import WyberApp
from tui.screens.history import HistoryScreen, SessionRows
from tui.screens.home import HomeScreen
from tui.wyber.dates import listed_at
from tui.wyber.events import (
    AgreementRecorded,
    ClusterCreated,
    IdeaAdded,
    ParticipantAdded,
    Record,
    SeriesLink,
    SessionOpened,
)
from tui.wyber.fold import fold
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.search import Filter, haystack, in_order, matches, select, terms
from tui.wyber.store import Archive
from tui.wyber.summary import SessionSummary

SESSIONS = 1_000
SIZES = ((80, 24), (160, 48))
GOAL_OPEN_MS = 200.0
GOAL_KEY_MS = 100.0
FRAME_TIMEOUT = 10.0
FRAME_POLL = 0.0005  # seconds between looks for the frame
NEWEST = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
PLANS = tuple(
    REPO / "sessions" / f"{name}.{lang}.toml"
    for name in ("wyber-30", "kickoff", "decision")
    for lang in ("nl", "en")
)
# Typed a letter at a time, then erased again a letter at a time.
QUERIES = ("pilot", "anna", "cafe", "ideeën", "gemeente", "zorg wijk", "batterij", "koffie")


@dataclass(frozen=True)
class Settings:
    open_runs: int  # per size
    queries: Sequence[str]
    naive_queries: int
    baseline_runs: int


FULL = Settings(open_runs=15, queries=QUERIES, naive_queries=3, baseline_runs=15)
QUICK = Settings(open_runs=4, queries=QUERIES[:3], naive_queries=1, baseline_runs=4)
QUICK_CAVEAT = "few runs"  # said after a quick run's figures


# --- a realistic archive -------------------------------------------------------------------------

_FIRST = (
    "Anna", "Bram", "Chaima", "Daan", "Eva", "Farid", "Greet", "Hugo", "Ilse", "Joris", "Karim",
    "Lotte", "Mohamed", "Noor", "Otto", "Priya", "Quinten", "Renée", "Sanne", "Thijs", "Umut",
    "Vera", "Wouter", "Yara", "Zoë", "Bart", "Fleur", "Jeroen", "Maud", "Sem",
)  # fmt: skip
_LAST = (
    "de Vries", "Jansen", "El Idrissi", "Bakker", "Visser", "Haddad", "Smit", "Mulder", "de Boer",
    "Peters", "Yılmaz", "van Dijk", "Hendriks", "Çelik", "Dekker", "Brouwer",
)  # fmt: skip
_ORGANISATIONS = (
    "Gemeente Rotterdam", "Gemeente Utrecht", "AfvalWerk BV", "DeelScoot", "OpslagNu", "ReCell Lab",
    "Woonstichting Thuis", "GGD Hollands Midden", "Buurtteam Noord", "Provincie Zeeland",
    "Hogeschool Inholland", "Café De Ketel", "Stichting Zorgkracht", "Waterschap Rijn", "NS",
    "Rabobank", "Politie Midden", "Bibliotheek Oost", "Sportbedrijf", "Energiecoöperatie Zuid",
    "Voedselbank", "Wijkraad Kralingen", "Museum Boijmans", "Havenbedrijf", "Stadsbeheer",
)  # fmt: skip
_PARTS = (
    "afval", "zorg", "wijk", "buurt", "energie", "water", "groen", "data", "school", "jeugd",
    "mobiliteit", "fiets", "haven", "woning", "cultuur", "sport", "veiligheid", "batterij",
    "koffie", "klant", "team", "project", "budget", "planning", "pilot", "keten", "opslag",
    "subsidie", "bewoner", "vrijwilliger",
)  # fmt: skip
_ENDS = (
    "beleid", "plan", "overleg", "inzameling", "netwerk", "aanpak", "fonds", "punt", "route",
    "kaart", "team", "raad", "dag", "centrum", "project", "loket", "campagne", "rapport",
    "onderzoek", "agenda",
)  # fmt: skip
_WORDS = (
    "samen", "elke", "week", "meer", "minder", "sneller", "beter", "eerst", "later", "niet",
    "wel", "ook", "met", "voor", "tegen", "over", "naar", "bij", "een", "het", "de", "van",
    "café", "ideeën", "coöperatie", "reünie", "één", "privé", "überhaupt", "naïef", "enquête",
    "we", "moeten", "willen", "kunnen", "gaan", "starten", "stoppen", "delen", "vragen", "bellen",
    "mailen", "bezoeken", "meten", "regelen", "organiseren", "evalueren", "betrekken",
    "the", "a", "shared", "weekly", "coffee", "calendar", "meeting", "neighbours", "budget",
    "together", "quiet", "first", "newcomer", "buddy", "drop-in", "Thursday", "Friday", "pilot",
    "résumé", "naïve", "façade", "rôle", "jalapeño",
)  # fmt: skip
_TOPICS = (
    "Kick-off", "Werksessie", "Evaluatie", "Heidag", "Strategiesessie", "Retrospective",
    "Planning", "Brainstorm", "Klankbord", "Stuurgroep", "Werkatelier", "Denktank", "Review",
)  # fmt: skip
_SERIES = tuple(
    (name, goal)
    for name, goal in (
        ("Batterijketen Rotterdam", "Een sluitende keten voor oude batterijen in de stad"),
        ("Wijkaanpak Noord", "Samen met bewoners de buurt veiliger en groener"),
        ("Energiecoöperatie", "Duizend daken met zonnepanelen in drie jaar"),
        ("Zorg dichtbij", "Zorg en welzijn onder één dak in elke wijk"),
        ("Mobiliteit 2030", "Minder auto's, meer fiets en deelvervoer"),
        ("Jeugd aan zet", "Jongeren beslissen mee over hun eigen plekken"),
        ("Havenvisie", "Een schonere haven zonder banenverlies"),
        ("Cultuurhuis", "Eén huis voor alle culturele verenigingen"),
        ("Team retro's", "Elke sprint samen beter worden"),
        ("Onboarding", "Nieuwe collega's in zes weken thuis"),
        ("Circulair bouwen", "Bouwen met wat er al is"),
        ("Café De Ketel", "Een buurtcafé dat van iedereen is"),
    )
)


_COMMON = ("de", "het", "een", "en", "met", "voor", "van", "we", "the", "a", "and", "to")
_COMPOUNDS = tuple(part + end for part in _PARTS for end in _ENDS)  # 600 Dutch compounds


def _sentence(rng: random.Random, words: Sequence[str], low: int, high: int) -> str:
    """Words of the session's own vocabulary, with the common little words between them."""
    chosen = [
        rng.choice(_COMMON) if rng.random() < 0.3 else rng.choice(words)
        for _ in range(rng.randint(low, high))
    ]
    return " ".join(chosen).capitalize()


def realistic(records: list[Record], rng: random.Random, title: str) -> list[Record]:
    """The made-up session with its own title, series, people and words: each session talks
    about its own things, 25 compounds and 15 other words of the vocabulary, so a word of it
    occurs in some sessions, not in all."""
    words = [*rng.sample(_COMPOUNDS, 25), *rng.sample(_WORDS, 15)]
    series = None
    if rng.random() < 0.67:
        name, goal = rng.choice(_SERIES)
        series = SeriesLink(name=name, goal=goal)
    varied = []
    for record in records:
        event = record.event
        if isinstance(event, SessionOpened):
            event = event.model_copy(update={"title": title, "series": series})
        elif isinstance(event, ParticipantAdded):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            event = event.model_copy(
                update={"name": name, "organisation": rng.choice(_ORGANISATIONS)}
            )
        elif isinstance(event, IdeaAdded):
            event = event.model_copy(update={"text": _sentence(rng, words, 4, 14)})
        elif isinstance(event, ClusterCreated):
            event = event.model_copy(update={"name": _sentence(rng, words, 1, 3)})
        elif isinstance(event, AgreementRecorded):
            event = event.model_copy(update={"text": _sentence(rng, words, 5, 12)})
        varied.append(record.model_copy(update={"event": event}))
    return varied


def fill_archive(folder: Path, count: int, seed: int = 2026) -> None:
    """`count` realistic sessions, the newest on NEWEST, about one a day before it."""
    rng = random.Random(seed)
    plans = [load_plan(path) for path in PLANS]
    archive = Archive(folder)
    start = NEWEST
    for n in range(count):
        session_id = f"{start:%Y%m%d-%H%M}-{n:04x}"
        title = f"{rng.choice(_TOPICS)} {rng.choice(_PARTS)}{rng.choice(_ENDS)}"
        if rng.random() < 0.3:
            title += f" {rng.randint(1, 12)}"
        records = sample_records(
            rng.choice(plans),
            session_id,
            start,
            ideas=rng.randint(30, 80),
            participants=rng.randint(4, 10),
            seed=n,
        )
        archive.import_records(realistic(records, rng, title))
        start -= timedelta(days=rng.choice((0, 1, 1, 1, 2)), hours=rng.randint(-3, 3))


# --- wyber ---------------------------------------------------------------------------------------


def key_of(character: str) -> str:
    return "space" if character == " " else character


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await asyncio.sleep(0.05)


@dataclass
class Figures:
    open_ms: list[float] = field(default_factory=list)  # h on home: home's listing at once
    cold_ms: list[float] = field(default_factory=list)  # the history reading the index itself
    first_ms: list[float] = field(default_factory=list)  # the first of each: imports the screen
    key_ms: list[float] = field(default_factory=list)
    rows_per_key: list[int] = field(default_factory=list)
    open_gc: list[float] = field(default_factory=list)  # ms of full collections in each open
    key_gc: list[float] = field(default_factory=list)  # ... in each keystroke


def count_line(shown: int, total: int) -> str:
    return f"{total} sessions" if shown == total else f"{shown} of {total} sessions"


def keystrokes(queries: Sequence[str]) -> list[str]:
    """The search field's value after each key: typed a letter at a time, then erased."""
    values = []
    for query in queries:
        values += [query[:n] for n in range(1, len(query) + 1)]
        values += [query[:n] for n in range(len(query) - 1, -1, -1)]
    return values


async def measure_wyber(
    data: Path, size: tuple[int, int], settings: Settings, listing: list[SessionSummary],
    haystacks: dict[str, str],
) -> Figures:  # fmt: skip
    figures = Figures()
    app = WyberApp(data, "en")
    newest = listing[0]
    with FullCollections() as collections:
        await measure_in(app, size, figures, collections, settings, listing, haystacks, newest)
    return figures


async def measure_in(
    app: WyberApp, size: tuple[int, int], figures: Figures, collections: FullCollections,
    settings: Settings, listing: list[SessionSummary], haystacks: dict[str, str],
    newest: SessionSummary,
) -> None:  # fmt: skip
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        watch = FrameWatch(app, FRAME_TIMEOUT, FRAME_POLL)
        # The count line, and the start of the newest title in the first row.
        expected = (count_line(len(listing), len(listing)), newest.title[:12])
        # h on home and the cold path, alternately; the first of each imports the screen's
        # module (a warm-up, not counted, but printed).
        for run in range(2 * settings.open_runs + 2):
            cold = run % 2 == 1
            watch.expect(*expected, on=HistoryScreen)
            started = time.perf_counter()
            if cold:
                app.push_screen(HistoryScreen(None))
            else:
                send_key(app, "h", "h")
            shown_at_open = await watch.wait()
            shown = (shown_at_open - started) * 1e3
            if run < 2:
                figures.first_ms.append(shown)
            elif cold:
                figures.cold_ms.append(shown)
            else:
                figures.open_ms.append(shown)
                figures.open_gc.append(collections.within(started, shown_at_open))
            await settle(pilot)
            screen = app.screen
            if not isinstance(screen, HistoryScreen) or not screen.loaded:
                raise RuntimeError("the history did not load")
            send_key(app, "escape", None)
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
            await settle(pilot)

        # Keystrokes, in the search field of a loaded history.
        app.open_history()
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(SessionRows)
        search = screen.query_one("#search", Input)
        search.focus()
        await settle(pilot)
        shown_at: list[float] = []
        original_show = table.show

        def show(keys: Sequence[str]) -> None:
            original_show(keys)
            shown_at.append(time.perf_counter())

        table.show = show  # type: ignore[method-assign]
        previous = ""
        for value in keystrokes(settings.queries):
            expected = select(listing, haystacks, Filter(query=value))
            typed = value[-1] if len(value) > len(previous) else None
            before = len(shown_at)
            watch.expect(
                count_line(len(expected), len(listing)),
                after=lambda b=before: len(shown_at) > b,
                on=HistoryScreen,
            )
            started = time.perf_counter()
            if typed is None:
                send_key(app, "backspace", None)
            else:
                send_key(app, key_of(typed), typed)
            shown = await watch.wait()
            if search.value != value:
                raise RuntimeError(f"the search field holds {search.value!r}, not {value!r}")
            if table.row_count != len(expected):
                raise RuntimeError(f"{table.row_count} rows for {value!r}, not {len(expected)}")
            figures.key_ms.append((shown - started) * 1e3)
            figures.key_gc.append(collections.within(started, shown))
            figures.rows_per_key.append(len(expected))
            previous = value
            await asyncio.sleep(0.03 + random.uniform(0, 0.02))  # a person types 5-6 keys/s


# --- baselines -----------------------------------------------------------------------------------


def baseline_rows(listing: Sequence[SessionSummary]) -> list[list[Text]]:
    today = datetime.now().date()
    rows = []
    for s in listing:
        c = s.counts
        rows.append(
            [
                Text(listed_at(s.opened_at, today, "en")),
                Text(s.title, no_wrap=True, overflow="ellipsis"),
                Text(s.series or ""),
                Text(s.status),
                Text(f"{s.minutes:.0f}", justify="right"),
                Text(str(c.ideas), justify="right"),
                Text(str(c.agreements + c.decisions + c.actions), justify="right"),
            ]
        )
    return rows


class TableScreen(Screen[None]):
    def __init__(self, rows: list[list[Text]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Title", "Series", "Status", "Min", "Ideas", "Agreed")
        for n, row in enumerate(self.rows):
            table.add_row(*row, key=str(n))


class TableApp(App[None]):
    CSS = "DataTable { height: 1fr; }"


async def measure_datatable(
    listing: list[SessionSummary], haystacks: dict[str, str], size: tuple[int, int],
    settings: Settings,
) -> tuple[list[float], list[float]]:  # fmt: skip
    rows = baseline_rows(listing)
    opened: list[float] = []
    refills: list[float] = []
    app = TableApp()
    async with app.run_test(size=size) as pilot:
        watch = FrameWatch(app, FRAME_TIMEOUT, FRAME_POLL)

        def measured() -> bool:
            """Every row added and measured (DataTable measures new rows when idle)."""
            tables = app.screen.query(DataTable)
            return bool(tables) and all(
                t.row_count == len(rows) and not t._require_update_dimensions for t in tables
            )

        for run in range(settings.baseline_runs + 1):  # the first a warm-up, as for wyber
            watch.expect(rows[0][1].plain[:12], after=measured, on=TableScreen)
            started = time.perf_counter()
            app.push_screen(TableScreen(rows))
            shown = (await watch.wait() - started) * 1e3
            if run:
                opened.append(shown)
            await settle(pilot)
            app.pop_screen()
            await settle(pilot)
        await app.push_screen(TableScreen(rows))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        for value in keystrokes(settings.queries):
            keep = {s.id for s in select(listing, haystacks, Filter(query=value))}
            chosen = [row for s, row in zip(listing, rows, strict=True) if s.id in keep]
            started = time.perf_counter()
            table.clear()
            for n, row in enumerate(chosen):
                table.add_row(*row, key=str(n))
            watch.expect(after=lambda t=table: not t._require_update_dimensions)
            refills.append((await watch.wait() - started) * 1e3)
            await settle(pilot)
    return opened, refills


def naive_search(archive: Archive, query: str) -> list[str]:
    """A search without the index: read and fold every session, then match."""
    query_terms = terms(query)
    found = []
    for session_id in archive.ids():
        state = fold(archive.read(session_id))
        if matches(query_terms, haystack(state)):
            found.append(session_id)
    return found


# --- report --------------------------------------------------------------------------------------


def summary(values: Sequence[float]) -> str:
    return (
        f"n {len(values):>3}  p50 {statistics.median(values):7.1f}  p95"
        f" {percentile(values, 95):7.1f}  max {max(values):7.1f} ms"
    )


async def run_all(data: Path, settings: Settings) -> None:
    archive = Archive(data)
    started = time.perf_counter()
    listing = archive.listing()
    cold = time.perf_counter() - started
    sessions = in_order(listing.sessions, "newest")
    started = time.perf_counter()
    archive.listing()
    warm = time.perf_counter() - started
    index_kb = (data / "index.json").stat().st_size / 1000
    print(
        f"listing: first read (no index) {cold:.2f} s; from the index {warm * 1e3:.0f} ms;"
        f" index.json {index_kb:,.0f} KB ({index_kb / len(sessions):.1f} KB a session)"
    )
    words = [len(h) for h in listing.search.values()]
    print(f"search words per session: median {statistics.median(words):,.0f} characters")
    results = []
    for size in SIZES:
        figures = await measure_wyber(data, size, settings, sessions, listing.search)
        opened, refills = await measure_datatable(sessions, listing.search, size, settings)
        results.append((size, figures, opened, refills))

    naive_ms = []
    for query in settings.queries[: settings.naive_queries]:
        started = time.perf_counter()
        naive_search(archive, query)
        naive_ms.append((time.perf_counter() - started) * 1e3)

    print()
    for (width, height), figures, opened, refills in results:
        rows = statistics.median(figures.rows_per_key)
        print(f"at {width}x{height}:")
        print(f"  open -> list       wyber      {summary(figures.open_ms)}  (h on home)")
        print(f"                     (cold)     {summary(figures.cold_ms)}  (reading the index)")
        first, cold_first = figures.first_ms
        print(
            f"                     (first of each in the process, importing the screen: "
            f"{first:.0f} and {cold_first:.0f} ms; not counted above)"
        )
        print(f"                     DataTable  {summary(opened)}")
        ratio = statistics.median(figures.open_ms) / statistics.median(opened)
        print(f"                     x DataTable (p50 / p50) = {ratio:.2f}")
        print(
            f"  keystroke -> list  wyber      {summary(figures.key_ms)}"
            f"  ({len(figures.key_ms)} keys, median {rows:.0f} rows left)"
        )
        print(f"                     DataTable  {summary(refills)}  (refilled with those rows)")
        ratio = statistics.median(figures.key_ms) / statistics.median(refills)
        print(f"                     x DataTable (p50 / p50) = {ratio:.2f}")
        for what, pauses in (("opens", figures.open_gc), ("keys", figures.key_gc)):
            hit = [round(ms) for ms in pauses if ms > 0]
            print(
                f"  full garbage collections inside the measured {what}: {len(hit)} of"
                f" {len(pauses)}" + (f" ({', '.join(map(str, hit))} ms)" if hit else "")
            )
    naive = statistics.median(naive_ms)
    print(
        f"naive search (read + fold {len(sessions)} sessions per query):"
        f" p50 {naive:,.0f} ms over {len(naive_ms)} queries"
    )
    for (width, height), figures, _, _ in results:
        key_p50 = statistics.median(figures.key_ms)
        print(
            f"  x naive at {width}x{height}: wyber's keystroke p50 / naive p50 ="
            f" {key_p50 / naive:.4f}"
        )
    print()
    goals: list[tuple[str, float, Callable[[Figures], list[float]]]] = [
        (f"open history -> list of {len(sessions)}", GOAL_OPEN_MS, lambda f: f.open_ms),
        ("keystroke in search -> filtered list", GOAL_KEY_MS, lambda f: f.key_ms),
    ]
    for what, goal, measured in goals:
        for (width, height), figures, _, _ in results:
            p95 = percentile(measured(figures), 95)
            print_goal(
                p95 <= goal,
                f"{what} at {width}x{height}: p95 {p95:.1f} ms (goal: at most {goal:g} ms)",
            )


def run(settings: Settings) -> None:
    with scratch("history") as data:
        print(f"{machine('textual')}; headless app at 80x24 and 160x48")
        print(f"scratch folder: {describe_scratch(data)}")
        print_load()
        started = time.perf_counter()
        fill_archive(data, SESSIONS)
        print(f"made {SESSIONS} sessions in {time.perf_counter() - started:.0f} s")
        asyncio.run(run_all(data, settings))


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="runs", caveat=QUICK_CAVEAT))
