"""An agenda as Prepare's editor holds it while the facilitator types: every field as typed
(a time box may be "" or "abc" for a moment), made into a Plan, checked as a whole, on Start.

Adding, duplicating, removing and moving steps are list operations here, so the editor only
draws; the core decides what a step looks like and what a plan may be.
"""

import dataclasses
from dataclasses import dataclass, replace

from tui.wyber.plan import (
    MOVEMENTS,
    Movement,
    Plan,
    Technique,
    TimeBox,
    VeldField,
    parse_minutes,
)

# The setting each technique takes, by its name in the plan; techniques without one take none.
SETTING_OF: dict[Technique, str] = {
    Technique.DOT_VOTE: "dots",
    Technique.SCORE: "max_score",
    Technique.GO_AROUND: "turn_seconds",
}
NEW_STEP_MINUTES = "10"


@dataclass(slots=True)
class BoxDraft:
    """One movement of a step as typed: its technique, minutes and setting (may be "")."""

    technique: Technique = Technique.OPEN
    minutes: str = NEW_STEP_MINUTES
    setting: str = ""


@dataclass(slots=True)
class StepDraft:
    title: str = ""
    question: str = ""
    field: VeldField | None = None
    # A movement the step does not work through is None.
    boxes: dict[Movement, BoxDraft | None] = dataclasses.field(
        default_factory=lambda: dict.fromkeys(MOVEMENTS)
    )

    def copy(self) -> "StepDraft":
        boxes = {m: (replace(box) if box else None) for m, box in self.boxes.items()}
        return replace(self, boxes=boxes)


def _box_draft(box: TimeBox) -> BoxDraft:
    setting = SETTING_OF.get(box.technique)
    value = getattr(box, setting) if setting else None
    return BoxDraft(box.technique, str(box.minutes), "" if value is None else str(value))


def drafts_of(plan: Plan) -> list[StepDraft]:
    return [
        StepDraft(
            step.title,
            step.question,
            step.field,
            {m: (_box_draft(step.timebox(m)) if m in step.movements else None) for m in MOVEMENTS},
        )
        for step in plan.steps
    ]


def new_step(title: str) -> StepDraft:
    """A step to fill in: one open diverge of ten minutes."""
    draft = StepDraft(title=title)
    draft.boxes[Movement.DIVERGE] = BoxDraft()
    return draft


def moved(steps: list[StepDraft], index: int, by: int) -> tuple[list[StepDraft], int]:
    """The steps with step `index` moved `by` places (kept within the list), and where it is."""
    to = max(0, min(len(steps) - 1, index + by))
    order = list(steps)
    order.insert(to, order.pop(index))
    return order, to


@dataclass(frozen=True, slots=True)
class Removed:
    """A step taken out of the agenda, as it was typed, and the place it had."""

    at: int
    step: StepDraft


def without(steps: list[StepDraft], index: int) -> tuple[list[StepDraft], Removed]:
    """The steps with step `index` taken out, and what was taken (to put back)."""
    order = list(steps)
    return order, Removed(index, order.pop(index))


def put_back(steps: list[StepDraft], removed: Removed) -> tuple[list[StepDraft], int]:
    """The steps with a removed one back at its place (or last, if the agenda got shorter
    since), with what was typed in it; and where it is."""
    at = min(removed.at, len(steps))
    order = list(steps)
    order.insert(at, removed.step)
    return order, at


def _number(text: str) -> int | str:
    """A whole number as typed, or the text as typed for validation to refuse in words."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else text


def plan_of(base: Plan, title: str, goal: str, steps: list[StepDraft]) -> Plan:
    """The plan the drafts describe, validated as a whole; ValidationError says what is wrong.

    The plan's title and language stay the base plan's (the session's own are on the meeting tab).
    """
    data: dict[str, object] = {"title": title, "language": base.language, "goal": goal}
    rows = []
    for draft in steps:
        row: dict[str, object] = {"title": draft.title, "question": draft.question}
        if draft.field is not None:
            row["field"] = draft.field.value
        for movement, box in draft.boxes.items():
            if box is None:
                continue
            timebox: dict[str, object] = {
                "minutes": _number(box.minutes),
                "technique": box.technique.value,
            }
            setting = SETTING_OF.get(box.technique)
            if setting and box.setting.strip():
                timebox[setting] = _number(box.setting)
            row[movement.value] = timebox
        rows.append(row)
    data["steps"] = rows
    return Plan.model_validate(data)


def planned_minutes(steps: list[StepDraft]) -> int | None:
    """The agenda's total, or None while a time box is not a number of minutes."""
    total = 0
    for draft in steps:
        for box in draft.boxes.values():
            if box is not None:
                value = parse_minutes(box.minutes)
                if value is None:
                    return None
                total += value
    return total
