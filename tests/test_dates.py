"""Deadlines typed in Dutch or English are read as the date the facilitator meant, or refused
with a message that says why; the date understood is said back in the session language."""

import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from tui.wyber.dates import (
    DeadlineError,
    parse_deadline,
    relative_hint,
    short_date,
    spoken_date,
    understood,
)
from tui.wyber.i18n import LANGUAGES, Language

MONDAY = date(2026, 11, 23)  # a Monday; 4 December 2026 is the Friday of the week after
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)
YEAR_END = date(2026, 12, 30)  # a Wednesday, two days before the year turns
DEC_4 = date(2026, 12, 4)


def key_of(text: str, today: date = MONDAY) -> str:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, today)
    return caught.value.key


def test_the_weekdays_of_the_fixed_days_are_what_the_tests_assume() -> None:
    assert [d.weekday() for d in (MONDAY, FRIDAY, SATURDAY, SUNDAY, YEAR_END, DEC_4)] == [
        0, 4, 5, 6, 2, 4,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["2026-12-04", "2026/12/04", "4-12", "04-12", "04/12", "4/12", "4.12", "4.12.2026",
     "4-12-2026", "04/12/2026", "4-12-26", "4.12.26"],
)  # fmt: skip
def test_numeric_dates_are_iso_or_day_first(text: str) -> None:
    assert parse_deadline(text, MONDAY) == DEC_4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 dec", DEC_4),
        ("4 december", DEC_4),
        ("4 dec 2026", DEC_4),
        ("4 december 26", DEC_4),
        ("december 4", DEC_4),
        ("dec. 4", DEC_4),
        ("December 4, 2026", DEC_4),
        ("4th December", DEC_4),
        ("the 4th of December", DEC_4),
        ("4e december", DEC_4),
        ("4 mrt", date(2027, 3, 4)),
        ("4 maart", date(2027, 3, 4)),
        ("4 march", date(2027, 3, 4)),
        ("4 mar", date(2027, 3, 4)),
        ("4 mei", date(2027, 5, 4)),
        ("4 may", date(2027, 5, 4)),
        ("4 okt", date(2027, 10, 4)),
        ("4 oct", date(2027, 10, 4)),
        ("4 oktober", date(2027, 10, 4)),
        ("4 october", date(2027, 10, 4)),
        ("1 sept", date(2027, 9, 1)),
        ("1 jan", date(2027, 1, 1)),
        ("23 nov", MONDAY),
        ("30 november", date(2026, 11, 30)),
    ],
)
def test_a_day_and_a_month_name_in_dutch_or_english(text: str, expected: date) -> None:
    assert parse_deadline(text, MONDAY) == expected


@pytest.mark.parametrize(
    "text",
    ["vr 4 dec", "vr. 4 dec.", "vrijdag 4 december", "fri 4 dec", "Friday, 4 December",
     "Friday, 4 December 2026", "vrijdag 4-12", "fri 2026-12-04", "Friday December 4"],
)  # fmt: skip
def test_a_weekday_may_stand_before_the_date(text: str) -> None:
    assert parse_deadline(text, MONDAY) == DEC_4


def test_a_weekday_that_does_not_match_the_date_is_refused_naming_the_real_one() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("do 4 dec", MONDAY)
    assert caught.value.key == "dates.weekday_mismatch"
    assert caught.value.render("nl") == "4 december 2026 is een vrijdag, geen donderdag"
    assert caught.value.render("en") == "4 December 2026 is a Friday, not a Thursday"
    assert key_of("Wednesday, 4 December 2026") == "dates.weekday_mismatch"
    assert key_of("ma 2026-12-04") == "dates.weekday_mismatch"


@pytest.mark.parametrize(
    ("text", "days"),
    [("vandaag", 0), ("today", 0), ("morgen", 1), ("tomorrow", 1), ("overmorgen", 2),
     ("day after tomorrow", 2), ("the day after tomorrow", 2)],
)  # fmt: skip
def test_today_tomorrow_and_the_day_after(text: str, days: int) -> None:
    assert parse_deadline(text, MONDAY) == MONDAY + timedelta(days=days)


