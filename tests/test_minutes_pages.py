"""Minutes a secretary sends as they are (issue 15): tables that read, each fact once, scores on
their scale, times per movement, charts, actions by owner, everyone on the distribution list, and
an e-mail draft whose attachment every mail reader names."""

import email
import email.policy
import io
import re
from datetime import date
from typing import Any
from urllib.parse import unquote

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from PIL import Image, ImageFont

from tui.wyber.dates import spoken_date
from tui.wyber.events import (
    AgreementEdited,
    AgreementKind,
    AgreementRecorded,
    ConsentAnswer,
    ConsentAnswered,
    EvaluationRecorded,
    IdeaAdded,
    ObjectionResolved,
    PresenceChanged,
    Rebalanced,
    Resolution,
    ReviewClosed,
    ReviewOpened,
    SegmentBudget,
    TimeboxExtended,
    VoteCast,
)
from tui.wyber.fold import fold
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes import charts
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.export import render
from tui.wyber.minutes.markdown import blocks_markdown, markdown
from tui.wyber.minutes.word import docx_bytes
from tui.wyber.plan import Movement
from tui.wyber.series import Around, earlier_agreements
from tui.wyber.state import Evaluation, SessionState

from .factory import records
from .test_minutes import (
    LANGS,
    NOW,
    OPENED_AT,
    WENT_WELL,
    earlier_session,
    meeting,
    meeting_events,
    paragraphs_of,
    read_back,
    rows_of,
    series_session,
)

# What LibreOffice sets the tables in here (fc-match Calibri → DejaVu Sans), as it shows them.
FONTS = {
    bold: ImageFont.truetype(f"DejaVuSans{'-Bold' if bold else ''}.ttf", 1000)
    for bold in (False, True)
}
WORD_MARGIN_MM = 1.9  # Word's default left and right cell margin, where a table sets none
KEEP_WHOLE_MM = 30  # a line up to this wide (a date, a name, a short header) is not wrapped


def text_mm(text: str, size_pt: float, bold: bool = False) -> float:
    return FONTS[bold].getlength(text) / 1000 * size_pt * 25.4 / 72


def document(lang: Language, state: Any = None, **options: Any) -> Any:
    data = docx_bytes(build_minutes(state or meeting("nl"), lang, **options))
    return docx.Document(io.BytesIO(data))


def font_pt(doc: Any, table: Any) -> float:
    """The size the table's text is shown at: its paragraphs' style's, else the body's (which
    LibreOffice uses in place of a table style's size)."""
    style = table.rows[0].cells[0].paragraphs[0].style
    while style is not None and style.font.size is None:
        style = style.base_style
    size = style.font.size if style is not None else doc.styles["Normal"].font.size
    return float(size.pt)


def cell_margins_mm(table: Any) -> float:
    """A cell's left and right margin together, as the table sets them (else Word's default)."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    if margins is None:
        return 2 * WORD_MARGIN_MM
    return sum(
        int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) / 20 * 25.4 / 72
        for side in ("left", "right")
    )


def measured(doc: Any) -> list[tuple[list[float], list[list[str]], float, float]]:
    """Per table: its column widths (mm), its rows' texts, its font size and its cell margins."""
    return [
        (
            [Length(column.w).mm for column in table._tbl.tblGrid.gridCol_lst],
            [[cell.text for cell in row.cells] for row in table.rows],
            font_pt(doc, table),
            cell_margins_mm(table),
        )
        for table in doc.tables
    ]


def rich(lang: Language) -> Any:
    """A second session of a series: a six-column table of decisions and one of earlier
    agreements, with "Uit de sessie van"."""
    state = series_session(lang)
    earlier = earlier_agreements([earlier_session(lang)], state)
    return document(lang, state, earlier=earlier)


@pytest.mark.parametrize("lang", LANGS)
def test_no_header_cell_breaks_inside_a_word(lang: Language) -> None:
    tables = measured(document(lang))
    assert len(tables) >= 8
    for widths, rows, size, margins in tables:
        header = rows[0]
        for width, text in zip(widths, header, strict=True):
            for part in text.split():
                assert text_mm(part, size, True) + margins <= width, (part, round(width, 1), header)
        # The table fits the text width of the page (16 cm).
        assert sum(widths) <= 160.5, header


