"""The minutes (verslag) as the files a secretary opens: Word, Markdown and an e-mail draft.

Every test builds a session from its records, exports it, and reads the real file back: with
python-docx (properties, styles, header, footer), with docx2python (the text a reader sees), with
the email package, and once through LibreOffice headless to PDF. Nothing here looks at how the
exporter is built, only at what comes out.
"""

import email
import email.policy
import io
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any, TypeVar

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python
from docx2python.docx_output import DocxContent
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    AgreementReviewed,
    ClusterCreated,
    ConsentNoted,
    EvaluationRecorded,
    Event,
    IdeaAdded,
    ParticipantAdded,
    Record,
    ReviewStatus,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SeriesLink,
    SessionFinished,
    SessionOpened,
    VoteCast,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.export import render
from tui.wyber.minutes.markdown import markdown
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plan import Movement, Plan, VeldField
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.series import Around, earlier_agreements
from tui.wyber.state import SessionState
from tui.wyber.text import clean_line, clean_text

from .factory import plan_data, records, two_step_plan

SESSION = "20261123-0900-cafe"
TITLE = "Kick-off batterijketen"
# Opened at 10:00 in Amsterdam (UTC+1 in November): 09:00 UTC, on Monday 23 November 2026.
OPENED_AT = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=1)))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
DIVERGE, CONVERGE, CONSOLIDATE = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ANNA, BRAM, CHAIMA, DIRK = "Anna de Vries", "Bram Jansen", "Chaïma El Idrissi 🔋", "Dirk Boer"
# The ideas of the check-in (step 1) and of the full wyber (step 2), and who wrote them.
CHECK_IN_IDEA = "Ik verwacht een concreet plan"
DATA_IDEA = "Meer data delen tussen de ketenpartners"
DESK_IDEA = "Eén loket voor losse accu's"  # anonymous
PILOT_IDEA = "Pilot in Delfshaven met inzamelpunten"
STORAGE_IDEA = "Veilige opslag bij de milieustraat"
ARABIC_IDEA = "مشاركة البيانات مع الجيران"  # anonymous, right to left
SCHOOLS_IDEA = "Scholen laten meedoen"  # anonymous, no dots
HEBREW_IDEA = "לשתף את התושבים"  # anonymous, right to left
AUTHORS = {CHECK_IN_IDEA: ANNA, DATA_IDEA: BRAM, PILOT_IDEA: CHAIMA, STORAGE_IDEA: ANNA}
ANONYMOUS_IDEAS = (DESK_IDEA, ARABIC_IDEA, SCHOOLS_IDEA, HEBREW_IDEA)
# The number each idea has on its step's board (the check-in is step 1, the rest step 2).
NUMBER = {CHECK_IN_IDEA: 1, DATA_IDEA: 1, DESK_IDEA: 2, PILOT_IDEA: 3, ARABIC_IDEA: 4}
NUMBER |= {STORAGE_IDEA: 5, SCHOOLS_IDEA: 6, HEBREW_IDEA: 7}
DECISION = "We starten een pilot in Delfshaven"
ACTION = "Voorstel rondsturen aan de wijkraad"
AGREEMENT = "Elke maand een voortgangsoverleg"
PARKED = "Subsidie aanvragen bij de provincie"
OBJECTION = "Te weinig tijd voor de wijkraad"
WENT_WELL = "Iedereen kwam aan het woord"
NEXT_STEP = "Pilotplan uitwerken"

# What a reader finds, in each language: labels the builder writes around the recorded text.
WORDS: dict[Language, dict[str, str]] = {
    "nl": {
        "date": "maandag 23 november 2026",
        "kind": "Verslag",
        "page": "Pagina",
        "of": "van",
        "present": "Aanwezig (3)",
        "absent": "Afwezig (1)",
        "loose": "Niet geclusterd (3)",
        "dec4": "4 dec 2026",
        "dec11": "11 dec 2026",
        "designing": "Ontwerpend",
        "executing": "Uitvoerend",
        "connecting": "Verbindend",
        "objections": f"✖ bezwaren: {OBJECTION}",
        "consent": "✔ gegeven",
        "selected": "✔ gekozen",
        "score7": "7,0 / 5 (1 scoorde)",
        "1st": "1e",
        "2nd": "2e",
        "3rd": "3e",
        "went_well": f"Wat ging goed: {WENT_WELL}",
        "next_step": f"Volgende stap: {NEXT_STEP}",
        "average": "Gemiddeld cijfer 7,5 (2 cijfers)",
        "decisions": "Besluiten",
        "actions": "Acties",
        "agreements": "Afspraken",
        "parked": "Parkeerplaats",
        "earlier": "Afspraken uit eerdere sessies van het traject",
        "reviewed": "Besproken in deze sessie",
        "still_open": "Nog open, in deze sessie niet besproken",
        "evaluation": "Evaluatie",
        "open": "open",
        "done": "gedaan",
        "changed": "gewijzigd",
        "note": "Notitie",
        "dropped": "vervallen",
        "nov20": "20 nov 2026",
        "nov30": "30 nov 2026",
        "nov9": "9 nov 2026",
        "subject": f"Verslag: {TITLE} (maandag 23 november 2026)",
        "nobody": "vul de geadresseerden zelf in",
        "file_word": "verslag",
        "unfinished": r"niet afgerond: dit verslag laat zien wat er tot \d\d:\d\d is vastgelegd",
        "no_evaluation": "Er is geen evaluatie vastgelegd.",
        "series": "Traject",
        f"kind.{DECISION}": "Besluit",
        f"kind.{ACTION}": "Actie",
        f"kind.{AGREEMENT}": "Afspraak",
        f"kind.{PARKED}": "Parkeerplaats",
        "went_well_label": "Wat ging goed: ",
        "next_step_label": "Volgende stap: ",
    },
    "en": {
        "date": "Monday, 23 November 2026",
        "kind": "Minutes",
        "page": "Page",
        "of": "of",
        "present": "Present (3)",
        "absent": "Absent (1)",
        "loose": "Not clustered (3)",
        "dec4": "4 Dec 2026",
        "dec11": "11 Dec 2026",
        "designing": "Designing",
        "executing": "Executing",
        "connecting": "Connecting",
        "objections": f"✖ objections: {OBJECTION}",
        "consent": "✔ given",
        "selected": "✔ selected",
        "score7": "7.0 / 5 (1 scored)",
        "1st": "1st",
        "2nd": "2nd",
        "3rd": "3rd",
        "went_well": f"What went well: {WENT_WELL}",
        "next_step": f"Next step: {NEXT_STEP}",
        "average": "Average score 7.5 (2 scores)",
        "decisions": "Decisions",
        "actions": "Actions",
        "agreements": "Agreements",
        "parked": "Parking lot",
        "earlier": "Agreements from earlier sessions of the series",
        "reviewed": "Reviewed in this session",
        "still_open": "Still open, not discussed in this session",
        "evaluation": "Evaluation",
        "open": "open",
        "done": "done",
        "changed": "changed",
        "note": "Note",
        "dropped": "dropped",
        "nov20": "20 Nov 2026",
        "nov30": "30 Nov 2026",
        "nov9": "9 Nov 2026",
        "subject": f"Minutes: {TITLE} (Monday, 23 November 2026)",
        "nobody": "fill in the recipients yourself",
        "file_word": "minutes",
        "unfinished": (
            r"This meeting was not finished: these minutes show what was recorded up to \d\d:\d\d"
        ),
        "no_evaluation": "No evaluation was recorded.",
        "series": "Series",
        f"kind.{DECISION}": "Decision",
        f"kind.{ACTION}": "Action",
        f"kind.{AGREEMENT}": "Agreement",
        f"kind.{PARKED}": "Parked",
        "went_well_label": "What went well: ",
        "next_step_label": "Next step: ",
    },
}
LANGS: list[Language] = ["nl", "en"]
# (session language, minutes language): its own, and an override to the other one.
LANGUAGE_PAIRS = [("nl", None), ("nl", "en"), ("en", None), ("en", "nl")]


