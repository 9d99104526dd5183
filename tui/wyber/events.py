"""The events of a live meeting: one discriminated union, each wrapped in a numbered record.

A session is an append-only log of these records. Every record carries `seq` (1, 2, 3 … within
the session), `at` (UTC wall-clock time), `t` (seconds on the session's own clock) and the event.
Every record also says who made it (`actor`: a participant's id, or None for the facilitator)
and where (`step`, `movement`: the movement the command was made in, which the group may have left
since; see tui/wyber/late.py for the late-command rule). Stored records carry a
`schema_version`; a before-validator upgrades older records, so a log written by an older wyber
always reads.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tui.wyber.i18n import Language
from tui.wyber.paths import shipped_plans_dir

# Mandate lives with the plans (a plan's participants have one) and is the events' too.
from tui.wyber.plan import Mandate as Mandate
from tui.wyber.plan import Movement, Plan, VeldField, parse_veld_field
from tui.wyber.text import clean_line, clean_text

SCHEMA_VERSION = 2

# Limits that keep a runaway paste from filling the screen or the minutes, yet hold any real idea.
Name = Annotated[str, AfterValidator(clean_line), Field(max_length=200)]
Line = Annotated[str, AfterValidator(clean_line), Field(max_length=500)]
Text = Annotated[str, AfterValidator(clean_text), Field(max_length=20_000)]


def _required(text: str) -> str:
    """Checked after cleaning: a name of only spaces or control characters is no name."""
    if not text.strip():
        raise PydanticCustomError("door_empty", "must not be empty")
    return text


# The same, for what must be there: cleaned first, then checked, so what is written always reads.
RequiredName = Annotated[Name, AfterValidator(_required)]
RequiredLine = Annotated[Line, AfterValidator(_required)]
RequiredText = Annotated[Text, AfterValidator(_required)]
# An id can become a file name (a session's), so it is a safe one: no ".", "..", path separator
# or control character, no leading "-" that a command would read as an option, and short.
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")]


@cache
def _shipped_plan_names() -> frozenset[str]:
    return frozenset(path.stem for path in shipped_plans_dir().glob("*.toml"))


def _not_a_plan_name(session_id: str) -> str:
    """`wyber run NAME` resumes a session before it looks for a plan: a session named like a
    shipped plan would take that name over."""
    if session_id in _shipped_plan_names():
        raise PydanticCustomError("door_plan_name", "is the name of a plan", {"got": session_id})
    return session_id


SessionId = Annotated[Id, AfterValidator(_not_a_plan_name)]
_SESSION_ID = TypeAdapter(SessionId)


def is_session_id(text: str) -> bool:
    """Whether `text` can name a session (and so its file in the archive)."""
    try:
        _SESSION_ID.validate_python(text)
    except ValidationError:
        return False
    return True


# Times from a file are refused outside what a real session can hold: year 1 or 9999, or a
# clock at 1e308 seconds, pass a lax check and then overflow in the minutes, the replay and the
# summary. From 1970, not 2000: a laptop whose clock was reset to the epoch still records.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2201, 1, 1, tzinfo=UTC)  # exclusive: up to the end of 2200
MAX_SECONDS = (LATEST - EARLIEST).total_seconds()  # no session clock runs longer than that span
MAX_SEQ = 100_000_000
MAX_STEP = 99  # a plan holds at most 100 steps (plan.Plan)
# Read from a file, a number is a JSON number: "5", true and (for a whole number) 5.0 are refused.
Seconds = Annotated[float, Field(strict=True, ge=0, le=MAX_SECONDS, allow_inf_nan=False)]


def _outside_the_years(moment: date) -> PydanticCustomError:
    return PydanticCustomError(
        "door_years",
        "lies outside the years {first}-{last}",
        {"first": EARLIEST.year, "last": LATEST.year - 1, "got": moment.isoformat()},
    )


def _years_plausible(day: date) -> date:
    if not EARLIEST.year <= day.year < LATEST.year:
        raise _outside_the_years(day)
    return day


def _plausible_in_utc(at: datetime) -> datetime:
    # Compared as moments, as stored (in UTC): 1970-01-01T00:00+14:00 is still 1969, and is
    # refused here rather than when the stored record is read back. Compared before converting:
    # converting year 9999 at -01:00 to UTC overflows, comparing does not.
    if not EARLIEST <= at < LATEST:
        raise _outside_the_years(at)
    return at.astimezone(UTC)


Day = Annotated[date, AfterValidator(_years_plausible)]
Moment = Annotated[AwareDatetime, AfterValidator(_plausible_in_utc)]  # kept in UTC
Field7 = Annotated[VeldField | None, BeforeValidator(parse_veld_field)]


class AgreementKind(StrEnum):
    AGREEMENT = "agreement"
    DECISION = "decision"
    ACTION = "action"
    PARKED = "parked"


class ReviewStatus(StrEnum):
    """Where an agreement of an earlier session of the series stands, as the group reviewed it."""

    OPEN = "open"
    DONE = "done"
    CHANGED = "changed"
    DROPPED = "dropped"


class ConsentAnswer(StrEnum):
    """One participant's answer in a consent round."""

    CONSENT = "consent"
    OBJECTION = "objection"
    ASIDE = "aside"  # stands aside: will not stand in the way, will not carry it either