@pytest.mark.parametrize(
    "text",
    ["vrijdag", "vr", "friday", "fri", "komende vrijdag", "aanstaande vrijdag", "vrijdag a.s.",
     "this friday", "coming friday", "uiterlijk vrijdag", "by friday", "op vrijdag"],
)  # fmt: skip
def test_a_weekday_alone_is_the_next_such_day(text: str) -> None:
    assert parse_deadline(text, MONDAY) == FRIDAY


def test_a_weekday_alone_is_never_today() -> None:
    assert parse_deadline("maandag", MONDAY) == date(2026, 11, 30)
    assert parse_deadline("vrijdag", FRIDAY) == DEC_4
    assert parse_deadline("di", MONDAY) == date(2026, 11, 24)


@pytest.mark.parametrize(
    "text",
    ["volgende week vrijdag", "vrijdag volgende week", "next friday", "friday next week",
     "next week friday", "volgende vrijdag", "Volgende week vr"],
)  # fmt: skip
def test_next_friday_is_the_friday_of_the_next_calendar_week(text: str) -> None:
    assert parse_deadline(text, MONDAY) == DEC_4
    assert parse_deadline(text, FRIDAY) == DEC_4
    # On Sunday the next calendar week starts tomorrow, so its Friday is the coming one.
    assert parse_deadline(text, SUNDAY) == DEC_4


def test_next_monday_is_a_week_ahead_on_a_monday_and_tomorrow_on_a_sunday() -> None:
    assert parse_deadline("volgende week maandag", MONDAY) == date(2026, 11, 30)
    assert parse_deadline("next monday", SUNDAY) == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over 3 dagen", date(2026, 11, 26)),
        ("in 3 days", date(2026, 11, 26)),
        ("over 1 dag", date(2026, 11, 24)),
        ("over 2 weken", date(2026, 12, 7)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("binnen twee weken", date(2026, 12, 7)),
        ("in a week", date(2026, 11, 30)),
        ("over een week", date(2026, 11, 30)),
        ("over één week", date(2026, 11, 30)),
        ("in one week", date(2026, 11, 30)),
        ("over een maand", date(2026, 12, 23)),
        ("in a month", date(2026, 12, 23)),
        ("over 3 maanden", date(2027, 2, 23)),
        ("in 0 days", MONDAY),
    ],
)
def test_a_period_from_today(text: str, expected: date) -> None:
    assert parse_deadline(text, MONDAY) == expected


def test_a_month_from_a_long_month_end_is_the_end_of_the_shorter_month() -> None:
    assert parse_deadline("in a month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_deadline("over een maand", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["eind van de week", "einde van deze week", "end of the week"])
def test_end_of_the_week_is_the_coming_friday_including_today(text: str) -> None:
    assert parse_deadline(text, MONDAY) == FRIDAY
    assert parse_deadline(text, FRIDAY) == FRIDAY
    assert parse_deadline(text, SATURDAY) == DEC_4
    assert parse_deadline(text, SUNDAY) == DEC_4


@pytest.mark.parametrize("text", ["eind van de maand", "einde deze maand", "end of the month"])
def test_end_of_the_month_is_its_last_day(text: str) -> None:
    assert parse_deadline(text, MONDAY) == date(2026, 11, 30)
    assert parse_deadline(text, YEAR_END) == date(2026, 12, 31)
    assert parse_deadline(text, date(2028, 2, 3)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eind januari", date(2027, 1, 31)),
        ("eind van januari", date(2027, 1, 31)),
        ("uiterlijk einde jan.", date(2027, 1, 31)),
        ("end of January", date(2027, 1, 31)),
        ("the end of february", date(2027, 2, 28)),
        ("eind februari 2028", date(2028, 2, 29)),
        ("eind november", date(2026, 11, 30)),  # its last day is still ahead: this year's
        ("eind oktober", date(2027, 10, 31)),  # over: next year's
        ("begin mei", date(2027, 5, 1)),
        ("early May", date(2027, 5, 1)),
        ("half maart", date(2027, 3, 15)),
        ("mid-March", date(2027, 3, 15)),
        ("medio december", date(2026, 12, 15)),
    ],
)
def test_the_end_start_or_middle_of_a_named_month(text: str, expected: date) -> None:
    assert parse_deadline(text, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4-12", date(2027, 12, 4)),
        ("30-12", YEAR_END),
        ("31 dec", date(2026, 12, 31)),
        ("1 jan", date(2027, 1, 1)),
        ("vrijdag", date(2027, 1, 1)),
        ("next friday", date(2027, 1, 8)),
        ("eind van de week", date(2027, 1, 1)),
        ("eind van de maand", date(2026, 12, 31)),
        ("in 3 days", date(2027, 1, 2)),
        ("over een maand", date(2027, 1, 30)),
        ("vr 1 jan", date(2027, 1, 1)),
    ],
)
def test_dates_across_the_turn_of_the_year(text: str, expected: date) -> None:
    assert parse_deadline(text, YEAR_END) == expected


