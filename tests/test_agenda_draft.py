"""The agenda as Prepare's editor holds it: every shipped plan made into drafts and back is the
same plan; steps move within the list; a setting typed wrong is refused in validation's words;
the sample texts of the shipped plans are found where they still stand."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from tui.wyber.agenda_draft import (
    drafts_of,
    moved,
    new_step,
    plan_of,
    planned_minutes,
    put_back,
    without,
)
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement
from tui.wyber.plans import load_plan
from tui.wyber.samples import SamplePlace, SampleText, sample_texts, shipped_plans


@pytest.mark.parametrize("path", sorted(shipped_plans_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_a_plan_made_into_drafts_and_back_is_the_same_plan(path: Path) -> None:
    plan = load_plan(path)
    assert plan_of(plan, plan.title, plan.goal, drafts_of(plan)) == plan
    assert planned_minutes(drafts_of(plan)) == plan.minutes


def test_a_step_moves_within_the_list() -> None:
    steps = [new_step("a"), new_step("b"), new_step("c")]
    order, at = moved(steps, 0, -1)
    assert [s.title for s in order] == ["a", "b", "c"] and at == 0
    order, at = moved(steps, 0, 1)
    assert [s.title for s in order] == ["b", "a", "c"] and at == 1
    order, at = moved(steps, 2, 5)
    assert at == 2


def test_a_setting_typed_wrong_is_refused_and_minutes_not_a_number_are_unknown() -> None:
    plan = load_plan(shipped_plans_dir() / "wyber-30.en.toml")
    steps = drafts_of(plan)
    box = steps[0].boxes[Movement.CONVERGE]
    assert box is not None
    box.setting = "0"
    with pytest.raises(ValidationError):
        plan_of(plan, plan.title, plan.goal, steps)
    box.setting, box.minutes = "", "tien"
    assert planned_minutes(steps) is None


def test_the_sample_texts_still_standing_are_found() -> None:
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    shipped = shipped_plans()
    # The meeting's title and the step's title reach the minutes too ("Beter samenwerken").
    assert sample_texts(plan, shipped, plan.title) == [
        SampleText(SamplePlace.TITLE, "De wyberoefening van 30 minuten"),
        SampleText(SamplePlace.GOAL, plan.goal),
        SampleText(SamplePlace.STEP_TITLE, "Beter samenwerken", 0),
        SampleText(SamplePlace.QUESTION, plan.steps[0].question, 0),
    ]
    own = plan.model_copy(update={"goal": "Ons eigen doel"})
    assert [s.place for s in sample_texts(own, shipped, "Accuketen Zwolle")] == [
        SamplePlace.STEP_TITLE,
        SamplePlace.QUESTION,
    ]
    # A title is a sample only as a title: a step called as a shipped plan is not flagged.
    step = plan.steps[0].model_copy(update={"title": plan.title, "question": "Wie doet wat?"})
    renamed = own.model_copy(update={"steps": [step]})
    assert sample_texts(renamed, shipped, "Ons overleg") == []


def test_a_removed_step_goes_back_at_its_place_with_what_was_typed() -> None:
    steps = [new_step("A"), new_step("B"), new_step("C")]
    steps[1].question = "Wie neemt de accu's terug?"
    left, removed = without(steps, 1)
    assert [s.title for s in left] == ["A", "C"] and [s.title for s in steps] == ["A", "B", "C"]
    back, at = put_back(left, removed)
    assert at == 1 and [s.title for s in back] == ["A", "B", "C"]
    assert back[1].question == "Wie neemt de accu's terug?"
    # The agenda got shorter meanwhile: the step goes back last.
    shorter, _ = without(left, 1)
    back, at = put_back(shorter, removed)
    assert at == 1 and [s.title for s in back] == ["A", "B"]
