"""Prepare as a facilitator's own agenda designer, the second time round (issue 12): saving the
plan again offers its name and Enter replaces it; Escape after a save does not say "not saved";
the plan brings its participants back; the language chosen is the screen's at once; and every
way of starting a plan says where its sample texts still stand."""

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    OptionList,
    Select,
    Static,
    TabbedContent,
)

from tests.test_home_prepare import (
    SMALL,
    cells,
    fill,
    loaded,
    make_app,
    prepare_open,
    record_calls,
    shipped,
    show_tab,
    start_anyway,
    text_of,
)
from tui.app import Launch
from tui.cli import main
from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.dialogs.samples import SamplesDialog
from tui.screens.home import HomeScreen
from tui.screens.prepare import PrepareScreen
from tui.widgets.agenda_editor import AgendaEditor
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.plan import Mandate, Plan, PlanParticipant
from tui.wyber.plan_writer import save_user_plan
from tui.wyber.plans import load_plan
from tui.wyber.preparation import Invitee, prepare

LANGS = pytest.mark.parametrize("lang", ["nl", "en"])


def own_plan(lang: Language) -> Plan:
    """A plan of the user's own: no sample text left in it, and a recurring group invited."""
    plan = shipped(lang)
    step = plan.steps[0].model_copy(
        update={"title": "Accu's verdelen", "question": "Wat doen we met 20 accu's?"}
    )
    anna = PlanParticipant(
        name="Anna de Vries",
        organisation="AfvalWerk",
        role="inzamelaar",
        email="anna@afvalwerk.nl",
        mandate=Mandate.DECIDES,
    )
    return plan.model_copy(
        update={
            "title": "Ketenoverleg accu's",
            "goal": "Een besluit over de accu's",
            "steps": [step],
            "participants": [anna],
        }
    )


async def save_as(pilot: Pilot[None], name: str | None) -> None:
    """F3, the name typed over the suggestion (None: the suggestion taken), Enter."""
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextDialog)
    if name is not None:
        await fill(pilot, "#answer", name)
    await pilot.press("enter")
    await pilot.pause()


async def suggested_name(pilot: Pilot[None]) -> str:
    await pilot.press("f3")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, TextDialog)
    name = dialog.query_one("#answer", Input).value
    await pilot.press("escape")
    await pilot.pause()
    return name


async def from_home(pilot: Pilot[None], name: str) -> None:
    """Highlight the plan `name` on home."""
    home = await loaded(pilot)
    table = home.query_one("#plans", DataTable)
    table.focus()
    table.move_cursor(row=list(home.plans).index(name))
    await pilot.pause()


async def prepare_from_home(pilot: Pilot[None], name: str) -> PrepareScreen:
    """The plan `name` prepared from home (Enter on its row), as a facilitator does."""
    await from_home(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    return screen


def asked(pilot: Pilot[None]) -> str:
    """The question the yes-or-no dialog on the screen asks."""
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    return text_of(dialog.query_one("#question", Static))


# ── 1, 2: saving again ──────────────────────────────────────────────────────────────────────


@LANGS
async def test_saving_again_offers_the_name_saved_and_enter_replaces_it(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, _):
        assert await suggested_name(pilot) == ""  # never the shipped plan's name
        await save_as(pilot, "Ketenoverleg")
        path = tmp_path / "plans" / "Ketenoverleg.toml"
        assert path.exists()
        assert await suggested_name(pilot) == "Ketenoverleg"

        # Changed and saved again under the name offered: the question says it is this plan,
        # the highlighted button is Replace, and Enter replaces it.
        await fill(pilot, "#goal", "Een besluit over de accu's")
        await save_as(pilot, None)
        assert asked(pilot) == tr(lang, "prep2.replace.own", name="Ketenoverleg")
        question = app.screen
        assert question.focused is question.query_one("#yes")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert load_plan(path).goal == "Een besluit over de accu's"


@LANGS
async def test_another_plan_of_that_name_is_kept_on_enter(tmp_path: Path, lang: Language) -> None:
    other = save_user_plan(own_plan(lang), tmp_path, "Ander overleg")
    before = other.read_bytes()
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, _):
        await save_as(pilot, "Ander overleg")
        assert asked(pilot) == tr(lang, "prep2.replace.other", name="Ander overleg")
        question = app.screen
        assert question.focused is question.query_one("#no")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and other.read_bytes() == before
        assert await suggested_name(pilot) == ""  # nothing was saved