@pytest.mark.parametrize("lang", LANGS)
def test_columns_fit_what_they_hold_at_the_size_the_table_is_shown(lang: Language) -> None:
    """Column widths against their content at the table's font size: a short header, a date or
    a name stays on one line, no word is cut, and the text column of a six-column table is the
    widest, with 32% of the table or more (51 mm, set at 9 pt: at 10 pt the headers, names
    and dates kept whole beside it left it 45-49 mm, and a long action ran down ten lines)."""
    tables = measured(rich(lang))
    # Six columns with the text second (the votes' table has a place and numbers before it).
    rank = tr(lang, "conv2.minutes.col.place")
    six = [(w, rows) for w, rows, _, _ in tables if len(w) == 6 and rows[0][0] != rank]
    assert len(six) >= 2  # the decisions, and the earlier agreements
    for widths, rows, size, margins in tables:
        room = [width - margins for width in widths]
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                bold = number == 0
                for line in text.split("\n"):
                    whole = text_mm(line, size, bold)
                    if whole <= KEEP_WHOLE_MM and column != 1:  # column 1: the text itself
                        assert whole <= room[column], (line, round(room[column], 1), rows[0])
                    for word in line.split():
                        assert text_mm(word, size, bold) <= room[column], (word, rows[0])
    for widths, rows in six:
        what = widths[1]
        assert what == max(widths) and what >= 0.32 * sum(widths), (rows[0], widths)


def test_a_column_with_nothing_in_it_is_not_there() -> None:
    timed = meeting_events("nl")
    # Without any dots, scores or selections only the place and the item are left.
    timed = [
        (t, e) for t, e in timed if e.type not in ("vote_cast", "score_given", "selection_marked")
    ]
    rows = read_back(docx_bytes(build_minutes(fold(records(timed, start=OPENED_AT)))), rows_of)
    assert ["Nr.", "Wat", "Eigenaar", "Uiterlijk", "Veld", "Instemming"] in rows
    assert not any("Stippen" in row for row in rows)
    # The parked item has no owner, deadline, field or consent: its table is number and text.
    assert ["Nr.", "Wat"] in rows


def test_each_agreement_appears_once_and_its_step_names_its_number() -> None:
    text = read_back(docx_bytes(build_minutes(meeting("nl"))), lambda c: c.text)
    assert "Vastgelegd in deze stap: afspraak nr. 1, 2, 3, 4" in text
    for agreement in ("We starten een pilot in Delfshaven", "Subsidie aanvragen bij de provincie"):
        assert text.count(agreement) == 1