# ── sessions made from records ──────────────────────────────────────────────────────────────


def plan_in(lang: Language) -> Plan:
    """A check-in of 5 minutes (diverge only), then a full wyber of 10 + 10 + 10."""
    return two_step_plan().model_copy(update={"language": lang})


def opening(lang: Language, **changes: Any) -> SessionOpened:
    fields: dict[str, Any] = {
        "session_id": SESSION,
        "plan": plan_in(lang),
        "title": TITLE,
        "language": lang,
        "place": "Stadhuis, zaal 3",
        "facilitator": "Fenna Visser",
    }
    return SessionOpened(**{**fields, **changes})


def meeting_events(
    lang: Language = "nl", *, series: SeriesLink | None = None, finished: bool = True
) -> list[tuple[float, Event]]:
    """A whole meeting: four people (one absent), a check-in, ideas in two clusters and loose,
    dots and scores, a decision, an action with an objection, an agreement and a parked item."""
    timed: list[tuple[float, Event]] = [
        (0, opening(lang, series=series)),
        (
            0,
            ParticipantAdded(
                participant_id="p1",
                name=ANNA,
                organisation="Gemeente Rotterdam",
                role="Wethouder",
                email="anna@rotterdam.example",
            ),
        ),
        (
            0,
            ParticipantAdded(
                participant_id="p2", name=BRAM, organisation="AfvalWerk BV", role="Projectleider"
            ),
        ),
        (
            0,
            ParticipantAdded(
                participant_id="p3",
                name=CHAIMA,
                organisation="ReCell Lab",
                email="chaima@recell.example",
            ),
        ),
        (
            0,
            ParticipantAdded(
                participant_id="p4",
                name=DIRK,
                organisation="OpslagNu",
                role="Adviseur",
                email="dirk@opslag.example",
                present=False,
            ),
        ),
        (60, RoundStarted(step=0, movement=DIVERGE)),
        (90, IdeaAdded(idea_id="i1", text=CHECK_IN_IDEA, author_id="p1", author_name=ANNA)),
        (360, RoundStarted(step=1, movement=DIVERGE)),
        (400, IdeaAdded(idea_id="i2", text=DATA_IDEA, author_id="p2", author_name=BRAM)),
        (420, IdeaAdded(idea_id="i3", text=DESK_IDEA)),
        (440, IdeaAdded(idea_id="i4", text=PILOT_IDEA, author_id="p3", author_name=CHAIMA)),
        (460, IdeaAdded(idea_id="i5", text=ARABIC_IDEA)),
        (470, IdeaAdded(idea_id="i6", text=STORAGE_IDEA, author_id="p1", author_name=ANNA)),
        (480, IdeaAdded(idea_id="i7", text=SCHOOLS_IDEA)),
        (490, IdeaAdded(idea_id="i8", text=HEBREW_IDEA)),
        (960, RoundStarted(step=1, movement=CONVERGE)),
        (970, ClusterCreated(cluster_id="c1", name="Data en loket", idea_ids=["i2", "i3"])),
        (980, ClusterCreated(cluster_id="c2", name="Pilot in de wijk", idea_ids=["i4", "i6"])),
    ]
    # Dots: the pilot cluster 5, the data cluster 3, the Arabic idea (loose) 1.
    dots = [("c2", "p1"), ("c2", "p1"), ("c2", "p2"), ("c2", "p3"), ("c2", "p3")]
    dots += [("c1", "p1"), ("c1", "p2"), ("c1", "p2"), ("i5", "p3")]
    timed += [(1000 + n, VoteCast(target_id=t, voter_id=v)) for n, (t, v) in enumerate(dots)]
    timed += [
        (1020, ScoreGiven(target_id="c1", voter_id="p1", score=7)),
        (1030, SelectionMarked(target_id="c2")),
        (1560, RoundStarted(step=1, movement=CONSOLIDATE)),
        (
            1600,
            AgreementRecorded(
                agreement_id="a1",
                kind=AgreementKind.DECISION,
                text=DECISION,
                owner_id="p1",
                deadline=date(2026, 12, 4),
                field=VeldField.DESIGNING,
            ),
        ),
        (1610, ConsentNoted(agreement_id="a1", consent=True)),
        (
            1650,
            AgreementRecorded(
                agreement_id="a2",
                kind=AgreementKind.ACTION,
                text=ACTION,
                owner_id="p2",
                deadline=date(2026, 12, 11),
                field="uitvoerend",
            ),
        ),
        (1660, ConsentNoted(agreement_id="a2", consent=False, objections=OBJECTION)),
        (
            1700,
            AgreementRecorded(
                agreement_id="a3",
                kind=AgreementKind.AGREEMENT,
                text=AGREEMENT,
                owner_name="Stuurgroep",
                field=VeldField.CONNECTING,
            ),
        ),
        (1750, AgreementRecorded(agreement_id="a4", kind=AgreementKind.PARKED, text=PARKED)),
    ]
    if finished:
        timed += [
            (
                2100,
                EvaluationRecorded(
                    went_well=WENT_WELL, next_step=NEXT_STEP, scores={"p1": 8, "p2": 7}
                ),
            ),
            (2110, SessionFinished()),
        ]
    return timed


