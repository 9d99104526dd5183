"""One door into a live session: every change, from any pair of hands, goes through `execute`.

`LiveMeeting.execute(command)` runs on the session's owner (the thread, in the app the event loop,
that made the meeting or last called `bind`): it checks the command against the current state and
the late-command rule (tui/wyber/late.py), turns it into events, gives out ids, stamps and folds
the records (the session's sink hands them to the writer), keeps one undo unit per command for
the actor who made it (their last UNDO_DEPTH), and then tells the subscribers. It returns an
`Outcome`: the records made, or a refusal with its reason (its key and values, not where it was
raised). Nothing is recorded for a refused command, and everything a command
makes is drafted and checked before its first record is made, so a command is never half applied.

While the group evaluates the session (`set_evaluating`, the facilitator's evaluation on screen)
only the evaluation, the end and people arriving or leaving are taken: an idea, a vote or a
consent from anyone is refused with its reason. That is how the meeting is run, not a fact of it:
nothing is recorded of it, and its watchers (`watch`: the room's phones) are told it changed.

Another thread does not call `execute` (it raises `WrongThread`): it calls `submit_threadsafe`,
which hands the command to the owner through the dispatcher the app gave `bind` (the event loop's
`call_soon_threadsafe`) and returns a `concurrent.futures.Future` of the outcome. One owner is what
keeps ids unique and records in order: three threads that each recorded into the session directly
left 359 of 900 ideas (their ids collided) and jammed the writer on "record 10 after 12".
"""

import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import date
from typing import Any

from pydantic import ValidationError

from tui.wyber.ballot import is_ballot
from tui.wyber.commands import (
    AddIdea,
    AddParticipant,
    AnswerConsent,
    CloseReview,
    Command,
    CreateCluster,
    DissolveCluster,
    EditAgreement,
    EditIdea,
    Evaluate,
    Extend,
    Finish,
    GoTo,
    MergeClusters,
    MoveIdeas,
    NextMovement,
    NextStep,
    OpenReview,
    Outcome,
    PassTurn,
    PreviousMovement,
    Rebalance,
    RecordAgreement,
    Refused,
    RemoveAgreement,
    RemoveIdea,
    RenameCluster,
    ResolveObjection,
    ReviewAgreement,
    Score,
    SetPresent,
    Start,
    StrangerNamed,
    TogglePause,
    ToggleSelected,
    Undo,
    Vote,
)
from tui.wyber.events import (
    AgreementEdited,
    AgreementRecorded,
    AgreementRemoved,
    AgreementReviewed,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentAnswer,
    ConsentAnswered,
    EvaluationRecorded,
    Event,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ObjectionResolved,
    ParticipantAdded,
    PresenceChanged,
    Record,
    Resolution,
    ReviewClosed,
    ReviewOpened,
    ReviewStatus,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionFinished,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    TurnPassed,
    VoteCast,
)
from tui.wyber.late import Late, Place, is_left, reached
from tui.wyber.observers import has_a_vote
from tui.wyber.owners import read_owners
from tui.wyber.rebalance import plan_rebalance
from tui.wyber.review_time import REVIEW_SECONDS_EACH
from tui.wyber.rules import (
    dots_allowed,
    dots_used,
    idea_author,
    parse_score,
    place_now,
    score_top,
    stranger_named,
)
from tui.wyber.series import EarlierAgreement, earlier_agreements
from tui.wyber.session import LiveSession
from tui.wyber.state import ANONYMOUS, Agreement, SessionState
from tui.wyber.text import clean_line, clean_text

Actor = str | None  # a participant's id; None: the facilitator
Dispatcher = Callable[[Callable[[], None]], object]
Subscriber = Callable[[tuple[Record, ...]], None]
Watcher = Callable[[], None]

# How many of their own commands an actor can take back. Ctrl+Z is for the last few slips, and
# each unit is checked against a board that has moved on since; without a bound, a town hall's
# evening kept an undo unit for each of its 3,000 ideas and 10,000 votes until the end.
UNDO_DEPTH = 100