def test_actions_are_sorted_by_owner_then_deadline() -> None:
    timed = meeting_events("nl")
    made = [
        ("x1", "Zwaan", date(2026, 12, 1), "Z eerst gemaakt"),
        ("x2", "Anna de Vries", date(2026, 12, 20), "A later"),
        ("x3", "", None, "Niemand"),
        ("x4", "Anna de Vries", date(2026, 12, 2), "A eerder"),
    ]
    timed += [
        (
            1800 + n,
            AgreementRecorded(
                agreement_id=aid,
                kind=AgreementKind.ACTION,
                text=text,
                owner_name=owner,
                deadline=deadline,
            ),
        )
        for n, (aid, owner, deadline, text) in enumerate(made)
    ]
    timed.sort(key=lambda e: e[0])
    rows = read_back(docx_bytes(build_minutes(fold(records(timed, start=OPENED_AT)))), rows_of)
    actions = [
        row[1]
        for row in rows
        if row[1] in {m[3] for m in made} | {"Voorstel rondsturen aan de wijkraad"}
    ]
    assert actions == [
        "A eerder",
        "A later",
        "Voorstel rondsturen aan de wijkraad",
        "Z eerst gemaakt",
        "Niemand",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_times_per_movement_show_where_a_step_ran_over(lang: Language) -> None:
    rows = read_back(docx_bytes(build_minutes(meeting("nl"), lang)), rows_of)
    converge = {"nl": "Convergeren", "en": "Converge"}[lang]
    [row] = [row for row in rows if row[1].strip() == converge]
    assert row[0] == "" and row[2:] == ["10", "10", "0"]
    # The check-in has one movement: its times are said once, on the step's own row.
    diverge = {"nl": "Divergeren", "en": "Diverge"}[lang]
    assert sum(1 for row in rows if row[1].strip() == diverge) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_an_extended_time_box_stands_beside_the_planned_minutes(lang: Language) -> None:
    """ "Planned" stays the plan's minutes: five minutes added to the converge (and two taken
    from the consolidate by a rebalance) stand in a column of their own, with a note that says
    what planned means, so the step's overrun against its plan still reads."""
    timed = meeting_events("nl")
    timed += [
        (1100, TimeboxExtended(step=1, movement=Movement.CONVERGE, seconds=300)),
        (
            1200,
            Rebalanced(budgets=[SegmentBudget(step=1, movement=Movement.CONSOLIDATE, seconds=480)]),
        ),
    ]
    timed.sort(key=lambda e: e[0])
    state = fold(records(timed, start=OPENED_AT))
    paragraphs, rows = read_back(
        docx_bytes(build_minutes(state, lang)), lambda c: (paragraphs_of(c), rows_of(c))
    )
    header = [row for row in rows if tr(lang, "ending.time.col.planned") in row]
    assert header == [
        [
            tr(lang, "conv2.minutes.col.step_number"),
            tr(lang, "conv2.minutes.col.step_title"),
            tr(lang, "ending.time.col.planned"),
            tr(lang, "minutes.time.col.adjusted"),
            tr(lang, "ending.time.col.actual"),
            tr(lang, "ending.time.col.difference"),
        ]
    ]
    converge, consolidate = (tr(lang, f"run.movement.{m}") for m in ("converge", "consolidate"))
    by_title = {row[1].strip(): row for row in rows if len(row) == 6}
    assert by_title[converge][2:] == ["10", "+5", "10", "0"]
    assert by_title[consolidate][2:] == ["10", "\u22122", "9", "\u22121"]
    assert by_title["Samenwerken"][2:] == ["30", "+3", "29", "\u22121"]
    assert by_title["Check-in"][2:] == ["5", "", "5", "0"]
    assert by_title[tr(lang, "ending.time.total")][2:] == ["35", "+3", "34", "\u22121"]
    assert tr(lang, "minutes.time.adjusted_note") in paragraphs
    # Without a changed box there is no such column, nor its note.
    plain_rows = read_back(docx_bytes(build_minutes(meeting("nl"), lang)), rows_of)
    assert not any(tr(lang, "minutes.time.col.adjusted") in row for row in plain_rows)


@pytest.mark.parametrize("lang", LANGS)
def test_the_minutes_show_votes_and_time_as_charts_beside_the_tables(lang: Language) -> None:
    doc = document(lang)
    assert len(doc.inline_shapes) == 2
    for shape in doc.inline_shapes:
        assert 140 <= Length(shape.width).mm <= 160
    pictures = [
        part.blob for part in doc.part.related_parts.values() if part.content_type == "image/png"
    ]
    assert len(pictures) == 2
    for blob in pictures:
        with Image.open(io.BytesIO(blob)) as image:
            assert image.format == "PNG" and image.width > 800  # 15 cm at 150 dpi


def timeline_rows(state: SessionState, lang: Language) -> int:
    """How many rows the picture of planned against actual time draws (the first picture):
    8 mm a row, and 9 mm for the legend under them."""
    doc = document(lang, state)
    first = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    with Image.open(io.BytesIO(doc.part.related_parts[first].blob)) as image:
        return round((image.height - round(9 * charts.MM)) / round(8 * charts.MM))


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_is_a_row_of_the_time_table_and_of_its_picture(lang: Language) -> None:
    """The review of earlier agreements held before the first round has a time box of its own:
    it stands in the table and in the picture beside it, as the first row of both."""
    timed = meeting_events("nl")
    timed += [(5, ReviewOpened(planned=180)), (50, ReviewClosed())]
    timed.sort(key=lambda e: e[0])
    state = fold(records(timed, start=OPENED_AT))
    rows = read_back(docx_bytes(build_minutes(state, lang)), rows_of)
    review = tr(lang, "table2.review.time_row")
    [row] = [row for row in rows if row[1] == review]
    assert row == ["", review, "3", "1", "\u22122"]
    # Check-in and Samenwerken, and the review before them.
    assert timeline_rows(meeting("nl"), lang) == 2
    assert timeline_rows(state, lang) == 3


def test_the_distribution_list_names_who_has_no_address() -> None:
    rows = read_back(docx_bytes(build_minutes(meeting("nl"))), rows_of)
    assert ["Anna de Vries", "anna@rotterdam.example"] in rows
    assert ["Bram Jansen", "geen e-mailadres bekend"] in rows


def test_evaluation_says_what_could_be_better_and_an_older_record_still_reads() -> None:
    old = EvaluationRecorded.model_validate({"type": "evaluation_recorded", "went_well": "Goed"})
    assert old.could_be_better == ""
    timed = [
        (t, e.model_copy(update={"could_be_better": "Korter inchecken"}))
        if isinstance(e, EvaluationRecorded)
        else (t, e)
        for t, e in meeting_events("nl")
    ]
    state = fold(records(timed, start=OPENED_AT))
    assert state.evaluation is not None and state.evaluation.could_be_better == "Korter inchecken"
    text = read_back(docx_bytes(build_minutes(state)), lambda c: c.text)
    assert "Wat kan beter: Korter inchecken" in text
    # The next session's minutes carry the previous evaluation's conclusions.
    neighbours = Around(first=False, previous_on=date(2026, 11, 9), previous=state.evaluation)
    later = read_back(
        docx_bytes(build_minutes(meeting("en"), neighbours=neighbours)), lambda c: c.text
    )
    assert "From the evaluation of the previous session (Monday, 9 November 2026)" in later
    assert "What could be better: Korter inchecken" in later


@pytest.mark.parametrize("lang", LANGS)
def test_the_previous_evaluation_stands_before_the_review_as_the_meeting_opened(
    lang: Language,
) -> None:
    """A second session opened with last time's conclusions, then reviewed the agreements:
    the minutes put them at the head of the series' chapter, before the review and before
    this session's own evaluation, once; the e-mail's body (the lists people act on) stays
    without them."""
    state = series_session(lang)
    earlier = earlier_agreements([earlier_session(lang)], state)
    last_time = Evaluation("Goede sfeer", "Pilot voorbereiden", {}, "Korter inchecken")
    neighbours = Around(first=False, previous_on=date(2026, 11, 9), previous=last_time)
    minutes = build_minutes(state, lang, earlier=earlier, neighbours=neighbours)
    paragraphs = read_back(docx_bytes(minutes), paragraphs_of)
    previous = tr(lang, "traject.previous", date=spoken_date(date(2026, 11, 9), lang))
    better = f"{tr(lang, 'traject.could_be_better')}Korter inchecken"
    assert paragraphs.count(previous) == 1 and paragraphs.count(better) == 1
    chapter = paragraphs.index(tr(lang, "minutes.earlier"))
    reviewed = paragraphs.index(tr(lang, "minutes.reviewed"))
    evaluation = paragraphs.index(tr(lang, "minutes.evaluation"))
    assert chapter < paragraphs.index(previous) < paragraphs.index(better) < reviewed
    assert reviewed < evaluation
    assert paragraphs.index(f"{tr(lang, 'minutes.went_well')}{WENT_WELL}") > evaluation
    body = blocks_markdown(minutes.actions)
    assert "Korter inchecken" not in body and tr(lang, "minutes.reviewed") in body


def test_the_next_meeting_is_in_the_facts_when_it_is_known() -> None:
    neighbours = Around(first=False, next_on=date(2026, 12, 7), next_place="Provinciehuis")
    rows = read_back(docx_bytes(build_minutes(meeting("nl"), neighbours=neighbours)), rows_of)
    assert ["Volgende bijeenkomst", "maandag 7 december 2026, Provinciehuis"] in rows


def test_the_draft_names_its_attachment_for_old_and_new_mail_readers() -> None:
    state = meeting("nl")
    state.title = "Überleg: ketenpartners"
    data = render("eml", state, [], "nl", now=NOW)
    # An older reader (munpack, compat32) takes the plain filename= parameter.
    old = email.message_from_bytes(data, policy=email.policy.compat32)
    [part] = [p for p in old.walk() if p.get_content_disposition() == "attachment"]
    assert part.get_param("filename", header="content-disposition") == (
        "2026-11-23 Uberleg ketenpartners verslag.docx"
    )
    # A newer one reads filename*= (RFC 2231: charset, language, percent-encoded UTF-8),
    # which RFC 6266 says it prefers to filename= when both are there.
    raw = part["Content-Disposition"]
    found = re.search(r"filename\*=([^']*)'[^']*'([^;\s]+)", raw)
    assert found is not None and found.group(1).lower() == "utf-8"
    assert unquote(found.group(2)) == "2026-11-23 Überleg ketenpartners verslag.docx"
    # The filename= comes first: readers that take the first of two see a name either way.
    assert raw.index("filename=") < raw.index("filename*=")


def test_a_plain_session_without_scores_has_no_chart_of_scores() -> None:
    timed: list[tuple[float, Any]] = [
        (t, e) for t, e in meeting_events("nl") if e.type not in ("vote_cast", "score_given")
    ]
    doc = docx.Document(
        io.BytesIO(docx_bytes(build_minutes(fold(records(timed, start=OPENED_AT)))))
    )
    assert len(doc.inline_shapes) == 1  # the time chart only


@pytest.mark.usefixtures("amsterdam_time")
@pytest.mark.parametrize("lang", LANGS)
def test_the_minutes_say_who_came_late_and_who_left_early_with_times(lang: Language) -> None:
    timed = meeting_events(lang)
    timed += [
        (700, PresenceChanged(participant_id="p4", present=True)),  # Dirk, absent at the start
        (1200, PresenceChanged(participant_id="p3", present=False)),  # Chaïma leaves
    ]
    timed.sort(key=lambda e: e[0])
    state = fold(records(timed, start=OPENED_AT))
    paragraphs, rows = read_back(
        docx_bytes(build_minutes(state)), lambda c: (paragraphs_of(c), rows_of(c))
    )
    late, left, present, absent = {
        "nl": ("Later gekomen", "Eerder vertrokken", "Aanwezig (4)", "Afwezig"),
        "en": ("Came late", "Left early", "Present (4)", "Absent"),
    }[lang]
    # Opened at 10:00 in Amsterdam: Dirk came in at 10:11, Chaïma left at 10:20.
    assert [late, "Dirk Boer (10:11)"] in rows
    assert [left, "Chaïma El Idrissi 🔋 (10:20)"] in rows
    # Who left early was there: everyone is in the present table, nobody absent.
    assert present in paragraphs and not any(p.startswith(absent) for p in paragraphs)
    names = [row[0] for row in rows]
    assert {"Chaïma El Idrissi 🔋", "Dirk Boer"} <= set(names)
    # The Markdown minutes say it too.
    text = markdown(build_minutes(state))
    assert f"**{late}:** Dirk Boer (10:11)" in text


def test_the_closing_note_stays_on_the_page_of_the_distribution_list() -> None:
    """LibreOffice keeps a table with the next paragraph only when all its paragraphs say so; a
    last page that holds only "Vastgelegd met wyber …" is a page a secretary deletes."""
    doc = document("nl")
    last = doc.tables[-1]
    assert last.rows[0].cells[0].text == "Naam"
    cells = [cell for row in last.rows for cell in row.cells]
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in cells)
    assert doc.paragraphs[-1].text.startswith("Vastgelegd met wyber")