class Resolution(StrEnum):
    """How an objection raised in a consent round was settled after it was discussed."""

    AMENDED = "amended"  # the proposal was changed; its round starts again
    WITHDRAWN = "withdrawn"
    STANDING = "standing"  # recorded as it stands: the agreement has no consent


class SeriesLink(BaseModel):
    """The series (traject) a session belongs to: its name, its shared goal, and the number its
    first agreement gets, so the numbering runs on across the sessions of the series."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: RequiredName
    goal: Text = ""
    first_number: int = Field(default=1, strict=True, ge=1, le=1_000_000)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionOpened(_Event):
    """The session was opened from a plan: always the first event of a log."""

    type: Literal["session_opened"] = "session_opened"
    session_id: SessionId
    plan: Plan
    title: Name
    language: Language
    place: Line = ""
    facilitator: Name = ""
    held_on: Day | None = None  # the meeting's date as prepared; None means the day it opened
    series: SeriesLink | None = None


class ParticipantAdded(_Event):
    type: Literal["participant_added"] = "participant_added"
    participant_id: Id
    name: RequiredName
    organisation: Name = ""
    role: Name = ""
    email: Annotated[str, AfterValidator(clean_line), Field(max_length=320)] = ""
    present: bool = Field(True, strict=True)
    # None: not said (and every record written before mandates existed).
    mandate: Mandate | None = None


class PresenceChanged(_Event):
    """A participant arrived or left. After the start that is coming late or leaving early, at
    the record's time; `present` for someone already present says they came in just now
    (tui/wyber/presence.py)."""

    type: Literal["presence_changed"] = "presence_changed"
    participant_id: Id
    present: bool = Field(strict=True)


class RoundStarted(_Event):
    """The group moved into a movement of a step, and its time box started running."""

    type: Literal["round_started"] = "round_started"
    step: int = Field(strict=True, ge=0, le=MAX_STEP)
    movement: Movement


class TimerPaused(_Event):
    type: Literal["timer_paused"] = "timer_paused"


class TimerResumed(_Event):
    type: Literal["timer_resumed"] = "timer_resumed"


class TimeboxExtended(_Event):
    """More (or, negative, less) time for one movement's time box."""

    type: Literal["timebox_extended"] = "timebox_extended"
    step: int = Field(strict=True, ge=0, le=MAX_STEP)
    movement: Movement
    seconds: int = Field(strict=True, ge=-86_400, le=86_400)


class SegmentBudget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    step: int = Field(strict=True, ge=0, le=MAX_STEP)
    movement: Movement
    seconds: Seconds


class Rebalanced(_Event):
    """The remaining time boxes were shrunk so the meeting ends on time: their new sizes."""

    type: Literal["rebalanced"] = "rebalanced"
    budgets: list[SegmentBudget]


class SessionResumed(_Event):
    """The session was opened again after it was interrupted (a crash, a closed terminal)."""

    type: Literal["session_resumed"] = "session_resumed"
    away_seconds: Seconds


class IdeaAdded(_Event):
    type: Literal["idea_added"] = "idea_added"
    idea_id: Id
    text: RequiredText
    author_id: Id | None = None
    author_name: Name = ""


class IdeaEdited(_Event):
    type: Literal["idea_edited"] = "idea_edited"
    idea_id: Id
    text: RequiredText
    author_id: Id | None = None
    author_name: Name = ""