class WrongThread(RuntimeError):
    """`execute` was called from a thread that does not own the session: a programming error.
    Use `submit_threadsafe`."""


class Draft:
    """What a command will record, made and checked before anything is recorded."""

    def __init__(self, live: "LiveMeeting", command: Command) -> None:
        self.live = live
        self.state = live.state
        self.command = command
        self.events: list[Event] = []
        self.undo: list[Event] | None = None  # the events that take this command back
        self.forget_undo = False  # the actor's earlier commands can no longer be taken back

    def new_id(self, prefix: str) -> str:
        """An id no record of this session has used: the seq of the record that brings it (call
        it right before adding that record)."""
        return f"{prefix}{self.state.last_seq + 1 + len(self.events)}"

    def add(self, *events: Event) -> None:
        self.events.extend(events)


Handler = Callable[[Draft, Any], None]


class LiveMeeting:
    """A live session's one door: commands in, records and notifications out."""

    def __init__(self, session: LiveSession, earlier_sessions: Sequence[SessionState] = ()) -> None:
        self.session = session
        # The series' earlier sessions, read once when the meeting opens: what they agreed is
        # reviewed in this one.
        self.earlier_sessions = list(earlier_sessions)
        self._undo: dict[Actor, deque[list[Event]]] = {}
        self._subscribers: list[Subscriber] = []
        self._watchers: list[Watcher] = []
        # The group evaluates the session (the facilitator's evaluation is on screen): how the
        # meeting is run now, not a fact of it, so nothing is recorded of it (like a go-around).
        self.evaluating = False
        # The consent rounds the facilitator opened (an agreement's id, its round's number): a
        # participant answers for themself only there. Also not recorded: a round someone has
        # answered in is under way (`round_open`), so a resumed meeting loses none that mattered.
        self._rounds_open: set[tuple[str, int]] = set()
        self._owner = threading.get_ident()
        self._dispatch: Dispatcher | None = None

    @property
    def state(self) -> SessionState:
        return self.session.state

    def now(self) -> float:
        return self.session.now()

    # ── the owner, and other threads ────────────────────────────────────────────────────────

    def bind(self, dispatch: Dispatcher) -> None:
        """Make the calling thread the owner; other threads' commands reach it via `dispatch`
        (e.g. `loop.call_soon_threadsafe`), which must run what it is given on this thread."""
        self._owner = threading.get_ident()
        self._dispatch = dispatch

    def submit_threadsafe(self, command: Command) -> "Future[Outcome]":
        """Run `command` on the owner, from any thread; the future holds its outcome."""
        future: Future[Outcome] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(self.execute(command))
            except BaseException as error:  # the caller learns of it, the owner goes on
                future.set_exception(error)

        if threading.get_ident() == self._owner:
            run()
        elif self._dispatch is None:
            raise WrongThread("this live meeting has no dispatcher for other threads")
        else:
            self._dispatch(run)
        return future

    # ── views ───────────────────────────────────────────────────────────────────────────────

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call `subscriber` with each command's records, after they are folded into the state;
        returns what unsubscribes it. A subscriber should only note that something changed (the
        app redraws once per frame), as it runs inside the command."""
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def watch(self, watcher: Watcher) -> Callable[[], None]:
        """Call `watcher` when the meeting changes without a record (the evaluation begins or
        ends, a consent round opens); returns what stops it."""
        self._watchers.append(watcher)
        return lambda: self._watchers.remove(watcher)

    def _watched(self) -> None:
        for watcher in list(self._watchers):
            watcher()

    # ── how the meeting is run, without a record ────────────────────────────────────────────

    def set_evaluating(self, evaluating: bool) -> None:
        """The group evaluates the session (True), or is back in the agenda (False): while it
        evaluates, only the commands that say so (`Command.while_evaluating`) are taken."""
        if evaluating != self.evaluating:
            self.evaluating = evaluating
            self._watched()

    def open_round(self, agreement_id: str) -> None:
        """The facilitator opens the consent round on the proposal (its dialog, key i): from now
        on the participants may answer in it themselves, from their phones."""
        agreement = self.state.agreements.get(agreement_id)
        if agreement is None or self.round_open(agreement_id):
            return
        self._rounds_open.add((agreement_id, len(agreement.rounds)))
        self._watched()

    def round_open(self, agreement_id: str) -> bool:
        """Whether the proposal's current consent round is open to the participants' own
        answers: the facilitator opened it, or someone has answered in it. An amendment starts
        a round that is not open until the facilitator opens it."""
        agreement = self.state.agreements.get(agreement_id)
        if agreement is None:
            return False
        opened = (agreement_id, len(agreement.rounds)) in self._rounds_open
        return opened or bool(agreement.round.answers)

    # ── the door ────────────────────────────────────────────────────────────────────────────

    def execute(self, command: Command, keep_undo: bool = True) -> Outcome:
        """Run the command; `keep_undo` False keeps no undo unit for it (a command made by nobody
        in particular, such as an anonymous phone's idea, is no one's to take back)."""
        if threading.get_ident() != self._owner:
            raise WrongThread("a live meeting's commands run on its owner: submit_threadsafe")
        draft = Draft(self, command)
        try:
            self._check(command)
            HANDLERS[type(command)](draft, command)
        except Refused as refused:
            return Outcome(refused=_bare(refused))
        except ValidationError as invalid:  # input a record cannot hold (an idea too long)
            return Outcome(refused=Refused("run.refused.invalid", reason=_first(invalid)))
        # An undo's records are made now, where the group is; every other command's where it
        # was made (for a command late by the rule, that is the movement it was typed in).
        made_in = place_now(self.state)
        if not isinstance(command, Undo) and command.place is not None:
            made_in = command.place
        records = tuple(self._record(event, command.actor, made_in) for event in draft.events)
        if draft.forget_undo:
            self._undo.pop(command.actor, None)
        undo = draft.undo if keep_undo else None
        if undo:
            self._undo.setdefault(command.actor, deque(maxlen=UNDO_DEPTH)).append(undo)
        if records:
            for subscriber in list(self._subscribers):
                subscriber(records)
        return Outcome(records=records, undoable=bool(undo))

    def undoable(self, actor: Actor = None) -> bool:
        """Whether the actor has a command of their own to take back."""
        return bool(self._undo.get(actor))

    def earlier(self) -> list[EarlierAgreement]:
        """The agreements of the series' earlier sessions, as this meeting's reviews left them."""
        return earlier_agreements(self.earlier_sessions, self.state)

    def _check(self, command: Command) -> None:
        state = self.state
        if state.finished and not isinstance(command, Finish | Undo):
            raise Refused("run.refused.finished")
        if self.evaluating and not command.while_evaluating:
            raise Refused("command.refused.evaluating")
        if command.actor is not None and command.actor not in state.participants:
            raise Refused("run.refused.no_such_participant")
        place = command.place
        if place is not None and state.segment_index(*place) is None:
            raise Refused("run.refused.no_such_movement")
        if place is not None and not reached(state, place):
            raise Refused("command.refused.not_reached")
        if command.late is Late.ONLY_WHERE_MADE and is_left(state, place):
            raise Refused("command.refused.left")

    def _record(self, event: Event, actor: Actor, place: Place | None) -> Record:
        step, movement = place if place is not None else (None, None)
        return self.session.record(event, actor=actor, step=step, movement=movement)

    def take_undo(self, actor: Actor) -> list[Event] | None:
        """The actor's last undo unit, off their stack; None when they have nothing to undo."""
        stack = self._undo.get(actor)
        return stack.pop() if stack else None

    def forget_undo(self) -> None:
        """Nobody's commands can be taken back any more (the meeting is finished)."""
        self._undo.clear()


