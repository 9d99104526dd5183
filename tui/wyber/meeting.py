"""What a facilitator does in a live meeting, as commands that record events.

The screens call these; each checks that the step makes sense (no more dots than the plan gives,
no step past the last) and records the events that say what happened. A refused command raises
`Refused` with a catalog key, which the screen shows; nothing is recorded then. Every command
that changes the board also remembers how to take itself back, so Undo records the inverse.
"""

import re
from collections.abc import Sequence
from datetime import date

from tui.wyber.errors import UserError
from tui.wyber.events import (
    AgreementEdited,
    AgreementKind,
    AgreementRecorded,
    AgreementRemoved,
    AgreementReviewed,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentNoted,
    EvaluationRecorded,
    Event,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ParticipantAdded,
    PresenceChanged,
    ReviewStatus,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionFinished,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    VoteCast,
)
from tui.wyber.plan import (
    DEFAULT_DOTS,
    DEFAULT_SCORE_TOP,
    Movement,
    Step,
    Technique,
    TimeBox,
    VeldField,
)
from tui.wyber.ranking import Target, rank
from tui.wyber.series import EarlierAgreement, earlier_agreements
from tui.wyber.session import LiveSession
from tui.wyber.state import (
    ANONYMOUS,
    Agreement,
    Cluster,
    Idea,
    Participant,
    Segment,
    SessionState,
    Tally,
)
from tui.wyber.text import clean_line, clean_text
from tui.wyber.timebox import rebalance


