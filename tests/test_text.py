"""Free text is kept exactly as typed, minus the characters XML (and so Word) forbids."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.factory import records
from tests.test_minutes import NOW, OPENED_AT, email_of, opening
from tui.wyber.events import Event, IdeaAdded, ParticipantAdded
from tui.wyber.fold import fold
from tui.wyber.minutes.export import render
from tui.wyber.text import clean_line, clean_text, fold_lines, pasted_lines

XML_ILLEGAL = {chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)]} | {"\ufffe", "\uffff"}


def test_emoji_accents_and_right_to_left_text_are_kept() -> None:
    for text in ("Café ☕ naïef", "🔋♻️ 👩🏽‍🔬", "مشاركة البيانات", "עברית", "[bold]x[/]"):
        assert clean_text(text) == text


def test_control_characters_go_and_line_breaks_are_normalised() -> None:
    assert clean_text("a\x00b\x1bc\x07\r\nd\re\tf") == "abc\nd\ne\tf"
    assert clean_line("  Kick\n  off\x0c  ") == "Kick off"


@given(st.text())
def test_cleaned_text_holds_no_xml_illegal_character_and_cleaning_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert not set(cleaned) & XML_ILLEGAL
    assert clean_text(cleaned) == cleaned


@given(st.text(min_size=1).filter(lambda s: clean_text(s).strip() != ""))
def test_events_clean_their_text_on_the_way_in(text: str) -> None:
    assert IdeaAdded(idea_id="i1", text=text).text == clean_text(text)


@pytest.mark.parametrize("blank", ["   ", "\x01", "\x1b\x00 ", "\t\n"])
def test_a_name_or_text_that_cleans_to_nothing_is_refused_before_it_is_written(blank: str) -> None:
    # Refused on the way in: accepted and written, it would make the session unreadable.
    with pytest.raises(ValidationError):
        IdeaAdded(idea_id="i1", text=blank)
    with pytest.raises(ValidationError):
        ParticipantAdded(participant_id="p1", name=blank)


# ── pasted and typed text alike (issue 10) ──────────────────────────────────────────────────

BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
BIDI_OPENERS |= {"\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
BIDI = st.sampled_from(sorted(set(BIDI_OPENERS) | {"\u202c", "\u2069"}))


def bidi_balanced(line: str) -> bool:
    """Every opener closed within the line, by its own kind of closer, innermost first."""
    open_: list[str] = []
    for char in line:
        if char in BIDI_OPENERS:
            open_.append(BIDI_OPENERS[char])
        elif char in ("\u202c", "\u2069") and (not open_ or open_.pop() != char):
            return False
    return not open_


def without_bidi(text: str) -> str:
    return "".join(c for c in text if c not in BIDI_OPENERS and c not in ("\u202c", "\u2069"))


def test_zero_width_joiners_and_direction_marks_are_kept() -> None:
    for text in ("می\u200cخواهم", "👩🏽\u200d💻", "a\u200eb\u200fc", "soft\u00adhyphen"):
        assert clean_text(text) == text
        assert clean_line(text) == text


def test_an_open_right_to_left_override_is_closed_where_its_line_ends() -> None:
    assert clean_text("\u202eevil") == "\u202eevil\u202c"
    assert clean_text("\u202eone\ntwo") == "\u202eone\u202c\ntwo"
    assert clean_line("Anna \u202e\u2067x") == "Anna \u202e\u2067x\u2069\u202c"
    # A closer without an opener is dropped; one closing what is open is kept.
    assert clean_text("a\u202cb\u2069c") == "abc"
    assert clean_text("\u202bעברית\u202c ok") == "\u202bעברית\u202c ok"
    # An isolate's closer ends the embeddings opened inside it, as UAX #9 says: written out.
    assert clean_text("\u2067a\u202eb\u2069c") == "\u2067a\u202eb\u202c\u2069c"
    # A PDF does not reach out of an isolate.
    assert clean_text("\u202ea\u2066b\u202cc") == "\u202ea\u2066bc\u2069\u202c"


NO_ESC = st.text(st.characters(blacklist_characters="\x1b"), max_size=3)


@given(st.lists(st.one_of(BIDI, NO_ESC), max_size=12).map("".join))
def test_every_cleaned_line_is_bidi_balanced_and_cleaning_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert all(bidi_balanced(line) for line in cleaned.split("\n"))
    assert bidi_balanced(clean_line(text))
    assert clean_text(cleaned) == cleaned
    # Only bidi controls are added or dropped: the rest is cleaned as if they were not there.
    assert without_bidi(cleaned) == clean_text(without_bidi(text))


def test_escape_sequences_go_whole_and_the_text_after_a_control_character_stays() -> None:
    assert clean_text("voor \x1b[31mrood\x1b[0m na") == "voor rood na"
    assert clean_text("a\x1b]0;window title\x07b\x1b]8;;https://x.example\x1b\\c") == "abc"
    assert clean_text("a\x1bPq#0;2\x1b\\b") == "ab"
    assert clean_text("a\x1bb\x07c\x9bd\x7fe\x85f") == "abcdef"  # lone ESC, BEL, C1, DEL


@given(st.text())
def test_cleaned_text_holds_no_escape_or_control_character(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(0x7F <= ord(c) <= 0x9F or c == "\x1b" for c in cleaned)


def test_a_paste_for_a_one_line_field_folds_its_lines_into_spaces() -> None:
    assert fold_lines("Kick-off\r\n  batteries \n\nSouth\n") == "Kick-off batteries South"
    assert fold_lines(" and more") == " and more"  # lands after a word already typed
    assert fold_lines("\n\n") == ""


def test_a_paste_for_the_idea_line_is_one_entry_per_non_blank_line() -> None:
    assert pasted_lines("one\r\n\n  two \x07x\n\t\nthree") == ["one", "two x", "three"]
    assert pasted_lines("\u202eback\nforth") == ["\u202eback\u202c", "forth"]


def test_the_mail_header_and_the_minutes_get_a_closed_override() -> None:
    timed: list[tuple[float, Event]] = [(0, opening("nl", title="\u202eKick-off"))]
    timed += [(0, ParticipantAdded(participant_id="p1", name="\u202eAnna", email="a@b.example"))]
    state = fold(records(timed, start=OPENED_AT))
    message = email_of(render("eml", state, [], "nl", now=NOW))
    assert bidi_balanced(str(message["Subject"]))
    (to,) = message["To"].addresses
    assert to.display_name == "\u202eAnna\u202c"
    markdown = render("md", state, [], "nl", now=NOW).decode()
    assert all(bidi_balanced(line) for line in markdown.splitlines())
