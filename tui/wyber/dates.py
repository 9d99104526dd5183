"""Deadlines as a facilitator types them, in Dutch or English, said back in the session language.

`parse_deadline` accepts both languages whatever the session language, because a Dutch
facilitator may well type "next friday". The words it knows are input vocabulary and live here;
everything it says back is a catalog message (locales/*/dates.py).

Rules a reader of the code (or a facilitator) may wonder about:

- numeric dates are day first (4-12 is 4 December), as in the Netherlands, Belgium and the UK;
  a two-digit year is in this century (4-12-26 is 2026);
- a date without a year is its next occurrence from today on: a deadline lies ahead, so 4 March
  typed in November is next year's. With a year, a date in the past is accepted as typed
  (an action that was already done may be recorded);
- a weekday alone ("vrijdag", "this friday") is the first such day after today, never today;
  "next friday", "volgende week vrijdag" and "friday next week" are that day in the next ISO
  calendar week (weeks start on Monday);
- "volgende week" / "next week" alone is the Friday of the next ISO calendar week, and "deze
  week" / "this week" the end of this one: a deadline set for a week is due when its working
  week ends;
- "end of the week" is the coming Friday, today if it is Friday: the end of the working week.
  On Saturday and Sunday that working week is over, so it is the Friday after;
- "end of the month" is the month's last calendar day, even if that falls in a weekend;
- "eind januari" / "end of January" is that month's last day, "begin januari" / "early January"
  its first and "half januari" / "mid January" its 15th, in the month's next occurrence (as a
  date without a year), or in the year typed after it;
- "in a month" is the same day next month, or that month's last day if it is shorter
  (31 January + 1 month is 28 or 29 February).
"""

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta

from babel.dates import format_date

from tui.wyber.i18n import Language, tr
from tui.wyber.text import clean_line

_LOCALES: dict[Language, str] = {"nl": "nl_NL", "en": "en_GB"}

_WEEKDAYS: dict[str, int] = {
    # Dutch, with the two-letter abbreviations of Dutch calendars
    "maandag": 0, "ma": 0, "dinsdag": 1, "di": 1, "woensdag": 2, "wo": 2, "donderdag": 3,
    "do": 3, "vrijdag": 4, "vr": 4, "zaterdag": 5, "za": 5, "zondag": 6, "zo": 6,
    # English
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

_MONTHS: dict[str, int] = {
    # Dutch
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # English (abbreviations shared with Dutch are above)
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "oct": 10,
}  # fmt: skip

_COUNTS: dict[str, int] = {
    "een": 1, "één": 1, "a": 1, "an": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3,
    "vier": 4, "four": 4, "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
    "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10,
}  # fmt: skip

_DAYS_IN_UNIT: dict[str, int] = {
    "dag": 1, "dagen": 1, "day": 1, "days": 1, "week": 7, "weken": 7, "weeks": 7,
}  # fmt: skip
_MONTH_UNITS = ("maand", "maanden", "month", "months")

_DAYS_FROM_TODAY: dict[str, int] = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2,
    "day after tomorrow": 2, "the day after tomorrow": 2,
}  # fmt: skip

# Words that may stand before a deadline without changing it: "uiterlijk vrijdag", "by friday".
_LEAD_WORDS = re.compile(r"(?:uiterlijk|op|by|on) ")

# The part of a month a deadline names with "eind januari", "begin mei", "mid March": which day.
_PARTS_OF_MONTH: dict[str, int | None] = {
    "eind": None, "einde": None, "end": None,  # None: the month's last day
    "begin": 1, "start": 1, "beginning": 1, "early": 1,
    "half": 15, "midden": 15, "medio": 15, "mid": 15,
}  # fmt: skip

_FRIDAY = 4
_A_MONDAY = date(2024, 1, 1)  # babel names a weekday only from a date; any Monday will do
_LONGEST = 60  # longer than any accepted form, with room for extra words such as "uiterlijk"
_SHOWN = 40  # how much of not-understood text a message repeats


def _either(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in words)


_WD = f"(?P<weekday>{_either(_WEEKDAYS)})"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th|ste|de|e)?"  # 4th, 1st, 4e, 1ste
_YEAR = r"(?P<year>[0-9]{4}|[0-9]{2})"
_MONTH_NAME = f"(?P<month>{_either(_MONTHS)})"
# [0-9] rather than \d: other scripts' digits are not dates this parser claims to read.
_ABSOLUTE_FORMS = (
    r"(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})",
    rf"(?P<day>[0-9]{{1,2}})(?P<sep>[-/.])(?P<month>[0-9]{{1,2}})(?:(?P=sep){_YEAR})?",
    rf"(?:the )?{_DAY} (?:of )?{_MONTH_NAME}(?: {_YEAR})?",
    rf"{_MONTH_NAME} {_DAY}(?: {_YEAR})?",
)


