"""Where a plan about to start still carries a shipped plan's sample text.

A shipped plan's goal and questions are examples ("Wat kunnen we vanaf morgen anders doen…"):
run unchanged, they end up in the minutes sent to outside parties as the meeting's "Doel". Before
the start, Prepare lists the places where such a text still stands.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Plan
from tui.wyber.plans import plan_entries


@dataclass(frozen=True, slots=True)
class SampleText:
    """A goal (step None) or a step's question still as a shipped plan wrote it."""

    step: int | None
    text: str


def sample_texts(plan: Plan, shipped: Iterable[Plan]) -> list[SampleText]:
    """Every place in `plan` whose goal or question equals a shipped plan's goal or question."""
    samples = set()
    for example in shipped:
        samples.add(example.goal)
        samples.update(step.question for step in example.steps)
    samples.discard("")
    found = [SampleText(None, plan.goal)] if plan.goal in samples else []
    found += [
        SampleText(index, step.question)
        for index, step in enumerate(plan.steps)
        if step.question in samples
    ]
    return found


def shipped_plans() -> list[Plan]:
    """The plans that come with wyber, those that read (a shipped plan always should)."""
    return [entry.plan for entry in plan_entries([shipped_plans_dir()]) if entry.plan is not None]