def _bare(refused: Refused) -> Refused:
    """The refusal as its caller needs it: its key and values. Where it was raised goes: the
    traceback holds the command's frames (its draft, the meeting), which an outcome kept as long
    as a phone's answer or a screen's message did."""
    refused.__context__ = None
    return refused.with_traceback(None)


def _first(invalid: ValidationError) -> str:
    return str(invalid.errors()[0]["msg"])


# ── the commands' handlers: each checks, then drafts its events and its undo ─────────────────────


def _segment_index(d: Draft) -> int:
    if d.state.current is None:
        raise Refused("run.refused.not_started")
    return d.state.current


def _go_to(d: Draft, index: int) -> None:
    segment = d.state.segments[index]
    d.add(RoundStarted(step=segment.step, movement=segment.movement))


def _start(d: Draft, _: Start) -> None:
    if d.state.current is not None:
        raise Refused("run.refused.started")
    _go_to(d, 0)


def _next_movement(d: Draft, _: NextMovement) -> None:
    index = _segment_index(d) + 1
    if index < len(d.state.segments):
        _go_to(d, index)


def _previous_movement(d: Draft, _: PreviousMovement) -> None:
    index = _segment_index(d) - 1
    if index >= 0:
        _go_to(d, index)


def _next_step(d: Draft, _: NextStep) -> None:
    current = d.state.segments[_segment_index(d)].step
    later = [i for i, s in enumerate(d.state.segments) if s.step > current]
    if later:
        _go_to(d, later[0])


