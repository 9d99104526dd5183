"""The consent round dialog with an observer at the table: shown with their mandate and "not
asked", passed over by the cursor, and a key pressed on their row refused with the reason; in
converge, not offered as a voter nor counted among those who have not voted."""

from pathlib import Path

from textual.widgets import DataTable

from tests.factory import FakeClock, FakeWall, opened
from tests.snapshot_kit import NOW, make_app
from tui.dialogs.ask import ChoiceDialog
from tui.dialogs.consent import ConsentRoundDialog
from tui.dialogs.unvoted import NotVotedDialog
from tui.widgets.converge import ROOM
from tui.widgets.cursor import cursor_key
from tui.wyber.consent import consent_state
from tui.wyber.events import ConsentAnswer, Mandate, ParticipantAdded
from tui.wyber.fold import fold
from tui.wyber.meeting import Meeting
from tui.wyber.session import start_session
from tui.wyber.state import ConsentState
from tui.wyber.store import Archive

SESSION = "20261201-2100-obs1"
TABLE = [
    ParticipantAdded(participant_id="p1", name="Anna de Vries", mandate=Mandate.DECIDES),
    ParticipantAdded(participant_id="p2", name="Dewi Smit", mandate=Mandate.OBSERVER),
    ParticipantAdded(participant_id="p3", name="Bram Jansen", mandate=Mandate.CONSULTS),
]


def recorded(data: Path, *, agreed: bool = True) -> None:
    """A meeting in consolidate with one agreement, an observer between the other two; or, not
    `agreed`, in converge with one idea to vote on."""
    clock = FakeClock()
    with start_session(
        Archive(data), opened(session_id=SESSION), TABLE, monotonic=clock, wall=FakeWall(clock, NOW)
    ) as session:
        meeting = Meeting(session)
        meeting.start()
        if not agreed:
            meeting.add_idea("Statiegeld op accu's")
            meeting.next_movement()  # converge, the plan's dots
            return
        meeting.next_movement()
        meeting.next_movement()
        meeting.record_agreement("We testen 200 accu's bij VoltOpslag")


async def test_the_round_passes_over_an_observer_and_refuses_their_answer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    recorded(data)
    app = make_app(data, "nl", session_id=SESSION)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConsentRoundDialog)
        table = dialog.query_one("#round-people", DataTable)
        dewi = [str(cell) for cell in table.get_row("p2")]
        assert dewi == ["Dewi Smit (toehoorder)", "wordt niet gevraagd"]
        await pilot.press("c")  # Anna consents; the cursor passes Dewi by, to Bram
        await pilot.pause()
        assert cursor_key(table) == "p3"
        await pilot.press("up", "c")  # on Dewi's row: refused, nothing recorded, on to Bram
        await pilot.pause()
        assert cursor_key(table) == "p3"
        assert "p2" not in dialog.agreement.round.answers
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
    state = fold(Archive(data).read(SESSION))
    agreement = next(iter(state.agreements.values()))
    answers = {pid: a.answer for pid, a in agreement.round.answers.items()}
    assert answers == {"p1": ConsentAnswer.CONSENT, "p3": ConsentAnswer.CONSENT}
    assert consent_state(agreement, state) is ConsentState.GIVEN


async def test_an_observer_is_not_offered_as_a_voter_nor_counted_as_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    recorded(data, agreed=False)
    app = make_app(data, "nl", session_id=SESSION)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ChoiceDialog)
        offered = [value for value, _ in picker.choices]
        assert offered == [ROOM, "p1", "p3"]  # the room, Anna and Bram: never Dewi
        await pilot.press("escape", "f8")
        await pilot.pause()
        asked = app.screen
        assert isinstance(asked, NotVotedDialog)
        question = str(asked.query_one("#question").render())
        assert question.startswith("2 van de 2 stemgerechtigden hebben nog niet gestemd")
