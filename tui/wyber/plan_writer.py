"""Writing a plan as TOML, the way plans are written by hand (sessions/README.md): the plan's
title, language and goal, one [[participants]] table per participant it invites, then one
[[steps]] table per step with a [steps.MOVEMENT] table per movement. `plans.load_plan` reads
what this writes back to an equal Plan (a property test holds).

A facilitator's own plans go to `<data>/plans`; the shipped plans are never written.
"""

import os
import re
import tempfile
from pathlib import Path

from tui.wyber.paths import shipped_plans_dir, user_plans_dir
from tui.wyber.plan import Plan, PlanParticipant, Step, TimeBox
from tui.wyber.plans import PLAN_SUFFIX

# A plan's name is its file's name: letters of any script, digits, space, "-", "_" and ".",
# never a path separator, a leading dot or dash, and short enough for any file system.
_PLAN_NAME = re.compile(r"^[^\W_][\w .-]{0,79}$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class PlanNameError(ValueError):
    """A name that cannot be a plan's file name."""


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, the rest kept."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _timebox_lines(box: TimeBox) -> list[str]:
    # Only what the plan says: a default left out reads back as the same default.
    lines = [f"minutes = {box.minutes}", f"technique = {toml_string(box.technique.value)}"]
    for setting in ("dots", "max_score", "turn_seconds"):
        value = getattr(box, setting)
        if value is not None:
            lines.append(f"{setting} = {value}")
    return lines


def _step_lines(step: Step) -> list[str]:
    lines = ["[[steps]]", f"title = {toml_string(step.title)}"]
    if step.question:
        lines.append(f"question = {toml_string(step.question)}")
    if step.field is not None:
        lines.append(f"field = {toml_string(step.field.value)}")
    for movement in step.movements:
        lines += ["", f"[steps.{movement.value}]", *_timebox_lines(step.timebox(movement))]
    return lines


def _participant_lines(participant: PlanParticipant) -> list[str]:
    lines = ["[[participants]]", f"name = {toml_string(participant.name)}"]
    for detail in ("organisation", "role", "email"):
        value = getattr(participant, detail)
        if value:
            lines.append(f"{detail} = {toml_string(value)}")
    if participant.mandate is not None:
        lines.append(f"mandate = {toml_string(participant.mandate.value)}")
    return lines


def plan_to_toml(plan: Plan) -> str:
    """The plan as a TOML document that `wyber check` accepts."""
    lines = [
        f"title = {toml_string(plan.title)}",
        f"language = {toml_string(plan.language)}",
        f"goal = {toml_string(plan.goal)}",
    ]
    for participant in plan.participants:
        lines += ["", *_participant_lines(participant)]
    for step in plan.steps:
        lines += ["", *_step_lines(step)]
    return "\n".join(lines) + "\n"


def plan_name(name: str) -> str:
    """The name as typed, checked to be a plan's file name; PlanNameError if it cannot be."""
    name = name.strip()
    if name.lower().endswith(PLAN_SUFFIX):
        name = name[: -len(PLAN_SUFFIX)].rstrip()
    if not _PLAN_NAME.match(name) or name.endswith("."):
        raise PlanNameError(name)
    return name


def name_from_title(title: str) -> str:
    """A plan name made from a meeting's title ("Accu's van deelscooters: tweede leven" →
    "Accus van deelscooters tweede leven"), offered when saving the agenda as a plan; "" when
    nothing of it can be a file's name. Apostrophes go, any other character a name cannot hold
    becomes a space."""
    kept = re.sub(r"['’]", "", title)
    kept = re.sub(r"[^\w .-]", " ", kept)
    kept = re.sub(r"^[\W_]+", "", " ".join(kept.split()))[:80].rstrip(" .")
    try:
        return plan_name(kept)
    except PlanNameError:
        return ""


def user_plan_path(data: Path, name: str) -> Path:
    return user_plans_dir(data) / f"{plan_name(name)}{PLAN_SUFFIX}"


def is_shipped(path: Path) -> bool:
    return path.resolve().parent == shipped_plans_dir().resolve()


def save_user_plan(plan: Plan, data: Path, name: str) -> Path:
    """Write the plan as the user's plan `name`, replacing one of that name; the file appears
    whole or not at all (written beside it, fsync'd, then renamed over it)."""
    path = user_plan_path(data, name)
    if is_shipped(path):  # a data folder pointed at the shipped plans: never overwrite them
        raise PlanNameError(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=".saving-", suffix=".tmp", delete=False
    ) as handle:
        handle.write(plan_to_toml(plan))
        handle.flush()
        os.fsync(handle.fileno())
    Path(handle.name).replace(path)
    return path