def _go_to_movement(d: Draft, c: GoTo) -> None:
    index = d.state.segment_index(c.to_step, c.to_movement)
    if index is None:
        raise Refused("run.refused.no_such_movement")
    _go_to(d, index)


def _toggle_pause(d: Draft, _: TogglePause) -> None:
    _segment_index(d)
    d.add(TimerResumed() if d.state.paused else TimerPaused())


def _extend(d: Draft, c: Extend) -> None:
    segment = d.state.segments[_segment_index(d)]
    d.add(TimeboxExtended(step=segment.step, movement=segment.movement, seconds=c.minutes * 60))


def _rebalance(d: Draft, c: Rebalance) -> None:
    plan = plan_rebalance(d.state, d.live.now(), frozenset(c.protected))
    event = plan.event()
    if event is not None:
        d.add(event)
        d.undo = [plan.undo()]


def _add_participant(d: Draft, c: AddParticipant) -> None:
    name = clean_line(c.name)
    if not name:
        raise Refused("run.refused.no_name")
    d.add(
        ParticipantAdded(
            participant_id=d.new_id("p"),
            name=name,
            organisation=c.organisation,
            role=c.role,
            email=c.email,
            mandate=c.mandate,
        )
    )


def _set_present(d: Draft, c: SetPresent) -> None:
    if c.participant_id not in d.state.participants:
        raise Refused("run.refused.no_such_participant")
    d.add(PresenceChanged(participant_id=c.participant_id, present=c.present))


def _add_idea(d: Draft, c: AddIdea) -> None:
    typed = clean_text(c.text)
    stranger = stranger_named(d.state, typed) if c.author_id is None else None
    if stranger is not None and c.stranger != "keep":
        name, text = stranger
        if c.stranger == "ask":
            raise StrangerNamed(name, text)
        person_id, author_name = d.new_id("p"), clean_line(name)
        d.add(ParticipantAdded(participant_id=person_id, name=author_name))
        author_id: str | None = person_id
    else:
        text, author = idea_author(d.state, typed, c.author_id, c.picked_author_id)
        author_id, author_name = (author.id, author.name) if author else (None, "")
    if not text:
        raise Refused("run.refused.empty_idea")
    idea_id = d.new_id("i")
    d.add(IdeaAdded(idea_id=idea_id, text=text, author_id=author_id, author_name=author_name))
    # Undo takes the idea back; the person added stays at the table (no record takes a
    # participant away, and they are there).
    d.undo = [IdeaRemoved(idea_id=idea_id)]


def _idea(d: Draft, idea_id: str) -> None:
    if idea_id not in d.state.ideas:
        raise Refused("run.refused.no_such_idea")


def _edit_idea(d: Draft, c: EditIdea) -> None:
    _idea(d, c.idea_id)
    idea = d.state.ideas[c.idea_id]
    text, author = idea_author(d.state, clean_text(c.text), None)
    if not text:
        raise Refused("run.refused.empty_idea")
    author_id, author_name = (author.id, author.name) if author else (None, "")
    if author is None and idea.author_id is not None:
        author_id, author_name = idea.author_id, idea.author_name  # keep who said it
    d.add(IdeaEdited(idea_id=c.idea_id, text=text, author_id=author_id, author_name=author_name))
    d.undo = [
        IdeaEdited(
            idea_id=c.idea_id,
            text=idea.text,
            author_id=idea.author_id,
            author_name=idea.author_name,
        )
    ]