class IdeaRemoved(_Event):
    type: Literal["idea_removed"] = "idea_removed"
    idea_id: Id


class IdeaRestored(_Event):
    """An idea removed earlier came back (undo)."""

    type: Literal["idea_restored"] = "idea_restored"
    idea_id: Id


class ClusterCreated(_Event):
    type: Literal["cluster_created"] = "cluster_created"
    cluster_id: Id
    name: RequiredLine
    idea_ids: list[Id] = []


class ClusterRenamed(_Event):
    type: Literal["cluster_renamed"] = "cluster_renamed"
    cluster_id: Id
    name: RequiredLine


class ClusterDissolved(_Event):
    """The cluster is gone, with its dots and scores; its ideas are unclustered again."""

    type: Literal["cluster_dissolved"] = "cluster_dissolved"
    cluster_id: Id


class ClustersMerged(_Event):
    """The ideas, votes and scores of other clusters were taken into one; the others are gone."""

    type: Literal["clusters_merged"] = "clusters_merged"
    cluster_id: Id
    merged_ids: list[Id] = Field(min_length=1)


class IdeaMoved(_Event):
    """An idea was put in a cluster, or (cluster_id None) taken out of its cluster."""

    type: Literal["idea_moved"] = "idea_moved"
    idea_id: Id
    cluster_id: Id | None


class VoteCast(_Event):
    """A dot put on (+1) or taken off (-1) an idea or a cluster, by a participant or anonymously."""

    type: Literal["vote_cast"] = "vote_cast"
    target_id: Id
    voter_id: Id | None = None
    delta: Literal[1, -1] = 1


class ScoreGiven(_Event):
    type: Literal["score_given"] = "score_given"
    target_id: Id
    voter_id: Id | None = None
    score: int = Field(strict=True, ge=0, le=100)


class SelectionMarked(_Event):
    """The group selected (or unselected) an idea or a cluster to carry forward."""

    type: Literal["selection_marked"] = "selection_marked"
    target_id: Id
    selected: bool = Field(True, strict=True)


class _AgreementContent(_Event):
    """What an agreement holds; recorded whole, and again whole when edited."""

    agreement_id: Id
    kind: AgreementKind = AgreementKind.AGREEMENT
    text: RequiredText
    owner_id: Id | None = None
    owner_name: Name = ""
    deadline: Day | None = None
    field: Field7 = None


class AgreementRecorded(_AgreementContent):
    type: Literal["agreement_recorded"] = "agreement_recorded"


class AgreementEdited(_AgreementContent):
    """The agreement's content as it now stands (every field, so the record is self-contained)."""

    type: Literal["agreement_edited"] = "agreement_edited"


class AgreementRemoved(_Event):
    type: Literal["agreement_removed"] = "agreement_removed"
    agreement_id: Id


class ConsentNoted(_Event):
    """Everyone present can live with the agreement (consent), or these are the objections: the
    record of older wybers, which noted a consent for the whole room. It still folds and shows;
    a consent round is now recorded per participant (ConsentAnswered)."""

    type: Literal["consent_noted"] = "consent_noted"
    agreement_id: Id
    consent: bool = Field(strict=True)
    objections: Text = ""


class ConsentAnswered(_Event):
    """One participant's answer in round `round` (1, 2 … : an amended proposal starts the next) of
    an agreement's consent round; `answer` None takes their answer back. The record's actor is who
    recorded it (the facilitator, or the participant themself)."""

    type: Literal["consent_answered"] = "consent_answered"
    agreement_id: Id
    round: int = Field(strict=True, ge=1, le=MAX_SEQ)
    participant_id: Id
    answer: ConsentAnswer | None
    objection: Text = ""  # the objection in the objector's words


class ObjectionResolved(_Event):
    """How a participant's objection in round `round` was settled (None: open again)."""

    type: Literal["objection_resolved"] = "objection_resolved"
    agreement_id: Id
    round: int = Field(strict=True, ge=1, le=MAX_SEQ)
    participant_id: Id
    resolution: Resolution | None


class TurnPassed(_Event):
    """In a go-around, a participant passed their turn: they had nothing to add (yet)."""

    type: Literal["turn_passed"] = "turn_passed"
    participant_id: Id


