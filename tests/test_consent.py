"""A consent round by name: one record per answer, objections never lost, how each is resolved.

The round goes through the command API like every change (tui/wyber/live.py): a participant answers
for themself, the facilitator may record anyone's answer; each actor's Ctrl+Z takes back their own;
an answer for a consent movement the group has left is refused, and the fold ignores it alike.
What the round says is read back from the state on disk, the summary's words and the Word file.
"""

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.test_meeting import Room, consolidating, open_room, refused
from tui.screens.summary import details
from tui.wyber.commands import AnswerConsent, Outcome, ResolveObjection, Undo
from tui.wyber.consent import consent_label, consent_lines, consent_state, person
from tui.wyber.events import (
    AgreementRecorded,
    ConsentAnswer,
    ConsentAnswered,
    ConsentNoted,
    ParticipantAdded,
    Resolution,
    RoundStarted,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.plan import Movement
from tui.wyber.state import Answer, ConsentState, SessionState

from .factory import opened, records

YES, NO, ASIDE = ConsentAnswer.CONSENT, ConsentAnswer.OBJECTION, ConsentAnswer.ASIDE
K = Movement.CONSOLIDATE
PROPOSAL = "Elke maand delen we de pilotdata"
AMENDED = "Elke maand delen we de pilotdata, zonder klantnamen"
WORDS = "Klantnamen mogen niet gedeeld worden"


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    """The 30-minute wyber in its consolidate movement; Anna, Bram and Maryam are present."""
    made = open_room(tmp_path / "data")
    consolidating(made)
    yield made
    made.meeting.session.close()


def proposal(room: Room, opened: bool = True) -> str:
    """The proposal, its consent round opened by the facilitator (key i) unless not `opened`."""
    made = room.meeting.record_agreement(PROPOSAL).id
    if opened:
        room.meeting.open_round(made)
    return made


def answer(
    room: Room, actor: str | None, who: str, said: ConsentAnswer | None, words: str = ""
) -> Outcome:
    """`actor` records `who`'s answer to the room's (only) proposal, made in its consolidate."""
    (agreement_id,) = room.state.agreements
    command = AnswerConsent(
        actor=actor,
        step=0,
        movement=K,
        agreement_id=agreement_id,
        participant_id=who,
        answer=said,
        objection=words,
    )
    return room.meeting.execute(command)


def refusal(outcome: Outcome) -> str:
    assert outcome.refused is not None, "the command was not refused"
    return outcome.refused.key


# ── the round, per person ───────────────────────────────────────────────────────────────────────


def test_each_answer_is_one_record_by_whoever_recorded_it_for_whose_answer(room: Room) -> None:
    a = proposal(room)
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.OPEN
    assert answer(room, "p1", "p1", YES).done  # Anna answers on her phone
    assert answer(room, None, "p2", NO, "  Klantnamen mogen niet gedeeld worden\x07 ").done
    assert answer(room, None, "p3", ASIDE).done  # the facilitator records Maryam's answer
    stored = room.archive.read(room.state.session_id)
    answered = [r for r in stored if isinstance(r.event, ConsentAnswered)]
    assert [(r.actor, r.event.participant_id, r.event.answer) for r in answered] == [
        ("p1", "p1", YES),
        (None, "p2", NO),
        (None, "p3", ASIDE),
    ]
    assert all((r.step, r.movement) == (0, K) for r in answered)
    round_ = room.state.agreements[a].round
    assert [(x.name, x.answer, x.objection) for x in round_.answers.values()] == [
        ("Anna de Vries", YES, ""),
        ("Bram Jansen", NO, WORDS),
        ("مريم الحداد", ASIDE, ""),
    ]
    # An objection not yet resolved keeps the consent open.
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.OPEN
    assert room.on_disk() == room.state


def test_a_participant_answers_for_themself_only_and_only_when_present(room: Room) -> None:
    proposal(room)
    assert refusal(answer(room, "p1", "p2", YES)) == "consent.refused.not_yours"
    room.meeting.set_present("p3", False)
    assert refusal(answer(room, None, "p3", YES)) == "consent.refused.absent"
    assert refusal(answer(room, None, "p9", YES)) == "run.refused.no_such_participant"
    assert not next(iter(room.state.agreements.values())).round.answers


def test_a_participant_answers_only_once_the_facilitator_opened_the_round(room: Room) -> None:
    """Anna's phone before the round is opened: refused, with the reason, and nothing recorded;
    the facilitator's own answer (typed in the round's dialog) is taken. An amendment starts a
    round that is closed again until the facilitator opens it."""
    a = proposal(room, opened=False)
    told: list[bool] = []
    room.meeting.watch(lambda: told.append(room.meeting.round_open(a)))
    seq = room.state.last_seq
    assert not room.meeting.round_open(a)
    assert refusal(answer(room, "p1", "p1", YES)) == "consent.refused.round_not_open"
    assert room.state.last_seq == seq
    assert "facilitator" in tr("nl", "consent.refused.round_not_open")
    room.meeting.open_round(a)
    room.meeting.open_round(a)  # open already: nobody is told twice
    assert told == [True]
    assert answer(room, "p1", "p1", NO, WORDS).done
    room.meeting.resolve_objection(a, "p1", Resolution.AMENDED, AMENDED)
    assert not room.meeting.round_open(a)
    assert refusal(answer(room, "p1", "p1", YES)) == "consent.refused.round_not_open"
    assert answer(room, None, "p2", YES).done  # the facilitator's: the round is under way
    assert room.meeting.round_open(a) and answer(room, "p1", "p1", YES).done


def test_typed_words_never_become_consent(room: Room) -> None:
    """The core's half of the promise: an objection needs its words, and words are an objection."""
    a = proposal(room)
    seq = room.state.last_seq
    assert refusal(answer(room, None, "p1", YES, WORDS)) == "consent.refused.words_are_an_objection"
    assert (
        refusal(answer(room, None, "p1", ASIDE, WORDS)) == "consent.refused.words_are_an_objection"
    )
    assert refusal(answer(room, None, "p1", NO, " \x00 ")) == "run.refused.objection_needs_text"
    assert room.state.last_seq == seq and not room.state.agreements[a].round.answers


# ── resolving an objection ──────────────────────────────────────────────────────────────────────


def objected(room: Room) -> str:
    a = proposal(room)
    answer(room, None, "p1", YES).check()
    answer(room, None, "p2", NO, WORDS).check()
    return a


def test_an_amended_proposal_changes_the_text_and_starts_the_round_again(room: Room) -> None:
    a = objected(room)
    room.meeting.resolve_objection(a, "p2", Resolution.AMENDED, AMENDED)
    agreement = room.state.agreements[a]
    assert agreement.text == AMENDED
    assert len(agreement.rounds) == 2 and not agreement.round.answers
    assert consent_state(agreement, room.state) is ConsentState.OPEN
    first = agreement.rounds[0].answers
    assert (first["p2"].objection, first["p2"].resolution) == (WORDS, Resolution.AMENDED)
    assert [h.previous_text for h in agreement.history] == [PROPOSAL]
    # The new round: everyone answers again, on the new text.
    for who in ("p1", "p2", "p3"):
        answer(room, None, who, YES).check()
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.GIVEN
    assert room.on_disk() == room.state


def test_an_amendment_must_change_the_text_and_is_the_facilitators(room: Room) -> None:
    a = objected(room)
    with refused(room, "consent.refused.same_text"):
        room.meeting.resolve_objection(a, "p2", Resolution.AMENDED, f"  {PROPOSAL} ")
    with refused(room, "run.refused.empty_agreement"):
        room.meeting.resolve_objection(a, "p2", Resolution.AMENDED, "  ")
    with refused(room, "consent.refused.no_objection"):
        room.meeting.resolve_objection(a, "p1", Resolution.WITHDRAWN)  # Anna consented
    phone = ResolveObjection(
        actor="p2", step=0, movement=K, agreement_id=a, participant_id="p2",
        resolution=Resolution.AMENDED, text=AMENDED,
    )  # fmt: skip
    assert refusal(room.meeting.execute(phone)) == "consent.refused.amend_is_the_facilitators"


def test_a_withdrawn_objection_lets_consent_be_given_a_standing_one_does_not(room: Room) -> None:
    a = objected(room)
    answer(room, None, "p3", ASIDE).check()
    room.meeting.resolve_objection(a, "p2", Resolution.STANDING)
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.OBJECTED
    # Bram himself withdraws it, from his phone.
    withdraw = ResolveObjection(
        actor="p2", step=0, movement=K, agreement_id=a, participant_id="p2",
        resolution=Resolution.WITHDRAWN,
    )  # fmt: skip
    assert room.meeting.execute(withdraw).done
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.GIVEN
    assert room.on_disk() == room.state


def test_changing_the_text_after_consent_reopens_it_and_the_history_says_so(room: Room) -> None:
    a = proposal(room)
    for who in ("p1", "p2", "p3"):
        answer(room, None, who, YES).check()
    agreement = room.state.agreements[a]
    assert consent_state(agreement, room.state) is ConsentState.GIVEN
    same = (agreement.kind, agreement.owner_id, agreement.deadline, agreement.field)
    room.meeting.edit_agreement(a, PROPOSAL, *same[:1], "p1", *same[2:])  # an owner: no reopening
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.GIVEN
    room.meeting.edit_agreement(a, AMENDED, *same[:1], "p1", *same[2:])
    agreement = room.state.agreements[a]
    assert consent_state(agreement, room.state) is ConsentState.OPEN
    assert [h.previous_text for h in agreement.history] == [PROPOSAL]
    lines = [line.text for line in consent_lines(agreement, "en")]
    assert tr("en", "consent.line.reopened", text=PROPOSAL) in lines
    assert room.on_disk() == room.state


# ── undo per actor, and the late rule ───────────────────────────────────────────────────────────


def test_each_actor_takes_back_their_own_answer_only(room: Room) -> None:
    a = proposal(room)
    answer(room, "p1", "p1", NO, WORDS).check()
    answer(room, "p1", "p1", YES).check()  # Anna changes her mind
    answer(room, None, "p2", ASIDE).check()
    # The facilitator's undo takes back what the facilitator recorded: Bram's answer.
    assert room.meeting.undo()
    answers = room.state.agreements[a].round.answers
    assert list(answers) == ["p1"] and answers["p1"].answer is YES
    # Anna's undo puts her earlier answer back: her objection, words and all.
    assert room.meeting.execute(Undo(actor="p1", step=0, movement=K)).done
    assert (answers["p1"].answer, answers["p1"].objection) == (NO, WORDS)
    assert room.meeting.execute(Undo(actor="p1", step=0, movement=K)).done
    assert not room.state.agreements[a].round.answers
    assert room.on_disk() == room.state


def test_an_answer_of_an_earlier_round_is_not_put_back_by_undo(room: Room) -> None:
    a = proposal(room)
    answer(room, "p1", "p1", YES).check()
    room.meeting.edit_agreement(a, AMENDED, room.state.agreements[a].kind, None, None, None)
    outcome = room.meeting.execute(Undo(actor="p1", step=0, movement=K))
    assert refusal(outcome) == "command.refused.undo_overtaken"
    assert not room.state.agreements[a].round.answers


def test_an_answer_for_a_consent_the_group_has_left_is_refused_and_not_folded(room: Room) -> None:
    proposal(room)
    room.meeting.previous_movement()  # back to converge: the consolidate is left
    assert refusal(answer(room, "p1", "p1", YES)) == "command.refused.left"

    # The fold holds the same rule: a record of that kind (a phone's, arriving late) made in
    # the consolidate changes nothing once the group has gone back to converge.
    def folded(*, left: bool) -> bool:
        timed = [
            (0, opened()),
            (5, ParticipantAdded(participant_id="p1", name="Anna")),
            (10, RoundStarted(step=0, movement=Movement.CONVERGE)),
            (20, RoundStarted(step=0, movement=K)),
            (30, AgreementRecorded(agreement_id="a1", text=PROPOSAL)),
            (40, RoundStarted(step=0, movement=Movement.CONVERGE if left else K)),
            (50, ConsentAnswered(agreement_id="a1", round=1, participant_id="p1", answer=YES)),
        ]
        made = records(timed)
        made[-1] = made[-1].model_copy(update={"actor": "p1", "step": 0, "movement": K})
        return bool(fold(made).agreements["a1"].round.answers)

    assert folded(left=False) and not folded(left=True)


# ── older sessions, and what the round says ─────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_older_sessions_consent_noted_still_folds_and_shows(lang: Language) -> None:
    state = fold(
        records(
            [
                (0, opened()),
                (10, RoundStarted(step=0, movement=K)),
                (20, AgreementRecorded(agreement_id="a1", text=PROPOSAL)),
                (30, ConsentNoted(agreement_id="a1", consent=True)),
                (40, AgreementRecorded(agreement_id="a2", text=AMENDED)),
                (50, ConsentNoted(agreement_id="a2", consent=False, objections=WORDS)),
            ]
        )
    )
    given, objected_ = state.agreements["a1"], state.agreements["a2"]
    assert consent_state(given, state) is ConsentState.GIVEN
    assert consent_state(objected_, state) is ConsentState.OBJECTED
    assert consent_label(given, state, lang) == tr(lang, "consent.state.given")
    assert consent_label(objected_, state, lang) == tr(
        lang, "consent.line.legacy_objections", objections=WORDS
    )
    texts = word_texts(state, lang)
    assert any(WORDS in text for text in texts)


def word_texts(state: SessionState, lang: Language) -> list[str]:
    """Every table cell of the Word minutes, read back with python-docx."""
    document = docx.Document(io.BytesIO(docx_bytes(build_minutes(state, lang))))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def word_paragraphs(state: SessionState, lang: Language) -> list[str]:
    """Every paragraph of the Word minutes outside the tables, read back with python-docx."""
    document = docx.Document(io.BytesIO(docx_bytes(build_minutes(state, lang))))
    return [paragraph.text for paragraph in document.paragraphs]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_minutes_show_the_round_by_name_with_each_objection_and_its_resolution(
    room: Room, lang: Language
) -> None:
    """The round once, in a paragraph under the table; the table says the text and the outcome:
    in the "What" cell the round ran 25 lines down a narrow column."""
    a = objected(room)
    room.meeting.resolve_objection(a, "p2", Resolution.AMENDED, AMENDED)
    answer(room, None, "p1", YES).check()
    answer(room, None, "p2", YES).check()
    answer(room, None, "p3", ASIDE).check()
    state = room.on_disk()
    t = lambda key, **p: tr(lang, key, **p)  # noqa: E731
    said = [
        t("consent.line.round", number=1),
        t("consent.line.consented", names="Anna de Vries"),
        t(
            "consent.line.objection",
            name="Bram Jansen",
            objection=WORDS,
            resolution=t("consent.resolution.amended"),
        ),
        t("consent.line.reopened", text=PROPOSAL),
        t("consent.line.round", number=2),
        t("consent.line.consented", names="Anna de Vries, Bram Jansen"),
        t("consent.line.aside", names="مريم الحداد"),
    ]
    [paragraph] = [p for p in word_paragraphs(state, lang) if WORDS in p]
    assert paragraph.splitlines() == [t("traject.round_of", number=1), *said]
    cells = word_texts(state, lang)
    assert not any(WORDS in cell or "\n" in cell for cell in cells)
    # The agreement's own text in its cell, and under "Consent" how it ended.
    assert AMENDED in cells and t("traject.consent.amended") in cells


def test_a_name_is_shown_with_its_mandate(room: Room) -> None:
    assert person("Anna", "decides", "nl") == "Anna (mag besluiten)"
    assert person("Anna", "consults", "en") == "Anna (consults first)"
    assert person("Anna", None, "en") == "Anna"
    a = objected(room)
    agreement = room.state.agreements[a]
    bram = agreement.round.answers["p2"]
    agreement.round.answers["p2"] = Answer(
        bram.participant_id, bram.name, "consults", bram.answer, bram.objection, bram.t
    )
    lines = [line.text for line in consent_lines(agreement, "en")]
    assert any(line.startswith("Objection from Bram Jansen (consults first):") for line in lines)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_consent_is_open_naming_who_has_not_answered_in_the_summary_and_the_minutes(
    room: Room, lang: Language
) -> None:
    """Anna consents, Bram stands aside, Maryam (present, with a vote) never answers: no "✔"
    anywhere, and she is named (the summary and the minutes once said "✔ consent"/"✔ given")."""
    a = proposal(room)
    answer(room, None, "p1", YES).check()
    answer(room, None, "p2", ASIDE).check()
    state = room.on_disk()
    agreement = state.agreements[a]
    assert consent_state(agreement, state) is ConsentState.OPEN
    open_ = counted(
        lang,
        "consent.state.waiting",
        1,
        state=tr(lang, "consent.state.open"),
        names="مريم الحداد",
    )
    assert consent_label(agreement, state, lang) == open_
    assert details(state, agreement, lang)["consent"].plain == open_  # the summary's cell
    texts = word_texts(state, lang)
    assert open_ in texts and tr(lang, "tester.consent.given") not in texts
    # Once she has left, the round is through without her; back, she is asked again.
    room.meeting.set_present("p3", False)
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.GIVEN
    room.meeting.set_present("p3", True)
    answer(room, None, "p3", YES).check()
    assert consent_state(room.state.agreements[a], room.state) is ConsentState.GIVEN