@LANGS
async def test_the_name_offered_comes_from_the_meetings_own_title_and_titles_the_plan(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, _, _):
        await pilot.press("f3")
        await pilot.pause()
        answer = app.screen.query_one("#answer", Input)
        assert answer.value == "" and answer.placeholder == tr(lang, "design.save.placeholder")
        await pilot.press("escape")
        await fill(pilot, "#title", "Accu's van deelscooters: tweede leven")
        assert await suggested_name(pilot) == "Accus van deelscooters tweede leven"
        await save_as(pilot, "accu-drempels")
        plan = load_plan(tmp_path / "plans" / "accu-drempels.toml")
        assert plan.title == "Accu's van deelscooters: tweede leven"  # not the file's name


@LANGS
async def test_a_plan_saved_under_the_shipped_title_is_titled_by_its_name(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (_, pilot, _, _):
        await save_as(pilot, "Mijn oefening")
        assert load_plan(tmp_path / "plans" / "Mijn oefening.toml").title == "Mijn oefening"


async def test_the_users_own_plan_opened_from_home_is_offered_by_its_name(tmp_path: Path) -> None:
    path = save_user_plan(own_plan("nl"), tmp_path, "Mijn ketenoverleg")
    app = make_app(tmp_path, "nl")
    async with app.run_test(size=SMALL) as pilot:
        await prepare_from_home(pilot, "Mijn ketenoverleg")
        assert await suggested_name(pilot) == "Mijn ketenoverleg"  # not its title
        await fill(pilot, "#goal", "Een ander doel")
        await save_as(pilot, None)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Replace: it is the plan being worked on
        await pilot.pause()
        assert load_plan(path).goal == "Een ander doel"


# ── 3: leaving after a save ─────────────────────────────────────────────────────────────────


@LANGS
async def test_escape_right_after_a_save_leaves_without_asking(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (_, pilot, screen, captured):
        await fill(pilot, "#goal", "Een besluit over de accu's")
        await save_as(pilot, "Ketenoverleg")
        # A change after the save asks again, as before it.
        await fill(pilot, "#step-0-title", "Ideeën")
        await pilot.press("escape")
        await pilot.pause()
        assert asked(pilot) == tr(lang, "design.leave_prepare.question")
        await pilot.press("escape")
        await pilot.pause()
        await save_as(pilot, None)
        await pilot.press("enter")  # replace
        await pilot.pause()
        screen.query_one("#goal", Input).focus()
        await pilot.press("escape")
        await pilot.pause()
        assert captured == [None]  # left at once: everything is in the plan


@LANGS
async def test_after_a_save_escape_says_only_the_meetings_own_fields_go(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await fill(pilot, "#place", "Stadhuis")  # not part of a plan
        await save_as(pilot, "Ketenoverleg")
        await pilot.press("escape")
        await pilot.pause()
        assert asked(pilot) == tr(lang, "prep2.leave_saved.question")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and captured == []


# ── 4: the plan's participants ──────────────────────────────────────────────────────────────


@LANGS
async def test_the_participants_are_saved_with_the_plan_and_come_back(
    tmp_path: Path, lang: Language
) -> None:
    app = make_app(tmp_path, lang)
    async with app.run_test(size=SMALL) as pilot:
        screen = await prepare_from_home(pilot, f"wyber-30.{lang}")
        await show_tab(pilot, "participants")
        await fill(pilot, "#invitee-name", "Bram Jansen")
        await fill(pilot, "#invitee-organisation", "DeelScoot")
        await fill(pilot, "#invitee-email", "bram@deelscoot.nl")
        screen.query_one("#invitee-mandate", Select).value = Mandate.CONSULTS.value
        await pilot.pause()
        screen.query_one("#invitee-name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.invitees) == 1
        await save_as(pilot, "Ketenoverleg")
        plan = load_plan(tmp_path / "plans" / "Ketenoverleg.toml")
        assert plan.participants == [
            PlanParticipant(
                name="Bram Jansen",
                organisation="DeelScoot",
                email="bram@deelscoot.nl",
                mandate=Mandate.CONSULTS,
            )
        ]
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen)
        home.listing = None  # to wait for the lists read again
        await pilot.press("escape")  # left without a question: all of it is saved
        await pilot.pause()

        # From home, the plan opens with its participants filled in.
        again = await prepare_from_home(pilot, "Ketenoverleg")
        mandate = tr(lang, "consent.mandate.consults")  # at 80 columns, its short form
        assert cells(again.query_one("#invitees", DataTable)) == [
            ["Bram Jansen", "DeelScoot", "", "bram@deelscoot.nl", mandate]
        ]
        label = str(again.query_one(TabbedContent).get_tab("participants").label)
        assert label == tr(lang, "prepare.tab.participants", count=1)


async def test_a_participant_a_plan_cannot_hold_is_said_and_nothing_is_saved(
    tmp_path: Path,
) -> None:
    # Someone added during an earlier meeting, typed in a hurry, invited again by "run again".
    preparation = prepare(shipped("en"), date(2026, 12, 1))
    preparation.invitees = [Invitee("Bram", email="bram.deelscoot")]
    app = make_app(tmp_path, "en")
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        screen = PrepareScreen(preparation)
        app.push_screen(screen)
        await pilot.pause()
        await save_as(pilot, "Ketenoverleg")
        assert app.screen is screen and not (tmp_path / "plans" / "Ketenoverleg.toml").exists()
        assert screen.query_one(TabbedContent).active == "participants"
        said = text_of(screen.query_one("#invitee-message", Static))
        assert tr("en", "prep2.bad_email", email="bram.deelscoot") in said


def test_a_plan_prepared_brings_its_participants_as_invitees_not_in_its_agenda() -> None:
    plan = own_plan("nl")
    preparation = prepare(plan, date(2026, 12, 1))
    assert preparation.invitees == [
        Invitee("Anna de Vries", "AfvalWerk", "inzamelaar", "anna@afvalwerk.nl", Mandate.DECIDES)
    ]
    assert preparation.plan.participants == []  # the session records its participants itself
    assert "participants" not in plan.model_dump()  # nor would a session's opening record


# ── 5: the language chosen in Prepare ───────────────────────────────────────────────────────


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
async def test_choosing_the_language_speaks_it_at_once_and_keeps_what_was_typed(
    tmp_path: Path, lang: Language, other: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await fill(pilot, "#title", "Ketenoverleg accu's")
        await fill(pilot, "#place", "Stadhuis")
        await show_tab(pilot, "participants")
        await fill(pilot, "#invitee-name", "Eva")
        await pilot.press("enter")
        await fill(pilot, "#invitee-name", "Half getypt")
        await show_tab(pilot, "agenda")
        await fill(pilot, "#goal", "Ons eigen doel")
        await fill(pilot, "#step-0-title", "Onze eigen stap")
        await fill(pilot, "#step-0-question", "Onze eigen vraag")
        await show_tab(pilot, "meeting")

        select = screen.query_one("#language", Select)
        select.focus()
        await pilot.press("enter", "down" if other == "en" else "up", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen and screen.lang == other
        assert screen.sub_title == tr(other, "prepare.subtitle")
        tabs = screen.query_one(TabbedContent)
        assert str(tabs.get_tab("meeting").label) == tr(other, "prepare.tab.meeting")
        assert str(tabs.get_tab("participants").label) == tr(
            other, "prepare.tab.participants", count=1
        )
        assert screen.active_bindings["f2"].binding.description == tr(other, "prepare.key.next_tab")
        assert app.active_bindings["f1"].binding.description == tr(other, "key.help")
        # Everything typed, chosen and added is still there.
        assert screen.query_one("#title", Input).value == "Ketenoverleg accu's"
        assert screen.query_one("#place", Input).value == "Stadhuis"
        assert screen.query_one("#invitee-name", Input).value == "Half getypt"
        assert [i.name for i in screen.invitees] == ["Eva"]
        editor = screen.query_one(AgendaEditor)
        assert editor.goal == "Ons eigen doel"
        assert screen.query_one("#step-0-question", Input).value == "Onze eigen vraag"
        assert screen.query_one("#language", Select).value == other
        assert screen.focused is screen.query_one("#language")
        assert not screen.query_one(Footer).show_command_palette  # still a laptop's key strip

        await fill(pilot, "#invitee-name", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert captured and captured[0] is not None  # no sample text left: started at once
        assert captured[0].language == other and captured[0].plan.language == other


# ── 6: the sample texts, wherever a meeting starts ──────────────────────────────────────────


@LANGS
async def test_n_on_home_says_where_the_sample_texts_stand(
    tmp_path: Path, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, lang)
    async with app.run_test(size=SMALL) as pilot:
        home = await loaded(pilot)
        calls = record_calls(app, monkeypatch)
        await from_home(pilot, f"wyber-30.{lang}")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SamplesDialog) and calls["start"] == []
        options = dialog.query_one("#places", OptionList)
        # The meeting's title, the goal, the step's title and its question.
        assert options.option_count == 4
        await start_anyway(pilot)
        [(preparation, run_now)] = calls["start"]
        assert run_now and preparation.plan.goal == shipped(lang).goal
        assert app.screen is home


@LANGS
async def test_going_to_a_sample_text_from_home_opens_prepare_there(
    tmp_path: Path, lang: Language
) -> None:
    app = make_app(tmp_path, lang)
    async with app.run_test(size=SMALL) as pilot:
        await from_home(pilot, f"wyber-30.{lang}")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # the fourth place: step 1's question
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert screen.query_one(TabbedContent).active == "agenda"
        assert screen.focused is screen.query_one("#step-0-question")


async def test_n_on_a_plan_without_sample_texts_starts_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_user_plan(own_plan("nl"), tmp_path, "Mijn ketenoverleg")
    app = make_app(tmp_path, "nl")
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        calls = record_calls(app, monkeypatch)
        await from_home(pilot, "Mijn ketenoverleg")
        await pilot.press("n")
        await pilot.pause()
        [(preparation, run_now)] = calls["start"]
        assert run_now and [i.name for i in preparation.invitees] == ["Anna de Vries"]


@LANGS
def test_run_now_from_the_command_line_says_where_the_sample_texts_stand(
    tmp_path: Path, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[Launch | None] = []

    def run_app(data: Path, lang: Language | None, launch: Launch | None = None) -> int:
        launched.append(launch)
        return 0

    monkeypatch.setattr("tui.app.run_app", run_app)
    save_user_plan(own_plan(lang), tmp_path, "Mijn ketenoverleg")
    for plan in (f"wyber-30.{lang}", "Mijn ketenoverleg"):
        assert main(["--data", str(tmp_path), "run", plan, "--now"]) == 0
    shipped_launch, own_launch = launched
    assert shipped_launch is not None and own_launch is not None
    # The session's language (the plan's), whatever the app's: the group reads it.
    assert shipped_launch.notices == [tr(lang, "prep2.samples.started", count=4)]
    assert own_launch.notices == []
    # Counted in words, not "plaats(en)": the plural, and one place as one.
    assert ("op 4 plaatsen" if lang == "nl" else "in 4 places") in shipped_launch.notices[0]
    one = counted(lang, "prep2.samples.started", 1)
    assert ("op 1 plaats nog" if lang == "nl" else "in 1 place;") in one and "(" not in one[:40]
