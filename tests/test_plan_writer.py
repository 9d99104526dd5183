"""A plan written as TOML reads back as the same plan, `wyber check` accepts it, and the shipped
plans are never written."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.wyber.i18n import LANGUAGES
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import MOVEMENTS, TECHNIQUES_FOR, Mandate, Plan, Technique, VeldField
from tui.wyber.plan_writer import (
    PlanNameError,
    name_from_title,
    plan_name,
    plan_to_toml,
    save_user_plan,
    user_plan_path,
)
from tui.wyber.plans import load_plan, parse_plan
from tui.wyber.text import clean_line, clean_text

# Text as a facilitator may type it, quotes, backslashes, emoji and right-to-left included;
# what the plan's own cleaning would change is not what this test is about.
LINE = st.text(min_size=1, max_size=40).map(clean_line).filter(bool)
TEXT = st.text(max_size=80).map(clean_text)
SETTINGS = {
    Technique.DOT_VOTE: ("dots", st.integers(1, 50)),
    Technique.SCORE: ("max_score", st.integers(2, 100)),
    Technique.GO_AROUND: ("turn_seconds", st.integers(10, 1800)),
}


@st.composite
def timeboxes(draw: st.DrawFn, movement_index: int) -> dict[str, object]:
    movement = MOVEMENTS[movement_index]
    technique = draw(st.sampled_from(sorted(TECHNIQUES_FOR[movement])))
    box: dict[str, object] = {"minutes": draw(st.integers(1, 480)), "technique": technique.value}
    if technique in SETTINGS and draw(st.booleans()):
        name, values = SETTINGS[technique]
        box[name] = draw(values)
    return box


@st.composite
def steps(draw: st.DrawFn) -> dict[str, object]:
    step: dict[str, object] = {"title": draw(LINE), "question": draw(TEXT)}
    if draw(st.booleans()):
        step["field"] = draw(st.sampled_from(list(VeldField))).value
    used = draw(st.sets(st.integers(0, 2), min_size=1))
    for index in sorted(used):
        step[MOVEMENTS[index].value] = draw(timeboxes(index))
    return step


EMAILS = st.sampled_from(["", "anna@afvalwerk.nl", "o'brien+wyber@example.co.uk", "ü@ß.de"])


@st.composite
def participants(draw: st.DrawFn) -> dict[str, object]:
    person: dict[str, object] = {"name": draw(LINE)}
    for detail in ("organisation", "role"):
        if draw(st.booleans()):
            person[detail] = draw(LINE)
    person["email"] = draw(EMAILS)
    mandate = draw(st.sampled_from([None, *Mandate]))
    if mandate is not None:
        person["mandate"] = mandate.value
    return person


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    return Plan.model_validate(
        {
            "title": draw(LINE),
            "language": draw(st.sampled_from(LANGUAGES)),
            "goal": draw(TEXT),
            "participants": draw(st.lists(participants(), max_size=4)),
            "steps": draw(st.lists(steps(), min_size=1, max_size=5)),
        }
    )


@given(plans())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_a_written_plan_reads_back_as_the_same_plan(plan: Plan) -> None:
    again = parse_plan(plan_to_toml(plan), Path("mine.toml"))
    assert again == plan
    assert again.model_dump() == plan.model_dump()  # every field, settings and defaults too
    assert again.participants == plan.participants  # who it invites (not in model_dump)


@pytest.mark.parametrize("path", sorted(shipped_plans_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_plan_written_again_reads_back_the_same(path: Path) -> None:
    plan = load_plan(path)
    assert parse_plan(plan_to_toml(plan), path) == plan


def test_saved_as_my_plan_it_opens_again_and_wyber_check_accepts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = load_plan(shipped_plans_dir() / "decision.en.toml")
    path = save_user_plan(plan, tmp_path, "Batteries round 2")
    assert path == tmp_path / "plans" / "Batteries round 2.toml"
    assert load_plan(path) == plan
    assert main(["--data", str(tmp_path), "check", "Batteries round 2"]) == 0
    assert list((tmp_path / "plans").iterdir()) == [path]  # nothing half-written left beside it
    # Written again under the same name: replaced, whole.
    shorter = plan.model_copy(update={"steps": plan.steps[:1]})
    save_user_plan(shorter, tmp_path, "Batteries round 2")
    assert load_plan(path) == shorter


@pytest.mark.parametrize(
    "name", ["", "  ", "../evil", "a/b", ".hidden", "-rf", "x" * 81, "dot.", 'say "x"']
)
def test_a_name_that_cannot_be_a_plan_file_is_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(PlanNameError):
        plan_name(name)
    with pytest.raises(PlanNameError):
        user_plan_path(tmp_path, name)


def test_a_name_keeps_its_letters_and_loses_a_typed_suffix() -> None:
    assert plan_name("Ketenoverleg 2.toml") == "Ketenoverleg 2"
    assert plan_name("مشاوره") == "مشاوره"


def test_the_shipped_plans_are_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    before = (shipped_plans_dir() / "wyber-30.nl.toml").read_bytes()
    # A data folder whose plans folder is the shipped one (a symlink): refused, not overwritten.
    (tmp_path / "plans").symlink_to(shipped_plans_dir())
    with pytest.raises(PlanNameError):
        save_user_plan(plan.model_copy(update={"goal": "mine"}), tmp_path, "wyber-30.nl")
    assert (shipped_plans_dir() / "wyber-30.nl.toml").read_bytes() == before


def test_a_plans_participants_are_checked_and_an_old_plan_without_them_still_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = load_plan(shipped_plans_dir() / "decision.nl.toml")  # written before participants
    assert shipped.participants == []
    head = plan_to_toml(shipped).split("\n[[steps]]", 1)
    mine = tmp_path / "plans" / "Ketenoverleg.toml"
    mine.parent.mkdir()
    people = [
        "[[participants]]",
        'name = "Anna de Vries"',
        'mandate = "decides"',
        "",
        "[[participants]]",
        'name = "Bram Jansen"',
        'email = "bram.deelscoot.nl"',
        'mandat = "observer"',
    ]
    mine.write_text(head[0] + "\n\n" + "\n".join(people) + "\n\n[[steps]]" + head[1])
    assert main(["--data", str(tmp_path), "--lang", "en", "check", "Ketenoverleg"]) == 2
    said = capsys.readouterr().err
    lines = mine.read_text().splitlines()
    email_line = lines.index('email = "bram.deelscoot.nl"') + 1
    assert f"line {email_line}, participants.2.email: “bram.deelscoot.nl” is not an e-mail" in said
    assert "participants.2.mandat: is not a field a plan knows — did you mean “mandate”?" in said
    assert "Anna" not in said  # the first participant is a good one
    mine.write_text(mine.read_text().replace("bram.deelscoot.nl", "bram@deelscoot.nl"))
    mine.write_text(mine.read_text().replace("mandat =", "mandate ="))
    assert main(["--data", str(tmp_path), "check", "Ketenoverleg"]) == 0
    assert [p.name for p in load_plan(mine).participants] == ["Anna de Vries", "Bram Jansen"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Accu's van deelscooters: tweede leven", "Accus van deelscooters tweede leven"),
        ("Overleg — 3.", "Overleg 3"),
        ("«Ketens»", "Ketens"),
        ("???", ""),
        ("", ""),
    ],
)
def test_a_name_made_from_a_title_is_a_plan_name_or_none(title: str, name: str) -> None:
    assert name_from_title(title) == name
    if name:
        assert plan_name(name) == name
