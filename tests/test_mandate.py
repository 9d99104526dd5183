"""Each participant's mandate: set when they are added, kept by the fold, read from records
written before mandates existed, and shown in the minutes' list of who is present."""

from datetime import date

import pytest

from tests.factory import opened, records
from tui.wyber.events import Mandate, ParticipantAdded, Record, stored
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.preparation import Invitee, preparation_again, prepare
from tui.wyber.state import SessionState


def table() -> SessionState:
    return fold(
        records(
            [
                (0.0, opened()),
                (0.0, ParticipantAdded(participant_id="p1", name="Anna", mandate=Mandate.DECIDES)),
                (0.0, ParticipantAdded(participant_id="p2", name="Bram", mandate=Mandate.CONSULTS)),
                (0.0, ParticipantAdded(participant_id="p3", name="Cem", mandate=Mandate.OBSERVER)),
                (0.0, ParticipantAdded(participant_id="p4", name="Dewi")),
            ]
        )
    )


def test_the_fold_keeps_each_participants_mandate() -> None:
    state = table()
    assert [p.mandate for p in state.participants.values()] == [
        Mandate.DECIDES,
        Mandate.CONSULTS,
        Mandate.OBSERVER,
        None,
    ]


def test_a_record_written_before_mandates_reads_with_none() -> None:
    [record] = records([(0.0, ParticipantAdded(participant_id="p1", name="Anna"))])
    written = stored(record)
    del written["event"]["mandate"]
    event = Record.model_validate(written).event
    assert isinstance(event, ParticipantAdded) and event.mandate is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_minutes_say_who_sits_at_the_table_with_which_mandate(lang: Language) -> None:
    text = markdown(build_minutes(table(), lang))
    assert tr(lang, "design.mandate") in text
    for name, mandate in (("Anna", "decides"), ("Bram", "consults"), ("Cem", "observer")):
        row = next(line for line in text.splitlines() if line.startswith(f"| {name}"))
        assert tr(lang, f"design.mandate.{mandate}") in row
    dewi = next(line for line in text.splitlines() if line.startswith("| Dewi"))
    assert not any(tr(lang, f"design.mandate.{m.value}") in dewi for m in Mandate)


def test_no_mandate_column_when_nobody_has_one() -> None:
    state = fold(records([(0.0, opened()), (0.0, ParticipantAdded(participant_id="p1", name="A"))]))
    assert tr("nl", "design.mandate") not in markdown(build_minutes(state, "nl"))


def test_prepared_mandates_are_recorded_and_prepared_again() -> None:
    preparation = prepare(opened().plan, date(2026, 12, 4))
    preparation.invitees = [Invitee("Anna", mandate=Mandate.CONSULTS), Invitee("Bram")]
    events = preparation.participant_events()
    assert [e.mandate for e in events] == [Mandate.CONSULTS, None]
    state = fold(records([(0.0, preparation.opening("s1")), *((0.0, e) for e in events)]))
    again = preparation_again(state, date(2026, 12, 11))
    assert [i.mandate for i in again.invitees] == [Mandate.CONSULTS, None]
