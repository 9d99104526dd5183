"""An observer (toehoorder) sits at the table without a vote: nobody waits for their dots, the
room's dots do not count them, a vote or a consent answer in their name is refused with the
reason, and an answer one gave before this rule was kept but does not count towards consent."""

from pathlib import Path

from tui.wyber.consent import consent_lines, consent_state
from tui.wyber.events import (
    AgreementRecorded,
    ConsentAnswer,
    ConsentAnswered,
    Event,
    Mandate,
    ParticipantAdded,
    RoundStarted,
)
from tui.wyber.fold import fold
from tui.wyber.plan import Movement, Technique
from tui.wyber.state import ConsentState
from tui.wyber.voting import still_to_vote

from .factory import opened, records
from .test_meeting import Room, consolidating, converging, open_room, refused

TABLE = [
    ParticipantAdded(participant_id="p1", name="Anna", mandate=Mandate.DECIDES),
    ParticipantAdded(participant_id="p2", name="Bram", mandate=Mandate.CONSULTS),
    ParticipantAdded(participant_id="p3", name="Dewi", mandate=Mandate.OBSERVER),
]


def table(tmp_path: Path) -> Room:
    return open_room(tmp_path / "data", people=TABLE)


def test_an_observer_is_not_waited_for_nor_counted_in_the_rooms_dots(tmp_path: Path) -> None:
    room = table(tmp_path)
    meeting = converging(room)
    waiting = still_to_vote(room.state, 0, Technique.DOT_VOTE)
    assert [p.name for p in waiting] == ["Anna", "Bram"]
    assert meeting.dots_allowed(None) == 3 * 2  # the plan's 3 dots each, for two voters


def test_a_vote_or_a_score_in_an_observers_name_is_refused_with_the_reason(
    tmp_path: Path,
) -> None:
    room = table(tmp_path)
    meeting = converging(room)
    idea = meeting.add_idea("Statiegeld op accu's").id
    with refused(room, "tester.refused.observer", name="Dewi"):
        meeting.vote(idea, "p3")
    with refused(room, "tester.refused.observer", name="Dewi"):
        meeting.score(idea, 3, "p3")
    meeting.vote(idea, "p1")
    assert room.on_disk().ideas[idea].tally.dots == {"p1": 1}


def test_an_observer_is_not_asked_in_the_consent_round(tmp_path: Path) -> None:
    room = table(tmp_path)
    meeting = consolidating(room)
    agreement = meeting.record_agreement("We testen 200 accu's").id
    with refused(room, "tester.refused.observer", name="Dewi"):
        meeting.answer_consent(agreement, "p3", ConsentAnswer.OBJECTION, "Te snel")
    meeting.answer_consent(agreement, "p1", ConsentAnswer.CONSENT)
    meeting.answer_consent(agreement, "p2", ConsentAnswer.CONSENT)
    state = room.on_disk()
    assert consent_state(state.agreements[agreement], state) is ConsentState.GIVEN


def test_an_observers_answer_recorded_earlier_is_kept_apart_and_does_not_count() -> None:
    timed: list[tuple[float, Event]] = [(0, opened()), *((0, p) for p in TABLE)]
    timed += [
        (10, RoundStarted(step=0, movement=Movement.CONSOLIDATE)),
        (20, AgreementRecorded(agreement_id="a1", text="We testen 200 accu's")),
        (30, ConsentAnswered(agreement_id="a1", round=1, participant_id="p1", answer="consent")),
        (
            31,
            ConsentAnswered(
                agreement_id="a1",
                round=1,
                participant_id="p3",
                answer="objection",
                objection="Te snel",
            ),
        ),
        (32, ConsentAnswered(agreement_id="a1", round=1, participant_id="p2", answer="aside")),
    ]
    state = fold(records(timed))
    agreement = state.agreements["a1"]
    assert consent_state(agreement, state) is ConsentState.GIVEN
    lines = [line.text for line in consent_lines(agreement, "nl")]
    assert lines == [
        "Instemming: Anna (mag besluiten)",
        "Stond opzij: Bram (raadpleegt eerst)",
        "Toehoorder, telde niet mee: Dewi: Te snel",
    ]
