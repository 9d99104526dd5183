"""Free text is kept exactly as typed, minus the characters XML (and so Word) forbids."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tui.wyber.events import IdeaAdded, ParticipantAdded
from tui.wyber.text import clean_line, clean_text

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
