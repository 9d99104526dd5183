"""What the room knows besides the journal, and what a participant's device may do.

Every contribution becomes the command a typed one is (tui/wyber/commands.py), with the
participant as its actor, through the meeting's one door; the room runs on the meeting's owner
(the app's event loop, where the embedded server runs too), so it calls `execute` directly.

Anonymity: in a movement the facilitator made anonymous, an idea's command carries no actor and
no author, so nothing in the journal (and so in exports and minutes) links it to a device or a
name. Which ideas a device sent is kept here, in memory only, so the device can edit and withdraw
its own; it is gone when the room closes. The command's undo unit, which `execute` keeps for the
actor None (the facilitator), is taken off again at once: the facilitator's Ctrl+Z never takes
back a phone's idea. Votes there are cast under a nameless ballot (tui/wyber/ballot.py), one per
participant and movement: the plan's dots hold per ballot, and which ballot is whose is kept
here, in memory only, like the ideas.

Nothing here is recorded: joining open or closed, anonymous or named, revealed or hidden, and who
is done are how the room is run, not facts of the meeting (like a go-around, goaround.py).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tui.room.access import GuessLimit, new_code, new_device_token, new_secret, same
from tui.room.durable import Durability, Watch, already_durable
from tui.room.stream import Stream
from tui.wyber.ballot import new_ballot
from tui.wyber.commands import (
    AddIdea,
    AddParticipant,
    AnswerConsent,
    Command,
    EditIdea,
    Outcome,
    Refused,
    RemoveIdea,
    Score,
    SetPresent,
    Vote,
)
from tui.wyber.events import ConsentAnswer, IdeaAdded, ParticipantAdded
from tui.wyber.late import Place
from tui.wyber.live import LiveMeeting
from tui.wyber.plan import Movement, Technique
from tui.wyber.rules import (
    dots_each,
    dots_used,
    find_participant,
    place_now,
    split_author,
    timebox_now,
)

UNSEEN = frozenset({"vote_cast", "score_given"})  # the kinds of record that are votes


class Denied(Exception):
    """The device may not do this (not joined, not its own, the room shut): HTTP 403."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(slots=True)
class Device:
    token: str
    participant_id: str | None = None
    joined: bool = False
    streams: int = 0  # live streams open now: the facilitator sees who is connected
    anonymous_ideas: set[str] = field(default_factory=set)  # in memory only, never written


@dataclass(frozen=True, slots=True)
class Answer:
    """A contribution's answer: done (with the ids it made), or refused with a catalog key."""

    made: tuple[str, ...] = ()
    refused: Refused | None = None