def meeting_records(lang: Language = "nl", **options: Any) -> list[Record]:
    return records(meeting_events(lang, **options), start=OPENED_AT)


def meeting(lang: Language = "nl", **options: Any) -> SessionState:
    return fold(meeting_records(lang, **options))


# ── reading the files back ──────────────────────────────────────────────────────────────────


def word(state: SessionState, lang: Language | None = None, **options: Any) -> bytes:
    return docx_bytes(build_minutes(state, lang, **options))


def opened_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


T = TypeVar("T")


def read_back(data: bytes, check: Callable[[DocxContent], T]) -> T:
    with docx2python(io.BytesIO(data)) as content:
        return check(content)


def paragraphs_of(content: DocxContent) -> list[str]:
    """Every paragraph of the body, in tables or not, as docx2python reads it."""
    return [p for table in content.body for row in table for cell in row for p in cell]


def rows_of(content: DocxContent) -> list[list[str]]:
    """The rows of the body's real tables (docx2python wraps loose paragraphs in 1×1 tables)."""
    return [
        ["\n".join(cell) for cell in row] for table in content.body for row in table if len(row) > 1
    ]


def row_with(rows: Sequence[Sequence[str]], text: str) -> list[list[str]]:
    found = [list(row) for row in rows if text in row]
    assert found, f"no table row holds {text!r}"
    return found


def docx_texts(document: Any) -> list[str]:
    """Every paragraph and table cell text in a python-docx document, header included."""
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [p.text for p in document.sections[0].header.paragraphs]
    return texts


