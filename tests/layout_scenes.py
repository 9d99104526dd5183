"""The scenes where 80×24 clipped or hid something, driven as a facilitator would: shared by the
Pilot tests that look at them (test_layout_fits.py) and their snapshots (test_snapshots_layout.py).
"""

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from tests.snapshot_kit import settle
from tui.dialogs.agreement import AgreementDialog
from tui.dialogs.consent import ConsentRoundDialog
from tui.screens.evaluation import EvaluationScreen
from tui.screens.summary import SummaryScreen
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting

EVALUATION = {
    "nl": ("Iedereen aan tafel kwam aan het woord.", "De pilot over twee weken bekijken."),
    "en": ("Everyone at the table had their say.", "Look at the pilot in two weeks."),
}
# Long enough to wrap once more on a board with its scrollbar than on one without: measured
# without it and drawn with it, its last words were lost.
PILOT = {
    "nl": "Anna: Pilot met de verhuurder en de afvalinzamelaar, in Delft, met 20 accu's",
    "en": "Anna: Pilot with the rental firm and waste collector, first in Delft, with 20 packs",
}
LAST_WORDS = {"nl": "accu's", "en": "packs"}


def lang_of(pilot: Pilot[None]) -> Language:
    return pilot.app.lang  # type: ignore[attr-defined,no-any-return]


def meeting_of(pilot: Pilot[None]) -> Meeting:
    meeting = pilot.app.meeting  # type: ignore[attr-defined]
    assert isinstance(meeting, Meeting)
    return meeting


async def veld_list_open(pilot: Pilot[None]) -> None:
    """In consolidate: the agreement form, its list of the seven fields open."""
    await pilot.press("a")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AgreementDialog)
    dialog.query_one("#field", Select).focus()
    await pilot.press("enter")
    await pilot.pause()


async def consent_with_nobody(pilot: Pilot[None]) -> None:
    """A meeting started at once, nobody at the table: a proposal, and its consent round."""
    await pilot.press("f8", "f8")
    await pilot.press("a")
    await pilot.pause()
    pilot.app.screen.query_one("#text", Input).value = "Pilot"
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConsentRoundDialog)


async def evaluated_summary_at_its_end(pilot: Pilot[None]) -> None:
    """The meeting ended through the evaluation screen; its summary scrolled to the end."""
    await pilot.press("ctrl+f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EvaluationScreen)
    went_well, next_step = EVALUATION[lang_of(pilot)]
    screen.query_one("#went-well", TextArea).text = went_well
    screen.query_one("#next-step", TextArea).text = next_step
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("end")
    await settle(pilot)


async def long_idea_on_a_full_board(pilot: Pilot[None]) -> None:
    """Anna's long idea first, twelve more after it: the board scrolls; then someone arrives
    and the board is drawn anew, every idea already on disk (a board with a pending idea was
    measured again once it was saved, which hid the fault), and it is scrolled to the top."""
    meeting = meeting_of(pilot)
    meeting.add_participant("Anna")
    await settle(pilot)
    field = pilot.app.screen.query_one("#idea", Input)
    for text in [PILOT[lang_of(pilot)], *(f"idee {n}" for n in range(2, 14))]:
        field.value = text
        await pilot.press("enter")
    await settle(pilot)
    await redrawn_at_the_top(pilot)


async def redrawn_at_the_top(pilot: Pilot[None]) -> None:
    meeting = meeting_of(pilot)
    meeting.add_participant(f"Gast {len(meeting.state.participants)}")
    await settle(pilot)
    pilot.app.screen.query_one("#ideas", OptionList).scroll_home(animate=False)
    await settle(pilot)
