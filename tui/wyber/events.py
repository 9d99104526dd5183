"""The events of a live meeting: one discriminated union, each wrapped in a numbered record.

A session is an append-only log of these records. Every record carries `seq` (1, 2, 3 … within
the session), `at` (UTC wall-clock time), `t` (seconds on the session's own clock) and the event.
Stored records carry a `schema_version`; a before-validator upgrades older records, so a log
written by an older wyber always reads.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from tui.wyber.i18n import Language
from tui.wyber.plan import Movement, Plan, VeldField, parse_veld_field
from tui.wyber.text import clean_line, clean_text

SCHEMA_VERSION = 1

# Limits that keep a runaway paste from filling the screen or the minutes, yet hold any real idea.
Name = Annotated[str, AfterValidator(clean_line), Field(max_length=200)]
Line = Annotated[str, AfterValidator(clean_line), Field(max_length=500)]
Text = Annotated[str, AfterValidator(clean_text), Field(max_length=20_000)]


def _required(text: str) -> str:
    """Checked after cleaning: a name of only spaces or control characters is no name."""
    if not text.strip():
        raise ValueError("must not be empty")
    return text


# The same, for what must be there: cleaned first, then checked, so what is written always reads.
RequiredName = Annotated[Name, AfterValidator(_required)]
RequiredLine = Annotated[Line, AfterValidator(_required)]
RequiredText = Annotated[Text, AfterValidator(_required)]
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
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


class SeriesLink(BaseModel):
    """The series (traject) a session belongs to: its name, its shared goal, and the number its
    first agreement gets, so the numbering runs on across the sessions of the series."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: RequiredName
    goal: Text = ""
    first_number: int = Field(default=1, ge=1, le=1_000_000)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionOpened(_Event):
    """The session was opened from a plan: always the first event of a log."""

    type: Literal["session_opened"] = "session_opened"
    session_id: Id
    plan: Plan
    title: Name
    language: Language
    place: Line = ""
    facilitator: Name = ""
    held_on: date | None = None  # the meeting's date as prepared; None means the day it opened
    series: SeriesLink | None = None


class ParticipantAdded(_Event):
    type: Literal["participant_added"] = "participant_added"
    participant_id: Id
    name: RequiredName
    organisation: Name = ""
    role: Name = ""
    email: Annotated[str, AfterValidator(clean_line), Field(max_length=320)] = ""
    present: bool = True


class PresenceChanged(_Event):
    """A participant arrived or left."""

    type: Literal["presence_changed"] = "presence_changed"
    participant_id: Id
    present: bool


class RoundStarted(_Event):
    """The group moved into a movement of a step, and its time box started running."""

    type: Literal["round_started"] = "round_started"
    step: int = Field(ge=0)
    movement: Movement


class TimerPaused(_Event):
    type: Literal["timer_paused"] = "timer_paused"


class TimerResumed(_Event):
    type: Literal["timer_resumed"] = "timer_resumed"


class TimeboxExtended(_Event):
    """More (or, negative, less) time for one movement's time box."""

    type: Literal["timebox_extended"] = "timebox_extended"
    step: int = Field(ge=0)
    movement: Movement
    seconds: int = Field(ge=-86_400, le=86_400)


class SegmentBudget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    step: int = Field(ge=0)
    movement: Movement
    seconds: float = Field(ge=0)


class Rebalanced(_Event):
    """The remaining time boxes were shrunk so the meeting ends on time: their new sizes."""

    type: Literal["rebalanced"] = "rebalanced"
    budgets: list[SegmentBudget]


class SessionResumed(_Event):
    """The session was opened again after it was interrupted (a crash, a closed terminal)."""

    type: Literal["session_resumed"] = "session_resumed"
    away_seconds: float = Field(ge=0)


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
    score: int = Field(ge=0, le=100)


class SelectionMarked(_Event):
    """The group selected (or unselected) an idea or a cluster to carry forward."""

    type: Literal["selection_marked"] = "selection_marked"
    target_id: Id
    selected: bool = True


class _AgreementContent(_Event):
    """What an agreement holds; recorded whole, and again whole when edited."""

    agreement_id: Id
    kind: AgreementKind = AgreementKind.AGREEMENT
    text: RequiredText
    owner_id: Id | None = None
    owner_name: Name = ""
    deadline: date | None = None
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
    """Everyone present can live with the agreement (consent), or these are the objections."""

    type: Literal["consent_noted"] = "consent_noted"
    agreement_id: Id
    consent: bool
    objections: Text = ""


class AgreementReviewed(_Event):
    """The group reviewed an agreement of an earlier session of the series. The record repeats its
    number and text, so these minutes can show it without reading the earlier session."""

    type: Literal["agreement_reviewed"] = "agreement_reviewed"
    session_id: Id  # the earlier session that recorded the agreement
    agreement_id: Id
    number: int = Field(ge=1)
    text: RequiredText
    status: ReviewStatus
    note: Text = ""


class EvaluationRecorded(_Event):
    type: Literal["evaluation_recorded"] = "evaluation_recorded"
    went_well: Text = ""
    next_step: Text = ""
    scores: dict[Id, int] = {}

    @field_validator("scores")
    @classmethod
    def _scores_in_range(cls, scores: dict[str, int]) -> dict[str, int]:
        for value in scores.values():
            if not 1 <= value <= 10:
                raise ValueError("an evaluation score runs from 1 to 10")
        return scores


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
    | AgreementReviewed
    | EvaluationRecorded
    | SessionFinished,
    Field(discriminator="type"),
]


class NewerSchemaError(ValueError):
    """A record written by a newer wyber than this one: refused rather than misread."""


# Upgrades from each older schema version to the next; empty while version 1 is the only one.
# An upgrade takes the raw stored dict of version N and returns the dict of version N + 1.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class Record(BaseModel):
    """One event as it is stored: numbered, timed on both clocks, and versioned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = SCHEMA_VERSION
    seq: int = Field(ge=1)
    at: AwareDatetime
    t: float = Field(ge=0)
    event: Event

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        version = data.get("schema_version", 1)
        if isinstance(version, int) and version < 1:
            # No wyber wrote it (versions start at 1), and no upgrade starts below 1.
            raise ValueError(f"record {data.get('seq')} has schema version {version}")
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"record {data.get('seq')} has schema version {version}; "
                f"this wyber reads up to {SCHEMA_VERSION}"
            )
        while isinstance(version, int) and version < SCHEMA_VERSION:
            data = {**UPGRADES[version](data), "schema_version": version + 1}
            version += 1
        return data

    @field_validator("at")
    @classmethod
    def _in_utc(cls, at: datetime) -> datetime:
        return at.astimezone(UTC)


RECORDS = TypeAdapter(list[Record])


def stored(record: Record) -> dict[str, Any]:
    """A record as it goes to disk and into the portable export."""
    return record.model_dump(mode="json")