def squashed(text: str) -> str:
    """Text with every run of whitespace one space, in NFC: how a PDF's wrapped lines compare."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# ── Word: what the file says about itself ────────────────────────────────────────────────────


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_word_properties_name_the_facilitator_the_opening_and_the_language(
    session_lang: Language, lang: Language | None
) -> None:
    state = meeting(session_lang)
    document = opened_docx(word(state, lang))
    core = document.core_properties
    shown: Language = lang or session_lang
    assert core.title == TITLE
    assert core.author == "Fenna Visser"
    assert core.last_modified_by == "Fenna Visser"
    assert "python-docx" not in (core.author, core.last_modified_by, core.comments)
    assert core.subject == WORDS[shown]["kind"]
    assert core.language == {"nl": "nl-NL", "en": "en-GB"}[shown]
    # Opened at 10:00 in UTC+1: the property holds 09:00 UTC, not 10:00 and not 2013.
    created = core.created if core.created.tzinfo else core.created.replace(tzinfo=UTC)
    assert created == OPENED_AT == state.opened_at
    assert created.astimezone(UTC).hour == 9
    # The spelling checker's language, in the document defaults.
    languages = document.styles.element.findall(f".//{qn('w:docDefaults')}//{qn('w:lang')}")
    assert [el.get(qn("w:val")) for el in languages] == [core.language]
    # docx2python reads the same properties from the package.
    properties = read_back(word(state, lang), lambda c: c.core_properties)
    assert properties["created"] == "2026-11-23T09:00:00Z"
    assert properties["creator"] == "Fenna Visser"


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_word_uses_built_in_styles_and_grid_tables_with_repeating_headers(
    session_lang: Language, lang: Language | None
) -> None:
    document = opened_docx(word(meeting(session_lang), lang))
    styles = [p.style.name for p in document.paragraphs]
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= set(
        styles
    )
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == TITLE
    assert (
        document.paragraphs[1].text
        == f"{WORDS[lang or session_lang]['kind']} · " + (WORDS[lang or session_lang]["date"])
    )
    facts, *tables = document.tables
    # The facts (date, time, place …) are a borderless block; every other table is a grid
    # whose first row is the header, repeated on every page.
    assert facts.style is None or facts.style.name != "Table Grid"
    assert len(tables) >= 8
    for table in tables:
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_word_header_holds_title_and_date_and_footer_counts_pages_in_fields(
    session_lang: Language, lang: Language | None
) -> None:
    shown: Language = lang or session_lang
    document = opened_docx(word(meeting(session_lang), lang))
    section = document.sections[0]
    header = "".join(p.text for p in section.header.paragraphs)
    assert header == f"{TITLE} · {WORDS[shown]['date']}"
    footer = section.footer._element
    instructions = [el.text.strip() for el in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [el.get(qn("w:fldCharType")) for el in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    text = "".join(p.text for p in section.footer.paragraphs)
    # The words around the fields, with the cached page numbers between them.
    assert re.fullmatch(rf"{WORDS[shown]['page']} \d+ {WORDS[shown]['of']} \d+", text), text
    other = WORDS["en" if shown == "nl" else "nl"]
    assert other["page"] not in text


# ── Word: what a reader finds in it ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_word_holds_every_idea_cluster_tally_agreement_and_person(
    session_lang: Language, lang: Language | None
) -> None:
    w = WORDS[lang or session_lang]
    paragraphs, rows, text = read_back(
        word(meeting(session_lang), lang), lambda c: (paragraphs_of(c), rows_of(c), c.text)
    )

    # Every idea, with its number from the board and its author's name; anonymous ideas carry
    # no name at all.
    for idea, author in AUTHORS.items():
        assert f"{NUMBER[idea]}. {idea} — {author}" in paragraphs
    for idea in ANONYMOUS_IDEAS:
        numbered = f"{NUMBER[idea]}. {idea}"
        assert numbered in paragraphs
        assert not any(p.startswith(numbered) and p != numbered for p in paragraphs)
    # Each cluster with the number of its ideas, then the ideas that are in none.
    assert "Data en loket (2)" in paragraphs
    assert "Pilot in de wijk (2)" in paragraphs
    assert w["loose"] in paragraphs
    cluster_at = paragraphs.index("Data en loket (2)")
    assert paragraphs[cluster_at + 1 : cluster_at + 3] == [
        f"1. {DATA_IDEA} — {BRAM}",
        f"2. {DESK_IDEA}",
    ]

    # Tallies: place (a rank, not a number), the ideas' own numbers (a cluster's are its
    # ideas'), item, dots, score (the average on the step's scale, and how many scored),
    # selected; highest first; no score where nobody scored.
    items = ("Pilot in de wijk", "Data en loket", ARABIC_IDEA)
    tallies = [row for row in rows if len(row) == 6 and row[2] in items]
    assert tallies == [
        [w["1st"], "3, 5", "Pilot in de wijk", "5", "", w["selected"]],
        [w["2nd"], "1, 2", "Data en loket", "3", w["score7"], ""],
        [w["3rd"], "4", ARABIC_IDEA, "1", "", ""],
    ]
    assert not any(SCHOOLS_IDEA in row for row in rows)  # no dots, no score: not in the tally

    # Every agreement, with its number, owner, deadline, 7-veld field and consent, once: in the
    # list of its kind (only the columns it uses); the step names its numbers.
    expected = {
        DECISION: ["1", DECISION, ANNA, w["dec4"], w["designing"], w["consent"]],
        ACTION: ["2", ACTION, BRAM, w["dec11"], w["executing"], w["objections"]],
        AGREEMENT: ["3", AGREEMENT, "Stuurgroep", "", w["connecting"], ""],
        PARKED: ["4", PARKED, "", "", "", ""],
    }
    for agreement, (number, *rest) in expected.items():
        [in_list] = row_with(rows, agreement)
        assert [c for c in in_list if c] == [c for c in (number, *rest) if c]
    for heading in ("decisions", "actions", "agreements", "parked"):
        assert w[heading] in paragraphs
    # Decisions first in the lists people act on; then agreements, actions, parked items.
    assert [row[1] for row in rows if row[1] in expected] == [DECISION, AGREEMENT, ACTION, PARKED]

    # Who was there, and who was not, with organisation and role.
    present_at, absent_at = paragraphs.index(w["present"]), paragraphs.index(w["absent"])
    assert present_at < absent_at
    people = {row[0]: row for row in rows if row[0] in (ANNA, BRAM, CHAIMA, DIRK) and len(row) == 3}
    assert people == {
        ANNA: [ANNA, "Gemeente Rotterdam", "Wethouder"],
        BRAM: [BRAM, "AfvalWerk BV", "Projectleider"],
        CHAIMA: [CHAIMA, "ReCell Lab", ""],
        DIRK: [DIRK, "OpslagNu", "Adviseur"],
    }
    assert text.index(CHAIMA) < text.index(w["absent"]) < text.index(DIRK)

    # The evaluation.
    for line in ("went_well", "next_step", "average"):
        assert w[line] in paragraphs
    assert text.index(w["evaluation"]) < text.index(w["went_well"])


def test_word_in_the_override_language_has_none_of_the_session_language_labels() -> None:
    english = read_back(word(meeting("nl"), "en"), lambda c: c.text)
    dutch = read_back(word(meeting("en"), "nl"), lambda c: c.text)
    for label in ("Aanwezig", "Besluiten", "Evaluatie", "Niet geclusterd", "bezwaren"):
        assert label not in english and label in dutch
    for label in ("Present", "Decisions", "Evaluation", "Not clustered", "objections"):
        assert label in english and label not in dutch


# ── a series: numbering runs on, earlier agreements are followed up ─────────────────────────

EARLIER = "20261109-0900-beef"
SERIES = SeriesLink(name="Batterijketen 2026", goal="Een sluitende keten", first_number=6)


def earlier_session(lang: Language) -> SessionState:
    """The series' first session, two weeks earlier: five items to follow up, a decision too."""
    plan = Plan.model_validate({**plan_data(), "language": lang})
    link = SeriesLink(name=SERIES.name)
    timed: list[tuple[float, Event]] = [
        (
            0,
            SessionOpened(
                session_id=EARLIER,
                plan=plan,
                title="Verkenning",
                language=lang,
                held_on=date(2026, 11, 9),
                series=link,
            ),
        ),
        (0, ParticipantAdded(participant_id="p1", name=ANNA)),
        (0, ParticipantAdded(participant_id="p2", name=BRAM)),
        (10, RoundStarted(step=0, movement=CONSOLIDATE)),
    ]
    made = [
        ("e1", AgreementKind.AGREEMENT, "Wekelijks afstemmen", "p1", date(2026, 11, 20)),
        ("e2", AgreementKind.ACTION, "Begroting opstellen", "p2", date(2026, 11, 30)),
        ("e3", AgreementKind.ACTION, "Locaties inventariseren", "p1", None),
        ("e4", AgreementKind.PARKED, "Communicatieplan maken", None, None),
        ("e5", AgreementKind.DECISION, "De pilot gaat door", "p1", None),
    ]
    for n, (aid, kind, text, owner, deadline) in enumerate(made):
        timed.append(
            (
                20 + n,
                AgreementRecorded(
                    agreement_id=aid, kind=kind, text=text, owner_id=owner, deadline=deadline
                ),
            )
        )
    timed.append((60, SessionFinished()))
    return fold(records(timed, start=datetime(2026, 11, 9, 9, tzinfo=UTC)))