def keeps(row: Any) -> list[bool]:
    return [bool(p.paragraph_format.keep_with_next) for cell in row.cells for p in cell.paragraphs]


def test_a_short_table_stays_on_one_page_and_a_long_one_may_break() -> None:
    """Split over a page, the agenda left its "Totaal" row alone at the top of the next one.
    Each row kept with the next keeps a table whole (LibreOffice honours it as Word does)."""
    doc = document("nl")
    agenda = next(t for t in doc.tables if t.rows[0].cells[0].text == "Stap")
    assert agenda.rows[-1].cells[1].text == "Totaal"
    assert all(all(keeps(row)) for row in agenda.rows[:-1])
    # The table of who was there ends there: what follows it may go on to the next page.
    people = next(t for t in doc.tables if t.rows[0].cells[0].text == "Naam")
    assert all(all(keeps(row)) for row in people.rows[:-1])
    assert not any(keeps(people.rows[-1]))
    # A session of many ideas: its votes' table runs on over pages.
    timed = meeting_events("nl")
    timed += [(1100 + n, IdeaAdded(idea_id=f"m{n}", text=f"Idee {n}")) for n in range(30)]
    timed += [(1140 + n, VoteCast(target_id=f"m{n}", voter_id="p1")) for n in range(30)]
    timed.sort(key=lambda e: e[0])
    long = document("nl", fold(records(timed, start=OPENED_AT)))
    [votes] = [t for t in long.tables if len(t.rows) > 30]
    assert not any(keeps(row)[0] for row in votes.rows)


