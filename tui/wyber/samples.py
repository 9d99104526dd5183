"""Where a plan about to start still carries a shipped plan's sample text.

A shipped plan's title, goal, step titles and questions are examples ("Wat kunnen we vanaf
morgen anders doen…"): run unchanged, they end up in the minutes sent to outside parties (as the
meeting's "Doel", its title, a step's heading). Before the start, Prepare lists the places where
such a text still stands.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Plan
from tui.wyber.plans import plan_entries


class SamplePlace(StrEnum):
    """Where a sample text stands: each of these ends up in the minutes as typed."""

    TITLE = "title"  # the meeting's title (the shipped plan's: "De wyberoefening van 30 minuten")
    GOAL = "goal"
    STEP_TITLE = "step_title"  # a step's title ("Beter samenwerken")
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class SampleText:
    """A text still as a shipped plan wrote it: the meeting's title, the goal, or step `step`'s
    title or question."""

    place: SamplePlace
    text: str
    step: int | None = None


def sample_texts(plan: Plan, shipped: Iterable[Plan], title: str | None = None) -> list[SampleText]:
    """Every place in `plan`, and the meeting's `title` (when given), whose text equals a
    shipped plan's text of that kind: titles with titles, goals and questions with either."""
    titles: set[str] = set()
    steps: set[str] = set()
    asked: set[str] = set()
    for example in shipped:
        titles.add(example.title)
        asked.add(example.goal)
        steps.update(step.title for step in example.steps)
        asked.update(step.question for step in example.steps)
    for texts in (titles, steps, asked):
        texts.discard("")
    found = [SampleText(SamplePlace.TITLE, title)] if title in titles else []
    if plan.goal in asked:
        found.append(SampleText(SamplePlace.GOAL, plan.goal))
    for index, step in enumerate(plan.steps):
        if step.title in steps:
            found.append(SampleText(SamplePlace.STEP_TITLE, step.title, index))
        if step.question in asked:
            found.append(SampleText(SamplePlace.QUESTION, step.question, index))
    return found


def shipped_plans() -> list[Plan]:
    """The plans that come with wyber, those that read (a shipped plan always should)."""
    return [entry.plan for entry in plan_entries([shipped_plans_dir()]) if entry.plan is not None]