def series_session(lang: Language) -> SessionState:
    """This session, in the series, reviewing three of the earlier agreements."""
    reviews = [
        ("e1", 1, "Wekelijks afstemmen", ReviewStatus.CHANGED, "Voortaan om de week"),
        ("e2", 2, "Begroting opstellen", ReviewStatus.DONE, ""),
        ("e3", 3, "Locaties inventariseren", ReviewStatus.DROPPED, ""),
    ]
    timed = meeting_events(lang, series=SERIES)
    timed[7:7] = [  # after the check-in idea, before step 2
        (
            100 + n,
            AgreementReviewed(
                session_id=EARLIER,
                agreement_id=aid,
                number=number,
                text=text,
                status=status,
                note=note,
            ),
        )
        for n, (aid, number, text, status, note) in enumerate(reviews)
    ]
    return fold(records(timed, start=OPENED_AT))


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_series_minutes_number_on_and_follow_up_earlier_agreements(
    session_lang: Language, lang: Language | None
) -> None:
    w = WORDS[lang or session_lang]
    state = series_session(session_lang)
    earlier = earlier_agreements([earlier_session(session_lang)], state)
    paragraphs, rows = read_back(
        word(state, lang, earlier=earlier), lambda c: (paragraphs_of(c), rows_of(c))
    )
    # This session's agreements are numbered from the series' first_number on.
    assert [row_with(rows, a)[-1][0] for a in (DECISION, ACTION, AGREEMENT, PARKED)] == [
        "6",
        "7",
        "8",
        "9",
    ]
    assert [w["series"], SERIES.name] in rows

    earlier_at, reviewed_at, open_at, evaluation_at = (
        paragraphs.index(w["earlier"]),
        paragraphs.index(w["reviewed"]),
        paragraphs.index(w["still_open"]),
        paragraphs.index(w["evaluation"]),
    )
    assert earlier_at < reviewed_at < open_at < evaluation_at
    reviewed = "\n".join(paragraphs[reviewed_at:open_at])
    still_open = "\n".join(paragraphs[open_at:evaluation_at])
    # Reviewed here: each with its new status (the changed one with its note); the row tells
    # the owner, deadline and day. Each fact once: what was reviewed is not listed again.
    for text_of in ("Begroting opstellen", "Locaties inventariseren", "Wekelijks afstemmen"):
        assert text_of in reviewed and text_of not in still_open
    # Still open and not discussed: the parked one and the decision nobody reviewed (a
    # decision is followed up too: its owner sees it through).
    for text_of in ("Communicatieplan maken", "De pilot gaat door"):
        assert text_of in still_open and text_of not in reviewed
    assert ["2", "Begroting opstellen", BRAM, w["nov30"], w["done"], w["nov9"]] in rows
    assert ["3", "Locaties inventariseren", ANNA, "", w["dropped"], w["nov9"]] in rows
    # No deadline in its table: that column is not there.
    assert ["4", "Communicatieplan maken", "", w["open"], w["nov9"]] in rows
    assert ["5", "De pilot gaat door", ANNA, w["open"], w["nov9"]] in rows
    changed = [
        "1",
        f"Wekelijks afstemmen\n{w['note']}: Voortaan om de week",
        ANNA,
        w["nov20"],
        w["changed"],
        w["nov9"],
    ]
    assert rows.count(changed) == 1  # reviewed here, and not repeated as still open


def test_the_first_session_of_a_series_does_not_say_no_more_agreements_are_open() -> None:
    state = fold(meeting_records("nl", series=SeriesLink(name="Nieuw traject")))
    text = read_back(word(state), lambda c: c.text)
    assert WORDS["nl"]["earlier"] in text
    assert "Dit is de eerste sessie van het traject" in text
    assert "meer open" not in text
    assert WORDS["nl"]["reviewed"] not in text
    # A later session whose earlier agreements are all done says that none is still open.
    later = read_back(word(state, neighbours=Around(first=False)), lambda c: c.text)
    assert "Er staan geen afspraken uit eerdere sessies meer open." in later
    # Outside a series there is no such chapter at all.
    assert WORDS["nl"]["earlier"] not in read_back(word(meeting("nl")), lambda c: c.text)


# ── an unfinished session ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", LANGS)
def test_an_unfinished_session_exports_and_says_it_is_not_finished(lang: Language) -> None:
    state = meeting(lang, finished=False)
    assert not state.finished
    text = read_back(word(state), lambda c: c.text)
    assert re.search(WORDS[lang]["unfinished"], text)
    assert WORDS[lang]["no_evaluation"] in text
    assert DECISION in text and PILOT_IDEA in text
    assert not re.search(
        WORDS[lang]["unfinished"], read_back(word(meeting(lang)), lambda c: c.text)
    )
    # The other formats come too.
    assert re.search(WORDS[lang]["unfinished"], markdown(build_minutes(state)).replace("\\", ""))
    email_of(render("eml", state, [], lang, now=NOW))


# ── Markdown ────────────────────────────────────────────────────────────────────────────────

MARKUP_IDEA = "# geen kop\n* geen lijst _geen nadruk_ <b>vet</b> a|b"
MARKUP_CLUSTER = "*Belangrijk* | #1"
MARKUP_AGREEMENT = "- Punt <i>een</i> | _twee_\n# drie"
MARKUP_OWNER = "Jan | *de Baas*"


