"""The figures of a meeting that the summary screen and the minutes both show, computed once.

The day it was held, planned against actual minutes per step, how long it was away, the average
evaluation score, and how a duration or a difference is written: the screen and the Word file
must never disagree about a number.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal

from tui.wyber.dates import short_date
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Movement
from tui.wyber.review_time import review_time
from tui.wyber.state import Agreement, Segment, SessionState
from tui.wyber.timebox import (
    planned_end,
    step_actual,
    step_planned,
    used,
    wall_time,
    whole_minutes,
)

BABEL_LOCALES: dict[Language, str] = {"nl": "nl_NL", "en": "en_GB"}
MINUS = "\u2212"  # a real minus sign: "−2" reads as a number, "-2" as a dash


def signed(minutes: int) -> str:
    """+3, −2 or 0: how far a step ran over (or under) its plan."""
    if minutes > 0:
        return f"+{minutes}"
    if minutes < 0:
        return f"{MINUS}{-minutes}"
    return "0"


def duration(seconds: float, lang: Language) -> str:
    """'45 seconds', '1 minute', '12 minutes' in the session's language."""
    if seconds < 60:
        return tr(lang, "ending.duration.seconds", seconds=round(seconds))
    minutes = whole_minutes(seconds)
    if minutes == 1:
        return tr(lang, "ending.duration.minute")
    return tr(lang, "ending.duration.minutes", minutes=minutes)


def meeting_date(state: SessionState) -> date:
    """The day the meeting was held: as prepared, else the local day it was opened."""
    return state.held_on or state.opened_at.astimezone().date()


def clock_time(state: SessionState, t: float) -> str:
    """The local time of day at session time `t`: '14:05'."""
    return f"{wall_time(state, t).astimezone():%H:%M}"


@dataclass(frozen=True, slots=True)
class StepTime:
    index: int
    title: str
    planned: int  # whole minutes
    actual: int  # whole minutes; 0 when not reached
    reached: bool
    # Whole minutes the facilitator added to its time boxes (extend) or took from them
    # (rebalance) during the meeting: the plan's `planned` stays what was planned.
    adjusted: int = 0

    @property
    def difference(self) -> int:
        return self.actual - self.planned


def reached_steps(state: SessionState) -> set[int]:
    """The steps the group has been in (any of their movements), by index."""
    return {segment.step for segment in state.segments if segment.visited}


def steps_not_reached(state: SessionState) -> list[int]:
    """The steps the group has not been in yet, by index, in the plan's order."""
    reached = reached_steps(state)
    return [index for index in range(len(state.plan.steps)) if index not in reached]


def actual_seconds(state: SessionState, now: float) -> float:
    """How long the meeting took up to `now`: its rounds, and the review of earlier agreements
    held before the start. Summed in seconds and rounded once where it is shown (whole_minutes),
    so Home, the summary and the minutes give one total, never a sum of rows rounded each."""
    review = review_time(state, now)
    rounds = sum(used(state, index, now) for index in range(len(state.segments)))
    return rounds + (review.seconds if review is not None else 0.0)


def actual_minutes(state: SessionState, now: float) -> int:
    """The meeting's actual time in whole minutes, as every total of it says it."""
    return whole_minutes(actual_seconds(state, now))


def _adjusted(state: SessionState, segments: Sequence[Segment]) -> int:
    """The whole minutes the time boxes of `segments` were changed by during the meeting, as
    the difference of the rounded sums: a row's planned and adjusted minutes add up."""
    budget = sum(segment.budget for segment in segments)
    planned = sum(segment.planned for segment in segments)
    return whole_minutes(budget) - whole_minutes(planned)


def step_times(state: SessionState, now: float) -> list[StepTime]:
    """Planned against actual whole minutes for every step of the plan, in order."""
    reached = reached_steps(state)
    return [
        StepTime(
            index,
            step.title,
            whole_minutes(step_planned(state, index)),
            whole_minutes(step_actual(state, index, now)),
            index in reached,
            _adjusted(state, [s for s in state.segments if s.step == index]),
        )
        for index, step in enumerate(state.plan.steps)
    ]


@dataclass(frozen=True, slots=True)
class MovementTime:
    """Planned against actual whole minutes of one movement of a step: a converge overrun shows
    where it happened, not only in the step's total."""

    step: int
    movement: Movement
    planned: int
    actual: int
    reached: bool
    adjusted: int = 0  # as StepTime's

    @property
    def difference(self) -> int:
        return self.actual - self.planned


def movement_times(state: SessionState, now: float) -> dict[int, list[MovementTime]]:
    """Each step's movements, in the order of the meeting's timeline."""
    found: dict[int, list[MovementTime]] = {}
    for index, segment in enumerate(state.segments):
        found.setdefault(segment.step, []).append(
            MovementTime(
                segment.step,
                segment.movement,
                whole_minutes(segment.planned),
                whole_minutes(used(state, index, now)),
                segment.visited,
                _adjusted(state, [segment]),
            )
        )
    return found


def time_notes(state: SessionState, lang: Language) -> list[str]:
    """When the meeting ran against its planned end, and how long wyber was away."""
    lines = []
    if state.started_t is None:
        lines.append(tr(lang, "ending.time.never_started"))
    elif state.finished_t is not None:
        end = planned_end(state)
        lines.append(
            tr(
                lang,
                "ending.time.span",
                start=clock_time(state, state.started_t),
                end=clock_time(state, state.finished_t),
                planned=clock_time(state, end if end is not None else state.started_t),
            )
        )
    away = [seconds for seconds in state.away if seconds > 0]
    if len(away) == 1:
        lines.append(tr(lang, "ending.time.away", duration=duration(away[0], lang)))
    elif away:
        lines.append(
            tr(lang, "ending.time.away_many", count=len(away), duration=duration(sum(away), lang))
        )
    return lines


def average_score(state: SessionState, lang: Language) -> str | None:
    """'Average score 7.5 (4 scores)' in the session's language, or None without scores."""
    if state.evaluation is None or not state.evaluation.scores:
        return None
    scores = list(state.evaluation.scores.values())
    average = format_decimal(sum(scores) / len(scores), format="0.0", locale=BABEL_LOCALES[lang])
    key = "ending.summary.average_one" if len(scores) == 1 else "ending.summary.average"
    return tr(lang, key, average=average, count=len(scores))


def agreement_facts(
    agreement: Agreement, lang: Language, day: Callable[[date, Language], str] = short_date
) -> dict[str, str]:
    """An agreement's owner, deadline (written by `day`) and 7-veld field; '' where it has none."""
    return {
        "owner": agreement.owner_name,
        "deadline": day(agreement.deadline, lang) if agreement.deadline else "",
        "field": tr(lang, f"run.field.{agreement.field.value}") if agreement.field else "",
    }
