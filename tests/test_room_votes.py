"""Votes and consent from phones, the second round: standing aside in the consent round by
name, and nameless ballots in an anonymous vote (one per participant, the plan's limit held,
nothing on file linking a ballot to a device or a name)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.room_kit import Phones, post, started
from tests.test_consent import word_paragraphs
from tui.room.access import COOKIE
from tui.wyber.ballot import is_ballot
from tui.wyber.commands import NextMovement
from tui.wyber.consent import consent_lines
from tui.wyber.events import ConsentAnswer, ScoreGiven, VoteCast
from tui.wyber.i18n import tr


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Phones]:
    with started(tmp_path / "data") as made:
        yield made


def consolidate(room: Phones) -> str:
    """The group in the consent round, testing a proposal (its round opened): its id."""
    meeting = room.meeting.meeting
    meeting.execute(NextMovement())
    meeting.execute(NextMovement())
    made = meeting.record_agreement("Plant ten trees").id
    meeting.open_round(made)
    return made


async def test_a_phone_stands_aside_and_the_minutes_say_so_as_for_a_typed_answer(
    room: Phones,
) -> None:
    async with room.phone() as anna:
        await post(anna, "/api/join", {"name": "", "participant_id": "p1"})
        agreement = consolidate(room)
        aside = {"agreement_id": agreement, "answer": "aside"}
        assert (await post(anna, "/api/consent", aside)).status_code == 200
        [shown] = (await anna.get("/api/view")).json()["consolidate"]["agreements"]
        assert shown["answer"] == "aside"
    state = room.meeting.on_disk()
    [answer] = state.agreements[agreement].round.answers.values()
    assert (answer.answer, answer.name) == (ConsentAnswer.ASIDE, "Anna de Vries")
    stood = tr("en", "consent.line.aside", names="Anna de Vries")
    assert stood in [line.text for line in consent_lines(state.agreements[agreement], "en")]
    assert stood in "\n".join(word_paragraphs(state, "en"))  # the round, under its table


async def test_words_go_with_an_objection_only_and_a_bad_answer_is_refused(
    room: Phones,
) -> None:
    async with room.phone(join="Kees Smit") as kees:
        agreement = consolidate(room)
        worded = {"agreement_id": agreement, "answer": "aside", "words": "I'd rather not"}
        assert (await post(kees, "/api/consent", worded)).status_code == 409
        unknown = {"agreement_id": agreement, "answer": "maybe"}
        assert (await post(kees, "/api/consent", unknown)).status_code == 400
        old_page = {"agreement_id": agreement, "consent": True, "words": ""}
        assert (await post(kees, "/api/consent", old_page)).status_code == 200
    [answer] = room.meeting.on_disk().agreements[agreement].round.answers.values()
    assert answer.answer is ConsentAnswer.CONSENT


def converge_anonymously(room: Phones) -> str:
    """An idea to vote on, the group converging, the facilitator making the vote anonymous."""
    idea = room.meeting.idea("Trees on the square")
    room.meeting.meeting.execute(NextMovement())
    assert room.room.toggle(room.room.anonymous)
    return idea


async def dot(phone: object, target: str, delta: int = 1) -> int:
    return (await post(phone, "/api/vote", {"target_id": target, "delta": delta})).status_code  # type: ignore[arg-type]


async def test_an_anonymous_vote_is_one_nameless_ballot_per_participant_within_the_limit(
    room: Phones, tmp_path: Path
) -> None:
    async with room.phone(join="Kees Smit") as kees:
        target = converge_anonymously(room)
        async with room.phone() as nameless, room.phone() as again:
            assert (await post(nameless, "/api/join", {"name": ""})).is_success
            assert [await dot(kees, target) for _ in "abcd"] == [200, 200, 200, 409]
            assert [await dot(nameless, target) for _ in "abcd"] == [200, 200, 200, 409]
            assert await dot(nameless, target, -1) == 200
            seen = (await nameless.get("/api/view")).json()["converge"]
            assert (seen["dots_left"], seen["targets"][0]["mine"], seen["nameless"]) == (1, 2, True)
            assert await dot(again, target) == 403  # a device that did not join has no ballot
            tokens = [kees.cookies[COOKIE], nameless.cookies[COOKIE]]
    state = room.meeting.on_disk()
    tally = state.tally_of(target)
    assert tally is not None and sum(tally.dots.values()) == 5
    records = room.meeting.archive.read(state.session_id)
    votes = [r for r in records if isinstance(r.event, VoteCast)]
    assert len(votes) == 7 and all(r.actor is None for r in votes)
    ballots = {r.event.voter_id for r in votes}
    assert len(ballots) == 2 and all(v is not None and is_ballot(v) for v in ballots)
    # Nothing on file names whose ballot is whose: no participant id or device token is in a
    # vote's record, and no device token is anywhere on file.
    kees_id = next(p.id for p in state.participants.values() if p.name == "Kees Smit")
    assert all(kees_id not in r.model_dump_json() for r in votes)
    for file in (p for p in (tmp_path / "data").rglob("*") if p.is_file()):
        content = file.read_bytes()
        assert not any(token.encode() in content for token in tokens), file


async def test_switching_a_vote_to_anonymous_and_back_gives_nobody_more_dots(
    room: Phones,
) -> None:
    async with room.phone(join="Kees Smit") as kees:
        idea = room.meeting.idea("Benches")
        room.meeting.meeting.execute(NextMovement())
        assert [await dot(kees, idea) for _ in "ab"] == [200, 200]  # by name
        room.room.toggle(room.room.anonymous)
        assert (await kees.get("/api/view")).json()["converge"]["dots_left"] == 1
        assert [await dot(kees, idea) for _ in "ab"] == [200, 409]  # the ballot has one left
        room.room.toggle(room.room.anonymous)
        assert await dot(kees, idea) == 409  # and back by name: still three in all
    tally = room.meeting.on_disk().tally_of(idea)
    assert tally is not None and sum(tally.dots.values()) == 3


async def test_nameless_scores_count_each_ballot_and_leave_the_facilitators_undo_alone(
    room: Phones,
) -> None:
    async with room.phone() as one, room.phone() as two:
        target = converge_anonymously(room)
        for phone in (one, two):
            assert (await post(phone, "/api/join", {"name": ""})).is_success
        room.meeting.meeting.toggle_selected(target)  # the facilitator's own last command
        scored = await post(one, "/api/score", {"target_id": target, "score": 4})
        assert scored.is_success, scored.text
        assert (await post(two, "/api/score", {"target_id": target, "score": 2})).is_success
        seen = (await one.get("/api/view")).json()["converge"]["targets"][0]
        assert seen["my_score"] == 4 and "score" not in seen  # hidden until revealed
        room.room.toggle(room.room.revealed)
        # As the board gives it, in the phone's language: the average on the scale, how many.
        seen = (await one.get("/api/view", headers={"X-Lang": "nl"})).json()["converge"]
        assert (seen["targets"][0]["score"], seen["targets"][0]["number"]) == (
            "3,0 / 5 (2 scoorden)",
            1,
        )
    tally = room.meeting.meeting.state.tally_of(target)
    assert tally is not None and tally.selected
    assert sorted(tally.scores.values()) == [2, 4] and all(map(is_ballot, tally.scores))
    assert room.meeting.meeting.undo()  # takes back the facilitator's selection, no score
    tally = room.meeting.meeting.state.tally_of(target)
    assert tally is not None and not tally.selected and sorted(tally.scores.values()) == [2, 4]
    records = room.meeting.archive.read(room.meeting.state.session_id)
    scores = [r for r in records if isinstance(r.event, ScoreGiven)]
    assert len(scores) == 2 and all(r.actor is None for r in scores)


async def test_the_facilitator_removes_an_anonymous_idea_without_learning_its_author(
    room: Phones,
) -> None:
    room.room.toggle(room.room.anonymous)
    async with room.phone(join="Kees Smit") as kees:
        made = (await post(kees, "/api/ideas", {"text": "Fewer meetings"})).json()["made"][0]
        idea = room.meeting.meeting.state.ideas[made]
        assert (idea.author_id, idea.author_name) == (None, "")  # all the board can show
        room.meeting.meeting.remove_idea(made)
        assert (await kees.get("/api/view")).json()["diverge"]["mine"] == []
        assert room.meeting.meeting.undo()  # put back: still the phone's own to edit
        mine = (await kees.get("/api/view")).json()["diverge"]["mine"]
        assert [i["id"] for i in mine] == [made]
        assert (await post(kees, f"/api/ideas/{made}/edit", {"text": "No meetings"})).is_success
    records = room.meeting.archive.read(room.meeting.state.session_id)
    assert all(r.actor is None for r in records if getattr(r.event, "idea_id", None) == made)
