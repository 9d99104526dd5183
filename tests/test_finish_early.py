"""Ctrl+F with steps of the agenda not reached yet asks first, naming how many and which; Ctrl+F
once more finishes, Esc stays in the meeting. With every step reached it finishes at once.

The plan is the factory's two steps (a check-in, then a full wyber), started at once: the group
is in the check-in, the second step ahead of it.
"""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.factory import two_step_plan
from tests.layout_scenes import meeting_of
from tests.snapshot_kit import LANG, make_app, settle
from tests.test_layout_fits import drawn_words
from tui.app import WyberApp
from tui.dialogs.finish import FinishEarlyDialog
from tui.screens.evaluation import EvaluationScreen
from tui.screens.run import RunScreen
from tui.wyber.i18n import Language, counted

pytestmark = pytest.mark.usefixtures("amsterdam_time")


def two_steps_at_once(data: Path, lang: Language) -> WyberApp:
    plan = two_step_plan().model_copy(update={"language": lang})
    return make_app(data, lang, plan=plan, run_now=True)


async def finish_asked(pilot: Pilot[None]) -> FinishEarlyDialog:
    await settle(pilot)
    await pilot.press("ctrl+f")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, FinishEarlyDialog)
    return dialog


@LANG
async def test_finishing_with_a_step_not_reached_asks_first_naming_it(
    tmp_path: Path, lang: Language
) -> None:
    app = two_steps_at_once(tmp_path, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await finish_asked(pilot)
        shown = drawn_words(app, dialog.query_one("#confirm").region)
        # The step ahead, by number and title.
        assert counted(lang, "polish.finish.unreached", 1, steps="2. Samenwerken.") in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)  # Esc stays: the meeting goes on
        assert not meeting_of(pilot).state.finished
        await finish_asked(pilot)
        await pilot.press("ctrl+f")  # the same key once more finishes
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)


@LANG
def test_a_step_whose_title_asks_closes_the_sentence_itself(lang: Language) -> None:
    asked = FinishEarlyDialog(lang, [(2, "Welke route eerst?")]).question
    told = FinishEarlyDialog(lang, [(2, "Samenwerken")]).question
    assert asked.endswith("2. Welke route eerst?") and told.endswith("2. Samenwerken.")


async def test_enter_on_the_question_stays_in_the_meeting(tmp_path: Path) -> None:
    app = two_steps_at_once(tmp_path, "nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_asked(pilot)
        await pilot.press("enter")  # Stay has the focus: a hurried Enter ends nothing
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)


async def test_with_every_step_reached_ctrl_f_goes_to_the_evaluation_at_once(
    tmp_path: Path,
) -> None:
    app = two_steps_at_once(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f9")  # to the second step: none is left ahead
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)
