"""The facilitator's hands on a live meeting: the methods the run screen calls.

Each method is a thin wrapper that makes a command, made by the facilitator where the group is
now, and passes it through the meeting's one door (`LiveMeeting.execute`, tui/wyber/live.py),
which checks it, records it and keeps it for the facilitator's undo. A refused command raises
`Refused` with a catalog key, which the screen shows; nothing is recorded then. Beside them are
the questions the screens ask (where the group is, how many dots a voter has left).
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

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
    Stranger,
    TogglePause,
    ToggleSelected,
    Undo,
    Vote,
)
from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    ClusterCreated,
    ConsentAnswer,
    Event,
    IdeaAdded,
    ParticipantAdded,
    Resolution,
    ReviewStatus,
)
from tui.wyber.late import Place
from tui.wyber.live import LiveMeeting
from tui.wyber.plan import Mandate, Movement, Step, Technique, TimeBox, VeldField
from tui.wyber.ranking import Target, step_ranking
from tui.wyber.rebalance import RebalancePlan, plan_rebalance
from tui.wyber.rules import (
    dots_allowed,
    dots_each,
    dots_used,
    find_participant,
    place_now,
    score_top,
    split_author,
    step_now,
    timebox_now,
)
from tui.wyber.series import EarlierAgreement
from tui.wyber.state import Agreement, Idea, Participant, Segment

__all__ = ["Meeting", "Refused"]

E = TypeVar("E", bound=Event)


class Meeting(LiveMeeting):
    """The live meeting as the facilitator's screens use it."""

    # ── where the group is ──────────────────────────────────────────────────────────────────

    @property
    def segment(self) -> Segment | None:
        return self.state.current_segment

    @property
    def step(self) -> Step:
        return self.state.plan.steps[step_now(self.state)]

    @property
    def timebox(self) -> TimeBox | None:
        return timebox_now(self.state)

    @property
    def technique(self) -> Technique | None:
        box = self.timebox
        return None if box is None else box.technique

    @property
    def started(self) -> bool:
        return self.state.current is not None

    # ── the door, for the facilitator ───────────────────────────────────────────────────────

    def do(self, command: Command) -> Outcome:
        """Execute a command of the facilitator's; raise its refusal."""
        return self.execute(command).check()

    def _here(self) -> dict[str, object]:
        """The facilitator's commands are made where the group is."""
        place = place_now(self.state)
        return {} if place is None else {"step": place[0], "movement": place[1]}

    def _made(self, outcome: Outcome, kind: type[E]) -> E:
        return next(e for e in outcome.events() if isinstance(e, kind))

    # ── the agenda and the clock ────────────────────────────────────────────────────────────

    def start(self) -> None:
        """The first round starts: the first movement of the first step."""
        self.do(Start(**self._here()))

    def next_movement(self) -> bool:
        """Into the next movement on the agenda; False at the end of the agenda."""
        return self.do(NextMovement(**self._here())).done

    def previous_movement(self) -> bool:
        return self.do(PreviousMovement(**self._here())).done

    def next_step(self) -> bool:
        """Into the first movement of the next step; False when this is the last step."""
        return self.do(NextStep(**self._here())).done

    def go_to(self, step: int, movement: Movement) -> None:
        self.do(GoTo(to_step=step, to_movement=movement, **self._here()))

    def toggle_pause(self) -> bool:
        """Pause a running time box or resume a paused one; True when it now runs."""
        self.do(TogglePause(**self._here()))
        return not self.state.paused

    def extend(self, minutes: int) -> None:
        self.do(Extend(minutes=minutes, **self._here()))

    def rebalance(self, protected: Iterable[Place] = ()) -> bool:
        """Shrink the rest of the agenda to end on time, sparing the `protected` boxes; False
        when nothing changed (on time, or nothing left to take)."""
        return self.do(Rebalance(protected=tuple(protected), **self._here())).done

    def rebalance_plan(self, protected: frozenset[Place]) -> RebalancePlan:
        """What `rebalance(protected)` would do now: the preview the facilitator confirms."""
        return plan_rebalance(self.state, self.now(), protected)

    # ── participants ────────────────────────────────────────────────────────────────────────

    def add_participant(
        self,
        name: str,
        organisation: str = "",
        role: str = "",
        email: str = "",
        mandate: Mandate | None = None,
    ) -> Participant:
        command = AddParticipant(
            name=name,
            organisation=organisation,
            role=role,
            email=email,
            mandate=mandate,
            **self._here(),
        )
        added = self._made(self.do(command), ParticipantAdded)
        return self.state.participants[added.participant_id]

    def set_present(self, participant_id: str, present: bool) -> None:
        self.do(SetPresent(participant_id=participant_id, present=present, **self._here()))

    def find_participant(self, name: str) -> Participant | None:
        """The participant meant by a name: the full name, else a unique first name."""
        return find_participant(self.state, name)

    # ── diverge: ideas ──────────────────────────────────────────────────────────────────────

    def split_author(self, typed: str) -> tuple[str, Participant | None]:
        """'Anna: more bike racks' → ('more bike racks', Anna), when Anna is a participant."""
        return split_author(self.state, typed)

    def add_idea(
        self,
        typed: str,
        author_id: str | None = None,
        *,
        picked_author_id: str | None = None,
        stranger: Stranger = "keep",
    ) -> Idea:
        """Put an idea on the board; its author as rules.idea_author tells, and a stranger's
        name before it as `stranger` says (commands.AddIdea)."""
        command = AddIdea(
            text=typed,
            author_id=author_id,
            picked_author_id=picked_author_id,
            stranger=stranger,
            **self._here(),
        )
        return self.state.ideas[self._made(self.do(command), IdeaAdded).idea_id]

    def edit_idea(self, idea_id: str, typed: str) -> None:
        self.do(EditIdea(idea_id=idea_id, text=typed, **self._here()))

    def remove_idea(self, idea_id: str) -> None:
        self.do(RemoveIdea(idea_id=idea_id, **self._here()))

    def pass_turn(self, participant_id: str) -> None:
        """In a go-around, the participant whose turn it is passes (recorded)."""
        self.do(PassTurn(participant_id=participant_id, **self._here()))

    def ideas_of_step(self, step: int | None = None) -> list[Idea]:
        return self.state.ideas_of(step_now(self.state) if step is None else step)

    # ── converge: clusters, dots, scores, selection ─────────────────────────────────────────

    def create_cluster(self, name: str, idea_ids: Sequence[str]) -> str:
        command = CreateCluster(name=name, idea_ids=list(idea_ids), **self._here())
        return self._made(self.do(command), ClusterCreated).cluster_id

    def dissolve_cluster(self, cluster_id: str) -> None:
        """The cluster is gone; its ideas are on the board unclustered again."""
        self.do(DissolveCluster(cluster_id=cluster_id, **self._here()))

    def rename_cluster(self, cluster_id: str, name: str) -> None:
        self.do(RenameCluster(cluster_id=cluster_id, name=name, **self._here()))

    def merge_clusters(self, into: str, others: Sequence[str]) -> str:
        """Take the other clusters into `into`; return its id."""
        self.do(MergeClusters(into=into, others=list(others), **self._here()))
        return into

    def move_ideas(self, idea_ids: Sequence[str], cluster_id: str | None) -> None:
        """Put ideas in a cluster (None: out of theirs), as one command that one undo takes back."""
        self.do(MoveIdeas(idea_ids=list(idea_ids), cluster_id=cluster_id, **self._here()))

    def move_idea(self, idea_id: str, cluster_id: str | None) -> None:
        self.move_ideas([idea_id], cluster_id)

    def dots_each(self) -> int:
        return dots_each(self.state)

    def dots_used(self, voter_id: str | None) -> int:
        """Dots the voter has placed on this step's ideas and clusters."""
        return dots_used(self.state, voter_id)

    def dots_allowed(self, voter_id: str | None) -> int | None:
        """How many dots a voter may place (None: no limit to count); see rules.dots_allowed."""
        return dots_allowed(self.state, voter_id)

    def vote(self, target_id: str, voter_id: str | None = None, delta: int = 1) -> None:
        self.do(
            Vote(
                target_id=target_id, voter_id=voter_id, delta=1 if delta > 0 else -1, **self._here()
            )
        )

    def score_top(self) -> int:
        return score_top(self.state)

    def score(self, target_id: str, score: int | str, voter_id: str | None = None) -> None:
        """A score as a number or as typed ("7"); outside 0 … score_top() it is refused."""
        self.do(Score(target_id=target_id, score=score, voter_id=voter_id, **self._here()))

    def toggle_selected(self, target_id: str) -> bool:
        self.do(ToggleSelected(target_id=target_id, **self._here()))
        tally = self.state.tally_of(target_id)
        return tally is not None and tally.selected

    def ranking(self, step: int | None = None) -> list[Target]:
        """The step's clusters and unclustered ideas, most dots first, then highest score."""
        wanted = step_now(self.state) if step is None else step
        return step_ranking(self.state, wanted)

    # ── consolidate: agreements and consent ─────────────────────────────────────────────────

    def record_agreement(
        self,
        text: str,
        kind: AgreementKind = AgreementKind.AGREEMENT,
        owner_id: str | None = None,
        deadline: date | None = None,
        field: VeldField | None = None,
        *,
        owners: str | None = None,
    ) -> Agreement:
        """Record an agreement; its owner `owner_id`, or `owners` as typed (owners.py)."""
        command = RecordAgreement(
            text=text,
            agreement_kind=kind,
            owner_id=owner_id,
            owners=owners,
            deadline=deadline,
            field=field,
            **self._here(),
        )
        recorded = self._made(self.do(command), AgreementRecorded)
        return self.state.agreements[recorded.agreement_id]

    def edit_agreement(
        self,
        agreement_id: str,
        text: str,
        kind: AgreementKind,
        owner_id: str | None,
        deadline: date | None,
        field: VeldField | None,
        *,
        owners: str | None = None,
    ) -> None:
        self.do(
            EditAgreement(
                agreement_id=agreement_id,
                text=text,
                agreement_kind=kind,
                owner_id=owner_id,
                owners=owners,
                deadline=deadline,
                field=field,
                **self._here(),
            )
        )

    def remove_agreement(self, agreement_id: str) -> None:
        self.do(RemoveAgreement(agreement_id=agreement_id, **self._here()))

    def answer_consent(
        self,
        agreement_id: str,
        participant_id: str,
        answer: ConsentAnswer | None,
        objection: str = "",
    ) -> None:
        """Record a participant's answer in the consent round, as the facilitator heard it."""
        self.do(
            AnswerConsent(
                agreement_id=agreement_id,
                participant_id=participant_id,
                answer=answer,
                objection=objection,
                **self._here(),
            )
        )

    def resolve_objection(
        self, agreement_id: str, participant_id: str, resolution: Resolution, text: str = ""
    ) -> None:
        """How a participant's objection was settled; `text`: the amended proposal."""
        self.do(
            ResolveObjection(
                agreement_id=agreement_id,
                participant_id=participant_id,
                resolution=resolution,
                text=text,
                **self._here(),
            )
        )

    # ── ending ──────────────────────────────────────────────────────────────────────────────

    def evaluate(
        self, went_well: str, next_step: str, scores: dict[str, int], could_be_better: str = ""
    ) -> None:
        self.do(
            Evaluate(
                went_well=went_well,
                next_step=next_step,
                scores=scores,
                could_be_better=could_be_better,
                **self._here(),
            )
        )

    def finish(self) -> None:
        self.do(Finish(**self._here()))

    # ── the series: reviewing what earlier sessions agreed ──────────────────────────────────

    def review(
        self,
        item: EarlierAgreement,
        status: ReviewStatus,
        note: str = "",
        *,
        deadline: date | None = None,
        owners: str | None = None,
    ) -> None:
        """Record where an earlier agreement stands now (a "changed" one may take a new deadline
        and owners); undo puts back what it was."""
        self.do(
            ReviewAgreement(
                session_id=item.session_id,
                agreement_id=item.agreement_id,
                status=status,
                note=note,
                deadline=deadline,
                owners=owners,
                **self._here(),
            )
        )

    def open_review(self) -> None:
        """The review is on screen: its time counts (review_time.py). A finished meeting
        refuses it, silently: its review is only read then."""
        self.execute(OpenReview(**self._here()))

    def close_review(self) -> None:
        self.execute(CloseReview(**self._here()))

    # ── undo ────────────────────────────────────────────────────────────────────────────────

    @property
    def can_undo(self) -> bool:
        return self.undoable(None)

    def undo(self) -> bool:
        """Take back the facilitator's own last command; False if there is none."""
        return self.do(Undo(**self._here())).done
