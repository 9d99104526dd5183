"""Session plans: what a facilitator prepares before the meeting, validated with pydantic.

A plan is a TOML file: a title, a language, the goal (opgave) and the steps. Each step works
through some of the three movements of a wyber — diverge, converge, consolidate — each with a
time box in minutes and, optionally, a technique with its settings. See sessions/README.md.
"""

import re
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tui.wyber.i18n import Language
from tui.wyber.text import clean_line, clean_text


class Movement(StrEnum):
    """The three movements of a wyber, in the order a step works through them."""

    DIVERGE = "diverge"
    CONVERGE = "converge"
    CONSOLIDATE = "consolidate"


MOVEMENTS: tuple[Movement, ...] = tuple(Movement)


class Technique(StrEnum):
    OPEN = "open"
    SILENT_WRITING = "silent_writing"
    GO_AROUND = "go_around"
    ONE_TWO_FOUR_ALL = "1-2-4-all"
    DOT_VOTE = "dot_vote"
    SCORE = "score"
    CONSENT_ROUND = "consent_round"


# Which techniques make sense in which movement: a dot vote while diverging is a plan typo.
TECHNIQUES_FOR: dict[Movement, frozenset[Technique]] = {
    Movement.DIVERGE: frozenset(
        {Technique.OPEN, Technique.SILENT_WRITING, Technique.GO_AROUND, Technique.ONE_TWO_FOUR_ALL}
    ),
    Movement.CONVERGE: frozenset(
        {Technique.OPEN, Technique.DOT_VOTE, Technique.SCORE, Technique.GO_AROUND}
    ),
    Movement.CONSOLIDATE: frozenset({Technique.OPEN, Technique.CONSENT_ROUND, Technique.GO_AROUND}),
}


class VeldField(StrEnum):
    """The seven fields of the 7-veldenmodel (Procesregie als vak)."""

    DESIGNING = "ontwerpend"
    POSITIONING = "positionerend"
    COMMISSIONING = "opdrachtgevend"
    INTERNAL = "intern"
    CONNECTING = "verbindend"
    EXECUTING = "uitvoerend"
    INTERVENTION = "interventie"


VELD_FIELDS: tuple[VeldField, ...] = tuple(VeldField)

# Facilitators write a field as its Dutch name ("verbindend", "verbindende veld"), its English
# name ("connecting") or its number in the model (1-7); all of them mean the same field.
_ENGLISH_NAMES = (
    "designing",
    "positioning",
    "commissioning",
    "internal",
    "connecting",
    "executing",
    "intervention",
)
_FIELD_ALIASES: dict[str, VeldField] = {"interventieveld": VeldField.INTERVENTION}
for _number, (_field, _english) in enumerate(zip(VELD_FIELDS, _ENGLISH_NAMES, strict=True), 1):
    _FIELD_ALIASES.update({_field.value: _field, _english: _field, str(_number): _field})
    if _field is not VeldField.INTERVENTION:  # "interventie" takes no adjective ending
        _FIELD_ALIASES.update({f"{_field.value}e": _field, f"{_field.value}e veld": _field})


def parse_veld_field(value: object) -> object:
    """A field as a facilitator writes it, to a VeldField; anything else is left to validation."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        return _FIELD_ALIASES.get(value.strip().lower(), value)
    return value


Title = Annotated[str, Field(min_length=1, max_length=200)]


# A dot vote's dots each, and a score's top, when the plan does not say: common defaults.
DEFAULT_DOTS = 3
DEFAULT_SCORE_TOP = 5


MIN_MINUTES, MAX_MINUTES = 1, 480  # a movement's time box


def parse_minutes(text: str) -> int | None:
    """A time box as typed, or None if it is not a whole number of minutes it may have."""
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        return None
    minutes = int(text)
    return minutes if MIN_MINUTES <= minutes <= MAX_MINUTES else None


class TimeBox(BaseModel):
    """One movement of a step: its time box, and the technique the group works with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    technique: Technique = Technique.OPEN
    dots: int | None = Field(default=None, ge=1, le=50, description="dot vote: dots each")
    max_score: int | None = Field(default=None, ge=2, le=100, description="score: top of scale")
    turn_seconds: int | None = Field(
        default=None, ge=10, le=1800, description="go-around: each participant's turn"
    )

    @model_validator(mode="after")
    def _settings_fit_the_technique(self) -> Self:
        owners = {
            "dots": Technique.DOT_VOTE,
            "max_score": Technique.SCORE,
            "turn_seconds": Technique.GO_AROUND,
        }
        for setting, technique in owners.items():
            if getattr(self, setting) is not None and self.technique is not technique:
                raise PydanticCustomError(
                    "plan_setting_needs_technique",
                    "{setting} belongs to technique {technique}",
                    {"setting": setting, "technique": technique.value},
                )
        return self

    @property
    def dots_each(self) -> int:
        """Dots per participant in a dot vote: the plan's number, or three (a common default)."""
        return self.dots if self.dots is not None else DEFAULT_DOTS

    @property
    def score_top(self) -> int:
        return self.max_score if self.max_score is not None else DEFAULT_SCORE_TOP


