"""Home and Prepare as a facilitator uses them: real keys on a real app, at 80×24 and 200×60."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static, TabbedContent

from tests.factory import FakeClock, FakeWall
from tui.app import Clocks, WyberApp
from tui.dialogs.ask import ConfirmDialog
from tui.dialogs.samples import SamplesDialog
from tui.screens.home import HomeScreen, OpenPlanDialog
from tui.screens.prepare import PrepareScreen
from tui.screens.summary import PastSummaryScreen
from tui.wyber.dates import said_at, spoken_date
from tui.wyber.events import Mandate
from tui.wyber.i18n import Language, tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Plan
from tui.wyber.plans import load_plan
from tui.wyber.preparation import Preparation, prepare
from tui.wyber.sample import sample_records
from tui.wyber.session import start_session
from tui.wyber.store import Archive

# Monday 23 November 2026, 9:00 UTC: mid-morning in the Netherlands.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TITLES = {"nl": "De wyberoefening van 30 minuten", "en": "The 30-minute wyber exercise"}
SMALL, LARGE = (80, 24), (200, 60)


def make_app(data: Path, lang: Language) -> WyberApp:
    clock = FakeClock()
    return WyberApp(data=data, lang=lang, clocks=Clocks(monotonic=clock, wall=FakeWall(clock, NOW)))


def shipped(lang: Language) -> Plan:
    return load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def cells(table: DataTable[Any]) -> list[list[str]]:
    return [
        [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(row)]
        for row in range(table.row_count)
    ]


def inside(region: Region, size: tuple[int, int]) -> bool:
    return region.area > 0 and Region(0, 0, *size).contains_region(region)


async def loaded(pilot: Pilot[None]) -> HomeScreen:
    """Home with its lists shown. They are read in a worker that starts only after the first
    frame, so waiting for the workers alone can come too early on a loaded machine."""
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    for _ in range(400):  # ample: a read of a few sessions takes milliseconds
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if screen.listing is not None:
            break
    assert screen.listing is not None
    return screen


def record_calls(app: WyberApp, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    calls: dict[str, list[Any]] = {"prepare": [], "resume": [], "start": []}
    monkeypatch.setattr(
        app, "prepare_meeting", lambda plan, *_, **__: calls["prepare"].append(plan)
    )
    monkeypatch.setattr(app, "resume_meeting", lambda sid: calls["resume"].append(sid))
    monkeypatch.setattr(
        app, "start_meeting", lambda prep, run_now=False: calls["start"].append((prep, run_now))
    )
    return calls


def broken_off_session(data: Path, title: str, session_id: str = "20261123-0900-cafe") -> str:
    """A meeting that was opened and then the laptop died: no session_finished record."""
    preparation = prepare(shipped("nl"), NOW.date())
    preparation.title = title
    clock = FakeClock()
    session = start_session(
        Archive(data), preparation.opening(session_id), monotonic=clock, wall=FakeWall(clock, NOW)
    )
    session.close()
    return session_id


def finished_session(data: Path, session_id: str = "20261120-1300-beef") -> str:
    start = datetime(2026, 11, 20, 13, tzinfo=UTC)
    Archive(data).import_records(sample_records(shipped("en"), session_id, start, ideas=12))
    return session_id


# ── home ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_home_lists_the_shipped_plans_and_enter_prepares_one(
    tmp_path: Path, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, lang)
    calls = record_calls(app, monkeypatch)
    async with app.run_test(size=SMALL) as pilot:
        home = await loaded(pilot)
        plans = home.query_one("#plans", DataTable)
        rows = cells(plans)
        titles = [row[-1] for row in rows]
        assert TITLES["nl"] in titles and TITLES["en"] in titles
        # minutes, steps, language, title: the title last, as it may be long
        assert [row for row in rows if row[-1] == TITLES[lang]] == [["30", "1", lang, TITLES[lang]]]
        assert str(plans.ordered_columns[-1].label) == tr(lang, "home.col.title")
        # Nothing recorded yet: the screen says so, and there is nothing to resume.
        assert text_of(home.query_one("#status", Static)) == tr(lang, "home.no_sessions")
        assert not home.query_one("#notice").display
        assert "r" not in home.active_bindings
        # The Footer offers Enter in the facilitator's language.
        assert home.active_bindings["enter"].binding.description == tr(lang, "home.key.prepare")
        assert home.active_bindings["o"].binding.description == tr(lang, "home.key.open_file")

        plans.move_cursor(row=titles.index(TITLES[lang]))
        await pilot.press("enter")
        assert [plan.title for plan in calls["prepare"]] == [TITLES[lang]]

        await pilot.press("n")
        await start_anyway(pilot)  # past the shipped plan's sample texts (test_samples_on_n.py)
        [(preparation, run_now)] = calls["start"]
        assert run_now and preparation.title == TITLES[lang]
        assert preparation.held_on == app.clocks.today()


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_broken_off_session_is_offered_at_the_top_and_r_resumes_it(
    tmp_path: Path, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished = finished_session(tmp_path)
    broken = broken_off_session(tmp_path, "Ketenoverleg [batterijen] 🔋")
    app = make_app(tmp_path, lang)
    calls = record_calls(app, monkeypatch)
    async with app.run_test(size=SMALL) as pilot:
        home = await loaded(pilot)
        notice = home.query_one("#notice", Static)
        assert notice.display
        shown = text_of(notice)
        assert "Ketenoverleg [batterijen] 🔋" in shown
        assert said_at(NOW, NOW.date(), lang) in shown
        assert inside(notice.region, SMALL)

        sessions = home.query_one("#sessions", DataTable)
        rows = cells(sessions)
        # Newest first, with its status in the facilitator's language.
        assert [row[-1] for row in rows] == ["Ketenoverleg [batterijen] 🔋", TITLES["en"]]
        assert rows[0][1] == tr(lang, "home.status.unfinished")
        assert rows[1][1] == tr(lang, "home.status.finished")
        assert int(rows[1][3]) > 0  # ideas

        assert home.active_bindings["r"].binding.description == tr(lang, "home.key.resume")
        await pilot.press("r")
        assert calls["resume"] == [broken]

        # Enter on a finished session opens it too: its summary, read-only (nothing resumed).
        await pilot.press("tab")
        assert home.focused is sessions
        assert home.active_bindings["enter"].binding.description == tr(lang, "home.key.open")
        sessions.move_cursor(row=1)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls["resume"] == [broken]
        assert isinstance(app.screen, PastSummaryScreen)
        assert app.screen.state.session_id == finished


async def test_long_titles_and_problems_stay_on_a_laptop_screen(tmp_path: Path) -> None:
    long_title = "Ketenoverleg over hergebruik van batterijen uit deelscooters [ronde 12] 🔋" * 2
    broken_off_session(tmp_path, long_title)
    finished_session(tmp_path)
    # A damaged session file and a user's plan with a mistake: reported, not fatal.
    (tmp_path / "sessions" / "20261101-0900-dead.jsonl").write_text("{not json\n")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "mine.toml").write_text('title = "Mine"\n')
    app = make_app(tmp_path, "nl")
    async with app.run_test(size=SMALL) as pilot:
        home = await loaded(pilot)
        for table in home.query(DataTable):
            assert table.virtual_size.width <= table.scrollable_content_region.width, table.id
            assert inside(table.region, SMALL)
        title_cell = home.query_one("#sessions", DataTable).get_row_at(0)[-1]
        assert title_cell.plain == long_title  # kept whole; the column ends it in "…"
        problems = text_of(home.query_one("#problems", Static))
        assert tr("nl", "home.broken_plan", name="mine") in problems
        assert "20261101-0900-dead" in problems
        assert inside(home.query_one("#problems").region, SMALL)
        assert inside(home.query_one("#notice").region, SMALL)
        # The other sessions are listed all the same.
        assert home.query_one("#sessions", DataTable).row_count == 2


async def test_home_on_a_projector(tmp_path: Path) -> None:
    broken_off_session(tmp_path, "Ketenoverleg")
    app = make_app(tmp_path, "en")
    async with app.run_test(size=LARGE) as pilot:
        home = await loaded(pilot)
        for widget in ("#notice", "#plans", "#sessions"):
            assert inside(home.query_one(widget).region, LARGE), widget
        sessions = home.query_one("#sessions", DataTable)
        # The title column takes the room there is.
        assert sessions.ordered_columns[-1].get_render_width(sessions) > 100


async def test_refresh_lists_reads_the_archive_again(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")
    async with app.run_test(size=SMALL) as pilot:
        home = await loaded(pilot)
        assert home.query_one("#sessions", DataTable).row_count == 0
        broken_off_session(tmp_path, "After the crash")
        home.refresh_lists()
        await loaded(pilot)
        assert home.query_one("#sessions", DataTable).row_count == 1
        assert "After the crash" in text_of(home.query_one("#notice", Static))


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_open_file_says_what_is_wrong_and_opens_a_good_plan(
    tmp_path: Path, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = tmp_path / "typo [1].toml"
    typo.write_text(
        'title = "Typo"\nlanguage = "nl"\n[[steps]]\ntitle = "a"\n[steps.diverge]\nminuts = 10\n',
        encoding="utf-8",
    )
    good = tmp_path / "good.toml"
    good.write_text((shipped_plans_dir() / "kickoff.en.toml").read_text(encoding="utf-8"))
    app = make_app(tmp_path / "data", lang)
    calls = record_calls(app, monkeypatch)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, OpenPlanDialog)
        path = dialog.query_one("#path", Input)
        error = dialog.query_one("#open-error", Static)

        async def try_open(text: str) -> str:
            path.value = text
            path.focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            return text_of(error)

        assert await try_open("") == tr(lang, "home.open.empty")
        assert tr(lang, "plan.not_found") in await try_open(str(tmp_path / "nowhere.toml"))
        assert tr(lang, "archive.why.folder") in await try_open(str(tmp_path))
        message = await try_open(str(typo))
        assert "minuts" in message and tr(lang, "plan.did_you_mean", name="minutes") in message
        assert "typo [1].toml" in message  # the path as typed, brackets and all
        assert app.screen is dialog and error.display and inside(error.region, SMALL)

        await try_open(str(good))
        assert app.screen is not dialog
        assert [plan.title for plan in calls["prepare"]] == [load_plan(good).title]

        await pilot.press("o")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert len(calls["prepare"]) == 1


# ── prepare ─────────────────────────────────────────────────────────────────────────────────


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Type key by key, as a person does (slow in a test: kept for the text that matters)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def fill(pilot: Pilot[None], selector: str, text: str) -> None:
    """Put text in a field at once, as a paste does."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def show_tab(pilot: Pilot[None], tab: str) -> None:
    await pilot.click(f"#--content-tab-{tab}")
    await pilot.pause()
    assert pilot.app.screen.query_one(TabbedContent).active == tab