class AgreementReviewed(_Event):
    """The group reviewed an agreement of an earlier session of the series. The record repeats its
    number and text, so these minutes can show it without reading the earlier session."""

    type: Literal["agreement_reviewed"] = "agreement_reviewed"
    session_id: SessionId  # the earlier session that recorded the agreement
    agreement_id: Id
    number: int = Field(strict=True, ge=1, le=MAX_SEQ)
    text: RequiredText
    status: ReviewStatus
    note: Text = ""
    # Added with issue 12: what a "changed" review set anew (None: as it was). A default, so a
    # review recorded before reads as before.
    deadline: Day | None = None
    owner_name: Name | None = None


class ReviewOpened(_Event):
    """The review of earlier agreements is on screen: its time counts from here. `planned` is
    its time box, in seconds (REVIEW_SECONDS_EACH for each agreement still to review)."""

    type: Literal["review_opened"] = "review_opened"
    planned: int = Field(strict=True, ge=0, le=86_400)


class ReviewClosed(_Event):
    type: Literal["review_closed"] = "review_closed"


class EvaluationRecorded(_Event):
    type: Literal["evaluation_recorded"] = "evaluation_recorded"
    went_well: Text = ""
    next_step: Text = ""
    # Added with issue 15; a default, so an evaluation recorded before reads as before.
    could_be_better: Text = ""
    scores: dict[Id, Annotated[int, Field(strict=True, ge=1, le=10)]] = {}


class SessionFinished(_Event):
    type: Literal["session_finished"] = "session_finished"


Event = Annotated[
    SessionOpened
    | ParticipantAdded
    | PresenceChanged
    | RoundStarted
    | TimerPaused
    | TimerResumed
    | TimeboxExtended
    | Rebalanced
    | SessionResumed
    | IdeaAdded
    | IdeaEdited
    | IdeaRemoved
    | IdeaRestored
    | TurnPassed
    | ClusterCreated
    | ClusterRenamed
    | ClusterDissolved
    | ClustersMerged
    | IdeaMoved
    | VoteCast
    | ScoreGiven
    | SelectionMarked
    | AgreementRecorded
    | AgreementEdited
    | AgreementRemoved
    | ConsentNoted
    | ConsentAnswered
    | ObjectionResolved
    | AgreementReviewed
    | ReviewOpened
    | ReviewClosed
    | EvaluationRecorded
    | SessionFinished,
    Field(discriminator="type"),
]


def _who_and_where(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: records learnt who made them and where. A version-1 record was made by the
    facilitator (the only hands then), and where is "where the session was when it was folded",
    the old rule, which is what no place (None) means."""
    return {"actor": None, "step": None, "movement": None, **data}


# Upgrades from each older schema version to the next.
# An upgrade takes the raw stored dict of version N and returns the dict of version N + 1.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _who_and_where}


def newer_schema(version: int) -> PydanticCustomError:
    """Written by a newer wyber: refused rather than misread."""
    return PydanticCustomError(
        "door_newer_schema",
        "schema version {version} is newer than {supported}",
        {"version": version, "supported": SCHEMA_VERSION},
    )


class Record(BaseModel):
    """One event as it is stored: numbered, timed on both clocks, and versioned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = Field(SCHEMA_VERSION, strict=True, ge=1)
    seq: int = Field(strict=True, ge=1, le=MAX_SEQ)
    at: Moment
    t: Seconds
    actor: Id | None = None  # the participant who made it; None: the facilitator
    # Where it was made; None: where the session is (the rule of version-1 records).
    step: int | None = Field(default=None, strict=True, ge=0, le=MAX_STEP)
    movement: Movement | None = None
    event: Event

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        version = data.get("schema_version", 1)
        if type(version) is not int or version < 1:
            return data  # not a version at all: the field's own check names it
        if version > SCHEMA_VERSION:
            raise newer_schema(version)
        while version < SCHEMA_VERSION:
            data = {**UPGRADES[version](data), "schema_version": version + 1}
            version += 1
        return data

    @model_validator(mode="after")
    def _a_whole_place(self) -> "Record":
        if (self.step is None) != (self.movement is None):
            raise ValueError("a record's step and movement are given together or not at all")
        return self


RECORDS = TypeAdapter(list[Record])


def stored(record: Record) -> dict[str, Any]:
    """A record as it goes to disk and into the portable export."""
    return record.model_dump(mode="json")
