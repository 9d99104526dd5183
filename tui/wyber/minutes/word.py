"""The minutes as a Word document (.docx), built with python-docx on Word's built-in styles.

A secretary who opens the file finds what they would have made: Title and Heading styles (so the
navigation pane and a table of contents work), bulleted lists, tables in Table Grid with a header
row that repeats on every page, A4 pages, a running header, "Pagina 3 van 7" in the footer as real
PAGE and NUMPAGES fields, the document's language set for the spelling checker, and properties
that name the facilitator instead of python-docx.

Speed matters at 10,000 ideas: styles are looked up once, not by name per paragraph, a table's
rows are copies of one empty row (never `table.cell(r, c)`, which is quadratic), and a run's text
is written without python-docx's search of the run for what to replace.
"""

import copy
import io
import re
from collections.abc import Sequence
from typing import IO, cast

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.styles.style import _TableStyle
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph

from tui.wyber.minutes.columns import POINT_MM, fit_widths
from tui.wyber.minutes.content import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Picture,
    Properties,
    Table,
    plain,
    spans,
)
from tui.wyber.text import clean_text

ALERT = RGBColor(0xC0, 0x00, 0x00)  # overruns and objections: the red a secretary would use
QUIET = RGBColor(0x59, 0x59, 0x59)  # notes: dark grey, still readable when printed
# Word refuses core properties longer than this (python-docx raises before it gets there).
PROPERTY_LIMIT = 255
TEXT_MM = 160  # A4 (21 cm) less two margins of 2.5 cm
TEXT_WIDTH = Mm(TEXT_MM)
BODY_PT = 11
TABLE_PT = 10  # tables a point smaller than the body, so columns fit
# LibreOffice does not apply a table style's font size (it set the cells at the body's 11 pt;
# seen in its PDF), so the cells' paragraphs have a style of their own that says 10 pt, which
# Word and LibreOffice both apply: columns are measured at the size they are shown in.
TABLE_TEXT_STYLE = "Table Text"
# A table of six columns or more (an agreement's owner, deadline, field and consent beside it)
# is set a point smaller again: at 10 pt the short columns, each no narrower than its header
# and its name or date kept whole, left the text 45-49 mm, and a long agreement ran down ten
# lines; at 9 pt it has 55-60 mm.
WIDE_COLUMNS = 6
WIDE_TABLE_PT = 9
WIDE_TEXT_STYLE = "Table Text Wide"
# Cell margins left and right: 1 mm instead of Word's 1.9 mm (LibreOffice's own default is 1 mm);
# in a table of six columns that gives the text columns 11 mm more.
CELL_MARGIN_MM = 1.0
# A table this short stays on one page: split, it left a lone "Totaal" row or the last idea of
# the votes at the top of the next page. It moves there whole with the closing note too rather
# than leave the note alone there; a longer table breaks across pages and lets the note go.
KEEP_WHOLE_ROWS = 20
FACT_LABEL_SHARE = 0.4  # of the text width, for the labels of the facts (date, place …)


def _property(text: str) -> str:
    cleaned = clean_text(text).replace("\n", " ")
    if len(cleaned) <= PROPERTY_LIMIT:
        return cleaned
    return cleaned[: PROPERTY_LIMIT - 1] + "…"