def _remove_idea(d: Draft, c: RemoveIdea) -> None:
    _idea(d, c.idea_id)
    d.add(IdeaRemoved(idea_id=c.idea_id))
    d.undo = [IdeaRestored(idea_id=c.idea_id)]


def _pass_turn(d: Draft, c: PassTurn) -> None:
    if c.participant_id not in d.state.participants:
        raise Refused("run.refused.no_such_participant")
    if c.actor is not None and c.actor != c.participant_id:
        raise Refused("converge2.refused.not_yours")
    d.add(TurnPassed(participant_id=c.participant_id))


def _cluster(d: Draft, cluster_id: str) -> None:
    if cluster_id not in d.state.clusters:
        raise Refused("run.refused.no_such_cluster")


def _cluster_name(name: str) -> str:
    name = clean_line(name)
    if not name:
        raise Refused("run.refused.no_cluster_name")
    return name


def _create_cluster(d: Draft, c: CreateCluster) -> None:
    name = _cluster_name(c.name)
    for idea_id in c.idea_ids:
        _idea(d, idea_id)
    ideas = d.state.ideas
    moves = [IdeaMoved(idea_id=i, cluster_id=ideas[i].cluster_id) for i in c.idea_ids]
    cluster_id = d.new_id("c")
    d.add(ClusterCreated(cluster_id=cluster_id, name=name, idea_ids=list(c.idea_ids)))
    # Undo dissolves the cluster and puts each idea back where it was.
    d.undo = [ClusterDissolved(cluster_id=cluster_id), *moves]


def _rename_cluster(d: Draft, c: RenameCluster) -> None:
    name = _cluster_name(c.name)
    _cluster(d, c.cluster_id)
    before = d.state.clusters[c.cluster_id].name
    d.add(ClusterRenamed(cluster_id=c.cluster_id, name=name))
    d.undo = [ClusterRenamed(cluster_id=c.cluster_id, name=before)]


def _dissolve_cluster(d: Draft, c: DissolveCluster) -> None:
    _cluster(d, c.cluster_id)
    d.add(ClusterDissolved(cluster_id=c.cluster_id))
    d.forget_undo = True  # its dots and scores are gone with it


def _merge_clusters(d: Draft, c: MergeClusters) -> None:
    _cluster(d, c.into)
    for other in c.others:
        _cluster(d, other)
    merged = [o for o in c.others if o != c.into]
    if not merged:
        raise Refused("run.refused.merge_needs_two")
    d.add(ClustersMerged(cluster_id=c.into, merged_ids=merged))
    d.forget_undo = True  # a merge folds tallies together: it is not taken back by undo


def _move_ideas(d: Draft, c: MoveIdeas) -> None:
    for idea_id in c.idea_ids:
        _idea(d, idea_id)
    if c.cluster_id is not None:
        _cluster(d, c.cluster_id)
    ideas = d.state.ideas
    d.undo = [IdeaMoved(idea_id=i, cluster_id=ideas[i].cluster_id) for i in c.idea_ids]
    d.add(*(IdeaMoved(idea_id=i, cluster_id=c.cluster_id) for i in c.idea_ids))


def _target(d: Draft, target_id: str) -> None:
    if d.state.tally_of(target_id) is None:
        raise Refused("run.refused.no_such_target")


def _no_observer(d: Draft, participant_id: str | None) -> None:
    """An observer sits at the table without a vote: a vote typed in their name is refused."""
    person = d.state.participants.get(participant_id or "")
    if person is not None and not has_a_vote(person):
        raise Refused("tester.refused.observer", name=person.name)


