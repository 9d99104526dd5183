"""What a session holds at a moment: the fold of its records up to that moment.

These are plain dataclasses: the fold builds them, and the live screen, the minutes and the replay
read them. Nothing else is a source of truth.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tui.wyber.events import (
    AgreementKind,
    ConsentAnswer,
    Mandate,
    Resolution,
    ReviewStatus,
    SeriesLink,
)
from tui.wyber.i18n import Language
from tui.wyber.plan import Movement, Plan, VeldField

# The voter key for a dot or score given without naming who gave it.
ANONYMOUS = ""


@dataclass(slots=True)
class Participant:
    id: str
    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    present: bool = True
    mandate: Mandate | None = None
    # Session times of coming late and leaving early (tui/wyber/presence.py); None: on time, or
    # (left) still there or back.
    arrived_t: float | None = None
    left_t: float | None = None


def mandate_of(participant: Participant) -> str | None:
    """What a participant may do at the table (decides, consults, observer; None: not known)."""
    return None if participant.mandate is None else str(participant.mandate)


@dataclass(slots=True)
class Tally:
    """Dots and scores on one idea or cluster, by voter (ANONYMOUS for unnamed)."""

    dots: dict[str, int] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    selected: bool = False

    @property
    def total_dots(self) -> int:
        return sum(self.dots.values())

    @property
    def total_score(self) -> int:
        return sum(self.scores.values())


@dataclass(slots=True)
class Idea:
    id: str
    step: int
    movement: Movement
    text: str
    author_id: str | None
    author_name: str
    added_t: float
    # Its place on its step's board, given once when it was added and never given again: a
    # removed idea that comes back has its number still, and the ones after it keep theirs.
    number: int
    cluster_id: str | None = None
    tally: Tally = field(default_factory=Tally)


@dataclass(frozen=True, slots=True)
class Pass:
    """A participant passed their turn in a go-around, in a step; their name as it was then."""

    participant_id: str
    name: str
    step: int
    t: float


@dataclass(slots=True)
class Cluster:
    id: str
    step: int
    name: str
    created_t: float
    tally: Tally = field(default_factory=Tally)


@dataclass(slots=True)
class Consent:
    """The room's consent as older wybers noted it (consent_noted): given, or the objections."""

    given: bool
    objections: str = ""


class ConsentState(StrEnum):
    OPEN = "open"  # not everyone present has answered, or an objection is still being discussed
    GIVEN = "given"  # everyone present with a vote consented or stood aside; no objection open
    OBJECTED = "objected"  # an objection stands (or, in an older session, objections were noted)


@dataclass(slots=True)
class Answer:
    """One participant's answer in a consent round, and how their objection was resolved. Name
    and mandate are kept as they were when they answered, as an idea keeps its author's name."""

    participant_id: str
    name: str
    mandate: str | None
    answer: ConsentAnswer
    objection: str
    t: float
    resolution: Resolution | None = None

    @property
    def counts(self) -> bool:
        """Whether the answer counts towards consent: an observer's does not (one could still
        answer before observers were left out of the round)."""
        return self.mandate != Mandate.OBSERVER.value


@dataclass(slots=True)
class ConsentRound:
    """One round on one text of the proposal; an amendment (or any change of the text after
    someone answered) starts the next round."""

    answers: dict[str, Answer] = field(default_factory=dict)  # by participant, in answer order


@dataclass(slots=True)
class Reopening:
    """The history entry of an agreement whose text changed after people had answered: its
    consent is open again."""

    t: float
    previous_text: str


@dataclass(slots=True)
class Agreement:
    id: str
    number: int  # in the order they were recorded, running on from the series' earlier sessions
    step: int
    movement: Movement
    kind: AgreementKind
    text: str
    owner_id: str | None
    owner_name: str
    deadline: date | None
    field: VeldField | None
    recorded_t: float
    consent: Consent | None = None  # an older session's room-wide note
    # (dataclasses.field: the agreement's own `field`, its 7-veld field, hides the function here)
    rounds: list[ConsentRound] = dataclasses.field(default_factory=list)  # the last: current
    history: list[Reopening] = dataclasses.field(default_factory=list)

    @property
    def round(self) -> ConsentRound:
        """The current consent round (the fold gives every agreement its first)."""
        return self.rounds[-1]

    @property
    def answered_state(self) -> ConsentState:
        """What the answers given say, not yet who has still to answer: a round where only Anna
        consented read "✔ consent". The views use `consent_state` (tui/wyber/consent.py), which
        holds consent open while someone present with a vote has not answered."""
        answers = [a for a in self.round.answers.values() if a.counts] if self.rounds else []
        objections = [a for a in answers if a.answer is ConsentAnswer.OBJECTION]
        if any(a.resolution is Resolution.STANDING for a in objections):
            return ConsentState.OBJECTED
        if any(a.resolution is None for a in objections):
            return ConsentState.OPEN
        if answers:
            return ConsentState.GIVEN
        if self.consent is not None:
            return ConsentState.GIVEN if self.consent.given else ConsentState.OBJECTED
        return ConsentState.OPEN