def _field(paragraph: WordParagraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice fill in the number on every page."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "separate":
            paragraph.add_run("1")  # the cached result, shown until the field is updated


class _WordWriter:
    def __init__(self, document: Document) -> None:
        self.source = document
        self.doc: WordDocument = docx.Document()
        styles = self.doc.styles
        self.table_style = cast(_TableStyle, styles["Table Grid"])
        # A sans-serif body, as an office document has; tables a point smaller, so columns fit.
        styles["Normal"].font.name = "Calibri"
        styles["Normal"].font.size = Pt(BODY_PT)
        self.table_style.font.size = Pt(TABLE_PT)
        self.table_text_ids: dict[float, str] = {}
        for name, size in ((TABLE_TEXT_STYLE, TABLE_PT), (WIDE_TEXT_STYLE, WIDE_TABLE_PT)):
            table_text = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            table_text.base_style = styles["Normal"]
            table_text.font.size = Pt(size)
            self.table_text_ids[size] = table_text.style_id
        # New blocks are appended to the body directly, and the section properties (which must
        # come last) are put back at the end: python-docx inserts each block before them by
        # scanning the whole body, which is quadratic in the number of paragraphs.
        self.body = self.doc.element.body
        self.section_properties = self.body.sectPr
        # One empty paragraph per style, copied for each new one. Setting a style through
        # python-docx searches every style for the default, per paragraph: seconds at 10,000.
        self.prototypes: dict[str | None, CT_P] = {None: OxmlElement("w:p")}
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
            prototype = OxmlElement("w:p")
            prototype.style = styles[name].style_id
            self.prototypes[name] = prototype

    def paragraph(self, style: str | None = None) -> WordParagraph:
        """A new paragraph at the end of the body, in a built-in style (None: Normal)."""
        p = copy.deepcopy(self.prototypes[style])
        self.body.append(p)
        return WordParagraph(p, self.doc._body)

    def finish(self) -> None:
        if self.section_properties is not None:
            self.body.append(self.section_properties)

    # ── the page: size, language, properties, header and footer ──────────────────────────

    def setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        self._set_language(self.source.properties.language)
        self._set_properties(self.source.properties)
        header = section.header.paragraphs[0]
        header.add_run(clean_text(self.source.header)).font.size = Pt(9)
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _, rest = self.source.page_label.partition("{page}")
        between, _, after = rest.partition("{pages}")
        footer.add_run(before)
        _field(footer, "PAGE")
        footer.add_run(between)
        _field(footer, "NUMPAGES")
        footer.add_run(after)
        for run in footer.runs:
            run.font.size = Pt(9)

    def _set_language(self, tag: str) -> None:
        """The language of all text, in the document defaults: Word checks the spelling in it."""
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is None:
            return
        run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if run_properties is None:
            return
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), tag)

    def _set_properties(self, properties: Properties) -> None:
        core = self.doc.core_properties
        core.title = _property(properties.title)
        core.author = _property(properties.author)
        core.last_modified_by = _property(properties.author)
        core.subject = _property(properties.subject)
        core.keywords = _property(properties.keywords)
        core.language = properties.language
        core.comments = ""
        core.revision = 1
        # python-docx writes naive datetimes as UTC and drops an offset: hand it UTC itself.
        created = properties.created.replace(tzinfo=None)
        core.created = created
        core.modified = created

    # ── blocks ───────────────────────────────────────────────────────────────────────────

    def blocks(self) -> None:
        if self.section_properties is not None:
            self.body.remove(self.section_properties)
        self.paragraph("Title").add_run(clean_text(self.source.title))
        self.paragraph("Subtitle").add_run(clean_text(self.source.subtitle))
        blocks = self.source.blocks
        for index, block in enumerate(blocks):
            match block:
                case Heading(text=text, level=level):
                    self.paragraph(f"Heading {level}").add_run(clean_text(text))
                case Paragraph(content=content, quiet=quiet, whole=whole):
                    paragraph = self.paragraph()
                    self._runs(paragraph, content, quiet=quiet)
                    if whole:  # a round split over two pages left its objection alone
                        paragraph.paragraph_format.keep_together = True
                    # A label ("Niet geclusterd (2)") stays with what it names, as a note stays
                    # with its chart: alone at the foot of a page it names nothing.
                    label = all(span.strong for span in spans(content))
                    if label or _chart_follows(blocks, index):
                        paragraph.paragraph_format.keep_with_next = True
                case Bullets(items=items):
                    for item in items:
                        self._runs(self.paragraph("List Bullet"), item)
                case Table():
                    # The closing note (the colophon) stays on the page of the table before it:
                    # a last page that holds only that line is a page a secretary deletes.
                    # A chart stays with the table of its numbers, and the first consent round
                    # with the table it belongs to: a page apart, each read as something else.
                    closing = index == len(blocks) - 2 and isinstance(blocks[-1], Paragraph)
                    held = closing or _chart_follows(blocks, index) or _round_follows(blocks, index)
                    keep = held and len(block.rows) <= KEEP_WHOLE_ROWS
                    self._table(block, keep_with_next=keep)
                case Facts(lines=lines):
                    self._facts(lines)
                case Picture():
                    self._picture(block)

    def _picture(self, block: Picture) -> None:
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
        self._runs(self.paragraph(), block.caption, quiet=True)

    def _runs(self, paragraph: WordParagraph, content: Inline, *, quiet: bool = False) -> None:
        for span in spans(content):
            run = paragraph.add_run()
            _append_text(run._r, clean_text(span.text))
            if span.strong or span.alert:
                run.bold = True
            if span.alert:
                run.font.color.rgb = ALERT
            elif quiet:
                run.italic = True
                run.font.color.rgb = QUIET

    def _grid(self, widths: Sequence[float], style: _TableStyle | None) -> WordTable:
        tbl = CT_Tbl.new_tbl(0, len(widths), TEXT_WIDTH)
        self.body.append(tbl)
        table = WordTable(tbl, self.doc._body)
        if style is not None:
            table.style = style
            _cell_margins(tbl, CELL_MARGIN_MM)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        # Column widths on the grid: add_row copies them to every new cell, for Word.
        for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = Length(Mm(width))
        return table

    def _table(self, block: Table, *, keep_with_next: bool = False) -> None:
        """A table; `keep_with_next` keeps it (of at most KEEP_WHOLE_ROWS rows) on the page of
        what follows."""
        table = self._grid(column_widths(block), self.table_style)
        # Each row kept with the next keeps a short table whole, in Word and LibreOffice alike.
        whole = len(block.rows) <= KEEP_WHOLE_ROWS
        # One empty row, its cells' widths and paragraph style set, copied for every row:
        # python-docx's add_row sets each cell's width through a search of the cell, which was
        # half the time of a table (cProfile, 1,000 ideas). The row keeps with the next there
        # too: set per paragraph it cost a fifth of the Word file's time.
        blank = _add_row(table)._tr
        for paragraph in blank.iter(qn("w:p")):
            paragraph.style = self.table_text_ids[table_pt(block)]
            if whole:
                paragraph.get_or_add_pPr().keepNext_val = True
        table._tbl.remove(blank)
        last = header = self._new_row(table, blank)
        _repeat_as_header(header)
        self._row(table, header, block.columns, block.numeric, strong=True)
        for row in block.rows:
            last = self._new_row(table, blank)
            self._row(table, last, row, block.numeric)
        if block.footer:
            last = self._new_row(table, blank)
            self._row(table, last, block.footer, block.numeric, strong=True)
        air = self.paragraph()  # air between a table and what follows
        if keep_with_next:
            # Its last row too: LibreOffice keeps a table with the next paragraph only when all
            # its paragraphs say so (Word keeps each row with the next).
            air.paragraph_format.keep_with_next = True
        elif whole:  # the table ends here: what follows may go on to the next page
            for paragraph in last.iter(qn("w:p")):
                paragraph.get_or_add_pPr().keepNext_val = None

    @staticmethod
    def _new_row(table: WordTable, blank: CT_Row) -> CT_Row:
        tr = copy.deepcopy(blank)
        table._tbl.append(tr)
        return tr

    def _row(
        self,
        table: WordTable,
        tr: CT_Row,
        values: Sequence[Inline],
        numeric: frozenset[int],
        *,
        strong: bool = False,
    ) -> None:
        for index, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=False)):
            paragraph = WordParagraph(tc.p_lst[0], _Cell(tc, table))
            self._runs(paragraph, value)
            if strong:
                for run in paragraph.runs:
                    run.bold = True
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _facts(self, lines: Sequence[tuple[str, Inline]]) -> None:
        texts = [
            [(label, True) for label, _ in lines],
            [(plain(value), False) for _, value in lines],
        ]
        # A label on one line ("Volgende bijeenkomst"), up to a third of the page and more.
        widths = fit_widths(texts, {1}, TEXT_MM, BODY_PT, short_share=FACT_LABEL_SHARE)
        table = self._grid(widths, None)
        for label, value in lines:
            cells = _add_row(table).cells
            cells[0].paragraphs[0].add_run(clean_text(label)).bold = True
            self._runs(cells[1].paragraphs[0], value)
        self.paragraph()


