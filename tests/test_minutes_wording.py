"""What a tester read in the minutes and stumbled over: a score's count said in words as the
caption explains it, a chart's caption naming what it shows, chart labels cut at a word, and
counts said as a Dutch or English speaker says them ("Beide afspraken", "1 place")."""

import pytest
from PIL import ImageFont

from tui.wyber.events import ScoreGiven, VoteCast
from tui.wyber.fold import fold
from tui.wyber.i18n import counted, tr
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.charts import fitted, label_lines
from tui.wyber.minutes.content import Picture
from tui.wyber.minutes.markdown import markdown
from tui.wyber.state import SessionState

from .factory import records, up_to_converge


def voted(*, dots: bool, scores: bool) -> SessionState:
    timed = up_to_converge(("p1", "p2"), {"i1": "Een gestandaardiseerde testprocedure"})
    if dots:
        timed += [(40, VoteCast(target_id="i1", voter_id="p1"))]
    if scores:
        timed += [(41, ScoreGiven(target_id="i1", voter_id=p, score=4)) for p in ("p1", "p2")]
    return fold(records(timed))


@pytest.mark.parametrize(
    ("dots", "scores", "shows"),
    [(True, True, "dots_scores"), (True, False, "dots"), (False, True, "scores")],
)
def test_the_votes_chart_is_captioned_by_what_it_shows(
    dots: bool, scores: bool, shows: str
) -> None:
    blocks = build_minutes(voted(dots=dots, scores=scores), "nl").blocks
    captions = [b.caption for b in blocks if isinstance(b, Picture)]
    assert tr("nl", f"tester.chart.{shows}") in captions


def test_a_score_says_how_many_scored_in_words_as_its_caption_says() -> None:
    text = markdown(build_minutes(voted(dots=False, scores=True), "nl"))
    assert "4,0 / 5 (2 scoorden)" in text
    assert "tussen haakjes hoeveel mensen scoorden" in text
    assert "n=" not in text


def test_a_chart_label_too_long_is_cut_after_a_word() -> None:
    font = ImageFont.load_default(20)
    label = "Geen gestandaardiseerde testprocedure voor gebruikte accu's"
    width = font.getlength("Geen gestandaardiseerde testproc")
    shown = fitted(label, width, font)
    assert shown == "Geen gestandaardiseerde …"
    assert fitted("Kort", width, font) == "Kort"
    assert font.getlength(fitted("Onuitsprekelijkverlengdewoordenketen", 60, font)) <= 60


def test_a_chart_label_wraps_onto_a_second_line_at_a_word() -> None:
    font = ImageFont.load_default(20)
    label = "Data over laadcycli zit bij de fabrikant en niet bij de verhuurder"
    width = font.getlength("Data over laadcycli zit bij")
    first, second = label_lines(label, width, font)
    assert first == "Data over laadcycli zit bij"
    assert second.endswith(" …") and label.startswith(f"{first} {second[:-2]}")
    assert all(font.getlength(line) <= width for line in (first, second))
    assert label_lines("Statiegeld op accu's", width, font) == ["Statiegeld op accu's"]


def test_counts_are_said_as_people_say_them() -> None:
    assert counted("nl", "tester.review_done", 2, two=True).startswith("Beide afspraken")
    assert counted("en", "tester.review_done", 2, two=True).startswith("Both agreements")
    assert counted("nl", "tester.review_done", 3, two=True).startswith("Alle 3 afspraken")
    assert counted("nl", "tester.review_done", 1, two=True).startswith("De afspraak is")
    assert counted("en", "tester.samples", 1).endswith("in 1 place. Go there, or start anyway?")
    assert "in 2 places." in counted("en", "tester.samples", 2)
    assert counted("nl", "tester.samples", 1).startswith("Op 1 plaats staat")
    assert "(s)" not in counted("en", "tester.samples", 2)