async def open_prepare(
    pilot: Pilot[None], lang: Language
) -> tuple[PrepareScreen, list[Preparation | None]]:
    await loaded(pilot)
    captured: list[Preparation | None] = []
    app = pilot.app
    assert isinstance(app, WyberApp)
    screen = PrepareScreen(prepare(shipped(lang), app.clocks.today()))
    app.push_screen(screen, captured.append)
    await pilot.pause()
    return screen, captured


class Prepared(NamedTuple):
    """A running app with Prepare open on the shipped plan, and what Prepare gave back."""

    app: WyberApp
    pilot: Pilot[None]
    screen: PrepareScreen
    captured: list[Preparation | None]


@asynccontextmanager
async def prepare_open(
    data: Path, lang: Language, size: tuple[int, int] = SMALL
) -> AsyncIterator[Prepared]:
    """The app at `size` in `lang`, Home loaded and Prepare opened over it: how most of the
    Prepare tests begin."""
    app = make_app(data, lang)
    async with app.run_test(size=size) as pilot:
        screen, captured = await open_prepare(pilot, lang)
        yield Prepared(app, pilot, screen, captured)


async def in_sight(pilot: Pilot[None], *selectors: str, sizes: tuple[tuple[int, int], ...]) -> None:
    """Each of `selectors` wholly on the screen at each of `sizes` (a laptop's, a projector's),
    the terminal resized to each in turn and given back its own size after: one run of a flow
    checks its layout at every size, where a run per size would repeat all its typing."""
    own = (pilot.app.size.width, pilot.app.size.height)
    for size in sorted(sizes, key=lambda size: size != own):  # its own size first: no resize
        if (pilot.app.size.width, pilot.app.size.height) != size:
            await pilot.resize_terminal(*size)  # laid out before it returns
        for selector in selectors:
            region = pilot.app.screen.query_one(selector).region
            assert inside(region, size), (selector, size)
    if (pilot.app.size.width, pilot.app.size.height) != own:
        await pilot.resize_terminal(*own)


