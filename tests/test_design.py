"""Prepare as an agenda designer, through the keys: the goal and each step's title, question,
movements, techniques and their settings; steps added, duplicated, removed and moved; saved as
the user's plan and opened again; told where a shipped plan's sample text still stands; asked
before typing is thrown away or a meeting is left."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static, TabbedContent

from tests.test_home_prepare import (
    LARGE,
    SMALL,
    fill,
    in_sight,
    inside,
    loaded,
    make_app,
    prepare_open,
    shipped,
    start_anyway,
    text_of,
    type_into,
)
from tui.app import Launch, WyberApp
from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.dialogs.samples import SamplesDialog
from tui.screens.prepare import PrepareScreen
from tui.screens.run import RunScreen
from tui.widgets.agenda_editor import AgendaEditor
from tui.wyber.i18n import Language, tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Technique
from tui.wyber.plans import load_plan
from tui.wyber.preparation import prepare

PROJECTOR = (160, 48)


async def choose(pilot: Pilot[None], selector: str, downs: int) -> None:
    """Open a Select with Enter, go `downs` options down (up when negative), take it."""
    pilot.app.screen.query_one(selector, Select).focus()
    keys = ["down"] * downs if downs >= 0 else ["up"] * -downs
    await pilot.press("enter", *keys, "enter")
    await pilot.pause()


async def to_agenda(pilot: Pilot[None]) -> None:
    await pilot.press("f2", "f2")
    await pilot.pause()
    assert pilot.app.screen.query_one(TabbedContent).active == "agenda"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_design_an_agenda_with_the_keyboard(tmp_path: Path, lang: Language) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await fill(pilot, "#title", "Accuketen Zwolle")
        await to_agenda(pilot)
        assert screen.focused is screen.query_one("#goal")
        await type_into(pilot, "#goal", "Accu's hergebruiken")
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#step-0-title")
        await type_into(pilot, "#step-0-title", "Ideeën")
        await pilot.press("tab")
        await type_into(pilot, "#step-0-question", "Wat doen we met 20 accu's?")

        # A step after it: Ctrl+N, the cursor in its title, in sight.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.focused is screen.query_one("#step-1-title")
        await in_sight(pilot, "#step-1-title", sizes=(SMALL, PROJECTOR))
        await type_into(pilot, "#step-1-title", "Kiezen")
        # Its converge: scoring (after none, open, go-around, dot vote) on a scale to 10.
        await choose(pilot, "#step-1-converge-technique", 4)
        assert screen.query_one("#step-1-converge-technique", Select).value == "score"
        assert not screen.query_one("#minutes-1-converge", Input).disabled
        await fill(pilot, "#minutes-1-converge", "7")
        await fill(pilot, "#step-1-converge-setting", "10")
        # Its diverge: not used.
        await choose(pilot, "#step-1-diverge-technique", -1)
        assert screen.query_one("#minutes-1-diverge", Input).disabled

        # Duplicate it (Ctrl+T), remove the copy (Ctrl+R), move it up (Alt+Up).
        await pilot.press("ctrl+t")
        await pilot.pause()
        editor = screen.query_one(AgendaEditor)
        assert [s.title for s in editor.steps] == ["Ideeën", "Kiezen", "Kiezen"]
        assert screen.focused is screen.query_one("#step-2-title")
        await pilot.press("ctrl+r")  # the copy holds what was typed: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await pilot.pause()
        assert [s.title for s in editor.steps] == ["Ideeën", "Kiezen"]
        screen.query_one("#step-1-question", Input).focus()
        await pilot.press("alt+up")
        await pilot.pause()
        assert [s.title for s in editor.steps] == ["Kiezen", "Ideeën"]
        assert screen.query_one("#step-0-title", Input).value == "Kiezen"
        total = text_of(screen.query_one("#total", Static))
        assert tr(lang, "prepare.total", minutes=37, time="").split("·")[0] in total

        await pilot.press("ctrl+s")
        await pilot.pause()
        [preparation] = captured  # no sample text left: started at once
        assert preparation is not None
        plan = preparation.plan
        assert plan.goal == "Accu's hergebruiken"
        assert [s.title for s in plan.steps] == ["Kiezen", "Ideeën"]
        chosen = plan.steps[0]
        assert chosen.movements == (Movement.CONVERGE,)
        assert chosen.timebox(Movement.CONVERGE).technique is Technique.SCORE
        assert chosen.timebox(Movement.CONVERGE).max_score == 10
        assert chosen.timebox(Movement.CONVERGE).minutes == 7
        assert plan.steps[1].question == "Wat doen we met 20 accu's?"
        assert plan.steps[1].timebox(Movement.CONVERGE).dots == 3  # as the shipped plan had it


async def test_the_buttons_do_it_with_the_mouse(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en", PROJECTOR) as (_, pilot, screen, _):
        await to_agenda(pilot)
        editor = screen.query_one(AgendaEditor)
        await pilot.click("#design-add")
        await pilot.pause()
        await pilot.click("#design-duplicate")
        await pilot.pause()
        assert len(editor.steps) == 3
        await pilot.click("#design-up")
        await pilot.pause()
        assert editor.current == 1
        await pilot.click("#design-remove")
        await pilot.pause()
        assert len(editor.steps) == 2  # a fresh step's copy: nothing to lose, not asked


async def test_the_last_step_is_not_removed(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en") as (_, pilot, screen, _):
        await to_agenda(pilot)
        await pilot.press("tab", "ctrl+r")
        await pilot.pause()
        assert len(screen.query_one(AgendaEditor).steps) == 1


@pytest.mark.parametrize(("lang", "size"), [("nl", SMALL), ("en", LARGE)])
async def test_save_as_my_plan_then_open_it_again_as_it_was(
    tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    shipped = shipped_plans_dir() / f"wyber-30.{lang}.toml"
    before = shipped.read_bytes()
    async with prepare_open(tmp_path, lang, size) as (app, pilot, screen, _):
        await to_agenda(pilot)
        await fill(pilot, "#goal", "Een besluit over de accu's")
        await fill(pilot, "#step-0-question", "Wat doen we morgen?")
        await fill(pilot, "#step-0-converge-setting", "5")
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_into(pilot, "#answer", "Ketenoverleg")
        await pilot.press("enter")
        await pilot.pause()
        path = tmp_path / "plans" / "Ketenoverleg.toml"
        saved = load_plan(path)
        assert saved == screen.query_one(AgendaEditor).plan("Ketenoverleg")
        assert saved.goal == "Een besluit over de accu's"
        assert saved.steps[0].timebox(Movement.CONVERGE).dots == 5

        # The same name again: asked before the user's plan is replaced; No keeps it.
        await fill(pilot, "#step-0-question", "Wat doen we overmorgen?")
        await pilot.press("f3")
        await pilot.pause()
        await fill(pilot, "#answer", "Ketenoverleg")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert load_plan(path).steps[0].question == "Wat doen we morgen?"
        await pilot.press("f3")
        await pilot.pause()
        await fill(pilot, "#answer", "Ketenoverleg")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert load_plan(path).steps[0].question == "Wat doen we overmorgen?"
        assert shipped.read_bytes() == before  # the shipped plan is never changed

        # Opened again: every field as it was saved.
        again = PrepareScreen(prepare(load_plan(path), app.clocks.today()))
        app.push_screen(again)
        await pilot.pause()
        assert again.query_one(AgendaEditor).plan("Ketenoverleg") == load_plan(path)
        assert again.query_one("#goal", Input).value == "Een besluit over de accu's"
        assert again.query_one("#step-0-converge-setting", Input).value == "5"


async def test_a_bad_plan_name_is_said(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en") as (app, pilot, _, _):
        await pilot.press("f3")
        await pilot.pause()
        await fill(pilot, "#answer", "../elsewhere")
        await pilot.press("enter")
        await pilot.pause()
        assert not (tmp_path / "plans").exists()
        [notice] = list(app._notifications)
        assert notice.message == tr("en", "design.save.bad_name", name="../elsewhere")


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_view_follows_the_step_the_keys_act_on(tmp_path: Path, lang: Language) -> None:
    """A tester's walk (issue 12): in a long agenda, the step added or moved stays in sight,
    with the cursor in it, so the step keys stay in the strip."""
    app = make_app(tmp_path, lang)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        kickoff = load_plan(shipped_plans_dir() / f"kickoff.{lang}.toml")  # five steps
        screen = PrepareScreen(prepare(kickoff, app.clocks.today()))
        app.push_screen(screen)
        await pilot.pause()
        await to_agenda(pilot)
        editor = screen.query_one(AgendaEditor)
        screen.query_one("#step-3-question", Input).focus()
        await pilot.pause()
        for key, at in (("ctrl+n", 4), ("alt+up", 3), ("alt+up", 2), ("alt+down", 3)):
            await pilot.press(key)
            await pilot.pause()
            title = screen.query_one(f"#step-{at}-title", Input)
            assert editor.steps[at].title == tr(lang, "design.new_step_title")
            assert screen.focused is title and inside(title.region, SMALL)
            assert "ctrl+r" in screen.active_bindings


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_step_that_holds_anything_is_removed_only_after_asking(
    tmp_path: Path, lang: Language
) -> None:
    async with on_the_agenda(tmp_path, lang) as (app, pilot, screen, editor):
        # A fresh step, as Ctrl+N made it: nothing to lose, gone at once.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is screen and len(editor.steps) == 1
        # A step with a typed question: asked; Escape (and Enter, on Cancel) keep it.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#step-1-question", "Wie neemt de accu's terug?")
        for key in ("escape", "enter"):
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            question = str(app.screen.query_one("#question", Static).content)
            assert "2" in question and tr(lang, "design.new_step_title") in question
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
            assert editor.steps[1].question == "Wie neemt de accu's terug?"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert [s.question for s in editor.steps] == [shipped(lang).steps[0].question]
        assert screen.focused is screen.query_one("#step-0-title")


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_ctrl_z_puts_the_removed_step_back_at_its_place_with_what_was_typed(
    tmp_path: Path, lang: Language
) -> None:
    async with on_the_agenda(tmp_path, lang) as (app, pilot, screen, editor):
        assert "ctrl+z" not in shown_keys(screen)  # nothing removed: nothing to put back
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#step-1-question", "Wie neemt de accu's terug?")
        await choose(pilot, "#step-1-converge-technique", 2)  # a dot vote
        await type_into(pilot, "#step-1-converge-setting", "4")
        screen.query_one("#step-0-title", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+n")  # a third step after the first: the typed one is third
        await pilot.pause()
        before = [s.copy() for s in editor.steps]
        screen.query_one("#step-2-question", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert len(editor.steps) == 2
        assert "ctrl+z" in shown_keys(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.steps == before  # back in third place, its question and dots with it
        assert screen.query_one("#step-2-question", Input).value == "Wie neemt de accu's terug?"
        assert screen.query_one("#step-2-converge-setting", Input).value == "4"
        assert screen.focused is screen.query_one("#step-2-title")
        assert "ctrl+z" not in shown_keys(screen)
        await pilot.press("ctrl+z")  # nothing more to put back: nothing changes
        await pilot.pause()
        assert editor.steps == before and app.screen is screen


@asynccontextmanager
async def on_the_agenda(
    tmp_path: Path, lang: Language
) -> AsyncIterator[tuple[WyberApp, Pilot[None], PrepareScreen, AgendaEditor]]:
    """Prepare open on its agenda tab, at 80×24."""
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, _):
        await to_agenda(pilot)
        yield app, pilot, screen, screen.query_one(AgendaEditor)


def shown_keys(screen: PrepareScreen) -> set[str]:
    return {key for key, active in screen.active_bindings.items() if active.enabled}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_start_says_where_the_sample_texts_stand_and_goes_there(
    tmp_path: Path, lang: Language
) -> None:
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SamplesDialog) and captured == []
        options = app.screen.query_one("#places", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        plan = shipped(lang)
        assert labels == [
            tr(lang, "prep3.samples.title", text=plan.title),
            tr(lang, "design.samples.goal", text=plan.goal[:49] + "…"),
            tr(lang, "prep3.samples.step_title", number=1, text=plan.steps[0].title),
            tr(lang, "design.samples.question", number=1, text=plan.steps[0].question[:49] + "…"),
        ]
        # Enter goes to the first place named: the meeting's title, on its tab.
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and captured == []
        assert screen.query_one(TabbedContent).active == "meeting"
        assert screen.focused is screen.query_one("#title")
        await fill(pilot, "#title", "Accuketen Zwolle")
        # Then the goal, and the step's title, on the agenda.
        for field, typed in (("#goal", "Ons eigen doel"), ("#step-0-title", "Accu's verdelen")):
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert screen.query_one(TabbedContent).active == "agenda"
            assert screen.focused is screen.query_one(field)
            await fill(pilot, field, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        options = app.screen.query_one("#places", OptionList)
        assert options.option_count == 1  # only the question is left
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused is screen.query_one("#step-0-question")
        await pilot.press("ctrl+s")
        await start_anyway(pilot)
        [preparation] = captured
        assert preparation is not None and preparation.plan.goal == "Ons eigen doel"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_sample_texts_dialog_goes_to_the_place_highlighted(
    tmp_path: Path, lang: Language
) -> None:
    """Start anyway stood at the head of the list of places, the first place highlighted: the
    Enter pressed to start took the facilitator to the title. Now the list holds the places
    only, Enter or the primary button "go there" goes to the highlighted one, and starting
    anyway is a button of its own."""
    async with prepare_open(tmp_path, lang) as (app, pilot, screen, captured):
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SamplesDialog)
        go, start = dialog.query_one("#go-there", Button), dialog.query_one("#start-anyway", Button)
        assert go.variant == "primary" and start.variant != "primary"
        assert str(go.label) == tr(lang, "design.samples.go")
        assert str(start.label) == tr(lang, "design.samples.start")
        await pilot.press("down", "down", "enter")  # the third place: step 1's title
        await pilot.pause()
        assert app.screen is screen and captured == []
        assert screen.focused is screen.query_one("#step-0-title")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down")  # the goal, then to the buttons: "go there" goes to it
        await pilot.click("#go-there")
        await pilot.pause()
        assert app.screen is screen and captured == []
        assert screen.focused is screen.query_one("#goal")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#start-anyway")
        await pilot.pause()
        assert len(captured) == 1


async def test_ctrl_q_in_prepare_asks_only_when_something_was_typed(tmp_path: Path) -> None:
    async with prepare_open(tmp_path, "en") as (app, pilot, screen, _):
        await fill(pilot, "#place", "Town hall")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app.screen.query_one("#question", Static)) == tr(
            "en", "design.leave_prepare.question"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        await fill(pilot, "#place", "")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running  # nothing would be lost: no question


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_ctrl_q_during_a_meeting_asks_before_it_is_left(
    tmp_path: Path, lang: Language
) -> None:
    plan = load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")
    app = WyberApp(tmp_path, lang, launch=Launch(plan=plan, run_now=True))
    async with app.run_test(size=SMALL) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app.screen.query_one("#question", Static)) == tr(
            lang, "design.leave_meeting.question"
        )
        await pilot.press("escape")  # no: the meeting goes on
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.writer is not None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # a second Ctrl+Q is the answer yes
        await pilot.pause()
        assert not app.is_running
