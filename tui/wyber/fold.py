"""state = fold(records): the one way a session's state comes to be.

The fold is total: a record that refers to something that is not there (an idea removed, a
cluster merged away) changes nothing rather than failing, so any log — replayed in part, or
written by a wyber with a bug — always folds. Checks that keep a meeting sensible (no more dots
than the plan allows) belong to the commands that record events, not here; the late-command rule
(tui/wyber/late.py) holds here as it holds for the commands.

Folding one record costs the same at the 50,000th record as at the 100th (bench/fold.py): nothing
here scans the ideas; the state keeps an index of each cluster's ideas and of each step's dots.
"""

from collections.abc import Iterable

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
    ConsentNoted,
    EvaluationRecorded,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ObjectionResolved,
    ParticipantAdded,
    PresenceChanged,
    Rebalanced,
    Record,
    ReviewClosed,
    ReviewOpened,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionFinished,
    SessionOpened,
    SessionResumed,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    TurnPassed,
    VoteCast,
)
from tui.wyber.late import ignored_when_late, place_of, reached
from tui.wyber.plan import MOVEMENTS, Movement
from tui.wyber.presence import arrived, left
from tui.wyber.state import (
    ANONYMOUS,
    Agreement,
    Answer,
    Cluster,
    Consent,
    ConsentRound,
    Evaluation,
    Idea,
    Participant,
    Pass,
    Reopening,
    Review,
    Segment,
    SessionState,
    Tally,
    mandate_of,
)


class NotASessionLog(ValueError):
    """The records do not start with the opening of a session."""


def fold(records: Iterable[Record]) -> SessionState:
    """The state of a session after all of `records`, which must start with its opening."""
    iterator = iter(records)
    first = next(iterator, None)
    if first is None or not isinstance(first.event, SessionOpened):
        raise NotASessionLog("a session log starts with a session_opened record")
    state = opened(first)
    for record in iterator:
        apply(state, record)
    return state


def opened(record: Record) -> SessionState:
    """The state right after the session was opened."""
    event = record.event
    if not isinstance(event, SessionOpened):
        raise NotASessionLog("a session log starts with a session_opened record")
    segments = [
        Segment(step=i, movement=m, planned=seconds, budget=seconds)
        for i, m in event.plan.segments()
        for seconds in (event.plan.steps[i].timebox(m).minutes * 60.0,)
    ]
    return SessionState(
        session_id=event.session_id,
        title=event.title,
        language=event.language,
        plan=event.plan,
        place=event.place,
        facilitator=event.facilitator,
        opened_at=record.at,
        segments=segments,
        held_on=event.held_on,
        series=event.series,
        last_seq=record.seq,
        last_t=record.t,
        last_at=record.at,
    )


