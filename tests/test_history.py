"""History: finding a recorded session again, and what can be done with it.

The core first (search words and matching, filters and order, the index, the trash, the command
line), then the screen as a facilitator uses it: real keys on a real app.
"""

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.factory import FakeClock, FakeWall
from tests.test_home_prepare import start_anyway
from tui.app import Clocks, WyberApp
from tui.cli import main
from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.screens.history import (
    NO_SERIES,
    SINCE,
    SINCE_DAY,
    HistoryScreen,
    SessionRows,
    TrashScreen,
)
from tui.screens.home import HomeScreen
from tui.screens.prepare import PrepareScreen
from tui.screens.summary import PastSummaryScreen
from tui.screens.trash import TrashRows
from tui.wyber.events import (
    IdeaAdded,
    ParticipantAdded,
    Record,
    SeriesLink,
    SessionFinished,
    SessionOpened,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.preparation import preparation_again
from tui.wyber.sample import sample_records
from tui.wyber.search import (
    Filter,
    SinceNotUnderstood,
    fold_accents,
    haystack,
    haystack_of,
    in_order,
    matches,
    parse_since,
    period_start,
    select,
    series_names,
    terms,
)
from tui.wyber.store import Archive
from tui.wyber.summary import SessionSummary
from tui.wyber.trash import (
    NotInTrash,
    RestoreClash,
    SessionInUse,
    move_to_trash,
    restore,
    trash_dir,
    trashed,
)

# Monday 23 November 2026, 9:00 UTC.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
SMALL, LARGE = (80, 24), (160, 48)

# Four sessions: newest first.
KICKOFF, WORKSHOP, RETRO, EVALUATION = (
    "20261120-1300-aaaa",
    "20261105-0900-bbbb",
    "20260615-1000-cccc",
    "20251201-1400-dddd",
)


def made_session(
    data: Path,
    session_id: str,
    start: datetime,
    *,
    title: str,
    series: str | None = None,
    people: Sequence[tuple[str, str]] = (("Anna de Vries", "Gemeente Rotterdam"),),
    ideas: Sequence[str] = ("Een idee",),
    finished: bool = True,
    lang: Language = "nl",
) -> str:
    """A made-up meeting of the 30-minute wyber, with this title, series, people and ideas."""
    plan = load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")
    records = sample_records(
        plan, session_id, start, ideas=max(3, len(ideas)), participants=len(people)
    )
    texts = iter(ideas)
    people_left = iter(people)
    changed: list[Record] = []
    for record in records:
        event = record.event
        if isinstance(event, SessionOpened):
            link = SeriesLink(name=series, goal=f"Het doel van {series}") if series else None
            event = event.model_copy(update={"title": title, "series": link})
        elif isinstance(event, ParticipantAdded):
            name, organisation = next(people_left)
            event = event.model_copy(update={"name": name, "organisation": organisation})
        elif isinstance(event, IdeaAdded):
            event = event.model_copy(update={"text": next(texts, "Nog een idee")})
        elif isinstance(event, SessionFinished) and not finished:
            continue
        changed.append(record.model_copy(update={"event": event, "seq": len(changed) + 1}))
    return Archive(data).import_records(changed)


def four_sessions(data: Path) -> None:
    made_session(
        data,
        KICKOFF,
        datetime(2026, 11, 20, 13, tzinfo=UTC),
        title="Kick-off batterijketen",
        series="Batterijketen",
        people=(("Anna de Vries", "Gemeente Rotterdam"), ("Bram Jansen", "ReCell Lab")),
        ideas=("Inzameling bij het Café op de hoek", "Statiegeld op accu's"),
    )
    made_session(
        data,
        WORKSHOP,
        datetime(2026, 11, 5, 9, tzinfo=UTC),
        title="Werksessie wijkaanpak",
        series="Wijkaanpak Noord",
        people=(("Chaima El Idrissi", "Buurtteam Noord"), ("Daan Bakker", "")),
        ideas=("Een buurtapp voor bewoners", "Ideeën ophalen aan de deur"),
    )
    made_session(
        data,
        RETRO,
        datetime(2026, 6, 15, 10, tzinfo=UTC),
        title="Retrospective team",
        people=(("Eva Visser", "OpslagNu"),),
        ideas=("Minder vergaderen",),
        finished=False,
    )
    made_session(
        data,
        EVALUATION,
        datetime(2025, 12, 1, 14, tzinfo=UTC),
        title="Evaluatie batterijketen",
        series="Batterijketen",
        people=(("Anna de Vries", "Gemeente Rotterdam"), ("Farid Haddad", "AfvalWerk BV")),
        ideas=("Een pilot in Kralingen",),
    )


# ── search words and matching ───────────────────────────────────────────────────────────────


def test_a_haystack_holds_each_word_once_casefolded_with_accent_free_forms_added() -> None:
    hay = haystack_of(["Café de Ketel", "het CAFÉ (om de hoek),", "Ideeën!"])
    assert hay.split() == ["café", "de", "ketel", "het", "om", "hoek", "ideeën", "cafe", "ideeen"]
    assert fold_accents("Coöperatie één naïef") == "Cooperatie een naief"
    assert fold_accents("plain") == "plain"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("cafe", True),  # accents aside
        ("café", True),
        ("CAFÉ", True),  # case aside
        ("ketel café", True),  # every word, in any order
        ("ketel thee", False),  # one word missing
        ("kete", True),  # part of a word
        ("ideeen", True),
        ("  ", True),  # no words: everything
        ("(ketel),", True),  # punctuation around a word is not looked for
    ],
)
def test_a_query_matches_when_every_word_is_found(query: str, found: bool) -> None:
    hay = haystack_of(["Café De Ketel", "Ideeën"])
    assert matches(terms(query), hay) is found


