"""The replay's board, read-only: the ideas, the ranked clusters or the agreements of the step
the group was in at that moment, drawn line by line (only the lines on screen)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.agreements import CONSENT_STYLE
from tui.widgets.converge_rows import member_row, target_row
from tui.widgets.ticking import TickingStatic
from tui.wyber.consent import consent_label, consent_state
from tui.wyber.counting import by_kind, how_many, phrase
from tui.wyber.dates import short_date
from tui.wyber.events import AgreementKind
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Movement
from tui.wyber.ranking import Target, places, step_counts_dots, step_ranking, step_score_top
from tui.wyber.state import Agreement, Idea, SessionState

# A line of the board: its text, and how far the lines it wraps onto are indented.
BoardLine = tuple[Text, int]


def _fit(text: str, room: int) -> int:
    """How many characters of `text` fit in `room` cells (at least one)."""
    if text.isascii():
        return max(1, min(len(text), room))
    used = 0
    for count, character in enumerate(text):
        used += get_character_cell_size(character)
        if used > room:
            return max(1, count)
    return len(text)


def wrap(plain: str, width: int, indent: int) -> list[tuple[int, int]]:
    """(start, end) of each screen line of `plain` at `width` cells: broken at spaces where
    possible, inside a word where not, and at newlines; every line after the first indented by
    `indent` cells."""
    rows: list[tuple[int, int]] = []
    room = max(1, width)
    start = 0
    for paragraph in plain.split("\n"):
        end_of_paragraph = start + len(paragraph)
        while cell_len(plain[start:end_of_paragraph]) > room:
            cut = start + _fit(plain[start:end_of_paragraph], room)
            space = plain.rfind(" ", start, cut + 1)
            if space > start:
                rows.append((start, space))
                start = space + 1
            else:
                rows.append((start, cut))
                start = cut
            room = max(1, width - indent)
        rows.append((start, end_of_paragraph))
        start = end_of_paragraph + 1
        room = max(1, width - indent)
    return rows


class BoardView(ScrollView, can_focus=False):
    """The board's lines, wrapped to the width, drawn only where they show: a board of
    thousands of ideas costs a seek no more than one of ten. Not focusable: the replay's keys
    (Home, End, the arrows) stay the screen's; the mouse wheel scrolls it."""

    DEFAULT_CSS = """
    BoardView { height: 1fr; }
    BoardView > .board--highlight { background: $accent 25%; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"board--highlight"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[BoardLine] = []
        self._highlight: int | None = None
        self._rows: list[tuple[int, int, int]] = []  # (line, start, end) per screen row
        self._wrapped: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        self._width = 0

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def show(self, lines: list[BoardLine], highlight: int | None) -> None:
        """Show these lines; keep the highlighted one in view (else the top)."""
        if lines == self._lines and highlight == self._highlight:
            return
        self._lines = lines
        self._highlight = highlight
        self._layout()
        self._follow()
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._layout()
            self._follow()
            self.refresh()

    def _follow(self) -> None:
        """The highlighted line in view (the newest idea, as the live board shows it), else
        the top of the board."""
        rows = [n for n, (line, _, _) in enumerate(self._rows) if line == self._highlight]
        if rows:
            self.scroll_to_region(Region(0, rows[0], 1, len(rows)), animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)

    def _layout(self) -> None:
        width = self._width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: on_resize comes
            self._rows = []
            self.virtual_size = Size(0, 0)
            return
        if len(self._wrapped) > 20_000:  # lines seen at earlier moments, kept for the next seek
            self._wrapped.clear()
        rows: list[tuple[int, int, int]] = []
        for number, (text, indent) in enumerate(self._lines):
            key = (text.plain, width, indent)
            wrapped = self._wrapped.get(key)
            if wrapped is None:
                wrapped = self._wrapped[key] = wrap(text.plain, width, indent)
            rows.extend((number, start, end) for start, end in wrapped)
        self._rows = rows
        self.virtual_size = Size(width, len(rows))

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        index = scroll_y + y
        if index >= len(self._rows):
            return Strip.blank(width, style)
        number, start, end = self._rows[index]
        text, indent = self._lines[number]
        line = text[start:end]
        if start > 0:
            line = Text(" " * indent) + line
        if number == self._highlight:
            style = style + self.get_component_rich_style("board--highlight")
        segments = list(line.render(self.app.console))
        return Strip(segments).crop_extend(0, width, None).apply_style(style)


def _author(state: SessionState, idea: Idea) -> str:
    if idea.author_name:
        return idea.author_name
    person = state.participants.get(idea.author_id or "")
    return person.name if person is not None else ""


def idea_line(state: SessionState, idea: Idea) -> Text:
    """An idea as the live idea board shows it: its number, its text and its author."""
    text = Text(f"{idea.number:>3}  ", style="dim")
    text.append(idea.text)
    author = _author(state, idea)
    if author:
        text.append(f"  — {author}", style="italic")
    return text


def _step_of(state: SessionState) -> int:
    segment = state.current_segment
    return segment.step if segment is not None else 0


def board_lines(state: SessionState, lang: Language) -> tuple[Text, list[BoardLine], int | None]:
    """What the board shows at this state: a status line, its lines, and the line to highlight
    (the newest idea while diverging)."""
    segment = state.current_segment
    if segment is None:
        people = list(state.participants.values())
        status = Text(tr(lang, "replay.board.not_started", count=len(people)))
        lines: list[BoardLine] = []
        for person in people:
            line = Text(f"  {person.name}")
            if person.organisation:
                line.append(f"  {person.organisation}", "dim")
            if not person.present:
                line.append(f"  ({tr(lang, 'replay.board.absent')})", "dim italic")
            lines.append((line, 4))
        return status, lines, None
    step = segment.step
    if segment.movement is Movement.DIVERGE:
        ideas = state.ideas_of(step)
        status = Text(tr(lang, "replay.board.ideas", count=len(ideas)))
        lines = [(idea_line(state, idea), 5) for idea in ideas]
        return status, lines, (len(lines) - 1 if lines else None)
    if segment.movement is Movement.CONVERGE:
        return _converge_lines(state, step, lang)
    return _consolidate_lines(state, step, lang)


def _ranking(state: SessionState, step: int) -> list[tuple[Target, list[Idea]]]:
    in_cluster: dict[str, list[Idea]] = {}
    for idea in state.ideas_of(step):
        if idea.cluster_id is not None:
            in_cluster.setdefault(idea.cluster_id, []).append(idea)
    return [(target, in_cluster.get(target.id, [])) for target in step_ranking(state, step)]


# A converge row wraps on after the numbers' column ("✔   3  "), an idea in a cluster after its own.
TARGET_INDENT, MEMBER_INDENT = 7, 11


def _converge_lines(
    state: SessionState, step: int, lang: Language
) -> tuple[Text, list[BoardLine], int | None]:
    lines: list[BoardLine] = []
    dots = selected = 0
    ranked = _ranking(state, step)
    standing = places([target for target, _ in ranked])
    top = step_score_top(state.plan.steps[step])
    counts_dots = step_counts_dots(state.plan.steps[step])
    for target, ideas in ranked:
        dots += target.dots  # a cluster's dots are its own and its ideas' together
        selected += target.selected + sum(idea.tally.selected for idea in ideas)
        place = standing.get(target.id)
        row = target_row(target, place, len(ideas), top, lang, marked=None, dots=counts_dots)
        lines.append((row, TARGET_INDENT))
        lines.extend((member_row(idea, marked=None), MEMBER_INDENT) for idea in ideas)
    status = Text(tr(lang, "replay.board.dots", dots=dots, selected=selected))
    return status, lines, None


def agreement_line(state: SessionState, agreement: Agreement, lang: Language) -> Text:
    """An agreement as the live table shows it: number, kind and text, then owner, deadline
    and field, and consent or the objections."""
    text = Text(f"{agreement.number:>3}  ", "dim")
    text.append(tr(lang, f"run.kind.{agreement.kind.value}") + ": ", "bold")
    text.append(agreement.text)
    consent = consent_label(agreement, state, lang)
    if consent:
        text.append("  " + consent, CONSENT_STYLE[consent_state(agreement, state)])
    details = [
        agreement.owner_name,
        short_date(agreement.deadline, lang) if agreement.deadline else "",
        tr(lang, f"run.field.{agreement.field.value}") if agreement.field else "",
    ]
    if any(details):
        text.append("\n" + " · ".join(d for d in details if d), "dim")
    return text


def _consolidate_lines(
    state: SessionState, step: int, lang: Language
) -> tuple[Text, list[BoardLine], int | None]:
    agreements = list(state.agreements.values())
    chosen = [target.label for target, _ in _ranking(state, step) if target.selected]
    counted = by_kind(a.kind for a in agreements)
    status = Text(phrase(counted, lang))
    if counted[AgreementKind.PARKED]:
        status.append(" · " + how_many(lang, "parked", counted[AgreementKind.PARKED]))
    status.append("\n" + tr(lang, "run.agreement.selected") + " ", "dim")
    status.append(" · ".join(chosen) if chosen else tr(lang, "run.agreement.none_selected"))
    lines = [(agreement_line(state, a, lang), 5) for a in agreements]
    return status, lines, (len(lines) - 1 if lines else None)


class ReplayBoard(Vertical):
    """The board of the movement the group was in, as it stood: read-only."""

    def __init__(self, lang: Language, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield TickingStatic(id="replay-board-status", classes="status")
        yield BoardView(id="replay-board")

    @property
    def lines(self) -> list[str]:
        """The board's lines as plain text (what the tests read)."""
        return self._lines

    def show(self, state: SessionState) -> None:
        status, lines, highlight = board_lines(state, self.lang)
        self.query_one("#replay-board-status", TickingStatic).show(status)
        self._lines = [text.plain for text, _ in lines]
        self.query_one(BoardView).show(lines, highlight)