def test_an_explicit_date_in_the_past_is_kept() -> None:
    assert parse_deadline("1-1-2020", MONDAY) == date(2020, 1, 1)
    assert parse_deadline("2026-11-01", MONDAY) == date(2026, 11, 1)
    assert parse_deadline("1 nov 2026", MONDAY) == date(2026, 11, 1)


def test_29_february_without_a_year_is_looked_for_in_the_year_it_comes_next() -> None:
    assert parse_deadline("29 feb", date(2027, 3, 1)) == date(2028, 2, 29)
    assert key_of("29-2", YEAR_END) == "dates.no_such_date"


@pytest.mark.parametrize(
    "text", ["  VRIJDAG  ", "Vrijdag.", "4   DEC.", "Morgen.", "4-12.", "\t4 dec\n", "4 Dec ."]
)
def test_case_spaces_and_a_full_stop_do_not_matter(text: str) -> None:
    assert parse_deadline(text, MONDAY) in {FRIDAY, DEC_4, date(2026, 11, 24)}
    assert parse_deadline(text, MONDAY) == parse_deadline(text.strip(" \t\n.").lower(), MONDAY)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("31-2", "dates.no_such_date"),
        ("32 dec", "dates.no_such_date"),
        ("0-12", "dates.no_such_date"),
        ("31 april", "dates.no_such_date"),
        ("29-2-2027", "dates.no_such_date"),
        ("4-13", "dates.no_such_month"),
        ("4-0-2026", "dates.no_such_month"),
        ("2026-13-01", "dates.no_such_month"),
        ("4-12-0000", "dates.out_of_range"),
    ],
)
def test_dates_that_do_not_exist_are_refused(text: str, key: str) -> None:
    assert key_of(text) == key


def test_a_date_that_does_not_exist_is_explained() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("31-2", MONDAY)
    assert caught.value.render("nl") == "die datum bestaat niet: februari 2027 heeft 28 dagen"
    assert caught.value.render("en") == "there is no such date: February 2027 has 28 days"
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("4-13", MONDAY)
    assert caught.value.render("nl") == "die datum bestaat niet: een jaar heeft geen maand 13"
    assert caught.value.render("en") == "there is no such date: a year has no month 13"


def test_29_february_in_a_leap_year_exists() -> None:
    assert parse_deadline("29-2-2028", MONDAY) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["", " ", "\t\n  "])
def test_empty_text_is_refused_as_empty(text: str) -> None:
    assert key_of(text) == "dates.empty"


def test_the_empty_message_in_both_languages() -> None:
    error = DeadlineError("dates.empty")
    assert error.render("nl") == "geen deadline ingevuld: typ een datum, zoals 4-12 of vrijdag"
    assert error.render("en") == "no deadline given: type a date, such as 4-12 or friday"