def test_a_query_with_accents_finds_only_the_accented_word() -> None:
    assert not matches(terms("café"), haystack_of(["Het cafe"]))
    assert matches(terms("cafe"), haystack_of(["Het cafe"]))


def test_a_sessions_haystack_has_title_series_people_ideas_clusters_and_agreements(
    tmp_path: Path,
) -> None:
    four_sessions(tmp_path)
    state = fold(Archive(tmp_path).read(KICKOFF))
    hay = haystack(state)
    for word in (
        "kick-off",  # title
        "batterijketen",  # series
        "doel",  # the series' goal
        "vries",  # a participant
        "rotterdam",  # an organisation
        "café",  # an idea
        "cafe",
        "cluster",  # a cluster's name
        "afspraak",  # an agreement
    ):
        assert word in hay.split(), word
    assert "wijkaanpak" not in hay


# ── filters and order ───────────────────────────────────────────────────────────────────────


def summaries(data: Path) -> tuple[list[SessionSummary], dict[str, str]]:
    listing = Archive(data).listing()
    return listing.sessions, listing.search


def ids(found: Sequence[SessionSummary]) -> list[str]:
    return [s.id for s in found]


def test_select_by_query_series_and_day(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    sessions, words = summaries(tmp_path)
    assert ids(select(sessions, words, Filter())) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]
    assert ids(select(sessions, words, Filter(query="vries"))) == [KICKOFF, EVALUATION]
    assert ids(select(sessions, words, Filter(query="anna cafe"))) == [KICKOFF]
    assert ids(select(sessions, words, Filter(query="ideeen"))) == [WORKSHOP]
    assert ids(select(sessions, words, Filter(series="Batterijketen"))) == [KICKOFF, EVALUATION]
    assert ids(select(sessions, words, Filter(series=NO_SERIES))) == [RETRO]
    assert ids(select(sessions, words, Filter(since=date(2026, 6, 15)))) == [
        KICKOFF,
        WORKSHOP,
        RETRO,
    ]
    both = Filter(query="batterijketen", since=date(2026, 1, 1))
    assert ids(select(sessions, words, both)) == [KICKOFF]
    assert series_names(sessions) == ["Batterijketen", "Wijkaanpak Noord"]


def test_periods_end_today() -> None:
    assert period_start("all", TODAY) is None
    assert period_start("week", TODAY) == date(2026, 11, 17)
    assert period_start("month", TODAY) == date(2026, 10, 25)
    assert period_start("year", TODAY) == date(2026, 1, 1)


def test_orders(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    sessions, _ = summaries(tmp_path)
    assert ids(in_order(sessions, "newest")) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]
    assert ids(in_order(sessions, "oldest")) == [EVALUATION, RETRO, WORKSHOP, KICKOFF]
    titles = [s.title for s in in_order(sessions, "title")]
    assert titles == sorted(titles, key=str.casefold)
    minutes = [s.minutes for s in in_order(sessions, "duration")]
    assert minutes == sorted(minutes, reverse=True)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        ("1-11-2026", date(2026, 11, 1)),
        ("1 nov", date(2026, 11, 1)),  # the last 1 November, not the next
        ("1 dec", date(2025, 12, 1)),
        ("4 March", date(2026, 3, 4)),
        ("vandaag", TODAY),
    ],
)
def test_a_since_day_as_typed(typed: str, day: date) -> None:
    assert parse_since(typed, TODAY) == day