class Room:
    def __init__(
        self,
        live: LiveMeeting,
        durable_seq: Callable[[], int],
        *,
        watch: Watch = already_durable,
        guesses: GuessLimit | None = None,
    ) -> None:
        self.live = live
        self.secret = new_secret()
        self.code = new_code()
        self.joining_open = True
        self.closed = False
        self.devices: dict[str, Device] = {}
        self.anonymous: set[Place] = set()
        self.revealed: set[Place] = set()
        self.done: dict[Place, set[str]] = {}
        # (movement, participant id or device token) → its nameless ballot: memory only.
        self.ballots: dict[tuple[Place, str], str] = {}
        self.guesses = guesses or GuessLimit()
        self.stream = Stream(live, quiet=self._unseen)
        self.durability = Durability(durable_seq, watch)  # `watch`: told of each fsync
        # Whose turn it is in a go-around (the run screen's idea board knows): None when none.
        self.turn_of: Callable[[], str | None] = lambda: None
        self.on_change: Callable[[], None] = lambda: None  # the facilitator's panel redraws
        # The evaluation beginning or ending changes what each phone may do, without a record.
        self._unwatch = live.watch(self.changed)

    # ── the facilitator's side (the terminal only: none of this is reachable over HTTP) ─────

    def changed(self) -> None:
        self.stream.room_changed()
        self.on_change()

    def close_joining(self) -> None:
        self.joining_open = False
        self.changed()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.joining_open = False
        self._unwatch()
        self.stream.close()
        self.durability.close()
        self.on_change()

    def toggle(self, which: set[Place]) -> bool:
        """Make the current movement anonymous / revealed, or not; the new setting."""
        place = place_now(self.live.state)
        if place is None:
            return False
        which.symmetric_difference_update({place})
        self.changed()
        return place in which

    def here(self, which: set[Place]) -> bool:
        place = place_now(self.live.state)
        return place is not None and place in which

    @property
    def joined(self) -> list[Device]:
        return [d for d in self.devices.values() if d.joined]

    def names(self) -> list[tuple[str, bool]]:
        """Who joined (a name, or "" for one who joined without), and whether connected now."""
        people = self.live.state.participants
        return [
            (people[d.participant_id].name if d.participant_id in people else "", d.streams > 0)
            for d in self.joined
        ]

    def readiness(self) -> tuple[int, int]:
        """How many of the joined devices said they are done here, of how many: no names."""
        place = place_now(self.live.state)
        done = self.done.get(place, set()) if place is not None else set()
        return len(done), len(self.joined)

    def _unseen(self, kinds: Sequence[str]) -> bool:
        """Votes alone, while the results are hidden: nothing a phone shows has changed (its
        own vote's answer tells it its dots)."""
        return bool(kinds) and set(kinds) <= UNSEEN and not self.here(self.revealed)

    # ── coming in ───────────────────────────────────────────────────────────────────────────

    def admit_secret(self, secret: str) -> Device:
        if self.closed or not self.joining_open or not same(secret.upper(), self.secret):
            raise Denied("room.phone.denied.link")
        return self._new_device()

    def admit_code(self, code: str, client: str) -> Device:
        if self.closed or not self.joining_open:
            raise Denied("room.phone.denied.closed")
        if not self.guesses.allow(client):
            raise Denied("room.phone.denied.guesses")
        if not same(code.strip(), self.code):
            raise Denied("room.phone.denied.code")
        return self._new_device()

    def _new_device(self) -> Device:
        device = Device(new_device_token())
        self.devices[device.token] = device
        return device

    def device(self, token: str | None) -> Device:
        device = self.devices.get(token or "")
        if device is None or self.closed or self.live.state.finished:
            raise Denied("room.phone.denied.closed")
        return device

    def _joined(self, token: str | None) -> Device:
        device = self.device(token)
        if not device.joined:
            raise Denied("room.phone.denied.join_first")
        return device

    def match(self, name: str) -> tuple[str, str] | None:
        """The prepared participant a typed name means (their id and name), not yet claimed."""
        person = find_participant(self.live.state, name)
        if person is None or any(d.participant_id == person.id for d in self.joined):
            return None
        return person.id, person.name

    def join(self, token: str | None, name: str, participant_id: str | None) -> Answer:
        """Join as the prepared participant confirmed (`participant_id`), as a new participant
        named `name`, or (no name, in an anonymous movement) as nobody in particular. One who
        joined without a name may give it later, joining closed or not (they are in): without,
        a named vote or the consent round by name was closed to them for the whole meeting."""
        device = self.device(token)
        if device.participant_id is not None:
            return Answer()
        if not device.joined and not self.joining_open:
            raise Denied("room.phone.denied.closed")
        if participant_id is not None:
            person = self.live.state.participants.get(participant_id)
            claimed = any(d.participant_id == participant_id for d in self.joined)
            if person is None or claimed:
                raise Denied("room.phone.denied.taken")
            if not person.present:
                answer = self._do(SetPresent(participant_id=person.id, present=True))
                if answer.refused:
                    return answer
            device.participant_id = person.id
        elif name.strip():
            answer = self._do(AddParticipant(name=name))
            if answer.refused:
                return answer
            device.participant_id = answer.made[0]
        elif not self.here(self.anonymous):
            return Answer(refused=Refused("room.phone.refused.name_needed"))
        elif device.joined:
            return Answer()
        if device.joined:  # the nameless ballots it cast are its participant's now
            for place, who in [key for key in self.ballots if key[1] == device.token]:
                self.ballots[place, device.participant_id or ""] = self.ballots.pop((place, who))
        device.joined = True
        self.changed()
        return Answer(made=(device.participant_id or "",))

    def name_needed(self, device: Device) -> bool:
        """Joined without a name, in a movement that is not anonymous: nothing to do here
        until the device gives one."""
        return device.joined and device.participant_id is None and not self.here(self.anonymous)

    # ── contributions ───────────────────────────────────────────────────────────────────────

    def _do(self, command: Command, anonymous: bool = False) -> Answer:
        # An anonymous phone's command carries no actor, as the facilitator's do: it keeps no
        # undo unit, so that the facilitator's Ctrl+Z never takes it back.
        outcome: Outcome = self.live.execute(command, keep_undo=not anonymous)
        if outcome.refused is not None:
            return Answer(refused=outcome.refused)
        made = tuple(
            event.idea_id if isinstance(event, IdeaAdded) else event.participant_id
            for event in outcome.events()
            if isinstance(event, IdeaAdded | ParticipantAdded)
        )
        return Answer(made=made)

    def last_seq(self) -> int:
        return self.live.state.last_seq

    def _place(self, movement: Movement) -> Place:
        place = place_now(self.live.state)
        if place is None or place[1] is not movement:
            raise Denied("room.phone.denied.movement")
        return place

    def add_idea(self, token: str | None, text: str) -> Answer:
        device = self.device(token)
        place = self._place(Movement.DIVERGE)
        step, movement = place
        if self.here(self.anonymous):
            self._names_nobody(text)
            answer = self._do(AddIdea(step=step, movement=movement, text=text), anonymous=True)
            device.anonymous_ideas.update(answer.made)
            return answer
        device = self._joined(token)
        if device.participant_id is None:
            raise Denied("room.phone.denied.join_first")
        actor = device.participant_id
        return self._do(
            AddIdea(actor=actor, step=step, movement=movement, text=text, author_id=actor)
        )

    def own_ideas(self, device: Device) -> list[str]:
        state = self.live.state
        return [
            idea.id
            for idea in state.ideas.values()
            if idea.id in device.anonymous_ideas
            or (device.participant_id is not None and idea.author_id == device.participant_id)
        ]

    def _own_idea(self, token: str | None, idea_id: str) -> tuple[Device, bool]:
        device = self.device(token)
        if idea_id not in self.own_ideas(device):
            raise Denied("room.phone.denied.not_yours")
        return device, idea_id in device.anonymous_ideas

    def _names_nobody(self, text: str) -> None:
        """A phone's text is never read as "Anna: …" (the facilitator's shorthand for who said
        it): the idea would carry Anna's name, in an anonymous movement, or in an edit of one's
        own idea, someone else's. Such a text is refused rather than changed."""
        if split_author(self.live.state, text)[1] is not None:
            raise Denied("room.phone.denied.names_someone")

    def edit_idea(self, token: str | None, idea_id: str, text: str) -> Answer:
        device, anonymous = self._own_idea(token, idea_id)
        self._names_nobody(text)
        actor = None if anonymous else device.participant_id
        return self._do(EditIdea(actor=actor, idea_id=idea_id, text=text), anonymous=anonymous)

    def withdraw_idea(self, token: str | None, idea_id: str) -> Answer:
        device, anonymous = self._own_idea(token, idea_id)
        actor = None if anonymous else device.participant_id
        answer = self._do(RemoveIdea(actor=actor, idea_id=idea_id), anonymous=anonymous)
        if not answer.refused:
            device.anonymous_ideas.discard(idea_id)
        return answer

    def say_done(self, token: str | None, done: bool) -> None:
        device = self.device(token)
        place = place_now(self.live.state)
        if place is None:
            raise Denied("room.phone.denied.movement")
        those = self.done.setdefault(place, set())
        (those.add if done else those.discard)(device.token)
        self.changed()

    def ballot(self, device: Device) -> str | None:
        """The device's nameless ballot in this movement, once it voted anonymously here: one
        per participant (or per device, for one who joined without a name), in memory only."""
        place = place_now(self.live.state)
        if place is None:
            return None
        return self.ballots.get((place, device.participant_id or device.token))

    def voter(self, device: Device) -> str | None:
        """Whom the device's votes count as now: its ballot in an anonymous movement, else its
        participant; None when it has none (yet)."""
        if not device.joined:
            return None
        return self.ballot(device) if self.here(self.anonymous) else device.participant_id

    def _voter(self, token: str | None) -> tuple[str, bool]:
        """The voter id the device votes as here (a new ballot on its first anonymous vote),
        and whether it is a nameless ballot."""
        device = self._joined(token)
        place = self._place(Movement.CONVERGE)
        if not self.here(self.anonymous):
            if device.participant_id is None:
                raise Denied("room.phone.denied.name_to_vote")
            return device.participant_id, False
        who = device.participant_id or device.token
        return self.ballots.setdefault((place, who), new_ballot()), True

    def dots_spent(self, device: Device) -> int:
        """The dots the device's participant placed in this step, by name and by ballot: the
        facilitator switching a vote to anonymous (or back) gives nobody more dots."""
        state = self.live.state
        voters = {device.participant_id, self.ballot(device)} - {None}
        return sum(dots_used(state, voter) for voter in voters)

    def vote(self, token: str | None, target_id: str, delta: int) -> Answer:
        voter, nameless = self._voter(token)
        state = self.live.state
        if delta > 0 and self.dots_spent(self.devices[token or ""]) >= dots_each(state):
            return Answer(refused=Refused("run.refused.no_dots_left", dots=dots_each(state)))
        step_delta = 1 if delta > 0 else -1
        actor = None if nameless else voter
        vote = Vote(actor=actor, target_id=target_id, voter_id=voter, delta=step_delta)
        return self._do(vote, anonymous=nameless)

    def score(self, token: str | None, target_id: str, score: int | str) -> Answer:
        voter, nameless = self._voter(token)
        actor = None if nameless else voter
        given = Score(actor=actor, target_id=target_id, voter_id=voter, score=score)
        return self._do(given, anonymous=nameless)

    def consent(
        self, token: str | None, agreement_id: str, answer: ConsentAnswer, words: str
    ) -> Answer:
        """The phone answers for its own participant in the round by name: consent, an
        objection in their words, or standing aside (words with anything but an objection are
        refused, as typed ones are: an objection never becomes consent)."""
        device = self._joined(token)
        if device.participant_id is None:
            raise Denied("room.phone.denied.name_to_vote")
        self._place(Movement.CONSOLIDATE)
        actor = device.participant_id
        return self._do(
            AnswerConsent(
                actor=actor,
                agreement_id=agreement_id,
                participant_id=actor,
                answer=answer,
                objection=words,
            )
        )

    def technique(self) -> Technique | None:
        box = timebox_now(self.live.state)
        return box.technique if box is not None else None

    def ideas_hidden(self) -> bool:
        """Silent writing not revealed yet: each phone sees only its own ideas (the projector
        only how many there are). In any other diverge everyone's ideas are in sight."""
        return self.technique() is Technique.SILENT_WRITING and not self.here(self.revealed)

    def ideas_open(self) -> bool:
        """A diverge whose ideas no reveal hides: each phone sees everyone's."""
        place = place_now(self.live.state)
        return place is not None and place[1] is Movement.DIVERGE and not self.ideas_hidden()