class Step(BaseModel):
    """A step of the meeting: a question, worked through in one or more movements."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title
    question: str = Field(default="", max_length=2000)
    field: VeldField | None = None
    diverge: TimeBox | None = None
    converge: TimeBox | None = None
    consolidate: TimeBox | None = None

    _clean_title = field_validator("title", mode="after")(clean_line)
    _clean_question = field_validator("question", mode="after")(clean_text)
    _parse_field = field_validator("field", mode="before")(parse_veld_field)

    @model_validator(mode="after")
    def _movements_are_sound(self) -> Self:
        if not self.movements:
            raise PydanticCustomError(
                "plan_step_without_movement", "a step needs at least one movement", {}
            )
        for movement in self.movements:
            technique = self.timebox(movement).technique
            if technique not in TECHNIQUES_FOR[movement]:
                raise PydanticCustomError(
                    "plan_technique_misplaced",
                    "technique {technique} does not fit {movement}",
                    {"technique": technique.value, "movement": movement.value},
                )
        return self

    @property
    def movements(self) -> tuple[Movement, ...]:
        return tuple(m for m in MOVEMENTS if getattr(self, m.value) is not None)

    def timebox(self, movement: Movement) -> TimeBox:
        box: TimeBox | None = getattr(self, movement.value)
        if box is None:
            raise KeyError(f"step {self.title!r} has no {movement.value}")
        return box

    @property
    def minutes(self) -> int:
        return sum(self.timebox(m).minutes for m in self.movements)


class Mandate(StrEnum):
    """With what mandate a participant sits at the table (shown in the consent round and the
    minutes): may decide, must consult their organisation first, or only observes."""

    DECIDES = "decides"
    CONSULTS = "consults"
    OBSERVER = "observer"


# A light check: something, an @, something with a dot in it. Typos like "anna@gemeente" or
# "anna.gemeente.nl" are caught; the mail server is the judge of the rest.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(text: str) -> str:
    text = clean_line(text)
    if text and not EMAIL.match(text):
        raise PydanticCustomError(
            "plan_bad_email", "{email} is not an e-mail address", {"email": text}
        )
    return text


def _name(text: str) -> str:
    """Cleaned, then checked: a name of only spaces is no name (it could not be recorded)."""
    text = clean_line(text)
    if not text:
        raise PydanticCustomError("door_empty", "must not be empty")
    return text


class PlanParticipant(BaseModel):
    """Someone a plan invites (a recurring group's plan names its people): Prepare fills them in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Title
    organisation: str = Field(default="", max_length=200)
    role: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    mandate: Mandate | None = None

    _clean_name = field_validator("name", mode="after")(_name)
    _clean_lines = field_validator("organisation", "role", mode="after")(clean_line)
    _check_email = field_validator("email", mode="after")(_email)


class Plan(BaseModel):
    """A whole session plan."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title
    language: Language
    goal: str = Field(default="", max_length=4000)
    steps: list[Step] = Field(min_length=1, max_length=100)
    # Who the plan invites; never in a session's records (exclude): there the participants are
    # their own records, as prepared, and the opening keeps no second copy of their e-mail.
    participants: list[PlanParticipant] = Field(default_factory=list, max_length=200, exclude=True)

    _clean_title = field_validator("title", mode="after")(clean_line)
    _clean_goal = field_validator("goal", mode="after")(clean_text)

    @field_validator("language", mode="before")
    @classmethod
    def _lower_language(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def segments(self) -> list[tuple[int, Movement]]:
        """Every (step index, movement) of the meeting, in the order the meeting runs them."""
        return [(i, m) for i, step in enumerate(self.steps) for m in step.movements]