def _chart_follows(blocks: Sequence[Block], index: int) -> bool:
    """Whether a chart comes next after the block at `index`, past at most a note or two (what
    "No." means, how a score is read)."""
    for block in blocks[index + 1 : index + 4]:
        if isinstance(block, Picture):
            return True
        if not isinstance(block, Paragraph):
            return False
    return False


def _round_follows(blocks: Sequence[Block], index: int) -> bool:
    """Whether a paragraph kept whole (a consent round) comes right after the block at `index`."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return isinstance(following, Paragraph) and following.whole


# A line break or a tab in a run's text, as python-docx's run.text writes them (w:br, w:tab).
_SPECIAL = re.compile(r"(\t|\r\n|\r|\n)")


def _append_text(r: CT_R, text: str) -> None:
    """The text of a new, empty run, as python-docx's `run.text = text` writes it, without its
    search of the run for content to remove first: that search, per character and per run, was
    40% of the export at 1,000 ideas (cProfile: 0.44 s of 1.39 s)."""
    for part in _SPECIAL.split(text):
        if not part:
            continue
        if part == "\t":
            r.append(r.makeelement(qn("w:tab"), {}))
        elif part in ("\r\n", "\r", "\n"):
            r.append(r.makeelement(qn("w:br"), {}))
        else:
            t = r.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
            t.text = part
            r.append(t)


def _add_row(table: WordTable) -> _Row:
    """A new row at the bottom, its cells taking the grid's widths (python-docx is untyped here).
    A row is not split across two pages: half an action on each is what a reader misses."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return row