def cells(line: str) -> list[str]:
    """A Markdown table line split on its unescaped pipes."""
    found, cell, escaped = [], "", False
    for char in line.strip()[1:-1]:
        if escaped:
            cell, escaped = cell + char, False
        elif char == "\\":
            cell, escaped = cell + char, True
        elif char == "|":
            found, cell = [*found, cell], ""
        else:
            cell += char
    return [*found, cell]


def test_markdown_escapes_what_people_typed_and_keeps_tables_whole() -> None:
    timed = meeting_events("nl")
    timed += [
        (1800, IdeaAdded(idea_id="m1", text=MARKUP_IDEA)),
        (1810, ClusterCreated(cluster_id="m2", name=MARKUP_CLUSTER, idea_ids=["m1"])),
        (1820, VoteCast(target_id="m2", voter_id="p1")),
        (
            1830,
            AgreementRecorded(
                agreement_id="m3",
                kind=AgreementKind.ACTION,
                text=MARKUP_AGREEMENT,
                owner_name=MARKUP_OWNER,
            ),
        ),
    ]
    text = markdown(build_minutes(fold(records(sorted(timed, key=lambda e: e[0])))))

    # In a list item, at a line start: nothing becomes a heading, a list, emphasis or HTML.
    # The idea's number, 8, makes no numbered list either.
    assert (
        "- 8\\. \\# geen kop  \n  \\* geen lijst \\_geen nadruk\\_ \\<b\\>vet\\</b\\> a\\|b" in text
    )
    assert "**\\*Belangrijk\\* \\| #1 (1)**" in text
    # In a table: pipes escaped, a line break is <br>, markup escaped (a leading "-" or "#"
    # makes no list or heading in a cell, so it stays as typed).
    escaped_agreement = "- Punt \\<i\\>een\\</i\\> \\| \\_twee\\_<br># drie"
    assert f"| 5 | {escaped_agreement} | Jan \\| \\*de Baas\\* |" in text
    # Nobody scored it: its score is blank, not 0.
    assert "| 3e | 8 | **\\*Belangrijk\\* \\| #1** | 1 |  |  |" in text
    assert "<b>" not in text.replace("\\<b\\>", "")
    # Every table keeps its column count on every row.
    lines = text.splitlines()
    tables: list[list[str]] = []
    for previous, line in zip(["", *lines], lines, strict=False):
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
    assert len(tables) >= 8
    for table in tables:
        widths = {len(cells(line)) for line in table}
        assert len(widths) == 1, table
        assert re.fullmatch(r"\|(-{3}:?\|)+", table[1]), table[1]
    # The document opens as the Word file does: title, subtitle, then the facts.
    assert text.startswith(f"# {TITLE}\n\n_Verslag · maandag 23 november 2026_\n\n")


# ── the e-mail draft ────────────────────────────────────────────────────────────────────────


