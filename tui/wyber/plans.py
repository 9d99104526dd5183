"""Finding and reading plan files, with messages a facilitator can act on.

A bad plan is reported by file, step, field and what is wrong (and the line, where one can be
found), in the facilitator's language, never as a traceback.
"""

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tui.wyber.files import MIB, Unreadable, read_file
from tui.wyber.invalid import reason
from tui.wyber.plan import Plan, PlanParticipant, Step, TimeBox
from tui.wyber.plan_errors import PlanError, PlanProblem

PLAN_SUFFIX = ".toml"
MAX_PLAN_BYTES = MIB  # a thousand times the largest shipped plan


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """A plan file found in one of the plan folders: its name, and the plan or what is wrong."""

    name: str
    path: Path
    plan: Plan | None
    error: PlanError | None


def load_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise PlanError with every problem found."""
    try:
        # utf-8-sig: a plan saved by a Windows editor may start with a byte order mark.
        source = read_file(path, MAX_PLAN_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise PlanError(path, [PlanProblem("plan.not_found", {})]) from None
    except Unreadable as exc:
        raise PlanError(path, [PlanProblem(f"archive.why.{exc.why}", exc.params)]) from None
    except UnicodeDecodeError:
        raise PlanError(path, [PlanProblem("plan.not_utf8", {})]) from None
    return parse_plan(source, path)


def parse_plan(source: str, path: Path) -> Plan:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [_toml_problem(exc)]) from None
    except RecursionError:
        # tomllib reads nested arrays by recursion: `a = [[[[…` 100,000 deep runs out of stack.
        raise PlanError(path, [PlanProblem("door.too_deep", {})]) from None
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(path, plan_problems(exc, data, source)) from None


def plan_problems(exc: ValidationError, data: object = None, source: str = "") -> list[PlanProblem]:
    """What is wrong with a plan, in a plan's words; the lines where `source`, the TOML text the
    data was read from, shows them."""
    return [_validation_problem(err, data, source) for err in exc.errors()]


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_problem(exc: tomllib.TOMLDecodeError) -> PlanProblem:
    message = str(exc)
    match = _TOML_POSITION.search(message)
    line = int(match.group(1)) if match else None
    reason = _TOML_POSITION.sub("", message)
    return PlanProblem("plan.toml_syntax", {"reason": reason}, line=line)


# The plan's own words where a plan says it better than the shared ones (invalid.KEYS).
_PLAN_KEYS = {
    "extra_forbidden": "plan.unknown_field",
    "model_type": "plan.table",
    "dict_type": "plan.table",
    "plan_step_without_movement": "plan.step_without_movement",
    "plan_technique_misplaced": "plan.technique_misplaced",
    "plan_setting_needs_technique": "plan.setting_needs_technique",
    "plan_bad_email": "prep2.bad_email",
}

_KNOWN_FIELDS = {
    "plan": tuple(Plan.model_fields),
    "step": tuple(Step.model_fields),
    "timebox": tuple(TimeBox.model_fields),
    "participant": tuple(PlanParticipant.model_fields),
}


def _validation_problem(err: ErrorDetails, data: object, source: str) -> PlanProblem:
    loc = tuple(err["loc"])
    key, params = reason(err)
    own = _PLAN_KEYS.get(err["type"])
    if own == "plan.unknown_field":
        key, params = own, {"name": loc[-1] if loc else "", "hint": _did_you_mean(loc)}
    elif own is not None:
        key = own
    # A missing key has no line of its own: point at the table that lacks it.
    line_loc = loc[:-1] if err["type"] == "missing" else loc
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        return PlanProblem(
            key,
            params,
            step=loc[1] + 1,
            step_title=_step_title(data, loc[1]),
            field=".".join(str(part) for part in loc[2:]),
            line=_line_of(line_loc, source),
        )
    if len(loc) >= 2 and loc[0] == "participants" and isinstance(loc[1], int):
        loc = ("participants", loc[1] + 1, *loc[2:])  # counted from 1, as a facilitator does
    field = ".".join(str(part) for part in loc)
    return PlanProblem(key, params, field=field, line=_line_of(line_loc, source))


def _did_you_mean(loc: tuple[int | str, ...]) -> str:
    """The nearest known field name to a typo, given where in the plan it was written."""
    depth = len(loc)
    if depth == 1:
        known = _KNOWN_FIELDS["plan"]
    elif depth == 3 and loc[0] == "steps":
        known = _KNOWN_FIELDS["step"]
    elif loc[0] == "participants":
        known = _KNOWN_FIELDS["participant"]
    else:
        known = _KNOWN_FIELDS["timebox"]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else ""


def _step_title(data: object, index: int) -> str:
    if isinstance(data, dict):
        steps = data.get("steps")
        if isinstance(steps, list) and 0 <= index < len(steps) and isinstance(steps[index], dict):
            title = steps[index].get("title")
            if isinstance(title, str):
                return title.strip()[:60]
    return ""


_TABLE_HEADER = re.compile(r"^\s*\[")
_ARRAY_HEADER = re.compile(r"^\s*\[\[")


def _line_of(loc: tuple[int | str, ...], source: str) -> int | None:
    """The line a validation error points at, where the TOML text makes it plain.

    Plans are written with one [[steps]] table per step (and one [[participants]] table per
    participant); each further part of the location is looked for after the previous one (a key,
    or a [steps.NAME] table), so the line is that of the most precise part found.
    """
    lines = source.splitlines()
    if not loc:
        return None
    start, end, parts = 0, len(lines), loc
    in_array = loc[0] in ("steps", "participants") and len(loc) >= 2 and isinstance(loc[1], int)
    if in_array:
        header = re.compile(rf"^\s*\[\[\s*{loc[0]}\s*\]\]")
        headers = [i for i, text in enumerate(lines) if header.match(text)]
        index = int(loc[1])
        if index >= len(headers):
            return None
        # The array's table ends where the next table of any kind starts.
        start = headers[index]
        end = next(
            (i for i in range(start + 1, len(lines)) if _ARRAY_HEADER.match(lines[i])), len(lines)
        )
        parts = loc[2:]
    found = start + 1 if in_array else None
    for part in parts:
        at = _find_key(lines, start, end, str(part))
        if at is None:
            break
        found = at + 1
        if _TABLE_HEADER.match(lines[at]):
            # Inside a [steps.converge] table: look no further than the next table.
            nxt = next((i for i in range(at + 1, end) if _TABLE_HEADER.match(lines[i])), end)
            start, end = at + 1, nxt
        else:
            start = at
    return found


def _find_key(lines: list[str], start: int, end: int, key: str) -> int | None:
    """The index of the line that sets `key` or opens the table [steps.key], from start on."""
    name = re.escape(key)
    pattern = re.compile(rf"^\s*(\[\s*steps\.\s*\"?{name}\"?\s*\]|\"?{name}\"?\s*=)")
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i
    return None


def plan_entries(folders: Iterable[Path]) -> list[PlanEntry]:
    """Every plan file in the folders, first folder first; a name found twice keeps the first."""
    entries: list[PlanEntry] = []
    seen: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{PLAN_SUFFIX}")):
            if path.stem in seen:
                continue
            seen.add(path.stem)
            try:
                entries.append(PlanEntry(path.stem, path, load_plan(path), None))
            except PlanError as exc:
                entries.append(PlanEntry(path.stem, path, None, exc))
    return entries


def resolve_plan(reference: str, folders: Iterable[Path]) -> Path:
    """A plan named on the command line: a path to a file, or the name of a plan in a folder."""
    as_path = Path(reference).expanduser()
    if as_path.suffix == PLAN_SUFFIX or as_path.exists() or "/" in reference:
        return as_path
    for folder in folders:
        candidate = folder / f"{reference}{PLAN_SUFFIX}"
        # Whatever is there, a pipe or a folder too, is the plan so named: load_plan says what
        # is wrong with it, where passing it by would run another folder's plan of that name.
        if candidate.exists() or candidate.is_symlink():
            return candidate
    names = sorted(p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.toml"))
    close = difflib.get_close_matches(reference, names, n=3, cutoff=0.5)
    raise PlanError(
        as_path,
        [PlanProblem("plan.unknown_name", {"name": reference, "hint": ", ".join(close)})],
    )