@pytest.mark.parametrize(
    "text",
    ["soon", "asap", ".", "🙂", "🔋♻️ 👩🏽‍🔬", "مشاركة البيانات", "עברית", "\x00", "4\x00-12",
     "\x1b[31m4-12", "4-12-123", "4-12/2026", "٤-١٢", "next", "vrijdag 4", "in days",
     "over drie", "4 dec 2026 2027", "12345", "x" * 10_000, "4 dec " * 2_000],
)  # fmt: skip
def test_text_that_is_not_a_date_is_refused_as_not_understood(text: str) -> None:
    started = time.perf_counter()
    assert key_of(text) == "dates.not_understood"
    assert time.perf_counter() - started < 0.5


def test_the_not_understood_message_repeats_the_text_and_gives_examples() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("asap", MONDAY)
    assert caught.value.render("nl") == (
        "“asap” is niet begrepen als datum; probeer bijvoorbeeld 4-12, 4 dec, vrijdag, "
        "volgende week vrijdag, over 2 weken, eind januari of eind van de maand"
    )
    assert caught.value.render("en").startswith("“asap” is not a date wyber understands; try")


@pytest.mark.parametrize(
    ("lang", "marker", "last"), [("nl", "bijvoorbeeld ", " of "), ("en", "example ", " or ")]
)
def test_every_example_the_message_gives_is_understood(
    lang: Language, marker: str, last: str
) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("asap", MONDAY)
    examples = caught.value.render(lang).split(marker, 1)[1].replace(last, ", ").split(", ")
    assert "eind januari" in examples or "end of January" in examples
    for example in examples:
        assert parse_deadline(example, MONDAY) >= MONDAY, example


def test_the_not_understood_message_shows_long_or_unclean_text_short_and_clean() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("x" * 10_000, MONDAY)
    assert caught.value.params["text"] == "x" * 40 + "…"
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("\x1bsoon\x00\nish", MONDAY)
    assert caught.value.params["text"] == "soon ish"
    assert "\x1b" not in caught.value.render("en")


def test_a_deadline_error_is_a_value_error_with_key_and_params() -> None:
    with pytest.raises(ValueError, match=r"dates\.not_understood"):
        parse_deadline("soon", MONDAY)
    error = DeadlineError("dates.not_understood", text="soon")
    assert (error.key, error.params) == ("dates.not_understood", {"text": "soon"})


VOCABULARY = [
    "4", "12", "31", "2026", "26", "0", "-", "/", ".", ",", "dec", "mei", "may", "vr", "friday",
    "next", "volgende", "week", "over", "in", "a", "een", "maand", "dagen", "eind", "end", "of",
    "the", "van", "de", "morgen", "a.s.", "uiterlijk", "🙂", "\x00",
]  # fmt: skip
vocabulary_text = st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join)
any_today = st.dates(min_value=date.min, max_value=date.max)


@given(st.one_of(st.text(max_size=80), vocabulary_text), any_today)
def test_any_text_on_any_day_gives_a_date_or_a_deadline_error(text: str, today: date) -> None:
    try:
        assert isinstance(parse_deadline(text, today), date)
    except DeadlineError as error:
        for lang in LANGUAGES:
            assert error.render(lang)


def test_a_period_past_the_end_of_the_calendar_is_refused() -> None:
    assert key_of("morgen", date.max) == "dates.out_of_range"
    assert key_of("over een maand", date(9999, 12, 5)) == "dates.out_of_range"
    assert key_of("4 jan", date.max) == "dates.out_of_range"


centuries = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
FORMATS: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.day}-{d.month}-{d.year}",
    lambda d: f"{d.day:02}/{d.month:02}/{d.year}",
    lambda d: format_date(d, "d MMMM yyyy", locale="nl_NL"),
    lambda d: format_date(d, "d MMMM yyyy", locale="en_GB"),
    lambda d: format_date(d, "d MMM yyyy", locale="nl_NL"),
    lambda d: format_date(d, "MMM d, yyyy", locale="en_GB"),
    lambda d: spoken_date(d, "nl"),
    lambda d: spoken_date(d, "en"),
]