def email_of(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert not message.defects, message.defects
    return message


def the_attachment(message: EmailMessage) -> EmailMessage:
    (attachment,) = list(message.iter_attachments())
    assert isinstance(attachment, EmailMessage)
    return attachment


@pytest.mark.parametrize(("session_lang", "lang"), LANGUAGE_PAIRS)
def test_the_mail_goes_to_everyone_with_an_address_and_carries_the_word_minutes(
    session_lang: Language, lang: Language | None
) -> None:
    shown: Language = lang or session_lang
    w = WORDS[shown]
    state = meeting(session_lang)
    message = email_of(render("eml", state, meeting_records(session_lang), shown, now=NOW))

    # Exactly the participants with an address, present or not, names as typed (ï, 🔋).
    to = {(a.display_name, a.addr_spec) for a in message["To"].addresses}
    assert to == {
        (ANNA, "anna@rotterdam.example"),
        (CHAIMA, "chaima@recell.example"),
        (DIRK, "dirk@opslag.example"),
    }
    assert message["Subject"] == w["subject"]
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime == NOW
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    content = body.get_content()
    for agreement in (DECISION, ACTION, AGREEMENT, PARKED):
        assert agreement in content
    assert w["decisions"] in content and w["objections"] in content
    assert "Fenna Visser" in content  # signed by the facilitator
    assert w["nobody"] not in content
    assert PILOT_IDEA not in content  # the ideas are in the attachment, not the body

    attachment = the_attachment(message)
    assert attachment.get_content_type() == DOCX_TYPE
    assert attachment.get_filename() == f"2026-11-23 {TITLE} {w['file_word']}.docx"
    attached = attachment.get_content()
    assert isinstance(attached, bytes)
    document = opened_docx(attached)
    assert document.paragraphs[0].text == TITLE
    assert document.core_properties.language == {"nl": "nl-NL", "en": "en-GB"}[shown]
    assert read_back(attached, lambda c: PILOT_IDEA in c.text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_mail_without_recipients_asks_to_fill_them_in(lang: Language) -> None:
    timed = [
        (t, e.model_copy(update={"email": ""}) if isinstance(e, ParticipantAdded) else e)
        for t, e in meeting_events(lang)
    ]
    state = fold(records(timed, start=OPENED_AT))
    message = email_of(render("eml", state, [], lang, now=NOW))
    assert message["To"] is None or not message["To"].addresses
    assert message["Subject"] == WORDS[lang]["subject"]
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and WORDS[lang]["nobody"] in body.get_content()
    assert the_attachment(message).get_content_type() == DOCX_TYPE


def test_a_mail_leaves_out_addresses_that_are_not_addresses() -> None:
    """Typos a facilitator makes: a trailing dot (which the prepare screen's check lets
    through), a doubled @, no @ at all. The mail still comes, to the one good address."""
    people = [
        ("p1", "Anna", "anna@rotterdam.example"),
        ("p2", "Bram", "bram@afvalwerk.nl."),
        ("p3", "Chaima", "chaima@@recell.example"),
        ("p4", "Dirk", "dirk bij opslagnu"),
        ("p5", "Eva", "eva@gemeente..nl"),
    ]
    timed: list[tuple[float, Event]] = [(0, opening("nl"))]
    timed += [
        (0, ParticipantAdded(participant_id=pid, name=name, email=address))
        for pid, name, address in people
    ]
    state = fold(records(timed, start=OPENED_AT))
    message = email_of(render("eml", state, [], "nl", now=NOW))
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("Anna", "anna@rotterdam.example")
    ]


# A team as it is in Rotterdam: names in Latin with accents, Greek, Arabic, Chinese.
TEAM = [
    ("Chaïma El Idrissi", "chaima@recell.example"),
    ("Jürgen Müller-Lüdenscheidt", "juergen@afvalwerk.example"),
    ("Anna de Vries", "anna@rotterdam.example"),
    ("Ελένη Παπαδοπούλου", "eleni@deelscoot.example"),
    ("محمد عبد الرحمن الحداد", "m.alhaddad@rotterdam.example"),
    ("Łukasz Wróbel", "lukasz@opslagnu.example"),
    ("王小明", "wang@recell.example"),
    ("Renée Dupré", "renee@rotterdam.example"),
]


def rfc2047(raw: bytes, name: str) -> str:
    """A header of the raw message as a mail client shows it: unfolded, and its encoded words
    decoded by RFC 2047 (white space between two encoded words is not part of the text)."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    value = re.search(rf"^{name}:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, re.MULTILINE)
    assert value is not None, f"no {name} header"
    return str(make_header(decode_header(value.group(1).replace("\r\n", ""))))


def test_a_mail_to_a_whole_team_shows_every_name_as_typed() -> None:
    timed: list[tuple[float, Event]] = [(0, opening("nl"))]
    timed += [
        (0, ParticipantAdded(participant_id=f"p{n}", name=name, email=address))
        for n, (name, address) in enumerate(TEAM)
    ]
    raw = render("eml", fold(records(timed, start=OPENED_AT)), [], "nl", now=NOW)
    # As Thunderbird or Outlook decode the header: no name glued together, no raw "=?utf-8?".
    assert getaddresses([rfc2047(raw, "To")]) == TEAM
    # And as Python's own parser reads it.
    message = email_of(raw)
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == TEAM


@pytest.mark.parametrize(
    "title",
    [
        "Kick-off ketenaanpak batterijen: één loket, veilige opslag en inzameling in "
        "Rotterdam-Zuid, Delfshaven en Feijenoord (fase 2)",
        "Εναρκτήρια συνάντηση για την ανακύκλωση μπαταριών στη Ρότερνταμ με την ομάδα του έργου",
        "مشاركة البيانات مع الجيران في روتردام: الجلسة الأولى لسلسلة اللقاءات حول جمع البطاريات",
    ],
    ids=["latin", "greek", "arabic"],
)
def test_a_long_title_in_any_script_is_the_subject_as_typed(title: str) -> None:
    state = fold(records([(0, opening("nl", title=title))], start=OPENED_AT))
    raw = render("eml", state, [], "nl", now=NOW)
    expected = f"Verslag: {title} (maandag 23 november 2026)"
    assert rfc2047(raw, "Subject") == expected
    assert email_of(raw)["Subject"] == expected


# ── LibreOffice: the file converts, and the PDF holds the text ───────────────────────────────


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[Language, list[str]]:
    """The nl minutes (with emoji, Arabic and Hebrew in them) and their English version,
    converted by one LibreOffice run; the text of each page, per language."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice (soffice) is not on PATH: the Word minutes must be checked by converting "
            "them to PDF. `make test` installs it (make libreoffice), or: apt-get install "
            "libreoffice-writer-nogui"
        )
    folder = tmp_path_factory.mktemp("libreoffice")
    state = meeting("nl")
    files = {lang: folder / f"verslag-{lang}.docx" for lang in LANGS}
    for lang, path in files.items():
        path.write_bytes(word(state, lang))
    done = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(folder / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    texts = {}
    for lang, path in files.items():
        pdf = path.with_suffix(".pdf")
        assert done.returncode == 0 and pdf.is_file(), (
            f"LibreOffice did not convert {path.name} (exit {done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}"
        )
        texts[lang] = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    return texts


@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_converts_the_minutes_and_the_pdf_holds_the_text(
    pdf_texts: dict[Language, list[str]], lang: Language
) -> None:
    w = WORDS[lang]
    pages = pdf_texts[lang]
    text = squashed("\n".join(pages))
    for expected in (TITLE, w["date"], DATA_IDEA, PILOT_IDEA, DECISION, ACTION, w["went_well"]):
        assert squashed(expected) in text
    # The names around the emoji, the Latin text beside the right-to-left ideas.
    assert "Chaïma El Idrissi" in text
    assert SCHOOLS_IDEA in text and DESK_IDEA in text
    # Every page counts itself out of the total: the PAGE and NUMPAGES fields were filled in.
    for number, page in enumerate(pages, 1):
        assert f"{w['page']} {number} {w['of']} {len(pages)}" in squashed(page)
    assert f"{w['page']} 1 {w['of']}" in text


# ── any text at all: it exports, and reads back as cleaned ──────────────────────────────────

# All of Unicode (control characters, non-characters, lone surrogates, private use), with the
# characters that trouble XML, Word and line handling drawn more often than chance would.
TROUBLE = "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\r\n\t \xa0\u2028\u200f\ud800\udfff\ufffe\uffff"
ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from([*TROUBLE, "🔋", "🏽", "\u200d", "ש", "ع", "<", "&", "*", "|", "{", "}"]),
    ),
    max_size=60,
)
E = TypeVar("E", bound=Event)


