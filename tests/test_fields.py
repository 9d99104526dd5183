"""Keys that arrive together stay apart, and pasted text is cleaned like typed text, in every text
field of the app: the idea line, the people dialog, Prepare's form, the evaluation.

"Arrive together" is what one read of the terminal gives: the bytes go through Textual's own
terminal parser and every event it makes is posted to the app at once, back to back, as the
driver does, before the app has handled the first.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, TextArea

from tests.factory import FakeClock, FakeWall
from tests.test_home_prepare import prepare_open
from tests.test_run_flow import board_texts, make_app, stored, wyber_30
from tui.app import WyberApp
from tui.dialogs.ask import ConfirmDialog
from tui.dialogs.people import PeopleDialog
from tui.screens.evaluation import EvaluationScreen
from tui.wyber.i18n import tr

SIZE = (100, 30)
ZWNJ_WORD = "می\u200cخواهم"  # Persian "I want": the non-joiner keeps the two parts apart
CODER = "👩🏽\u200d💻"  # woman, skin tone, zero-width joiner, laptop: one picture


def arrive_together(app: WyberApp, data: str) -> None:
    """What one read of the terminal holds, posted the way the driver posts it."""
    for event in XTermParser().feed(data):
        app.post_message(event)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause(0.5)  # beyond any hold of keys (HOLD_LIMIT_SECONDS)
    await pilot.pause()


async def started(pilot: Pilot[None]) -> WyberApp:
    app = pilot.app
    assert isinstance(app, WyberApp)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app


@pytest.fixture
def run_app(tmp_path: Path) -> Iterator[WyberApp]:
    clock = FakeClock()
    yield make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)


def idea_texts(app: WyberApp) -> list[str]:
    return [idea.text for idea in stored(app).ideas.values()]


# ── the idea line ───────────────────────────────────────────────────────────────────────────


async def test_every_enter_ends_one_idea_whatever_arrives_in_the_same_read(
    run_app: WyberApp,
) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        arrive_together(app, "idee A\ridee B\r")
        await settle(pilot)
        assert board_texts(app, "#ideas") == ["  1  idee A", "  2  idee B"]
        arrive_together(app, "one\rtwo\rthree\rfour")
        await settle(pilot)
        assert idea_texts(app) == ["idee A", "idee B", "one", "two", "three"]
        assert app.screen.query_one("#idea", Input).value == "four"


async def test_backspace_and_the_letters_after_it_keep_their_order(run_app: WyberApp) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        arrive_together(app, "abc\x7fd\x7f\x7fxy\r")
        await settle(pilot)
        assert idea_texts(app) == ["axy"]


async def test_zero_width_joiners_typed_and_pasted_are_kept_alike(run_app: WyberApp) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        arrive_together(app, f"{ZWNJ_WORD} {CODER}\r")
        await settle(pilot)
        app.post_message(events.Paste(f"{ZWNJ_WORD} {CODER}"))
        await pilot.press("enter")
        await settle(pilot)
        assert idea_texts(app) == [f"{ZWNJ_WORD} {CODER}"] * 2


async def test_a_paste_of_lines_is_one_idea_per_line_and_says_so(run_app: WyberApp) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        await pilot.press("h", "a", "l", "f")
        app.post_message(events.Paste("first\r\n\n  second \x07idea\nthird\n"))
        await settle(pilot)
        assert idea_texts(app) == ["first", "second idea", "third"]
        # What was typed before the paste stays in the line, for the facilitator to finish.
        assert app.screen.query_one("#idea", Input).value == "half"
        notes = [n.message for n in app._notifications]
        assert tr("en", "input.paste.added", count=3) in notes


async def test_a_paste_of_many_lines_asks_first(run_app: WyberApp) -> None:
    lines = "\n".join(f"idea {n}" for n in range(1, 13))
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        app.post_message(events.Paste(lines))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert idea_texts(app) == []
        app.post_message(events.Paste(lines))
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert idea_texts(app) == [f"idea {n}" for n in range(1, 13)]


async def test_a_one_line_paste_is_cleaned_and_waits_for_enter(run_app: WyberApp) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        app.post_message(events.Paste("\u202eright to left \x1b[31mred\x1b[0m\x00 text\n"))
        await settle(pilot)
        assert idea_texts(app) == []  # a pasted line break is not an Enter
        await pilot.press("enter")
        await settle(pilot)
        # The override is closed where the idea ends: it cannot turn the next idea around.
        assert idea_texts(app) == ["\u202eright to left red text\u202c"]


# ── the other fields ────────────────────────────────────────────────────────────────────────


async def test_names_typed_fast_in_the_people_dialog_stay_apart(run_app: WyberApp) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, PeopleDialog)
        arrive_together(app, "Anna\rBram de Vries\r")
        await settle(pilot)
        app.post_message(events.Paste("Chaima\nEl Amrani"))
        await pilot.press("enter")
        await settle(pilot)
        assert [a.name for a in app.screen.arrived] == ["Anna", "Bram de Vries", "Chaima El Amrani"]
        assert len(app.screen.query_one(SelectionList).selected) == 3


async def test_a_form_folds_a_pasted_title_and_the_letters_after_enter_go_on(
    tmp_path: Path,
) -> None:
    async with prepare_open(tmp_path, "en", SIZE) as (app, pilot, screen, _):
        title = screen.query_one("#title", Input)
        title.value = "Kick-off:"
        title.cursor_position = len(title.value)
        app.post_message(events.Paste(" batteries\r\n  Rotterdam\x1b]0;x\x07 South\n"))
        await settle(pilot)
        assert title.value == "Kick-off: batteries Rotterdam South"
        # Enter goes to the date; what was typed after it in the same read goes there too.
        arrive_together(app, "!\rtomorrow")
        await settle(pilot)
        assert title.value == "Kick-off: batteries Rotterdam South!"
        date = screen.query_one("#date", Input)
        assert app.focused is date
        assert date.value.endswith("tomorrow")


async def test_the_evaluation_takes_pasted_text_as_it_takes_typed_text(
    run_app: WyberApp,
) -> None:
    async with run_app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        assert app.meeting is not None
        app.push_screen(EvaluationScreen(app.meeting))
        await settle(pilot)
        area = app.screen.query_one("#went-well", TextArea)
        assert app.focused is area
        arrive_together(app, f"{ZWNJ_WORD} ")
        app.post_message(events.Paste("good\x07 \x1b[1mtalk\x1b[0m\r\nnext"))
        await settle(pilot)
        assert area.text == f"{ZWNJ_WORD} good talk\nnext"


async def test_an_enter_that_reaches_inputs_own_binding_is_handed_over_as_a_line_fields(
    tmp_path: Path,
) -> None:
    # A held Enter handed on after a dialog closed ran Input's submit binding, which posted
    # Input's Submitted without a key: "LineField.Submitted.__init__() missing 'key'", a crash.
    clock = FakeClock()
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True)
    async with app.run_test(size=SIZE) as pilot:
        app = await started(pilot)
        line = app.screen.query_one("#idea", Input)
        line.value = "Bike racks"
        await line.action_submit()
        await settle(pilot)
        assert board_texts(app, "#ideas") == ["  1  Bike racks"]