def apply(state: SessionState, record: Record) -> None:
    """Fold one more record into `state`, in place (the live session keeps one state this way)."""
    if ignored_when_late(state, record):
        _advance(state, record)
        return
    t = record.t
    match record.event:
        case ParticipantAdded() as e:
            person = Participant(
                e.participant_id, e.name, e.organisation, e.role, e.email, False, e.mandate
            )
            state.participants[e.participant_id] = person
            if e.present:
                arrived(state, person, t)
        case PresenceChanged(participant_id=pid, present=present):
            if pid in state.participants:
                (arrived if present else left)(state, state.participants[pid], t)
        case RoundStarted(step=step, movement=movement):
            index = state.segment_index(step, movement)
            if index is not None and not state.finished:
                _stop_running(state, t)
                state.current = index
                state.segments[index].visited = True
                state.running_since = t
                if state.started_t is None:
                    state.started_t = t
        case TimerPaused():
            _stop_running(state, t)
        case TimerResumed():
            if state.paused:
                state.running_since = t
        case TimeboxExtended(step=step, movement=movement, seconds=seconds):
            index = state.segment_index(step, movement)
            if index is not None:
                segment = state.segments[index]
                segment.budget = max(0.0, segment.budget + seconds)
        case Rebalanced(budgets=budgets):
            for budget in budgets:
                index = state.segment_index(budget.step, budget.movement)
                if index is not None:
                    state.segments[index].budget = budget.seconds
        case SessionResumed(away_seconds=away):
            state.away.append(away)
        case IdeaAdded() as e:
            if e.idea_id not in state.ideas and e.idea_id not in state.removed_ideas:
                step, movement = _filed_under(state, record)
                author = e.author_name or _name_of(state, e.author_id)
                number = state.ideas_numbered.get(step, 0) + 1
                state.ideas_numbered[step] = number
                state.ideas[e.idea_id] = Idea(
                    e.idea_id, step, movement, e.text, e.author_id, author, t, number
                )
        case IdeaEdited() as e:
            if e.idea_id in state.ideas:
                idea = state.ideas[e.idea_id]
                idea.text, idea.author_id = e.text, e.author_id
                idea.author_name = e.author_name or _name_of(state, e.author_id)
        case IdeaRemoved(idea_id=idea_id):
            if idea_id in state.ideas:
                idea = state.ideas.pop(idea_id)
                # Off the board, but it remembers its cluster for when it is restored.
                state.members.get(idea.cluster_id or "", {}).pop(idea_id, None)
                _count_dots(state, idea.step, idea.tally, -1)
                state.removed_ideas[idea_id] = idea
        case IdeaRestored(idea_id=idea_id):
            if idea_id in state.removed_ideas:
                idea = state.removed_ideas.pop(idea_id)
                cluster_id, idea.cluster_id = idea.cluster_id, None
                state.ideas[idea_id] = idea
                _count_dots(state, idea.step, idea.tally, 1)
                if cluster_id in state.clusters:
                    _join_cluster(state, idea, cluster_id)
        case TurnPassed(participant_id=pid):
            if pid in state.participants:
                step, _ = _filed_under(state, record)
                state.passes.append(Pass(pid, state.participants[pid].name, step, t))
        case ClusterCreated() as e:
            if e.cluster_id not in state.clusters:
                step, _ = _filed_under(state, record)
                state.clusters[e.cluster_id] = Cluster(e.cluster_id, step, e.name, t)
                state.members[e.cluster_id] = {}
                for idea_id in e.idea_ids:
                    if idea_id in state.ideas:
                        _join_cluster(state, state.ideas[idea_id], e.cluster_id)
        case ClusterRenamed(cluster_id=cluster_id, name=name):
            if cluster_id in state.clusters:
                state.clusters[cluster_id].name = name
        case ClusterDissolved(cluster_id=cluster_id):
            cluster = state.clusters.pop(cluster_id, None)
            if cluster is not None:
                _count_dots(state, cluster.step, cluster.tally, -1)
                for idea_id in state.members.pop(cluster_id, {}):
                    state.ideas[idea_id].cluster_id = None
        case ClustersMerged(cluster_id=into, merged_ids=merged):
            _merge_clusters(state, into, merged)
        case IdeaMoved(idea_id=idea_id, cluster_id=cluster_id):
            if idea_id in state.ideas and (cluster_id is None or cluster_id in state.clusters):
                idea = state.ideas[idea_id]
                if cluster_id is None:
                    _leave_cluster(state, idea)
                else:
                    _join_cluster(state, idea, cluster_id)
        case VoteCast(target_id=target, voter_id=voter, delta=delta):
            tally = state.tally_of(target)
            if tally is not None:
                key = voter or ANONYMOUS
                before = tally.dots.get(key, 0)
                dots = before + delta
                if dots > 0:
                    tally.dots[key] = dots
                else:
                    tally.dots.pop(key, None)
                step_dots = state.step_dots.setdefault(_step_of(state, target), {})
                step_dots[key] = step_dots.get(key, 0) + max(0, dots) - before
        case ScoreGiven(target_id=target, voter_id=voter, score=score):
            tally = state.tally_of(target)
            if tally is not None:
                tally.scores[voter or ANONYMOUS] = score
        case SelectionMarked(target_id=target, selected=selected):
            tally = state.tally_of(target)
            if tally is not None:
                tally.selected = selected
        case AgreementRecorded() as e:
            if e.agreement_id not in state.agreements:
                step, movement = _filed_under(state, record)
                state.agreements_recorded += 1
                first = state.series.first_number if state.series is not None else 1
                state.agreements[e.agreement_id] = Agreement(
                    e.agreement_id,
                    first - 1 + state.agreements_recorded,
                    step,
                    movement,
                    e.kind,
                    e.text,
                    e.owner_id,
                    e.owner_name or _name_of(state, e.owner_id),
                    e.deadline,
                    e.field,
                    t,
                    rounds=[ConsentRound()],
                )
        case AgreementEdited() as e:
            if e.agreement_id in state.agreements:
                agreement = state.agreements[e.agreement_id]
                if e.text != agreement.text:
                    _reopen_consent(agreement, t)
                agreement.kind, agreement.text = e.kind, e.text
                agreement.owner_id = e.owner_id
                agreement.owner_name = e.owner_name or _name_of(state, e.owner_id)
                agreement.deadline, agreement.field = e.deadline, e.field
        case AgreementRemoved(agreement_id=agreement_id):
            state.agreements.pop(agreement_id, None)
        case ConsentNoted(agreement_id=agreement_id, consent=consent, objections=objections):
            if agreement_id in state.agreements:
                state.agreements[agreement_id].consent = Consent(consent, objections)
        case ConsentAnswered() as e:
            answers = _round_answers(state, e.agreement_id, e.round)
            participant = state.participants.get(e.participant_id)
            if answers is not None and participant is not None:
                answers.pop(e.participant_id, None)  # a changed answer goes to the end: its turn
                if e.answer is not None:
                    answers[e.participant_id] = Answer(
                        e.participant_id,
                        participant.name,
                        mandate_of(participant),
                        e.answer,
                        e.objection,
                        t,
                    )
        case ObjectionResolved() as e:
            answers = _round_answers(state, e.agreement_id, e.round)
            answer = answers.get(e.participant_id) if answers is not None else None
            if answer is not None and answer.answer is ConsentAnswer.OBJECTION:
                answer.resolution = e.resolution
        case AgreementReviewed() as e:
            state.reviews.append(
                Review(
                    e.session_id,
                    e.agreement_id,
                    e.number,
                    e.text,
                    e.status,
                    e.note,
                    t,
                    e.deadline,
                    e.owner_name,
                )
            )
        case ReviewOpened() as e:
            clock = state.review_clock
            if not clock.spans:
                clock.planned = e.planned
            if not clock.spans or clock.spans[-1][1] is not None:
                clock.spans.append((t, None))
        case ReviewClosed():
            spans = state.review_clock.spans
            if spans and spans[-1][1] is None:
                spans[-1] = (spans[-1][0], t)
        case EvaluationRecorded() as e:
            state.evaluation = Evaluation(
                e.went_well, e.next_step, dict(e.scores), e.could_be_better
            )
        case SessionFinished():
            if not state.finished:
                _stop_running(state, t)
                state.finished_t = t
        case SessionOpened():
            pass  # only ever the first record; a second one carries no new fact
    _advance(state, record)