def _vote(d: Draft, c: Vote) -> None:
    _target(d, c.target_id)
    voter = c.voter_id
    if voter is not None and voter not in d.state.participants and not is_ballot(voter):
        raise Refused("run.refused.no_such_participant")  # a nameless ballot names nobody
    _no_observer(d, voter)
    if c.delta > 0:
        allowed = dots_allowed(d.state, c.voter_id)
        if allowed is not None and dots_used(d.state, c.voter_id) >= allowed:
            raise Refused("run.refused.no_dots_left", dots=allowed)
    else:
        tally = d.state.tally_of(c.target_id)
        if tally is None or tally.dots.get(c.voter_id or ANONYMOUS, 0) <= 0:
            raise Refused("run.refused.no_dot_here")
    d.add(VoteCast(target_id=c.target_id, voter_id=c.voter_id, delta=c.delta))
    d.undo = [VoteCast(target_id=c.target_id, voter_id=c.voter_id, delta=-c.delta)]


def _score(d: Draft, c: Score) -> None:
    _target(d, c.target_id)
    _no_observer(d, c.voter_id)
    score = parse_score(c.score, score_top(d.state))
    tally = d.state.tally_of(c.target_id)
    previous = tally.scores.get(c.voter_id or ANONYMOUS) if tally is not None else None
    d.add(ScoreGiven(target_id=c.target_id, voter_id=c.voter_id, score=score))
    if previous is not None:
        d.undo = [ScoreGiven(target_id=c.target_id, voter_id=c.voter_id, score=previous)]


def _toggle_selected(d: Draft, c: ToggleSelected) -> None:
    tally = d.state.tally_of(c.target_id)
    if tally is None:
        raise Refused("run.refused.no_such_target")
    d.add(SelectionMarked(target_id=c.target_id, selected=not tally.selected))
    d.undo = [SelectionMarked(target_id=c.target_id, selected=tally.selected)]


def _agreement_content(d: Draft, c: RecordAgreement | EditAgreement) -> dict[str, object]:
    """The fields an agreement's record carries besides its id."""
    text = clean_text(c.text).strip()
    if not text:
        raise Refused("run.refused.empty_agreement")
    if c.owners is not None:
        chosen = read_owners(d.state.participants.values(), c.owners)
        owner_id, owner_name = chosen.owner_id, chosen.owner_name
    else:
        owner = d.state.participants.get(c.owner_id) if c.owner_id else None
        if c.owner_id and owner is None:
            raise Refused("run.refused.no_such_participant")
        owner_id, owner_name = (owner.id, owner.name) if owner else (None, "")
    return {
        "kind": c.agreement_kind,
        "text": text,
        "owner_id": owner_id,
        "owner_name": owner_name,
        "deadline": c.deadline,
        "field": c.field,
    }


def _agreement(d: Draft, agreement_id: str) -> None:
    if agreement_id not in d.state.agreements:
        raise Refused("run.refused.no_such_agreement")


def _record_agreement(d: Draft, c: RecordAgreement) -> None:
    content = _agreement_content(d, c)
    agreement_id = d.new_id("a")
    d.add(AgreementRecorded(agreement_id=agreement_id, **content))
    d.undo = [AgreementRemoved(agreement_id=agreement_id)]


def _edit_agreement(d: Draft, c: EditAgreement) -> None:
    _agreement(d, c.agreement_id)
    content = _agreement_content(d, c)
    a = d.state.agreements[c.agreement_id]
    d.add(AgreementEdited(agreement_id=c.agreement_id, **content))
    d.undo = [_as_edited(a, a.text)]


def _as_edited(a: Agreement, text: str) -> AgreementEdited:
    """The agreement as it stands, with `text` for its text."""
    return AgreementEdited(
        agreement_id=a.id,
        kind=a.kind,
        text=text,
        owner_id=a.owner_id,
        owner_name=a.owner_name,
        deadline=a.deadline,
        field=a.field,
    )


def _remove_agreement(d: Draft, c: RemoveAgreement) -> None:
    _agreement(d, c.agreement_id)
    d.add(AgreementRemoved(agreement_id=c.agreement_id))
    d.forget_undo = True  # a removed agreement's number is not given out again


