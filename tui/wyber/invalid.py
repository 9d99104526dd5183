"""What pydantic found wrong with some input, said in the user's language.

pydantic's own messages are English ("Value should have at most 20000 items"). Each error type
that wyber's models can raise maps to a catalog key here, the one place the command line, the
plans and the app take their words from; a type not in the table still reads in the user's
language, with pydantic's words as the detail.
"""

import reprlib
from dataclasses import dataclass, field

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tui.wyber.i18n import Language, tr

# pydantic's error type → catalog key. Custom errors of wyber's own validators are named
# "door_<what>" and read from "door.<what>" (see `reason`).
KEYS = {
    "missing": "door.missing",
    "extra_forbidden": "door.unknown_field",
    "greater_than_equal": "door.at_least",
    "greater_than": "door.more_than",
    "less_than_equal": "door.at_most",
    "less_than": "door.less_than",
    "int_type": "door.whole_number",
    "int_parsing": "door.whole_number",
    "int_from_float": "door.whole_number",
    "float_type": "door.number",
    "float_parsing": "door.number",
    "finite_number": "door.finite",
    "bool_type": "door.yes_no",
    "bool_parsing": "door.yes_no",
    "string_type": "door.text",
    "string_too_short": "door.empty",
    "string_too_long": "door.too_long",
    "string_pattern_mismatch": "door.pattern",
    "too_short": "door.too_few",
    "too_long": "door.too_many",
    "list_type": "door.list",
    "model_type": "door.table",
    "model_attributes_type": "door.table",
    "dict_type": "door.table",
    "enum": "door.one_of",
    "literal_error": "door.one_of",
    "union_tag_invalid": "door.one_of",
    "union_tag_not_found": "door.no_type",
    "date_type": "door.date",
    "date_parsing": "door.date",
    "date_from_datetime_parsing": "door.date",
    "date_from_datetime_inexact": "door.date",
    "datetime_type": "door.moment",
    "datetime_parsing": "door.moment",
    "datetime_from_date_parsing": "door.moment",
    "timezone_aware": "door.moment",
}

# A length checked after a cleaning function (events.Text) is pydantic's generic "Value should
# have at most 20000 items"; for text it is characters.
_TEXT_KEYS = {"too_long": "door.too_long", "too_short": "door.empty"}

# Bounded in length and depth: a value nested 1,000 deep is shown as "[[[...]]]", not recursed.
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlist, _SHOWN.maxdict = 3, 60, 60, 4, 4


def shown(value: object) -> str:
    """A value as a message quotes it: short, and safe for any input."""
    return _SHOWN.repr(value)


def reason(err: ErrorDetails) -> tuple[str, dict[str, object]]:
    """The catalog key and its values for one of pydantic's errors: the error's context, the
    value shown (`got`) and pydantic's own words (`reason`, for the fallback)."""
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    params: dict[str, object] = {"reason": err["msg"], **ctx, "got": shown(err.get("input"))}
    if kind.startswith("door_"):
        return f"door.{kind.removeprefix('door_')}", params
    key = KEYS.get(kind, "door.other")
    if isinstance(err.get("input"), str):
        key = _TEXT_KEYS.get(kind, key)
    if key == "door.one_of":
        # pydantic joins the choices with an English "or"; a comma reads in both languages.
        expected = ctx.get("expected") or ctx.get("expected_tags", "")
        params["expected"] = str(expected).replace(" or ", ", ")
        params["got"] = shown(ctx.get("tag", err.get("input")))
    return key, params


@dataclass(frozen=True, slots=True)
class Invalid:
    """One thing wrong: where (the record of a session, the line of its file, the field) and
    what, rendered in either language when shown."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    record: int | None = None  # 1-based, as `seq` counts
    line: int | None = None
    field: str = ""

    def render(self, lang: Language) -> str:
        where: list[str] = []
        if self.record is not None:
            where.append(tr(lang, "door.record", number=self.record))
        if self.line is not None:
            where.append(tr(lang, "door.line", line=self.line))
        if self.field:
            where.append(self.field)
        message = tr(lang, self.key, **self.params)
        return f"{', '.join(where)}: {message}" if where else message


def _field_path(loc: tuple[int | str, ...]) -> str:
    """`event.idea_added.text` as `event.text`: the union's tag is the event's type, not a field."""
    parts = [str(part) for i, part in enumerate(loc) if i == 0 or loc[i - 1] != "event"]
    return ".".join(parts)


def problems(
    exc: ValidationError, *, records: str | None = None, first_line: int = 0
) -> list[Invalid]:
    """What pydantic found, in order. `records` names the list whose items are a session's records
    (`"records"` in a portable file, `""` for a bare list of them): its index becomes the record's
    number, and `first_line` + index the line of the file that holds it."""
    found = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        record = line = None
        if records is not None:
            head = (records,) if records else ()
            at = len(head)
            index = loc[at] if len(loc) > at and loc[:at] == head else None
            if isinstance(index, int):
                record = index + 1
                line = first_line + index if first_line else None
                loc = loc[at + 1 :]
        key, params = reason(err)
        found.append(Invalid(key, params, record, line, _field_path(loc)))
    return found


@dataclass(frozen=True, slots=True)
class Reasons:
    """Some of what was found, as the value of a message's {reason}: it renders in the language
    of the message around it (errors.UserError.render)."""

    found: tuple[Invalid, ...]

    def render(self, lang: Language) -> str:
        return "; ".join(invalid.render(lang) for invalid in self.found)


def explain(exc: ValidationError, lang: Language) -> str:
    """The first thing wrong, for a message on the screen."""
    return problems(exc)[0].render(lang)
