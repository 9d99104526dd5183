"""Plans: the shipped ones are good, and a bad one gets a message a facilitator can act on."""

from pathlib import Path

import pytest

from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Plan, Technique, VeldField
from tui.wyber.plans import PlanError, load_plan, parse_plan, plan_entries, resolve_plan

from .factory import plan_data


def shipped() -> list[Path]:
    return sorted(shipped_plans_dir().glob("*.toml"))


def test_at_least_three_plans_ship_each_in_dutch_and_english() -> None:
    names = {p.name.split(".")[0] for p in shipped()}
    assert len(names) >= 3
    for name in names:
        nl = load_plan(shipped_plans_dir() / f"{name}.nl.toml")
        en = load_plan(shipped_plans_dir() / f"{name}.en.toml")
        assert (nl.language, en.language) == ("nl", "en")
        assert [s.movements for s in nl.steps] == [s.movements for s in en.steps]
        assert nl.minutes == en.minutes


def test_the_wyber_exercise_is_one_full_diamond_of_thirty_minutes() -> None:
    for lang in ("nl", "en"):
        plan = load_plan(shipped_plans_dir() / f"wyber-30.{lang}.toml")
        assert plan.minutes == 30
        assert any(step.movements == tuple(Movement) for step in plan.steps)


def test_plan_model_reads_techniques_fields_and_movements() -> None:
    plan = Plan.model_validate(plan_data())
    step = plan.steps[0]
    assert step.field is VeldField.CONNECTING
    assert step.timebox(Movement.CONVERGE).technique is Technique.DOT_VOTE
    assert step.timebox(Movement.CONVERGE).dots_each == 3
    assert plan.minutes == 30
    assert plan.segments() == [
        (0, Movement.DIVERGE),
        (0, Movement.CONVERGE),
        (0, Movement.CONSOLIDATE),
    ]


@pytest.mark.parametrize("written", ["verbindend", "Connecting", "5", 5, "verbindende veld"])
def test_a_field_may_be_written_in_dutch_english_or_as_its_number(written: object) -> None:
    data = plan_data()
    data["steps"][0]["field"] = written
    assert Plan.model_validate(data).steps[0].field is VeldField.CONNECTING


def test_a_step_may_leave_movements_out_but_not_all() -> None:
    data = plan_data()
    del data["steps"][0]["converge"]
    assert Plan.model_validate(data).steps[0].movements == (Movement.DIVERGE, Movement.CONSOLIDATE)


def render(source: str, lang: str = "en") -> str:
    with pytest.raises(PlanError) as caught:
        parse_plan(source, Path("plans/mine.toml"))
    return caught.value.render(lang)  # type: ignore[arg-type]


GOOD = """\
title = "Mine"
language = "en"

[[steps]]
title = "First"
[steps.diverge]
minutes = 5

[[steps]]
title = "Vote"
[steps.converge]
minutes = 10
technique = "dot_vote"
dots = 3
"""


def test_a_good_plan_parses() -> None:
    assert parse_plan(GOOD, Path("mine.toml")).minutes == 15


def test_a_typo_in_a_key_names_file_line_step_field_and_suggests_the_right_key() -> None:
    message = render(GOOD.replace("minutes = 10", "minuts = 10"))
    assert message.startswith("plans/mine.toml is not a usable plan:")
    assert "line 12, step 2 “Vote”, converge.minuts: is not a field a plan knows" in message
    assert "did you mean “minutes”?" in message
    # the missing key is reported too, at the table that lacks it
    assert "line 11, step 2 “Vote”, converge.minutes: is required but missing" in message


def test_the_same_problem_reads_in_dutch() -> None:
    message = render(GOOD.replace("dots = 3", "dots = 0"), "nl")
    assert "is geen bruikbaar sessieplan" in message
    assert "regel 14, stap 2 “Vote”, converge.dots: moet minstens 1 zijn (het is 0)" in message


def test_a_toml_syntax_error_gives_the_line() -> None:
    message = render(GOOD.replace('title = "First"', 'title = "First'))
    assert "line 5" in message and "not valid TOML" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('language = "en"', 'language = "de"'), "language: must be one of 'nl', 'en'"),
        (("minutes = 5", "minutes = 0"), "diverge.minutes: must be at least 1 (it is 0)"),
        (("minutes = 5", 'minutes = "five"'), "must be a whole number"),
        (
            ('technique = "dot_vote"', 'technique = "silent_writing"'),
            "dots only goes with technique",
        ),
        (("[steps.diverge]\nminutes = 5", ""), "a step needs at least one movement"),
        (('title = "Mine"', 'title = ""'), "title: must not be empty"),
    ],
)
def test_bad_plans_say_what_is_wrong(change: tuple[str, str], expected: str) -> None:
    assert expected in render(GOOD.replace(*change))


def test_a_technique_in_the_wrong_movement_is_refused() -> None:
    source = GOOD.replace("[steps.converge]", "[steps.consolidate]")
    assert "the technique dot_vote does not fit the movement consolidate" in render(source)


def test_files_that_are_not_plans(tmp_path: Path) -> None:
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "folder.toml").mkdir()
    for name, expected in [
        ("binary.toml", "not UTF-8"),
        ("folder.toml", "a folder"),
        ("absent.toml", "no such file"),
    ]:
        with pytest.raises(PlanError) as caught:
            load_plan(tmp_path / name)
        assert expected in caught.value.render("en")


def test_user_plans_come_first_and_broken_ones_are_listed_not_fatal(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "wyber-30.nl.toml").write_text(GOOD)
    (mine / "broken.toml").write_text("title = ")
    entries = {e.name: e for e in plan_entries([mine, shipped_plans_dir()])}
    assert entries["wyber-30.nl"].path.parent == mine
    assert entries["broken"].plan is None and entries["broken"].error is not None
    assert "wyber-30.en" in entries


def test_a_plan_is_found_by_name_or_path_and_a_wrong_name_gets_suggestions(
    tmp_path: Path,
) -> None:
    assert resolve_plan("wyber-30.en", [shipped_plans_dir()]).is_file()
    assert resolve_plan(str(tmp_path / "x.toml"), []) == tmp_path / "x.toml"
    with pytest.raises(PlanError) as caught:
        resolve_plan("wyber-30.e", [shipped_plans_dir()])
    assert "did you mean “wyber-30.en" in caught.value.render("en")


def test_control_characters_are_cleaned_from_plan_text() -> None:
    data = plan_data(title="Kick\x00-off\x1b ✨")
    assert Plan.model_validate(data).title == "Kick-off ✨"