class Refused(UserError):
    """The facilitator asked for something the meeting cannot do now; nothing was recorded."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key  # before the message is made, so it names this key
        super().__init__(**params)


# "Anna: text" or "Anna - text": a name of at most 40 characters before a colon or a dash.
_AUTHOR_PREFIX = re.compile(r"^\s*(?P<name>[^:\n]{1,40}?)\s*(?::|\s-\s)\s*(?P<text>.+)$", re.DOTALL)


class Meeting:
    """The live meeting: the session it records into, and the facilitator's commands."""

    def __init__(self, session: LiveSession, earlier_sessions: Sequence[SessionState] = ()) -> None:
        self.session = session
        # The series' earlier sessions, read once when the meeting opens: what they agreed is
        # reviewed in this one.
        self.earlier_sessions = list(earlier_sessions)
        self._undo: list[list[Event]] = []

    @property
    def state(self) -> SessionState:
        return self.session.state

    def now(self) -> float:
        return self.session.now()

    # ── where the group is ──────────────────────────────────────────────────────────────────

    @property
    def segment(self) -> Segment | None:
        return self.state.current_segment

    @property
    def step(self) -> Step:
        segment = self.segment
        return self.state.plan.steps[segment.step if segment else 0]

    @property
    def timebox(self) -> TimeBox | None:
        segment = self.segment
        return None if segment is None else self.step.timebox(segment.movement)

    @property
    def technique(self) -> Technique | None:
        box = self.timebox
        return None if box is None else box.technique

    @property
    def started(self) -> bool:
        return self.state.current is not None

    # ── the agenda and the clock ────────────────────────────────────────────────────────────

    def start(self) -> None:
        """The first round starts: the first movement of the first step."""
        if self.started:
            raise Refused("run.refused.started")
        self._go_to(0)

    def next_movement(self) -> bool:
        """Into the next movement on the agenda; False at the end of the agenda."""
        index = self._index() + 1
        if index >= len(self.state.segments):
            return False
        self._go_to(index)
        return True

    def previous_movement(self) -> bool:
        index = self._index() - 1
        if index < 0:
            return False
        self._go_to(index)
        return True

    def next_step(self) -> bool:
        """Into the first movement of the next step; False when this is the last step."""
        current = self.state.segments[self._index()].step
        for index, segment in enumerate(self.state.segments):
            if segment.step > current:
                self._go_to(index)
                return True
        return False

    def go_to(self, step: int, movement: Movement) -> None:
        index = self.state.segment_index(step, movement)
        if index is None:
            raise Refused("run.refused.no_such_movement")
        self._go_to(index)

    def _go_to(self, index: int) -> None:
        self._refuse_when_finished()
        segment = self.state.segments[index]
        self._record(RoundStarted(step=segment.step, movement=segment.movement))

    def _index(self) -> int:
        if self.state.current is None:
            raise Refused("run.refused.not_started")
        return self.state.current

    def toggle_pause(self) -> bool:
        """Pause a running time box or resume a paused one; True when it now runs."""
        self._index()
        self._refuse_when_finished()
        if self.state.paused:
            self._record(TimerResumed())
            return True
        self._record(TimerPaused())
        return False

    def extend(self, minutes: int) -> None:
        segment = self.state.segments[self._index()]
        self._record(
            TimeboxExtended(step=segment.step, movement=segment.movement, seconds=minutes * 60)
        )

    def rebalance(self) -> bool:
        """Shrink the rest of the agenda to end on time; False when nothing needed to change."""
        event = rebalance(self.state, self.now())
        if event is None:
            return False
        self._record(event)
        return True

    # ── participants ────────────────────────────────────────────────────────────────────────

    def add_participant(
        self, name: str, organisation: str = "", role: str = "", email: str = ""
    ) -> Participant:
        name = clean_line(name)
        if not name:
            raise Refused("run.refused.no_name")
        pid = self._new_id("p")
        self._record(
            ParticipantAdded(
                participant_id=pid, name=name, organisation=organisation, role=role, email=email
            )
        )
        return self.state.participants[pid]

    def set_present(self, participant_id: str, present: bool) -> None:
        if participant_id not in self.state.participants:
            raise Refused("run.refused.no_such_participant")
        self._record(PresenceChanged(participant_id=participant_id, present=present))

    def find_participant(self, name: str) -> Participant | None:
        """The participant meant by a name: the full name, else a unique first name."""
        wanted = name.strip().casefold()
        people = list(self.state.participants.values())
        for person in people:
            if person.name.casefold() == wanted:
                return person
        firsts = [p for p in people if p.name.split()[0].casefold() == wanted] if wanted else []
        return firsts[0] if len(firsts) == 1 else None

    # ── diverge: ideas ──────────────────────────────────────────────────────────────────────

    def split_author(self, typed: str) -> tuple[str, Participant | None]:
        """'Anna: more bike racks' → ('more bike racks', Anna), when Anna is a participant.

        A prefix that names nobody is part of the idea ("Note: …" stays as typed).
        """
        match = _AUTHOR_PREFIX.match(typed)
        if match:
            person = self.find_participant(match["name"])
            if person is not None:
                return match["text"].strip(), person
        return typed.strip(), None

    def add_idea(self, typed: str, author_id: str | None = None) -> Idea:
        """Put an idea on the board; without an author, 'Name: idea' names one."""
        text, author = self.split_author(clean_text(typed))
        if author_id is not None:
            author = self.state.participants.get(author_id)
            text = clean_text(typed).strip()
        if not text:
            raise Refused("run.refused.empty_idea")
        idea_id = self._new_id("i")
        self._record(
            IdeaAdded(
                idea_id=idea_id,
                text=text,
                author_id=author.id if author else None,
                author_name=author.name if author else "",
            )
        )
        self._undo.append([IdeaRemoved(idea_id=idea_id)])
        return self.state.ideas[idea_id]

    def edit_idea(self, idea_id: str, typed: str) -> None:
        idea = self._idea(idea_id)
        text, author = self.split_author(clean_text(typed))
        if not text:
            raise Refused("run.refused.empty_idea")
        before = IdeaEdited(
            idea_id=idea_id, text=idea.text, author_id=idea.author_id, author_name=idea.author_name
        )
        author_id, author_name = (author.id, author.name) if author else (None, "")
        if author is None and idea.author_id is not None:
            author_id, author_name = idea.author_id, idea.author_name  # keep who said it
        self._record(
            IdeaEdited(idea_id=idea_id, text=text, author_id=author_id, author_name=author_name)
        )
        self._undo.append([before])

    def remove_idea(self, idea_id: str) -> None:
        self._idea(idea_id)
        self._record(IdeaRemoved(idea_id=idea_id))
        self._undo.append([IdeaRestored(idea_id=idea_id)])

    def ideas_of_step(self, step: int | None = None) -> list[Idea]:
        wanted = self._step_index() if step is None else step
        return [idea for idea in self.state.ideas.values() if idea.step == wanted]

    def _idea(self, idea_id: str) -> Idea:
        idea = self.state.ideas.get(idea_id)
        if idea is None:
            raise Refused("run.refused.no_such_idea")
        return idea

    # ── converge: clusters, dots, scores, selection ─────────────────────────────────────────

    def create_cluster(self, name: str, idea_ids: Sequence[str]) -> str:
        name = clean_line(name)
        if not name:
            raise Refused("run.refused.no_cluster_name")
        moves = [IdeaMoved(idea_id=i, cluster_id=self._idea(i).cluster_id) for i in idea_ids]
        cluster_id = self._new_id("c")
        self._record(ClusterCreated(cluster_id=cluster_id, name=name, idea_ids=list(idea_ids)))
        # Undo dissolves the cluster and puts each idea back where it was.
        self._undo.append([ClusterDissolved(cluster_id=cluster_id), *moves])
        return cluster_id

    def dissolve_cluster(self, cluster_id: str) -> None:
        """The cluster is gone; its ideas are on the board unclustered again."""
        self._cluster(cluster_id)
        self._record(ClusterDissolved(cluster_id=cluster_id))
        self._undo.clear()  # its dots and scores are gone with it

    def rename_cluster(self, cluster_id: str, name: str) -> None:
        name = clean_line(name)
        if not name:
            raise Refused("run.refused.no_cluster_name")
        cluster = self._cluster(cluster_id)
        before = ClusterRenamed(cluster_id=cluster_id, name=cluster.name)
        self._record(ClusterRenamed(cluster_id=cluster_id, name=name))
        self._undo.append([before])

    def merge_clusters(self, into: str, others: Sequence[str]) -> str:
        """Take the other clusters into `into`; return its id."""
        self._cluster(into)
        merged = [self._cluster(o).id for o in others if o != into]
        if not merged:
            raise Refused("run.refused.merge_needs_two")
        self._record(ClustersMerged(cluster_id=into, merged_ids=merged))
        self._undo.clear()  # a merge folds tallies together: it is not taken back by undo
        return into

    def move_idea(self, idea_id: str, cluster_id: str | None) -> None:
        idea = self._idea(idea_id)
        if cluster_id is not None:
            self._cluster(cluster_id)
        before = IdeaMoved(idea_id=idea_id, cluster_id=idea.cluster_id)
        self._record(IdeaMoved(idea_id=idea_id, cluster_id=cluster_id))
        self._undo.append([before])

    def dots_each(self) -> int:
        box = self.timebox
        return box.dots_each if box is not None else DEFAULT_DOTS

    def dots_used(self, voter_id: str | None) -> int:
        """Dots the voter has placed on this step's ideas and clusters."""
        key = voter_id or ANONYMOUS
        return sum(t.dots.get(key, 0) for t in self._step_tallies())

    def dots_allowed(self, voter_id: str | None) -> int | None:
        """How many dots a voter may place: the plan's dots each; for the room as a whole (no
        voter named), that many per participant present; None when there is no limit to count."""
        if voter_id is not None:
            return self.dots_each()
        present = sum(1 for p in self.state.participants.values() if p.present)
        return self.dots_each() * present if present else None

    def vote(self, target_id: str, voter_id: str | None = None, delta: int = 1) -> None:
        tally = self.state.tally_of(target_id)
        if tally is None:
            raise Refused("run.refused.no_such_target")
        if voter_id is not None and voter_id not in self.state.participants:
            raise Refused("run.refused.no_such_participant")
        key = voter_id or ANONYMOUS
        if delta > 0:
            allowed = self.dots_allowed(voter_id)
            if allowed is not None and self.dots_used(voter_id) >= allowed:
                raise Refused("run.refused.no_dots_left", dots=allowed)
            self._record(VoteCast(target_id=target_id, voter_id=voter_id, delta=1))
            self._undo.append([VoteCast(target_id=target_id, voter_id=voter_id, delta=-1)])
        else:
            if tally.dots.get(key, 0) <= 0:
                raise Refused("run.refused.no_dot_here")
            self._record(VoteCast(target_id=target_id, voter_id=voter_id, delta=-1))
            self._undo.append([VoteCast(target_id=target_id, voter_id=voter_id, delta=1)])

    def score_top(self) -> int:
        box = self.timebox
        return box.score_top if box is not None else DEFAULT_SCORE_TOP

    def score(self, target_id: str, score: int, voter_id: str | None = None) -> None:
        tally = self.state.tally_of(target_id)
        if tally is None:
            raise Refused("run.refused.no_such_target")
        top = self.score_top()
        if not 0 <= score <= top:
            raise Refused("run.refused.score_range", top=top)
        # Read before recording: the fold changes this very tally.
        previous = tally.scores.get(voter_id or ANONYMOUS)
        self._record(ScoreGiven(target_id=target_id, voter_id=voter_id, score=score))
        if previous is not None:
            self._undo.append([ScoreGiven(target_id=target_id, voter_id=voter_id, score=previous)])

    def toggle_selected(self, target_id: str) -> bool:
        tally = self.state.tally_of(target_id)
        if tally is None:
            raise Refused("run.refused.no_such_target")
        selected = not tally.selected
        self._record(SelectionMarked(target_id=target_id, selected=selected))
        self._undo.append([SelectionMarked(target_id=target_id, selected=not selected)])
        return selected

    def ranking(self, step: int | None = None) -> list[Target]:
        """The step's clusters and unclustered ideas, most dots first, then highest score."""
        wanted = self._step_index() if step is None else step
        return rank(
            (c for c in self.state.clusters.values() if c.step == wanted),
            (i for i in self.ideas_of_step(wanted) if i.cluster_id is None),
        )

    def _cluster(self, cluster_id: str) -> Cluster:
        cluster = self.state.clusters.get(cluster_id)
        if cluster is None:
            raise Refused("run.refused.no_such_cluster")
        return cluster

    def _step_tallies(self) -> list[Tally]:
        step = self._step_index()
        return [c.tally for c in self.state.clusters.values() if c.step == step] + [
            i.tally for i in self.state.ideas.values() if i.step == step
        ]

    def _step_index(self) -> int:
        segment = self.segment
        return segment.step if segment is not None else 0

    # ── consolidate: agreements and consent ─────────────────────────────────────────────────

    def record_agreement(
        self,
        text: str,
        kind: AgreementKind = AgreementKind.AGREEMENT,
        owner_id: str | None = None,
        deadline: date | None = None,
        field: VeldField | None = None,
    ) -> Agreement:
        content = self._agreement_content(text, kind, owner_id)
        agreement_id = self._new_id("a")
        self._record(
            AgreementRecorded(agreement_id=agreement_id, deadline=deadline, field=field, **content)
        )
        self._undo.append([AgreementRemoved(agreement_id=agreement_id)])
        return self.state.agreements[agreement_id]

    def edit_agreement(
        self,
        agreement_id: str,
        text: str,
        kind: AgreementKind,
        owner_id: str | None,
        deadline: date | None,
        field: VeldField | None,
    ) -> None:
        agreement = self._agreement(agreement_id)
        before = AgreementEdited(
            agreement_id=agreement_id,
            kind=agreement.kind,
            text=agreement.text,
            owner_id=agreement.owner_id,
            owner_name=agreement.owner_name,
            deadline=agreement.deadline,
            field=agreement.field,
        )
        content = self._agreement_content(text, kind, owner_id)
        self._record(
            AgreementEdited(agreement_id=agreement_id, deadline=deadline, field=field, **content)
        )
        self._undo.append([before])

    def remove_agreement(self, agreement_id: str) -> None:
        self._agreement(agreement_id)
        self._record(AgreementRemoved(agreement_id=agreement_id))
        self._undo.clear()  # a removed agreement's number is not given out again

    def note_consent(self, agreement_id: str, consent: bool, objections: str = "") -> None:
        self._agreement(agreement_id)
        objections = clean_text(objections).strip()
        if not consent and not objections:
            raise Refused("run.refused.objection_needs_text")
        self._record(
            ConsentNoted(agreement_id=agreement_id, consent=consent, objections=objections)
        )

    def _agreement_content(
        self, text: str, kind: AgreementKind, owner_id: str | None
    ) -> dict[str, object]:
        """The fields an agreement's record carries besides its id, deadline and field."""
        text = clean_text(text).strip()
        if not text:
            raise Refused("run.refused.empty_agreement")
        owner = self.state.participants.get(owner_id) if owner_id else None
        if owner_id and owner is None:
            raise Refused("run.refused.no_such_participant")
        return {
            "kind": kind,
            "text": text,
            "owner_id": owner.id if owner else None,
            "owner_name": owner.name if owner else "",
        }

    def _agreement(self, agreement_id: str) -> Agreement:
        agreement = self.state.agreements.get(agreement_id)
        if agreement is None:
            raise Refused("run.refused.no_such_agreement")
        return agreement

    # ── ending ──────────────────────────────────────────────────────────────────────────────

    def evaluate(self, went_well: str, next_step: str, scores: dict[str, int]) -> None:
        for value in scores.values():
            if not 1 <= value <= 10:
                raise Refused("run.refused.evaluation_score")
        self._record(EvaluationRecorded(went_well=went_well, next_step=next_step, scores=scores))

    def finish(self) -> None:
        if not self.state.finished:
            self._record(SessionFinished())
        self._undo.clear()

    # ── undo ────────────────────────────────────────────────────────────────────────────────

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # ── the series: reviewing what earlier sessions agreed ──────────────────────────────────

    def earlier(self) -> list[EarlierAgreement]:
        """The agreements of the series' earlier sessions, as this meeting's reviews left them."""
        return earlier_agreements(self.earlier_sessions, self.state)

    def review(self, item: EarlierAgreement, status: ReviewStatus, note: str = "") -> None:
        """Record where an earlier agreement stands now; undo puts back what it was."""
        self._refuse_when_finished()

        def reviewed(status: ReviewStatus, note: str) -> AgreementReviewed:
            return AgreementReviewed(
                session_id=item.session_id,
                agreement_id=item.agreement_id,
                number=item.number,
                text=item.text,
                status=status,
                note=note,
            )

        self._record(reviewed(status, note))
        self._undo.append([reviewed(item.status, item.note)])

    def undo(self) -> bool:
        """Take back the last change to the board by recording its inverse; False if none."""
        if not self._undo:
            return False
        for event in self._undo.pop():
            self._record(event)
        return True

    # ── recording ───────────────────────────────────────────────────────────────────────────

    def _refuse_when_finished(self) -> None:
        if self.state.finished:
            raise Refused("run.refused.finished")

    def _record(self, event: Event) -> None:
        if self.state.finished and not isinstance(event, SessionFinished):
            raise Refused("run.refused.finished")
        self.session.record(event)

    def _new_id(self, prefix: str) -> str:
        """An id no record of this session has used: the seq of the record that brings it."""
        return f"{prefix}{self.state.last_seq + 1}"
