"""The commands of a live meeting: typed requests to change it, from any pair of hands.

A command says who made it (`actor`: a participant's id, or None for the facilitator) and where
(`step`, `movement`: the movement it was made in; None for both: where the group is when it runs).
`LiveMeeting.execute` (tui/wyber/live.py) checks it against the current state and either records
it — one or more records, one undo unit — or refuses it with a reason in the meeting's language.
What becomes of a command made in a movement the group has left is the late-command rule of
tui/wyber/late.py; each command class states which part of the rule it follows (`late`).

The commands are plain data (pydantic, frozen), so a web request can later be validated straight
into one, and a test can build one in a line.
"""

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from tui.wyber.errors import UserError
from tui.wyber.events import (
    AgreementKind,
    ConsentAnswer,
    Event,
    Id,
    Record,
    Resolution,
    ReviewStatus,
)
from tui.wyber.late import Late, Place
from tui.wyber.plan import Mandate, Movement, VeldField


class Refused(UserError):
    """The meeting cannot do this now; nothing was recorded."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key  # before the message is made, so it names this key
        super().__init__(**params)


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Which part of the late-command rule the command follows (tui/wyber/late.py).
    late: ClassVar[Late] = Late.ONLY_WHERE_MADE
    # Whether it is taken while the group evaluates the session (LiveMeeting.evaluating): only
    # the evaluation, the end and people arriving or leaving are; an idea, a vote or an answer
    # then, from a phone or anyone, is refused (the group has finished its agenda).
    while_evaluating: ClassVar[bool] = False

    actor: Id | None = None  # the participant who made it; None: the facilitator
    step: int | None = Field(default=None, ge=0)
    movement: Movement | None = None

    @property
    def place(self) -> Place | None:
        if self.step is None or self.movement is None:
            return None
        return self.step, self.movement


# ── the agenda and the clock ────────────────────────────────────────────────────────────────────


class Start(Command):
    kind: Literal["start"] = "start"


class NextMovement(Command):
    kind: Literal["next_movement"] = "next_movement"


class PreviousMovement(Command):
    kind: Literal["previous_movement"] = "previous_movement"


class NextStep(Command):
    kind: Literal["next_step"] = "next_step"


class GoTo(Command):
    kind: Literal["go_to"] = "go_to"
    to_step: int = Field(ge=0)
    to_movement: Movement


class TogglePause(Command):
    kind: Literal["toggle_pause"] = "toggle_pause"


class Extend(Command):
    kind: Literal["extend"] = "extend"
    minutes: int = Field(ge=-1440, le=1440)


class Rebalance(Command):
    """Shrink the rest of the agenda to end on time (tui/wyber/rebalance.py), sparing the
    `protected` boxes (step, movement)."""

    kind: Literal["rebalance"] = "rebalance"
    protected: tuple[tuple[int, Movement], ...] = ()


# ── people ──────────────────────────────────────────────────────────────────────────────────────


class AddParticipant(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    while_evaluating: ClassVar[bool] = True
    kind: Literal["add_participant"] = "add_participant"
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    mandate: Mandate | None = None  # as Prepare's participant form says it; None: not said


class SetPresent(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    while_evaluating: ClassVar[bool] = True
    kind: Literal["set_present"] = "set_present"
    participant_id: str
    present: bool


# ── diverge: ideas ──────────────────────────────────────────────────────────────────────────────


Stranger = Literal["ask", "add", "keep"]


class StrangerNamed(Refused):
    """The idea begins with the name of someone who is not a participant ("Bram: …"): the
    command asked (`stranger="ask"`) what to do. Nothing was recorded; the same command with
    "add" or "keep" does it."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__("table2.stranger.ask", name=name)
        self.name = name
        self.text = text


class AddIdea(Command):
    """An idea as typed, and its author: `author_id` when given outright (a phone's own
    participant); else a participant named before a colon or a dash in the text ("Anna: more bike
    racks"), which wins over the author picked beside it (`picked_author_id`: the author list, or
    whose turn it is); else none. See rules.idea_author.

    A name before a colon that is nobody's at the table (rules.stranger_named) is what
    `stranger` says: "keep" (the default: a pasted chat line, a phone) keeps it as part of the
    text; "ask" refuses with StrangerNamed, so the facilitator can be asked; "add" adds that
    person as a participant, and the idea is theirs without the "Name:" in front."""

    late: ClassVar[Late] = Late.FILED_WHERE_MADE
    kind: Literal["add_idea"] = "add_idea"
    text: str
    author_id: str | None = None
    picked_author_id: str | None = None
    stranger: Stranger = "keep"