def made(model: type[E], /, **fields: Any) -> E:
    """The event, or the example is skipped when the event model itself refuses the text."""
    try:
        return model(**fields)
    except ValidationError:
        reject()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    lang=st.sampled_from(LANGS),
    title=ANY_TEXT.filter(lambda s: clean_line(s) != ""),
    place=ANY_TEXT,
    facilitator=ANY_TEXT,
    name=ANY_TEXT.filter(lambda s: clean_line(s) != ""),
    organisation=ANY_TEXT,
    role=ANY_TEXT,
    idea=ANY_TEXT.filter(lambda s: clean_text(s).strip() != ""),
    anonymous_idea=ANY_TEXT.filter(lambda s: clean_text(s).strip() != ""),
    cluster=ANY_TEXT.filter(lambda s: clean_line(s) != ""),
    agreement=ANY_TEXT.filter(lambda s: clean_text(s).strip() != ""),
    objections=ANY_TEXT,
    went_well=ANY_TEXT,
    next_step=ANY_TEXT,
)
def test_any_text_in_every_field_exports_and_reads_back_cleaned(
    lang: Language,
    title: str,
    place: str,
    facilitator: str,
    name: str,
    organisation: str,
    role: str,
    idea: str,
    anonymous_idea: str,
    cluster: str,
    agreement: str,
    objections: str,
    went_well: str,
    next_step: str,
) -> None:
    plan = Plan.model_validate({**plan_data(), "language": lang})
    timed: list[tuple[float, Event]] = [
        (
            0,
            made(
                SessionOpened,
                session_id="s1",
                plan=plan,
                title=title,
                language=lang,
                place=place,
                facilitator=facilitator,
            ),
        ),
        (
            0,
            made(
                ParticipantAdded,
                participant_id="p1",
                name=name,
                organisation=organisation,
                role=role,
            ),
        ),
        (10, RoundStarted(step=0, movement=DIVERGE)),
        (20, made(IdeaAdded, idea_id="i1", text=idea, author_id="p1", author_name=name)),
        (30, made(IdeaAdded, idea_id="i2", text=anonymous_idea)),
        (40, RoundStarted(step=0, movement=CONVERGE)),
        (50, made(ClusterCreated, cluster_id="c1", name=cluster, idea_ids=["i2"])),
        (60, VoteCast(target_id="c1", voter_id="p1")),
        (70, RoundStarted(step=0, movement=CONSOLIDATE)),
        (
            80,
            made(
                AgreementRecorded,
                agreement_id="a1",
                kind=AgreementKind.ACTION,
                text=agreement,
                owner_id="p1",
                deadline=date(2026, 12, 4),
            ),
        ),
        (90, made(ConsentNoted, agreement_id="a1", consent=False, objections=objections)),
        (
            100,
            made(EvaluationRecorded, went_well=went_well, next_step=next_step, scores={"p1": 7}),
        ),
        (110, SessionFinished()),
    ]
    state = fold(records(timed))
    minutes = build_minutes(state)
    data = docx_bytes(minutes)
    markdown(minutes)
    email_of(render("eml", state, [], lang, now=NOW))

    document = opened_docx(data)
    texts = set(docx_texts(document))
    title, name, cluster = clean_line(title), clean_line(name), clean_line(cluster)
    idea, anonymous_idea, agreement = (
        clean_text(idea),
        clean_text(anonymous_idea),
        clean_text(agreement),
    )
    assert document.core_properties.title == title
    assert document.core_properties.author == clean_line(facilitator)
    assert document.paragraphs[0].text == title
    assert document.sections[0].header.paragraphs[0].text.startswith(f"{title} · ")
    for line in (clean_line(place), clean_line(facilitator), clean_line(organisation)):
        assert not line or line in texts
    assert not clean_line(role) or clean_line(role) in texts
    assert name in texts
    assert f"1. {idea} — {name}" in texts  # with its number from the board
    assert f"2. {anonymous_idea}" in texts
    assert f"{cluster} (1)" in texts
    assert cluster in texts  # in the tally
    assert agreement in texts
    assert clean_text(objections) in {t.partition(": ")[2] for t in texts}
    for label, answer in (("went_well_label", went_well), ("next_step_label", next_step)):
        assert not clean_text(answer) or WORDS[lang][label] + clean_text(answer) in texts


# ── big and long ────────────────────────────────────────────────────────────────────────────


def test_ten_thousand_ideas_export_and_all_read_back() -> None:
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    state = fold(sample_records(plan, SESSION, OPENED_AT, ideas=10_000))
    assert len(state.ideas) == 10_000
    document = opened_docx(word(state))
    found = Counter(p.text for p in document.paragraphs)
    # Each idea is a bullet: its number, its text, its author's name after a dash when it has one.
    wanted = Counter(
        f"{idea.number}. {idea.text}" + (f" — {idea.author_name}" if idea.author_name else "")
        for idea in state.ideas.values()
    )
    assert any(idea.author_name for idea in state.ideas.values())
    missing = wanted - found
    assert not missing, f"{sum(missing.values())} ideas are not in the minutes"
    assert "Ideeën (10000)" in found


def test_the_longest_title_exports_and_properties_stay_within_word_limits() -> None:
    longest = "Lange titel 🔋 " * 14 + "xxxx"  # 200 characters: the most a title may have
    assert len(longest) == 200
    with pytest.raises(ValidationError):
        opening("nl", title=longest + "x")
    link = SeriesLink(name="Traject " + "s" * 192)
    timed = meeting_events("nl", series=link)
    timed[0] = (0, opening("nl", title=longest, facilitator="F" * 200, series=link))
    state = fold(records(timed, start=OPENED_AT))
    document = opened_docx(word(state))
    core = document.core_properties
    assert core.title == clean_line(longest)
    assert core.author == "F" * 200
    assert core.keywords == f"wyber, {link.name}"
    assert document.paragraphs[0].text == clean_line(longest)

    # Longer than Word allows (255): a property is cut, with an ellipsis, never refused.
    minutes = build_minutes(state)
    huge = replace(
        minutes,
        properties=replace(
            minutes.properties, title="T" * 1000, author="A" * 300, keywords="k, " * 200
        ),
    )
    core = opened_docx(docx_bytes(huge)).core_properties
    assert core.title == "T" * 254 + "…"
    assert core.author == "A" * 254 + "…" == core.last_modified_by
    assert len(core.keywords) == 255
