"""What had just happened at a moment of a replay: one line per kind of event, in the session's
language."""

from __future__ import annotations

from tui.wyber.events import (
    AgreementEdited,
    AgreementRecorded,
    AgreementReviewed,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentAnswered,
    ConsentNoted,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ObjectionResolved,
    ParticipantAdded,
    PresenceChanged,
    Record,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionResumed,
    TimeboxExtended,
    TurnPassed,
    VoteCast,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.replay import moment_text
from tui.wyber.state import SessionState


def _target_label(state: SessionState, target_id: str) -> str:
    if target_id in state.clusters:
        return state.clusters[target_id].name
    idea = state.ideas.get(target_id) or state.removed_ideas.get(target_id)
    return idea.text if idea is not None else ""


def _person(state: SessionState, participant_id: str | None) -> str:
    person = state.participants.get(participant_id or "")
    return person.name if person is not None else ""


def event_text(record: Record, state: SessionState, lang: Language) -> str:
    """The last event, as a line: what kind of event, and what it was about."""
    event = record.event
    kind: str = event.type
    detail = ""
    match event:
        case ParticipantAdded(name=name):
            detail = name
        case PresenceChanged(participant_id=pid, present=present):
            kind, detail = ("arrived" if present else "left"), _person(state, pid)
        case RoundStarted(step=step, movement=movement):
            title = state.plan.steps[step].title if step < len(state.plan.steps) else ""
            detail = f"{step + 1} {title} · {tr(lang, f'run.movement.{movement.value}')}"
        case TimeboxExtended(seconds=seconds):
            detail = f"{seconds / 60:+g}′"
        case SessionResumed(away_seconds=away):
            detail = f"+{moment_text(away)}"
        case IdeaAdded() | IdeaEdited() as e:
            author = e.author_name or _person(state, e.author_id)
            detail = f"{e.text} — {author}" if author else e.text
        case IdeaRemoved(idea_id=idea_id) | IdeaRestored(idea_id=idea_id):
            detail = _target_label(state, idea_id)
        case ClusterCreated(name=name) | ClusterRenamed(name=name):
            detail = name
        case ClusterDissolved(cluster_id=cluster_id) | ClustersMerged(cluster_id=cluster_id):
            detail = _target_label(state, cluster_id)
        case IdeaMoved(idea_id=idea_id):
            detail = _target_label(state, idea_id)
        case VoteCast(target_id=target, voter_id=voter, delta=delta):
            kind = "vote_cast" if delta > 0 else "vote_removed"
            who = _person(state, voter)
            detail = _target_label(state, target) + (f" — {who}" if who else "")
        case ScoreGiven(target_id=target, score=score):
            detail = f"{score}: {_target_label(state, target)}"
        case SelectionMarked(target_id=target, selected=selected):
            kind = "selection_marked" if selected else "selection_unmarked"
            detail = _target_label(state, target)
        case AgreementRecorded() | AgreementEdited() as e:
            detail = f"{tr(lang, f'run.kind.{e.kind.value}')}: {e.text}"
        case ConsentNoted(agreement_id=agreement_id, consent=consent, objections=objections):
            kind = "consent_noted" if consent else "objection_noted"
            agreement = state.agreements.get(agreement_id)
            detail = objections or (agreement.text if agreement is not None else "")
        case ConsentAnswered(participant_id=who, answer=answer, objection=objection):
            said = tr(lang, f"consent.answer.{answer.value}") if answer else ""
            detail = f"{_person(state, who)} — {said}" + (f": {objection}" if objection else "")
        case ObjectionResolved(participant_id=who, resolution=resolution):
            settled = tr(lang, f"consent.resolution.{(resolution or 'open')}")
            detail = f"{_person(state, who)} — {settled}"
        case AgreementReviewed(number=number, text=text):
            detail = f"{number}. {text}"
        case TurnPassed(participant_id=pid):
            return tr(lang, "converge2.event.passed", name=_person(state, pid))
    label = tr(lang, f"replay.event.{kind}")
    line = f"{label}: {detail}" if detail else label
    return " ".join(line.split())  # one line, however the text was typed