def _advance(state: SessionState, record: Record) -> None:
    state.last_seq = record.seq
    state.last_t = record.t
    state.last_at = record.at


def _name_of(state: SessionState, participant_id: str | None) -> str:
    """A participant's name, for a record that names them by id only."""
    participant = state.participants.get(participant_id or "")
    return participant.name if participant is not None else ""


def _round_answers(
    state: SessionState, agreement_id: str, round_number: int
) -> dict[str, Answer] | None:
    """The answers of an agreement's current round, if `round_number` is that round: an answer
    meant for an earlier round (its text has changed since) changes nothing."""
    agreement = state.agreements.get(agreement_id)
    if agreement is None or round_number != len(agreement.rounds):
        return None
    return agreement.round.answers


def _reopen_consent(agreement: Agreement, t: float) -> None:
    """The text changes: once anyone has answered (or an older session noted consent), the
    consent is open again, in a new round, and the history says so."""
    if agreement.round.answers or agreement.consent is not None:
        agreement.history.append(Reopening(t, agreement.text))
        agreement.consent = None
        agreement.rounds.append(ConsentRound())


def _stop_running(state: SessionState, t: float) -> None:
    """Bank the running time of the current time box; it stops running (paused, or moved on)."""
    if state.current is not None and state.running_since is not None:
        state.segments[state.current].used += max(0.0, t - state.running_since)
    state.running_since = None


def _filed_under(state: SessionState, record: Record) -> tuple[int, Movement]:
    """Where a new idea, cluster or agreement belongs: the movement it was made in (the group may
    have left it since: the late-command rule), else (no place, or one not reached) the current
    one."""
    place = place_of(record)
    if place is not None and reached(state, place):
        return place
    return _position(state)


def _position(state: SessionState) -> tuple[int, Movement]:
    """Where a new idea or agreement belongs: the current movement, else the first of the plan."""
    segment = state.current_segment
    if segment is not None:
        return segment.step, segment.movement
    first = state.segments[0] if state.segments else None
    return (first.step, first.movement) if first else (0, MOVEMENTS[0])


def _join_cluster(state: SessionState, idea: Idea, cluster_id: str) -> None:
    _leave_cluster(state, idea)
    idea.cluster_id = cluster_id
    state.members.setdefault(cluster_id, {})[idea.id] = None


def _leave_cluster(state: SessionState, idea: Idea) -> None:
    if idea.cluster_id is not None:
        state.members.get(idea.cluster_id, {}).pop(idea.id, None)
        idea.cluster_id = None


def _step_of(state: SessionState, target_id: str) -> int:
    """The step of the idea or cluster a tally belongs to (the caller knows it is one)."""
    idea = state.ideas.get(target_id)
    return idea.step if idea is not None else state.clusters[target_id].step


def _count_dots(state: SessionState, step: int, tally: Tally, sign: int) -> None:
    """A tally's dots come onto (sign 1) or leave (sign -1) the board of a step."""
    if not tally.dots:
        return
    counts = state.step_dots.setdefault(step, {})
    for voter, dots in tally.dots.items():
        counts[voter] = counts.get(voter, 0) + sign * dots


def _merge_clusters(state: SessionState, into: str, merged: list[str]) -> None:
    if into not in state.clusters:
        return
    cluster = state.clusters[into]
    for other_id in merged:
        if other_id == into or other_id not in state.clusters:
            continue
        other = state.clusters.pop(other_id)
        for idea_id in state.members.pop(other_id, {}):
            _join_cluster(state, state.ideas[idea_id], into)
        # Its dots are added to the target's, which may be of another step.
        _count_dots(state, other.step, other.tally, -1)
        _count_dots(state, cluster.step, other.tally, 1)
        _add_tally(cluster.tally, other.tally)


def _add_tally(target: Tally, other: Tally) -> None:
    for voter, dots in other.dots.items():
        target.dots[voter] = target.dots.get(voter, 0) + dots
    for voter, score in other.scores.items():
        target.scores.setdefault(voter, score)
    target.selected = target.selected or other.selected