@dataclass(slots=True)
class Review:
    """An agreement of an earlier session of the series, reviewed in this one."""

    session_id: str
    agreement_id: str
    number: int
    text: str
    status: ReviewStatus
    note: str
    t: float
    deadline: date | None = None  # set anew by a "changed" review; None: as it was
    owner_name: str | None = None


@dataclass(slots=True)
class ReviewClock:
    """When the review of earlier agreements was on screen (opened, closed; None: still open),
    and its time box in seconds, as given when it first opened."""

    planned: float = 0.0
    spans: list[tuple[float, float | None]] = field(default_factory=list)


@dataclass(slots=True)
class Evaluation:
    went_well: str
    next_step: str
    scores: dict[str, int]
    could_be_better: str = ""


@dataclass(slots=True)
class Segment:
    """One movement of one step on the meeting's timeline."""

    step: int
    movement: Movement
    planned: float  # seconds, as the plan has it
    budget: float  # seconds, after extensions and rebalances
    used: float = 0.0  # seconds run up to the last time it stopped running
    visited: bool = False


@dataclass(slots=True)
class SessionState:
    session_id: str
    title: str
    language: Language
    plan: Plan
    place: str
    facilitator: str
    opened_at: datetime
    segments: list[Segment]
    held_on: date | None = None  # the date as prepared; None: the day it was opened
    series: SeriesLink | None = None
    participants: dict[str, Participant] = field(default_factory=dict)
    ideas: dict[str, Idea] = field(default_factory=dict)
    removed_ideas: dict[str, Idea] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)  # in the order they were recorded
    review_clock: ReviewClock = field(default_factory=ReviewClock)
    passes: list[Pass] = field(default_factory=list)  # turns passed in go-arounds, in order
    evaluation: Evaluation | None = None
    current: int | None = None  # index into segments of the movement the group is in
    running_since: float | None = None  # session time the current time box last started running
    started_t: float | None = None  # session time of the first round
    finished_t: float | None = None
    away: list[float] = field(default_factory=list)  # seconds away, per resume after a break-off
    agreements_recorded: int = 0
    ideas_numbered: dict[int, int] = field(default_factory=dict)  # per step: the last number given
    # Indexes the fold keeps, so that folding one record never scans the session (bench/fold.py):
    # the ideas on the board in each cluster, in the order they joined it (an ordered set) …
    members: dict[str, dict[str, None]] = field(default_factory=dict)
    # … and the dots each voter has on the board's ideas and clusters, per step.
    step_dots: dict[int, dict[str, int]] = field(default_factory=dict)
    last_seq: int = 0
    last_t: float = 0.0
    last_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_t is not None

    @property
    def paused(self) -> bool:
        return self.current is not None and self.running_since is None and not self.finished

    def segment_index(self, step: int, movement: Movement) -> int | None:
        for i, segment in enumerate(self.segments):
            if segment.step == step and segment.movement is movement:
                return i
        return None

    @property
    def current_segment(self) -> Segment | None:
        return None if self.current is None else self.segments[self.current]

    def tally_of(self, target_id: str) -> Tally | None:
        """The tally of an idea or a cluster, whichever the id names."""
        if target_id in self.ideas:
            return self.ideas[target_id].tally
        if target_id in self.clusters:
            return self.clusters[target_id].tally
        return None

    def ideas_of(self, step: int) -> list[Idea]:
        """The ideas on a step's board, by their number (a restored idea back in its place)."""
        return sorted(
            (idea for idea in self.ideas.values() if idea.step == step), key=lambda i: i.number
        )

    def cluster_ideas(self, cluster_id: str) -> list[Idea]:
        return [self.ideas[idea_id] for idea_id in self.members.get(cluster_id, ())]

    def dots_used(self, step: int, voter: str) -> int:
        """The dots a voter (ANONYMOUS for the room) has on the board in a step."""
        return self.step_dots.get(step, {}).get(voter, 0)