def _answerer(d: Draft, c: AnswerConsent | ResolveObjection) -> None:
    """A participant answers (and settles an objection) for themself only."""
    _agreement(d, c.agreement_id)
    if c.participant_id not in d.state.participants:
        raise Refused("run.refused.no_such_participant")
    if c.actor is not None and c.actor != c.participant_id:
        raise Refused("consent.refused.not_yours")


def _answer_consent(d: Draft, c: AnswerConsent) -> None:
    _answerer(d, c)
    if c.actor is not None and not d.live.round_open(c.agreement_id):
        # A participant's own answer (their phone) waits for the facilitator to open the round:
        # the group hears the proposal first. The facilitator's answers open it by being typed.
        raise Refused("consent.refused.round_not_open")
    if not d.state.participants[c.participant_id].present:
        raise Refused("consent.refused.absent")
    _no_observer(d, c.participant_id)
    objection = clean_text(c.objection).strip()
    if c.answer is ConsentAnswer.OBJECTION and not objection:
        raise Refused("run.refused.objection_needs_text")
    if c.answer is not ConsentAnswer.OBJECTION and objection:
        raise Refused("consent.refused.words_are_an_objection")
    agreement = d.state.agreements[c.agreement_id]
    number = len(agreement.rounds)
    before = agreement.round.answers.get(c.participant_id)

    def answered(answer: ConsentAnswer | None, words: str) -> ConsentAnswered:
        return ConsentAnswered(
            agreement_id=c.agreement_id,
            round=number,
            participant_id=c.participant_id,
            answer=answer,
            objection=words,
        )

    d.add(answered(c.answer, objection))
    d.undo = [answered(None, "")]
    if before is not None:
        d.undo = [answered(before.answer, before.objection)]
        if before.resolution is not None:
            d.undo.append(_resolved(c.agreement_id, number, c.participant_id, before.resolution))


def _resolved(
    agreement_id: str, number: int, participant_id: str, resolution: Resolution | None
) -> ObjectionResolved:
    return ObjectionResolved(
        agreement_id=agreement_id,
        round=number,
        participant_id=participant_id,
        resolution=resolution,
    )


def _resolve_objection(d: Draft, c: ResolveObjection) -> None:
    _answerer(d, c)
    a = d.state.agreements[c.agreement_id]
    answer = a.round.answers.get(c.participant_id)
    if answer is None or answer.answer is not ConsentAnswer.OBJECTION:
        raise Refused("consent.refused.no_objection")
    number = len(a.rounds)
    d.add(_resolved(a.id, number, c.participant_id, c.resolution))
    if c.resolution is not Resolution.AMENDED:
        d.undo = [_resolved(a.id, number, c.participant_id, answer.resolution)]
        return
    if c.actor is not None:
        raise Refused("consent.refused.amend_is_the_facilitators")
    text = clean_text(c.text).strip()
    if not text:
        raise Refused("run.refused.empty_agreement")
    if text == a.text:
        raise Refused("consent.refused.same_text")
    d.add(_as_edited(a, text))
    # The amended proposal's round starts again: the answers it closed cannot come back by undo
    # (amend again instead), so the facilitator's earlier commands are not taken back past it.
    d.forget_undo = True


def _review(d: Draft, c: ReviewAgreement) -> None:
    items = [
        i
        for i in d.live.earlier()
        if (i.session_id, i.agreement_id) == (c.session_id, c.agreement_id)
    ]
    if not items:
        raise Refused("run.refused.no_such_agreement")
    item = items[0]

    changes = c.deadline is not None or c.owners is not None
    if changes and c.status is not ReviewStatus.CHANGED:
        raise Refused("table2.review.only_changed")
    owner_name = (
        read_owners(d.state.participants.values(), c.owners).owner_name
        if c.owners is not None
        else None
    )

    def reviewed(
        status: Any, note: str, deadline: date | None, owner: str | None
    ) -> AgreementReviewed:
        return AgreementReviewed(
            session_id=item.session_id,
            agreement_id=item.agreement_id,
            number=item.number,
            text=item.text,
            status=status,
            note=note,
            deadline=deadline,
            owner_name=owner,
        )

    d.add(reviewed(c.status, c.note, c.deadline, owner_name))
    # Undo puts back the status, note, deadline and owner the item had before.
    d.undo = [reviewed(item.status, item.note, item.deadline, item.owner_name)]