async def start_anyway(pilot: Pilot[None]) -> None:
    """Past the list of the shipped plan's sample texts that still stand: "start anyway"."""
    assert isinstance(pilot.app.screen, SamplesDialog)
    await pilot.press("tab", "enter")  # from the list of places to its button
    await pilot.pause()


def message(screen: PrepareScreen, where: str) -> str:
    widget = screen.query_one(f"#{where}-message", Static)
    return text_of(widget) if widget.display else ""


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_prepare_a_meeting_and_start_it(tmp_path: Path, lang: Language) -> None:
    sizes = (SMALL, LARGE)  # a laptop's and a projector's: the layout is checked at both
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        today = app.clocks.today()
        assert screen.query_one("#date", Input).value == f"{today.day}-{today.month}-{today.year}"
        await in_sight(pilot, "#start", "#back", sizes=sizes)
        assert screen.active_bindings["ctrl+s"].binding.description == tr(lang, "prepare.key.start")

        # The meeting: a title with brackets, a date as people say it.
        await type_into(pilot, "#title", "Batterijen [ronde 2] 🔋")
        await type_into(pilot, "#date", "vr 4 dec")
        understood = text_of(screen.query_one("#date-understood", Static))
        assert spoken_date(date(2026, 12, 4), lang) in understood
        await fill(pilot, "#date", "vr 5 dec")
        assert "5" in text_of(screen.query_one("#date-understood", Static))
        assert screen.query_one("#date-understood").has_class("-error")
        await fill(pilot, "#date", "vr 4 dec")
        await fill(pilot, "#place", "Stadhuis, zaal 3")
        await fill(pilot, "#facilitator", "Fleur")
        await in_sight(pilot, "#title", "#date", "#place", "#facilitator", "#language", sizes=sizes)
        # The session's language: the other one, chosen with the keyboard; the screen speaks it
        # from here on (test_prepare_own_plan.py).
        other: Language = "en" if lang == "nl" else "nl"
        screen.query_one("#language", Select).focus()
        await pilot.press("enter", "down" if other == "en" else "up", "enter")
        await pilot.pause()
        assert screen.query_one("#language", Select).value == other and screen.lang == other

        # Participants: emoji, right-to-left, markup-looking text; a bad e-mail refused.
        await show_tab(pilot, "participants")
        await in_sight(pilot, "#add", sizes=sizes)
        await fill(pilot, "#invitee-name", "Anna de Vries 🌷")
        await fill(pilot, "#invitee-organisation", "Gemeente Rotterdam")
        await fill(pilot, "#invitee-role", "opdrachtgever")
        await fill(pilot, "#invitee-email", "anna@rotterdam.nl")
        # Her mandate, chosen with the keyboard: she may decide.
        screen.query_one("#invitee-mandate", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.click("#add")
        await type_into(pilot, "#invitee-name", "مريم الحداد")
        await fill(pilot, "#invitee-organisation", "ReCell Lab")
        await pilot.click("#add")
        await fill(pilot, "#invitee-name", "Bram")
        await type_into(pilot, "#invitee-organisation", "[red]x[/]")
        await type_into(pilot, "#invitee-email", "bram@afvalwerk")
        await pilot.press("enter")
        assert message(screen, "invitee") == tr(
            other, "prepare.participant.bad_email", email="bram@afvalwerk"
        )
        assert screen.focused is screen.query_one("#invitee-email")
        await fill(pilot, "#invitee-email", "bram@afvalwerk.nl")
        await pilot.press("enter")
        table = screen.query_one("#invitees", DataTable)
        decides = tr(other, "design.mandate.decides")
        assert cells(table) == [
            [
                "Anna de Vries 🌷",
                "Gemeente Rotterdam",
                "opdrachtgever",
                "anna@rotterdam.nl",
                decides,
            ],
            ["مريم الحداد", "ReCell Lab", "", "", ""],
            ["Bram", "[red]x[/]", "", "bram@afvalwerk.nl", ""],
        ]
        # A name without a person is refused; a second Bram is allowed, with a warning.
        await fill(pilot, "#invitee-role", "notulist")
        await pilot.press("enter")
        assert message(screen, "invitee") == tr(other, "prepare.participant.name_required")
        await type_into(pilot, "#invitee-name", "bram")
        await pilot.press("enter")
        assert message(screen, "invitee") == tr(other, "prepare.participant.duplicate", name="bram")
        assert table.row_count == 4
        # ... and removed again: Delete on the highlighted row.
        table.focus()
        table.move_cursor(row=3)
        await pilot.press("delete")
        assert table.row_count == 3
        assert screen.query_one(TabbedContent).get_tab("participants").label.plain == tr(
            other, "prepare.tab.participants", count=3
        )

        # Agenda: the minutes of a movement; the total follows.
        await show_tab(pilot, "agenda")
        total = screen.query_one("#total", Static)
        assert tr(other, "prepare.total", minutes=30, time="").split("·")[0] in text_of(total)
        await type_into(pilot, "#minutes-0-diverge", "15")
        assert tr(other, "prepare.total", minutes=35, time="").split("·")[0] in text_of(total)
        await in_sight(pilot, "#total", sizes=sizes)
        # Zero minutes: a clear message, and Start is refused.
        await type_into(pilot, "#minutes-0-converge", "0")
        assert text_of(total) == tr(other, "prepare.total_unknown")
        await pilot.press("ctrl+s")
        assert captured == []
        assert message(screen, "agenda") == tr(
            other,
            "prepare.bad_minutes",
            number=1,
            movement=tr(other, "run.movement.converge"),
        )
        assert screen.focused is screen.query_one("#minutes-0-converge")
        await fill(pilot, "#minutes-0-converge", "481")
        await pilot.press("ctrl+s")
        assert captured == []
        await type_into(pilot, "#minutes-0-converge", "12")
        assert tr(other, "prepare.total", minutes=37, time="").split("·")[0] in text_of(total)

        await pilot.click("#start")
        await pilot.pause()
        # The shipped plan's goal, step title and question still stand: said, started anyway.
        assert captured == []
        assert app.screen.query_one("#places", OptionList).option_count == 3
        await start_anyway(pilot)
        [preparation] = captured
        assert preparation is not None
        assert preparation.title == "Batterijen [ronde 2] 🔋"
        assert preparation.held_on == date(2026, 12, 4)
        assert preparation.place == "Stadhuis, zaal 3"
        assert preparation.facilitator == "Fleur"
        assert preparation.language == other
        assert [i.name for i in preparation.invitees] == ["Anna de Vries 🌷", "مريم الحداد", "Bram"]
        assert preparation.invitees[2].organisation == "[red]x[/]"
        assert preparation.invitees[0].email == "anna@rotterdam.nl"
        step = preparation.plan.steps[0]
        assert [step.timebox(m).minutes for m in step.movements] == [15, 12, 10]
        assert step.timebox(Movement.CONVERGE).dots == 3  # the rest of the plan is untouched
        assert preparation.plan.minutes == 37
        assert preparation.plan.title == shipped(lang).title
        # What was prepared is what the session opens with.
        opening = preparation.opening("s1")
        assert opening.held_on == date(2026, 12, 4) and opening.plan.minutes == 37
        assert [p.name for p in preparation.participant_events()][1] == "مريم الحداد"
        assert [p.mandate for p in preparation.participant_events()] == [
            Mandate.DECIDES,
            None,
            None,
        ]


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_start_refuses_what_is_missing_and_escape_goes_back(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await type_into(pilot, "#title", "   ")
        await pilot.press("ctrl+s")
        assert message(screen, "meeting") == tr(lang, "prepare.title_required")
        assert screen.focused is screen.query_one("#title")
        await fill(pilot, "#title", "Overleg")
        await type_into(pilot, "#date", "31-2")
        await pilot.press("ctrl+s")
        assert screen.focused is screen.query_one("#date")
        assert "29" in message(screen, "meeting") or "28" in message(screen, "meeting")
        await fill(pilot, "#date", "4-12-2026")
        # A participant typed but not added: Start says so rather than lose them.
        await show_tab(pilot, "participants")
        await fill(pilot, "#invitee-name", "Daan")
        await show_tab(pilot, "meeting")
        await pilot.press("ctrl+s")
        assert screen.query_one(TabbedContent).active == "participants"
        assert message(screen, "invitee") == tr(lang, "prepare.participant.pending")
        assert captured == []

        # Escape asks before what was typed is thrown away; Escape again says no.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app.screen.query_one("#question", Static)) == tr(
            lang, "design.leave_prepare.question"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and captured == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert captured == [None]
        assert isinstance(app.screen, HomeScreen)


async def test_escape_with_nothing_typed_goes_back_without_a_question(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en") as (app, pilot, _, captured):
        await show_tab(pilot, "agenda")
        await pilot.press("escape")
        await pilot.pause()
        assert captured == [None]
        assert isinstance(app.screen, HomeScreen)


async def test_f2_goes_through_the_tabs_to_their_first_field(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en") as (_, pilot, screen, _):
        tabs = screen.query_one(TabbedContent)
        assert screen.query_one("#no-invitees").display
        await pilot.press("f2")
        assert tabs.active == "participants"
        assert screen.focused is screen.query_one("#invitee-name")
        await pilot.press("f2")
        assert tabs.active == "agenda"
        assert screen.focused is screen.query_one("#goal")
        await pilot.press("f2")
        assert tabs.active == "meeting" and screen.focused is screen.query_one("#title")


async def test_edit_a_participant(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "nl") as (_, pilot, screen, captured):
        await show_tab(pilot, "participants")
        await fill(pilot, "#invitee-name", "Eva")
        await pilot.press("enter")
        table = screen.query_one("#invitees", DataTable)
        table.focus()
        await pilot.press("enter")
        assert screen.query_one("#invitee-name", Input).value == "Eva"
        await fill(pilot, "#invitee-role", "wethouder")
        await pilot.press("enter")
        assert cells(table) == [["Eva", "", "wethouder", "", ""]]
        await pilot.press("ctrl+s")
        await start_anyway(pilot)
        [preparation] = captured
        assert preparation is not None and preparation.invitees[0].role == "wethouder"