@pytest.mark.parametrize("form", range(len(FORMATS)))
@given(d=centuries)
def test_a_written_out_date_parses_back_to_itself(form: int, d: date) -> None:
    assert parse_deadline(FORMATS[form](d), MONDAY) == d


@given(st.integers(min_value=0, max_value=364), st.sampled_from(LANGUAGES), any_today)
def test_a_short_date_in_the_coming_year_parses_back_to_itself(
    ahead: int, lang: Language, today: date
) -> None:
    if today > date.max - timedelta(days=400):
        return  # a year from then is beyond the calendar
    d = today + timedelta(days=ahead)
    assert parse_deadline(short_date(d, lang), today) == d


def test_spoken_and_short_dates_in_both_languages() -> None:
    assert spoken_date(DEC_4, "nl") == "vrijdag 4 december 2026"
    assert spoken_date(DEC_4, "en") == "Friday, 4 December 2026"
    assert short_date(DEC_4, "nl") == "vr 4 dec"
    assert short_date(DEC_4, "en") == "Fri 4 Dec"
    assert short_date(date(2026, 3, 4), "nl") == "wo 4 mrt"
    assert short_date(date(2026, 5, 4), "en") == "Mon 4 May"


@given(centuries, st.sampled_from(LANGUAGES))
def test_spoken_and_short_dates_never_fail_and_have_no_dots_in_tables(
    d: date, lang: Language
) -> None:
    assert str(d.year) in spoken_date(d, lang)
    assert "." not in short_date(d, lang)


@pytest.mark.parametrize(
    ("days", "nl", "en"),
    [(0, "vandaag", "today"), (1, "morgen", "tomorrow"), (-1, "gisteren", "yesterday"),
     (11, "over 11 dagen", "in 11 days"), (2, "over 2 dagen", "in 2 days"),
     (-3, "3 dagen geleden", "3 days ago"), (-400, "400 dagen geleden", "400 days ago")],
)  # fmt: skip
def test_the_relative_hint_is_exact_in_days(days: int, nl: str, en: str) -> None:
    d = MONDAY + timedelta(days=days)
    assert relative_hint(d, MONDAY, "nl") == nl
    assert relative_hint(d, MONDAY, "en") == en


def test_what_was_understood_is_said_back_with_how_far_away_it_is() -> None:
    assert understood(DEC_4, MONDAY, "nl") == "vrijdag 4 december 2026 (over 11 dagen)"
    assert understood(DEC_4, MONDAY, "en") == "Friday, 4 December 2026 (in 11 days)"
    assert understood(MONDAY, MONDAY, "nl") == "maandag 23 november 2026 (vandaag)"
    past = parse_deadline("20-11-2026", MONDAY)
    assert understood(past, MONDAY, "en") == "Friday, 20 November 2026 (3 days ago)"


@pytest.mark.parametrize("text", ["volgende week", "next week", "Volgende week.", "de week erna"])
def test_next_week_alone_is_the_friday_that_ends_the_next_working_week(text: str) -> None:
    assert parse_deadline(text, MONDAY) == DEC_4
    assert parse_deadline(text, FRIDAY) == DEC_4
    assert parse_deadline(text, SUNDAY) == DEC_4


@pytest.mark.parametrize("text", ["deze week", "this week"])
def test_this_week_alone_is_the_end_of_this_working_week(text: str) -> None:
    assert parse_deadline(text, MONDAY) == FRIDAY
    assert parse_deadline(text, FRIDAY) == FRIDAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [("over twee weken", date(2026, 12, 7)), ("woensdag", date(2026, 11, 25)),
     ("in two weeks", date(2026, 12, 7))],
)  # fmt: skip
def test_weeks_in_words_and_weekday_names_are_deadlines(text: str, expected: date) -> None:
    assert parse_deadline(text, MONDAY) == expected