def _open_review(d: Draft, _: OpenReview) -> None:
    waiting = sum(1 for i in d.live.earlier() if i.still_open and not i.reviewed_here)
    d.add(ReviewOpened(planned=waiting * REVIEW_SECONDS_EACH))


def _close_review(d: Draft, _: CloseReview) -> None:
    spans = d.state.review_clock.spans
    if spans and spans[-1][1] is None:
        d.add(ReviewClosed())


def _evaluate(d: Draft, c: Evaluate) -> None:
    for value in c.scores.values():
        if not 1 <= value <= 10:
            raise Refused("run.refused.evaluation_score")
    d.add(
        EvaluationRecorded(
            went_well=c.went_well,
            next_step=c.next_step,
            scores=c.scores,
            could_be_better=c.could_be_better,
        )
    )


def _finish(d: Draft, _: Finish) -> None:
    if not d.state.finished:
        d.add(SessionFinished())
    d.live.forget_undo()


def _still_applies(state: SessionState, event: Event) -> bool:
    """Whether an undo's event still takes something back in the meeting as it is now: another
    actor may have removed the idea, dissolved the cluster or taken the dot off meanwhile."""
    match event:
        case IdeaRemoved(idea_id=i) | IdeaEdited(idea_id=i):
            return i in state.ideas
        case IdeaRestored(idea_id=i):
            return i in state.removed_ideas
        case IdeaMoved(idea_id=i, cluster_id=c):
            return i in state.ideas and (c is None or c in state.clusters)
        case ClusterDissolved(cluster_id=c) | ClusterRenamed(cluster_id=c):
            return c in state.clusters
        case VoteCast(target_id=t, voter_id=v, delta=-1):
            tally = state.tally_of(t)
            return tally is not None and tally.dots.get(v or ANONYMOUS, 0) > 0
        case VoteCast(target_id=t) | ScoreGiven(target_id=t) | SelectionMarked(target_id=t):
            return state.tally_of(t) is not None
        case AgreementRemoved(agreement_id=a) | AgreementEdited(agreement_id=a):
            return a in state.agreements
        case ConsentAnswered(agreement_id=a, round=r) | ObjectionResolved(agreement_id=a, round=r):
            # An answer belongs to its round: once the text changed, it is not put back.
            return a in state.agreements and len(state.agreements[a].rounds) == r
    return True


def _undo(d: Draft, c: Undo) -> None:
    unit = d.live.take_undo(c.actor)
    if unit is None:
        return
    still = [event for event in unit if _still_applies(d.state, event)]
    if not still:
        raise Refused("command.refused.undo_overtaken")
    d.add(*still)


HANDLERS: dict[type[Command], Handler] = {
    Start: _start,
    NextMovement: _next_movement,
    PreviousMovement: _previous_movement,
    NextStep: _next_step,
    GoTo: _go_to_movement,
    TogglePause: _toggle_pause,
    Extend: _extend,
    Rebalance: _rebalance,
    AddParticipant: _add_participant,
    SetPresent: _set_present,
    AddIdea: _add_idea,
    EditIdea: _edit_idea,
    RemoveIdea: _remove_idea,
    PassTurn: _pass_turn,
    CreateCluster: _create_cluster,
    RenameCluster: _rename_cluster,
    DissolveCluster: _dissolve_cluster,
    MergeClusters: _merge_clusters,
    MoveIdeas: _move_ideas,
    Vote: _vote,
    Score: _score,
    ToggleSelected: _toggle_selected,
    RecordAgreement: _record_agreement,
    EditAgreement: _edit_agreement,
    RemoveAgreement: _remove_agreement,
    AnswerConsent: _answer_consent,
    ResolveObjection: _resolve_objection,
    ReviewAgreement: _review,
    OpenReview: _open_review,
    CloseReview: _close_review,
    Evaluate: _evaluate,
    Finish: _finish,
    Undo: _undo,
}