class EditIdea(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["edit_idea"] = "edit_idea"
    idea_id: str
    text: str


class RemoveIdea(Command):
    """Removing an idea, anyone's: always an explicit command, never an undo of someone else's."""

    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["remove_idea"] = "remove_idea"
    idea_id: str


class PassTurn(Command):
    """In a go-around, the participant whose turn it is passes: recorded, so the minutes and the
    replay say who had nothing to add; filed under the movement it was made in."""

    late: ClassVar[Late] = Late.FILED_WHERE_MADE
    kind: Literal["pass_turn"] = "pass_turn"
    participant_id: str


# ── converge: clusters, dots, scores, selection ─────────────────────────────────────────────────


class CreateCluster(Command):
    kind: Literal["create_cluster"] = "create_cluster"
    name: str
    idea_ids: list[str] = []


class RenameCluster(Command):
    kind: Literal["rename_cluster"] = "rename_cluster"
    cluster_id: str
    name: str


class DissolveCluster(Command):
    kind: Literal["dissolve_cluster"] = "dissolve_cluster"
    cluster_id: str


class MergeClusters(Command):
    kind: Literal["merge_clusters"] = "merge_clusters"
    into: str
    others: list[str]


class MoveIdeas(Command):
    """Ideas put in a cluster (or, `cluster_id` None, out of theirs): one command, one undo."""

    kind: Literal["move_ideas"] = "move_ideas"
    idea_ids: list[str] = Field(min_length=1)
    cluster_id: str | None


class Vote(Command):
    kind: Literal["vote"] = "vote"
    target_id: str
    voter_id: str | None = None
    delta: Literal[1, -1] = 1


class Score(Command):
    """A score as given: a whole number from 0 to the plan's top, or the text typed for one
    (" 7 " reads as 7; "seven", "7.5" or "-1" are refused with the range)."""

    kind: Literal["score"] = "score"
    target_id: str
    score: int | str
    voter_id: str | None = None


class ToggleSelected(Command):
    kind: Literal["toggle_selected"] = "toggle_selected"
    target_id: str


# ── consolidate: agreements and consent ─────────────────────────────────────────────────────────


class RecordAgreement(Command):
    """An agreement, its kind, owner, deadline and 7-veld field. The owner is `owner_id` (a
    participant), or `owners` as typed: one name or several, at the table or not (owners.py);
    `owners` wins when given."""

    late: ClassVar[Late] = Late.FILED_WHERE_MADE
    kind: Literal["record_agreement"] = "record_agreement"
    text: str
    agreement_kind: AgreementKind = AgreementKind.AGREEMENT
    owner_id: str | None = None
    owners: str | None = None
    deadline: date | None = None
    field: VeldField | None = None


class EditAgreement(Command):
    """The agreement as it now reads, every field; the owner as in RecordAgreement."""

    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["edit_agreement"] = "edit_agreement"
    agreement_id: str
    text: str
    agreement_kind: AgreementKind
    owner_id: str | None
    deadline: date | None
    field: VeldField | None
    owners: str | None = None


class RemoveAgreement(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["remove_agreement"] = "remove_agreement"
    agreement_id: str


class AnswerConsent(Command):
    """One participant's answer in an agreement's consent round: consent, an objection in their
    words, or standing aside (`answer` None takes their answer back). A participant answers for
    themself; the facilitator may record anyone's answer. Words given with anything but an
    objection are refused: typed objections never become consent."""

    kind: Literal["answer_consent"] = "answer_consent"
    agreement_id: str
    participant_id: str
    answer: ConsentAnswer | None
    objection: str = ""


class ResolveObjection(Command):
    """How an objection was settled after the group discussed it. `amended`: the proposal now
    reads `text` and its round starts again (the facilitator's to record); an objector may
    withdraw their own objection or have it recorded as standing."""

    kind: Literal["resolve_objection"] = "resolve_objection"
    agreement_id: str
    participant_id: str
    resolution: Resolution
    text: str = ""


class ReviewAgreement(Command):
    """Where an agreement of an earlier session of the series stands now, with a note for any
    status. A "changed" one may take a new `deadline` and new `owners` (typed as for an
    agreement, owners.py); None leaves them as they were. Another status refuses them."""

    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["review_agreement"] = "review_agreement"
    session_id: str
    agreement_id: str
    status: ReviewStatus
    note: str = ""
    deadline: date | None = None
    owners: str | None = None


class OpenReview(Command):
    """The review of earlier agreements comes on screen: its time counts until CloseReview.
    Its time box is REVIEW_SECONDS_EACH for each earlier agreement still to review."""

    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["open_review"] = "open_review"


class CloseReview(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["close_review"] = "close_review"


# ── ending, and taking back ─────────────────────────────────────────────────────────────────────


class Evaluate(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    while_evaluating: ClassVar[bool] = True
    kind: Literal["evaluate"] = "evaluate"
    went_well: str = ""
    next_step: str = ""
    scores: dict[str, int] = {}
    could_be_better: str = ""


class Finish(Command):
    late: ClassVar[Late] = Late.ANYWHERE
    while_evaluating: ClassVar[bool] = True
    kind: Literal["finish"] = "finish"


class Undo(Command):
    """Take back the actor's own last command (never someone else's), checked again against the
    meeting as it is now."""

    late: ClassVar[Late] = Late.ANYWHERE
    kind: Literal["undo"] = "undo"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a command did: the records it made (none when there was nothing to do, such as
    "next" at the end of the agenda), or why it was refused."""

    records: tuple[Record, ...] = ()
    refused: Refused | None = None
    undoable: bool = False  # it left a unit on its actor's undo stack

    @property
    def done(self) -> bool:
        return self.refused is None and bool(self.records)

    def events(self) -> list[Event]:
        return [record.event for record in self.records]

    def check(self) -> "Outcome":
        """The outcome itself, or the refusal raised (for callers that show a refusal as such)."""
        refused = self.refused
        if refused is None:
            return self
        try:
            raise refused
        finally:
            # The raised refusal's traceback holds this frame: without these names in it, the
            # frame holds nothing that holds the refusal, and no cycle is left per refused key.
            del self, refused