# ── the consent round: once, in a paragraph under its table ─────────────────────────────────

ROUND_TEXT = "We delen de pilotdata elke maand"
ROUND_AMENDED = "We delen de pilotdata elke maand, zonder klantnamen"
ROUND_OBJECTION = "Klantnamen mogen niet gedeeld worden"
STANDING_TEXT = "Statiegeld voorleggen aan het ministerie"
STANDING_OBJECTION = "Dat hoort bij de landelijke aanpak"


def with_rounds(lang: Language) -> SessionState:
    """The meeting with a decision whose objection was met by an amendment and a second round,
    and an agreement whose objection stands."""
    yes, no = ConsentAnswer.CONSENT, ConsentAnswer.OBJECTION

    def answered(
        t: float, aid: str, number: int, who: str, said: ConsentAnswer, words: str = ""
    ) -> tuple[float, ConsentAnswered]:
        event = ConsentAnswered(
            agreement_id=aid, round=number, participant_id=who, answer=said, objection=words
        )
        return (t, event)

    decision = {"agreement_id": "a5", "kind": AgreementKind.DECISION, "owner_id": "p1"}
    timed = meeting_events(lang)
    timed += [
        (1760, AgreementRecorded(text=ROUND_TEXT, **decision)),
        answered(1761, "a5", 1, "p1", yes),
        answered(1762, "a5", 1, "p3", no, ROUND_OBJECTION),
        (
            1763,
            ObjectionResolved(
                agreement_id="a5", round=1, participant_id="p3", resolution=Resolution.AMENDED
            ),
        ),
        (1764, AgreementEdited(text=ROUND_AMENDED, **decision)),
        answered(1765, "a5", 2, "p1", yes),
        answered(1766, "a5", 2, "p3", yes),
        answered(1767, "a5", 2, "p2", yes),  # everyone present: the consent is given
        (1770, AgreementRecorded(agreement_id="a6", text=STANDING_TEXT)),
        answered(1771, "a6", 1, "p1", yes),
        answered(1772, "a6", 1, "p2", no, STANDING_OBJECTION),
        (
            1773,
            ObjectionResolved(
                agreement_id="a6", round=1, participant_id="p2", resolution=Resolution.STANDING
            ),
        ),
    ]
    timed.sort(key=lambda e: e[0])
    return fold(records(timed, start=OPENED_AT))