def column_widths(block: Table) -> list[float]:
    """The widths (mm) of a table's columns on the page: each sized to what it holds, at the
    table's font size, the header and the totals row in bold."""
    texts: list[list[tuple[str, bool]]] = [[(header, True)] for header in block.columns]
    for row in block.rows:
        for column, cell in zip(texts, row, strict=False):
            column.append((plain(cell), any(s.strong or s.alert for s in spans(cell))))
    for column, cell in zip(texts, block.footer, strict=False):
        column.append((plain(cell), True))
    return fit_widths(texts, block.grow, TEXT_MM, table_pt(block), 2 * CELL_MARGIN_MM)


def table_pt(block: Table) -> float:
    """The size a table's text is set in: a point smaller for one of many columns."""
    return WIDE_TABLE_PT if len(block.columns) >= WIDE_COLUMNS else TABLE_PT


def _cell_margins(tbl: CT_Tbl, mm: float) -> None:
    """The left and right margin of every cell of the table (w:tblCellMar, in twentieths of a
    point), so the widths measured for the text hold in Word and LibreOffice alike."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(mm / POINT_MM * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # In its place in the schema's order of table properties: Word refuses a file otherwise.
    tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _repeat_as_header(tr: object) -> None:
    """Mark a table row as the header row, repeated at the top of every page the table spans."""
    properties = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def write_docx(document: Document, target: IO[bytes]) -> None:
    writer = _WordWriter(document)
    writer.setup()
    writer.blocks()
    writer.finish()
    writer.doc.save(target)


def docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_docx(document, buffer)
    return buffer.getvalue()