def test_a_since_day_that_cannot_be_read_says_so() -> None:
    with pytest.raises(SinceNotUnderstood) as refused:
        parse_since("last blue moon", TODAY)
    assert "last blue moon" in refused.value.render("en")


# ── the index ───────────────────────────────────────────────────────────────────────────────


def test_the_index_keeps_the_search_words_so_searching_reads_no_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    first = archive.listing()
    index = json.loads(archive.index_path.read_bytes())
    assert index[KICKOFF]["search"] == first.search[KICKOFF]

    def no_reading(*_: Any) -> None:
        raise AssertionError("a session file was read")

    monkeypatch.setattr(Archive, "read_tailed", no_reading)
    second = archive.listing()
    assert second.search == first.search and second.sessions == first.sessions


def test_an_index_from_before_the_search_words_is_completed(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    words = archive.listing().search
    index = json.loads(archive.index_path.read_bytes())
    for entry in index.values():
        del entry["search"]  # as an older wyber wrote it
    archive.index_path.write_text(json.dumps(index))
    assert archive.listing().search == words
    assert all("search" in entry for entry in json.loads(archive.index_path.read_bytes()).values())


# ── the trash ───────────────────────────────────────────────────────────────────────────────


def test_a_session_moves_to_the_trash_whole_and_comes_back(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    content = archive.path_of(WORKSHOP).read_bytes()
    entry = move_to_trash(archive, WORKSHOP, NOW)
    assert not archive.exists(WORKSHOP)
    assert (trash_dir(archive) / f"{WORKSHOP}.jsonl").read_bytes() == content
    assert WORKSHOP not in ids(archive.listing().sessions)
    [listed] = trashed(archive)
    assert listed == entry
    assert listed.trashed_at == NOW and listed.summary is not None
    assert listed.summary.title == "Werksessie wijkaanpak"

    assert restore(archive, listed.name) == WORKSHOP
    assert archive.path_of(WORKSHOP).read_bytes() == content
    assert trashed(archive) == [] and list(trash_dir(archive).iterdir()) == []
    assert WORKSHOP in ids(archive.listing().sessions)


def test_a_session_open_in_another_wyber_is_not_moved(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    with FileLock(archive.locks_dir / f"{KICKOFF}.lock", blocking=False):
        with pytest.raises(SessionInUse) as refused:
            move_to_trash(archive, KICKOFF, NOW)
        assert KICKOFF in refused.value.render("nl")
    assert archive.exists(KICKOFF) and trashed(archive) == []
    move_to_trash(archive, KICKOFF, NOW)  # free again
    assert not archive.exists(KICKOFF)


def test_restoring_never_overwrites_a_session_of_the_same_id(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    again = archive.read(RETRO)
    move_to_trash(archive, RETRO, NOW)
    archive.import_records(again)  # the same session, imported again meanwhile
    with pytest.raises(RestoreClash):
        restore(archive, RETRO)
    assert (trash_dir(archive) / f"{RETRO}.jsonl").is_file()  # still in the trash
    # Trashed a second time: both are kept, under names that differ.
    move_to_trash(archive, RETRO, NOW.replace(hour=10))
    names = [entry.name for entry in trashed(archive)]
    assert len(names) == 2 and RETRO in names
    assert {entry.session_id for entry in trashed(archive)} == {RETRO}
    with pytest.raises(NotInTrash):
        restore(archive, "20200101-0000-none")


# ── the command line ────────────────────────────────────────────────────────────────────────


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed_ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_list_by_series_and_since(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    four_sessions(tmp_path)
    data = ["--data", str(tmp_path), "--lang", "en"]
    code, out, _ = run(capsys, "list", *data, "--series", "Batterijketen")
    assert code == 0 and listed_ids(out) == [KICKOFF, EVALUATION]
    code, out, _ = run(capsys, "list", *data, "--since", "2026-06-15")
    assert code == 0 and listed_ids(out) == [KICKOFF, WORKSHOP, RETRO]
    code, out, _ = run(capsys, "list", *data, "--series", "Batterijketen", "--since", "2026-01-01")
    assert code == 0 and listed_ids(out) == [KICKOFF]
    code, out, _ = run(capsys, "list", *data, "--series", "Batterijketen", "--json")
    assert [s["id"] for s in json.loads(out)] == [KICKOFF, EVALUATION]
    code, out, _ = run(capsys, "list", *data, "--series", "Nergens")
    assert code == 0 and out.strip() == tr("en", "history.cli.none_match", path=str(tmp_path))


def test_list_with_a_day_it_cannot_read_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    four_sessions(tmp_path)
    code, out, err = run(capsys, "list", "--data", str(tmp_path), "--since", "gisteravond laat")
    assert code == 2 and out == ""
    assert "gisteravond laat" in err and "Traceback" not in err


def test_trash_and_restore_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    four_sessions(tmp_path)
    data = ["--data", str(tmp_path), "--lang", "en"]
    code, out, _ = run(capsys, "trash", RETRO, *data)
    assert code == 0 and "Retrospective team" in out
    code, out, _ = run(capsys, "list", *data)
    assert RETRO not in listed_ids(out)
    code, out, _ = run(capsys, "trash", *data)
    assert code == 0 and listed_ids(out) == [RETRO]
    code, out, _ = run(capsys, "restore", RETRO, *data)
    assert code == 0 and RETRO in out
    code, out, _ = run(capsys, "list", *data)
    assert RETRO in listed_ids(out)
    code, _, err = run(capsys, "restore", RETRO, *data)
    assert code == 2 and RETRO in err
    with FileLock(Archive(tmp_path).locks_dir / f"{RETRO}.lock", blocking=False):
        code, _, err = run(capsys, "trash", RETRO, *data)
    assert code == 2 and "open in another wyber" in err


# ── the screen ──────────────────────────────────────────────────────────────────────────────


def make_app(data: Path, lang: Language) -> WyberApp:
    clock = FakeClock()
    return WyberApp(data=data, lang=lang, clocks=Clocks(monotonic=clock, wall=FakeWall(clock, NOW)))


async def opened(pilot: Pilot[None]) -> HistoryScreen:
    """Home, then h: the history, loaded."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen) and screen.loaded
    return screen


def shown(screen: HistoryScreen) -> list[str]:
    return screen.query_one(SessionRows).keys


def count_line(screen: HistoryScreen) -> str:
    return str(screen.query_one("#count", Static).content)


def messages(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_search_as_you_type(tmp_path: Path, lang: Language) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, lang).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        assert shown(screen) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]
        assert count_line(screen) == tr(lang, "history.count_all", total=4)
        assert screen.focused is screen.query_one("#search")
        await pilot.press(*"vries")  # a participant
        assert shown(screen) == [KICKOFF, EVALUATION]
        assert count_line(screen) == tr(lang, "history.count", shown=2, total=4)
        await pilot.press("space", *"cafe")  # and an idea, without its accent
        assert shown(screen) == [KICKOFF]
        for _ in "vries cafe":
            await pilot.press("backspace")
        await pilot.press(*"IDEEËN")  # case aside
        assert shown(screen) == [WORKSHOP]
        screen.query_one("#search", Input).value = "niets dat past"
        await pilot.pause()
        assert shown(screen) == []
        assert count_line(screen) == tr(lang, "history.count", shown=0, total=4)
        # The table says so where the rows would be.
        rows = screen.query_one(SessionRows)
        assert tr(lang, "history.nothing") in rows.render_line(1).text


async def test_series_and_period_filters(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        series = screen.query_one("#series", Select)
        labels = [str(prompt) for prompt, _ in series._options]
        assert labels == ["All series", "Batterijketen", "Wijkaanpak Noord", "No series"]
        series.value = "Batterijketen"
        await pilot.pause()
        assert shown(screen) == [KICKOFF, EVALUATION]
        series.value = NO_SERIES
        await pilot.pause()
        assert shown(screen) == [RETRO]
        series.value = "\x00all"
        await pilot.pause()

        period = screen.query_one("#period", Select)
        period.value = "week"
        await pilot.pause()
        assert shown(screen) == [KICKOFF]
        period.value = "month"
        await pilot.pause()
        assert shown(screen) == [KICKOFF, WORKSHOP]
        period.value = "year"
        await pilot.pause()
        assert shown(screen) == [KICKOFF, WORKSHOP, RETRO]

        # Since a day: asked for, understood, and named in the filter.
        period.value = SINCE
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, TextDialog)
        dialog.query_one(Input).value = "1 dec"  # the last 1 December: 2025
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert shown(screen) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]
        assert period.value == SINCE_DAY
        assert [str(label) for label, value in period._options if value == SINCE_DAY] == [
            "Since 1 Dec 2025"
        ]
        period.value = SINCE
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = "2026-06-16"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(screen) == [KICKOFF, WORKSHOP]
        # A day it cannot read: said so, and the filter stays as it was.
        period.value = SINCE
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = "ooit"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(screen) == [KICKOFF, WORKSHOP]
        assert any("ooit" in message for message in messages(pilot))
        # Search, series and period together.
        series.value = "Batterijketen"
        await pilot.pause()
        assert shown(screen) == [KICKOFF]


async def test_s_changes_the_order(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        await pilot.press("down")  # into the list
        assert screen.focused is screen.query_one(SessionRows)
        order = screen.query_one("#order", Static)
        assert str(order.content) == "Order: newest first (s)"
        await pilot.press("s")
        assert shown(screen) == [EVALUATION, RETRO, WORKSHOP, KICKOFF]
        assert str(order.content) == "Order: oldest first (s)"
        await pilot.press("s")
        assert shown(screen) == [EVALUATION, KICKOFF, RETRO, WORKSHOP]  # by title
        await pilot.press("s")
        assert str(order.content) == "Order: longest first (s)"
        await pilot.press("s")
        assert shown(screen) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_enter_shows_the_summary_read_only(tmp_path: Path, lang: Language) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, lang).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        await pilot.press("down", "down", "enter")  # the workshop
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, PastSummaryScreen)
        assert str(summary.query_one("#summary-title", Static).content) == "Werksessie wijkaanpak"
        # Read-only: nothing is locked, nothing recorded, no meeting running.
        Archive(tmp_path).check_free(WORKSHOP)
        assert pilot.app.meeting is None  # type: ignore[attr-defined]
        before = Archive(tmp_path).path_of(WORKSHOP).read_bytes()
        await pilot.press("escape")
        assert pilot.app.screen is screen
        assert Archive(tmp_path).path_of(WORKSHOP).read_bytes() == before


async def test_export_and_replay_act_on_the_highlighted_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    four_sessions(tmp_path)
    app = make_app(tmp_path, "en")
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "export_minutes", lambda sid, lang: calls.append(("export", sid)))
    monkeypatch.setattr(app, "open_replay", lambda sid: calls.append(("replay", sid)))
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot)
        await pilot.press("down", "x", "down", "p")
        assert calls == [("export", KICKOFF), ("replay", WORKSHOP)]


async def test_run_again_prepares_a_new_session_with_the_same_plan_and_people(
    tmp_path: Path,
) -> None:
    four_sessions(tmp_path)
    earlier = fold(Archive(tmp_path).read(KICKOFF))
    async with make_app(tmp_path, "nl").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        await pilot.press("down", "a")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        prepare = pilot.app.screen
        assert isinstance(prepare, PrepareScreen)
        prepared = prepare.preparation
        assert prepared.plan == earlier.plan
        assert prepared.title == "Kick-off batterijketen"
        assert prepared.held_on == TODAY
        assert (prepared.series, prepared.series_goal) == (
            "Batterijketen",
            "Het doel van Batterijketen",
        )
        assert [(i.name, i.organisation) for i in prepared.invitees] == [
            ("Anna de Vries", "Gemeente Rotterdam"),
            ("Bram Jansen", "ReCell Lab"),
        ]
        assert prepare.query_one("#title", Input).value == "Kick-off batterijketen"
        # Back: nothing was made. Again, and start: a new session like the earlier one.
        await pilot.press("escape")
        assert pilot.app.screen is screen
        assert len(Archive(tmp_path).ids()) == 4
        await pilot.press("a")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        # The kick-off's goal and questions are still the shipped plan's: started anyway.
        await start_anyway(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        meeting = pilot.app.meeting  # type: ignore[attr-defined]
        assert meeting is not None
        state = meeting.state
        assert state.session_id not in (KICKOFF, WORKSHOP, RETRO, EVALUATION)
        assert state.plan == earlier.plan and state.title == earlier.title
        assert [p.name for p in state.participants.values()] == ["Anna de Vries", "Bram Jansen"]
        assert state.series is not None and state.series.name == "Batterijketen"
        pilot.app.leave_meeting()  # type: ignore[attr-defined]


def test_run_again_keeps_place_facilitator_language_roles_and_emails(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    state = fold(Archive(tmp_path).read(RETRO))
    prepared = preparation_again(state, TODAY)
    assert (prepared.place, prepared.facilitator) == (state.place, state.facilitator)
    assert prepared.language == state.language and prepared.series == ""
    assert [(i.name, i.role, i.email) for i in prepared.invitees] == [
        (p.name, p.role, p.email) for p in state.participants.values()
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_delete_asks_moves_to_the_trash_and_the_trash_brings_it_back(
    tmp_path: Path, lang: Language
) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    async with make_app(tmp_path, lang).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        await pilot.press("down", "down", "d")  # the workshop
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = tr(lang, "history.trash.question", title="Werksessie wijkaanpak")
        assert str(dialog.query_one("#question", Static).content) == question
        await pilot.press("escape")  # no: nothing happens
        assert pilot.app.screen is screen and archive.exists(WORKSHOP)

        await pilot.press("delete")
        await pilot.click("#yes")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is screen
        assert not archive.exists(WORKSHOP)
        assert (trash_dir(archive) / f"{WORKSHOP}.jsonl").is_file()
        assert shown(screen) == [KICKOFF, RETRO, EVALUATION]
        assert count_line(screen) == tr(lang, "history.count_all", total=3)
        assert screen.query_one(SessionRows).cursor_key == RETRO  # the next one
        done = tr(lang, "history.trash.done", title="Werksessie wijkaanpak")
        assert done in messages(pilot)

        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        trash = pilot.app.screen
        assert isinstance(trash, TrashScreen)
        rows = trash.query_one(TrashRows)
        assert rows.keys == [WORKSHOP]
        assert rows.plain_rows()[0][-1] == "Werksessie wijkaanpak"
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert archive.exists(WORKSHOP) and rows.keys == []
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is screen
        assert shown(screen) == [KICKOFF, WORKSHOP, RETRO, EVALUATION]


async def test_a_session_open_in_another_wyber_is_not_deleted(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    archive = Archive(tmp_path)
    async with make_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        with FileLock(archive.locks_dir / f"{KICKOFF}.lock", blocking=False):
            await pilot.press("down", "d")
            await pilot.click("#yes")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        refused = tr("en", "history.trash.refused", title="Kick-off batterijketen")
        assert refused in messages(pilot)
        assert archive.exists(KICKOFF) and shown(screen)[0] == KICKOFF


async def test_escape_goes_home_and_home_lists_what_changed(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        await opened(pilot)
        await pilot.press("down", "d")
        await pilot.click("#yes")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert KICKOFF not in home.sessions and len(home.sessions) == 3


async def test_an_empty_archive(tmp_path: Path) -> None:
    async with make_app(tmp_path, "nl").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        assert shown(screen) == []
        assert count_line(screen) == tr("nl", "history.none_recorded")
        await pilot.press("down", "enter", "d", "a", "x")  # nothing to act on: nothing happens
        assert pilot.app.screen is screen


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_list_fits_and_the_cursor_stays_in_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    for n in range(40):
        made_session(
            tmp_path,
            f"202611{n % 28 + 1:02d}-{n:04d}-abcd",
            start.replace(day=n % 28 + 1, hour=n % 20),
            title=f"Sessie {n} met een heel lange titel die niet op een laptopscherm past " * 2,
            series="Een traject met een lange naam" if n % 2 else None,
        )
    async with make_app(tmp_path, "nl").run_test(size=size) as pilot:
        screen = await opened(pilot)
        rows = screen.query_one(SessionRows)
        assert rows.row_count == 40
        header = rows.render_line(0).text
        assert header.split()[:2] == ["Datum", "Titel"]
        assert ("Traject" in header) is (size == LARGE)
        line = rows.render_line(1).text
        assert len(line) == rows.scrollable_content_region.width
        assert "…" in line  # the long title ends in an ellipsis; the numbers stay in view
        await pilot.press("down", "end")
        assert rows.cursor == 39
        first_shown = rows.scroll_offset.y
        assert first_shown <= 39 < first_shown + rows.scrollable_content_region.height - 1
        await pilot.press("home")
        assert rows.cursor == 0 and rows.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert rows.cursor == rows.scrollable_content_region.height - 1


async def test_a_click_highlights_a_row_and_a_second_click_opens_it(tmp_path: Path) -> None:
    four_sessions(tmp_path)
    async with make_app(tmp_path, "en").run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        rows = screen.query_one(SessionRows)
        await pilot.click(SessionRows, offset=(5, 3))  # the header, then the third row
        assert rows.cursor_key == RETRO and pilot.app.screen is screen
        await pilot.click(SessionRows, offset=(5, 3))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, PastSummaryScreen) and summary.state.session_id == RETRO