def body_order(doc: Any) -> list[tuple[str, Any]]:
    """The body's paragraphs and tables in the order they stand, as ("p", text) and ("t", rows)."""
    found: list[tuple[str, Any]] = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            found.append(("p", "".join(t.text or "" for t in element.iter(qn("w:t")))))
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, doc._body)
            found.append(("t", [[cell.text for cell in row.cells] for row in table.rows]))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_consent_round_is_once_in_a_paragraph_under_its_table(lang: Language) -> None:
    """Page 4 of a rich session's minutes ran one decision 25 lines down the thin "What" column,
    with the objection again in red beside it. The table holds the text and the outcome; the
    round stands once, in a paragraph of its own under the table."""
    state = with_rounds("nl")
    t = lambda key, **p: tr(lang, key, **p)  # noqa: E731
    order = body_order(document(lang, state))
    rows = [row for kind, table in order if kind == "t" for row in table]
    [amended] = [row for row in rows if row[0] == "5"]
    [standing] = [row for row in rows if row[0] == "6"]
    # "What" holds the agreement's own text only; the consent column its outcome in a few words.
    assert amended[1] == ROUND_AMENDED and amended[-1] == t("traject.consent.amended")
    assert standing[1] == STANDING_TEXT and standing[-1] == t("consent.state.objected")
    cells = [cell for row in rows for cell in row]
    for words in (ROUND_OBJECTION, STANDING_OBJECTION, t("consent.line.round", number=1)):
        assert not any(words in cell for cell in cells)
    # Each round once, in the paragraph that names its agreement, right under its table.
    for number, words in ((5, ROUND_OBJECTION), (6, STANDING_OBJECTION)):
        found = [i for i, (kind, text) in enumerate(order) if kind == "p" and words in text]
        assert len(found) == 1, words
        index = found[0]
        assert order[index][1].startswith(t("traject.round_of", number=number))
        table_before = next(order[i][1] for i in range(index, -1, -1) if order[i][0] == "t")
        assert str(number) in [row[0] for row in table_before]
        # Between the table and its rounds only the air after the table, and other rounds.
        assert all(
            kind == "p" and (not text or text.startswith(t("traject.round_of", number="")[:-1]))
            for kind, text in order[order.index(("t", table_before)) + 1 : index]
        )
    [paragraph] = [text for kind, text in order if kind == "p" and ROUND_OBJECTION in text]
    for line in (
        t("consent.line.round", number=2),
        t("consent.line.reopened", text=ROUND_TEXT),
        t("consent.resolution.amended"),
    ):
        assert line in paragraph