@dataclass(frozen=True)
class _Localized:
    """A part of a date, named in the reader's language only when the message is rendered:
    the parser raises before anyone knows in which language the error will be read."""

    day: date
    pattern: str  # a babel date pattern, such as "EEEE" for the weekday's name

    def in_language(self, lang: Language) -> str:
        return format_date(self.day, self.pattern, locale=_LOCALES[lang])


class DeadlineError(ValueError):
    """A deadline that cannot be read: a catalog key and its values, rendered in a language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params: dict[str, object] = params

    def render(self, lang: Language) -> str:
        params = {
            name: value.in_language(lang) if isinstance(value, _Localized) else value
            for name, value in self.params.items()
        }
        return tr(lang, self.key, **params)


def _normalize(text: str) -> str:
    """Lower case, single spaces, no commas, no abbreviation dots ("dec." "a.s."), no full stop."""
    words = re.sub(r"(?<=[^\W\d_])\.|,", " ", text.casefold())
    words = " ".join(words.split()).rstrip(".").strip()
    lead = _LEAD_WORDS.match(words)
    return words[lead.end() :] if lead else words


def _days_from_today(match: re.Match[str], today: date) -> date:
    return today + timedelta(days=_DAYS_FROM_TODAY[match[0]])


def _add_months(day: date, months: int) -> date:
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise OverflowError(year)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def _after_period(match: re.Match[str], today: date) -> date:
    count_word, unit = match["count"], match["unit"]
    count = int(count_word) if count_word.isdigit() else _COUNTS[count_word]
    if unit in _MONTH_UNITS:
        return _add_months(today, count)
    return today + timedelta(days=count * _DAYS_IN_UNIT[unit])


def _end_of(match: re.Match[str], today: date) -> date:
    if "week" in (match["unit"], match["unit_this"]):
        return today + timedelta(days=(_FRIDAY - today.weekday()) % 7)
    last_day = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=last_day)


def _part_of_month(match: re.Match[str], today: date) -> date:
    month = _MONTHS[match["month"]]
    day = _PARTS_OF_MONTH[match["part"]]
    if match["year"] is not None:
        year = _year(match["year"], 1, month, today)
    else:  # the next occurrence: this month's end is still ahead on its last day
        year = _year(None, day or calendar.monthrange(today.year, month)[1], month, today)
    return _calendar_date(day or calendar.monthrange(year, month)[1], month, year)


def _friday_of_next_week(_: re.Match[str], today: date) -> date:
    return today + timedelta(days=7 - today.weekday() + _FRIDAY)


def _coming_weekday(match: re.Match[str], today: date) -> date:
    ahead = (_WEEKDAYS[match["weekday"]] - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _weekday_next_week(match: re.Match[str], today: date) -> date:
    monday_next_week = today + timedelta(days=7 - today.weekday())
    return monday_next_week + timedelta(days=_WEEKDAYS[match["weekday"]])


def _year(typed: str | None, day: int, month: int, today: date) -> int:
    """The year as typed (two digits: this century), else the one in which the date comes next."""
    if typed is not None:
        return 2000 + int(typed) if len(typed) == 2 else int(typed)
    return today.year if (month, day) >= (today.month, today.day) else today.year + 1


def _calendar_date(day: int, month: int, year: int) -> date:
    if not 1 <= month <= 12:
        raise DeadlineError("dates.no_such_month", month=month)
    if not MINYEAR <= year <= MAXYEAR:
        raise DeadlineError("dates.out_of_range")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_named = _Localized(date(year, month, 1), "MMMM yyyy")
        raise DeadlineError("dates.no_such_date", month=month_named, days=days_in_month)
    return date(year, month, day)


def _check_weekday(day: date, typed: int) -> None:
    if day.weekday() != typed:
        raise DeadlineError(
            "dates.weekday_mismatch",
            date=_Localized(day, "d MMMM yyyy"),
            weekday=_Localized(day, "EEEE"),
            typed=_Localized(_A_MONDAY + timedelta(days=typed), "EEEE"),
        )


def _absolute(match: re.Match[str], today: date) -> date:
    day = int(match["day"])
    month_typed = match["month"]
    month = int(month_typed) if month_typed.isdigit() else _MONTHS[month_typed]
    result = _calendar_date(day, month, _year(match["year"], day, month, today))
    if match["weekday"] is not None:
        _check_weekday(result, _WEEKDAYS[match["weekday"]])
    return result


_Resolve = Callable[[re.Match[str], date], date]
_NEXT_WEEK = "(?:volgende week|next week|volgende|next)"
_RULES: tuple[tuple[re.Pattern[str], _Resolve], ...] = (
    (re.compile(_either(_DAYS_FROM_TODAY)), _days_from_today),
    (
        re.compile(
            f"(?:over|in|binnen|within) (?P<count>[0-9]{{1,4}}|{_either(_COUNTS)}) "
            f"(?P<unit>{_either([*_DAYS_IN_UNIT, *_MONTH_UNITS])})"
        ),
        _after_period,
    ),
    (
        re.compile(
            r"(?:(?:eind|einde) (?:van )?(?:de|deze)|end of(?: the| this)?) "
            r"(?P<unit>week|maand|month)"
            r"|(?:deze|this) (?P<unit_this>week)"
        ),
        _end_of,
    ),
    (
        re.compile(
            f"(?:the )?(?P<part>{_either(_PARTS_OF_MONTH)})(?: van | of | |-){_MONTH_NAME}"
            f"(?: {_YEAR})?"
        ),
        _part_of_month,
    ),
    (re.compile("volgende week|next week|(?:de )?week erna|the week after"), _friday_of_next_week),
    (re.compile(f"{_NEXT_WEEK} {_WD}"), _weekday_next_week),
    (re.compile(f"{_WD} (?:volgende week|next week)"), _weekday_next_week),
    (
        # "vrijdag a.s." is how Dutch writes "this coming Friday"; the dots are gone by now.
        re.compile(
            f"(?:(?:komende|aanstaande|deze|this|coming) )?{_WD}(?: (?:aanstaande|a s|as))?"
        ),
        _coming_weekday,
    ),
    *((re.compile(f"(?:{_WD} )?{form}"), _absolute) for form in _ABSOLUTE_FORMS),
)


def _shown(text: str) -> str:
    """Typed text as a message may repeat it: one clean line, cut short if it is long."""
    line = clean_line(text)
    return line if len(line) <= _SHOWN else line[:_SHOWN] + "…"


def parse_deadline(text: str, today: date) -> date:
    """The date `text` means, seen from `today`, in Dutch or English; DeadlineError if none."""
    if not text.strip():
        raise DeadlineError("dates.empty")
    words = _normalize(text)
    # No accepted form is this long: pasted paragraphs are refused without scanning them.
    if len(words) <= _LONGEST:
        for pattern, resolve in _RULES:
            match = pattern.fullmatch(words)
            if match is None:
                continue
            try:
                return resolve(match, today)
            except OverflowError:
                raise DeadlineError("dates.out_of_range") from None
    raise DeadlineError("dates.not_understood", text=_shown(text))


def spoken_date(d: date, lang: Language) -> str:
    """The full date, as said aloud: "vrijdag 4 december 2026", "Friday, 4 December 2026"."""
    return format_date(d, format="full", locale=_LOCALES[lang])


def short_date(d: date, lang: Language) -> str:
    """A compact date for tables: "vr 4 dec", "Fri 4 Dec"."""
    # Some CLDR versions abbreviate with a dot ("vr.", "dec."); a table reads cleaner without.
    return format_date(d, "EEE d MMM", locale=_LOCALES[lang]).replace(".", "")


def compact_date(d: date, lang: Language, *, with_year: bool = False) -> str:
    """The shortest readable date, for lists: "23 nov", "4 Dec 2025"."""
    pattern = "d MMM y" if with_year else "d MMM"
    return format_date(d, pattern, locale=_LOCALES[lang]).replace(".", "")


def relative_hint(d: date, today: date, lang: Language) -> str:
    """How far `d` is from `today`, exact in days: "morgen", "over 11 dagen", "3 days ago"."""
    days = (d - today).days
    named = {0: "dates.today", 1: "dates.tomorrow", -1: "dates.yesterday"}
    if days in named:
        return tr(lang, named[days])
    if days > 0:
        return tr(lang, "dates.in_days", days=days)
    return tr(lang, "dates.days_ago", days=-days)


def understood(d: date, today: date, lang: Language) -> str:
    """What the app says back after parsing: "vrijdag 4 december 2026 (over 11 dagen)"."""
    return tr(
        lang, "dates.understood", date=spoken_date(d, lang), hint=relative_hint(d, today, lang)
    )


def typed_date(day: date) -> str:
    """A date as a Dutch or English facilitator types it: 4-12-2026."""
    return f"{day.day}-{day.month}-{day.year}"


def day_of(opened_at: datetime, today: date, lang: Language) -> str:
    """A session's opening day in local time: "ma 23 nov", with the year if not this one."""
    local = opened_at.astimezone()
    day = short_date(local.date(), lang)
    return day if local.year == today.year else f"{day} {local.year}"


def listed_at(opened_at: datetime, today: date, lang: Language) -> str:
    """A moment in local time as the archive lists it, compact: "23 nov 10:05",
    "4 Dec 2025 09:30"."""
    local = opened_at.astimezone()
    day = compact_date(local.date(), lang, with_year=local.year != today.year)
    return f"{day} {local:%H:%M}"


def said_at(opened_at: datetime, today: date, lang: Language) -> str:
    """A session's opening in local time, as said: "ma 23 nov om 10:05"."""
    local = opened_at.astimezone()
    return tr(lang, "home.when", date=day_of(opened_at, today, lang), time=f"{local:%H:%M}")