@pytest.mark.parametrize("lang", LANGS)
def test_the_markdown_minutes_keep_the_round_out_of_the_table_too(lang: Language) -> None:
    text = markdown(build_minutes(with_rounds("nl"), lang))
    lines = text.splitlines()
    for words in (ROUND_OBJECTION, STANDING_OBJECTION):
        holding = [line for line in lines if words in line]
        assert len(holding) == 1 and not holding[0].startswith("|"), holding
    row = next(line for line in lines if line.startswith("| 5 |"))
    assert ROUND_AMENDED in row and tr(lang, "traject.consent.amended") in row
    assert f"**{tr(lang, 'traject.round_of', number=5)}**" in lines[lines.index(row) + 2]


def test_several_owners_stand_one_per_line_each_name_whole() -> None:
    """Run on, a narrow owner column broke the names: "Anna de / Vries, Bram / Jansen"."""
    timed = meeting_events("nl")
    timed.append(
        (
            1800,
            AgreementRecorded(
                agreement_id="x1",
                kind=AgreementKind.ACTION,
                text="Locaties voor inzamelpunten inventariseren",
                owner_name="Chaïma El Idrissi, Bram Jansen",
            ),
        )
    )
    doc = document("nl", fold(records(timed, start=OPENED_AT)))
    for widths, rows, size, margins in measured(doc):
        for row in rows:
            if row[1] == "Locaties voor inzamelpunten inventariseren":
                assert row[2] == "Chaïma El Idrissi,\nBram Jansen"
                assert text_mm("Chaïma El Idrissi,", size) + margins <= widths[2]
                break
        else:
            continue
        break
    else:
        raise AssertionError("no row of the action")


def test_a_round_stays_whole_with_its_table_and_a_chart_with_its_numbers() -> None:
    """Split over two pages, a round left its objection alone at the top of the next one, and
    a chart stood a page away from the table of its numbers."""
    doc = document("nl", with_rounds("nl"))
    body = list(doc.element.body.iterchildren())
    paragraphs = {p._p: p for p in doc.paragraphs}
    tables = {t._tbl: t for t in doc.tables}

    def table_before(index: int) -> Any:
        return next(tables[e] for e in reversed(body[:index]) if e in tables)

    round_label = tr("nl", "traject.round_of", number=5)
    [at] = [
        i
        for i, e in enumerate(body)
        if e in paragraphs and paragraphs[e].text.startswith(round_label)
    ]
    assert paragraphs[body[at]].paragraph_format.keep_together
    before = table_before(at)
    assert all(all(keeps(row)) for row in before.rows)  # the table goes with its first round
    assert paragraphs[body[at - 1]].paragraph_format.keep_with_next  # and so does the air
    # Each chart: its table, the notes between and the picture stay on one page.
    charts = [i for i, e in enumerate(body) if e in paragraphs and e.xpath(".//pic:pic")]
    assert len(charts) == 2  # the time; the dots and scores
    for index in charts:
        assert all(all(keeps(row)) for row in table_before(index).rows)
        between = body[body.index(table_before(index)._tbl) + 1 : index]
        assert all(paragraphs[e].paragraph_format.keep_with_next for e in between)


def test_a_label_stays_on_the_page_of_what_it_names() -> None:
    """ "Niet geclusterd (2)" stood alone at the foot of a page, its ideas on the next one."""
    doc = document("nl")
    by_text = {p.text: p for p in doc.paragraphs}
    for label in ("Aanwezig (3)", "Pilot in de wijk (2)", "Niet geclusterd (3)"):
        assert by_text[label].paragraph_format.keep_with_next, label
    # A line of the evaluation is no label: it may end a page.
    evaluation = next(p for p in doc.paragraphs if p.text.startswith("Wat ging goed: "))
    assert not evaluation.paragraph_format.keep_with_next
