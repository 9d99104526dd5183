"""Replay: a recorded session played back on its own timeline, read-only.

The screen shows the session as it was at one moment — the agenda rail, the big clock, the
diamond and the board of the movement — from `Timeline` and `Cursor` (tui/wyber/replay.py): the
fold of the records up to that moment, and the time boxes derived at that moment. It never
writes: the records were read without the lock (`Archive.read`), so a session another wyber is
recording into replays too, as it stood when it was read.

Playing moves the moment on by the time that passed on the app's monotonic clock (injected:
tests move a fake one) times the speed, derived from where play started, never counted in ticks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from tui.screens.base import WyberScreen
from tui.screens.dialogs import TextDialog
from tui.widgets.agenda import AgendaRail
from tui.widgets.clock import BigClock
from tui.widgets.diamond import Diamond
from tui.widgets.ticking import TickingStatic
from tui.wyber.dates import compact_date, short_date
from tui.wyber.events import (
    AgreementEdited,
    AgreementRecorded,
    AgreementReviewed,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentNoted,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ParticipantAdded,
    PresenceChanged,
    Record,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionResumed,
    TimeboxExtended,
    VoteCast,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Movement
from tui.wyber.ranking import Target, rank
from tui.wyber.replay import SPEEDS, Cursor, Timeline, faster, moment_text, parse_moment, slower
from tui.wyber.state import Agreement, Idea, SessionState
from tui.wyber.timebox import current_clock

if TYPE_CHECKING:
    from tui.app import WyberApp

# Ten redraws a second while playing: at 60× the clock moves six seconds per redraw.
TICK_SECONDS = 0.1


def open_replay(app: WyberApp, session_id: str) -> None:
    """Read the session (without its lock) in a thread, then play it back; an unreadable session
    is said in the app's language, never shown as a traceback."""

    def load() -> None:
        try:
            timeline = Timeline(app.archive.read(session_id))
        except Exception as error:
            app.call_from_thread(app.show_error, error)
            return
        app.call_from_thread(show, timeline)

    def show(timeline: Timeline) -> None:
        app.push_screen(ReplayScreen(timeline))

    app.run_worker(load, thread=True, exit_on_error=False, group="replay", name="replay")


# ── the scrub bar ───────────────────────────────────────────────────────────────────────────────


class ScrubBar(Widget):
    """Where the replay is on the session's timeline, with a tick at the start of each round.
    Click (or drag) anywhere on it to go to that moment."""

    DEFAULT_CSS = """
    ScrubBar { height: 1; width: 1fr; }
    ScrubBar > .scrub--played { color: $primary; text-style: bold; }
    ScrubBar > .scrub--rest { color: $text-disabled; }
    ScrubBar > .scrub--mark { color: $secondary; text-style: bold; }
    ScrubBar > .scrub--head { color: $accent; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "scrub--played",
        "scrub--rest",
        "scrub--mark",
        "scrub--head",
    }

    fraction: reactive[float] = reactive(0.0)

    class Seek(Message):
        """Go to this fraction of the timeline (0 is the start, 1 the end)."""

        def __init__(self, fraction: float) -> None:
            super().__init__()
            self.fraction = fraction

    def __init__(self, marks: Iterable[float] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = sorted({min(1.0, max(0.0, m)) for m in marks})
        self._dragging = False

    def _cell(self, fraction: float) -> int:
        return round(fraction * max(0, self.size.width - 1))

    def render(self) -> Text:
        width = self.size.width
        if width <= 0:
            return Text()
        head = self._cell(self.fraction)
        marks = {self._cell(m) for m in self.marks}
        styles = {
            name: self.get_component_rich_style(f"scrub--{name}")
            for name in ("played", "rest", "mark", "head")
        }
        text = Text(no_wrap=True, overflow="crop")
        start = 0
        for cell in [*sorted(marks | {head}), width]:  # the bar in runs between head and marks
            if cell > start:
                played = cell <= head
                line, style = ("━", styles["played"]) if played else ("─", styles["rest"])
                text.append(line * (cell - start), style)
            if cell == head:
                text.append("●", styles["head"])
            elif cell < width:
                text.append("╋" if cell < head else "┿", styles["mark"])
            start = cell + 1
        return text

    def _seek_to(self, x: int) -> None:
        span = max(1, self.size.width - 1)
        self.post_message(self.Seek(min(1.0, max(0.0, x / span))))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._dragging = True
        self.capture_mouse()
        self._seek_to(event.x)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            event.stop()
            self._seek_to(event.x)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            event.stop()
            self._dragging = False
            self.release_mouse()


# ── the board, read-only ────────────────────────────────────────────────────────────────────────


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


def idea_line(state: SessionState, number: int, idea: Idea) -> Text:
    """An idea as the live idea board shows it: its place, its text and its author."""
    text = Text(f"{number:>3}  ", style="dim")
    text.append(idea.text)
    author = _author(state, idea)
    if author:
        text.append(f"  — {author}", style="italic")
    return text


def _step_of(state: SessionState) -> int:
    segment = state.current_segment
    return segment.step if segment is not None else 0


def _ideas_of_step(state: SessionState, step: int) -> list[Idea]:
    return [idea for idea in state.ideas.values() if idea.step == step]


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
        ideas = _ideas_of_step(state, step)
        status = Text(tr(lang, "replay.board.ideas", count=len(ideas)))
        lines = [(idea_line(state, n, idea), 5) for n, idea in enumerate(ideas, 1)]
        return status, lines, (len(lines) - 1 if lines else None)
    if segment.movement is Movement.CONVERGE:
        return _converge_lines(state, step, lang)
    return _consolidate_lines(state, step, lang)


def _ranking(state: SessionState, step: int) -> list[tuple[Target, list[Idea]]]:
    ideas = _ideas_of_step(state, step)
    in_cluster: dict[str, list[Idea]] = {}
    for idea in ideas:
        if idea.cluster_id is not None:
            in_cluster.setdefault(idea.cluster_id, []).append(idea)
    targets = rank(
        (c for c in state.clusters.values() if c.step == step),
        (i for i in ideas if i.cluster_id is None),
    )
    return [(target, in_cluster.get(target.id, [])) for target in targets]


def _converge_lines(
    state: SessionState, step: int, lang: Language
) -> tuple[Text, list[BoardLine], int | None]:
    lines: list[BoardLine] = []
    dots = selected = 0
    for place, (target, ideas) in enumerate(_ranking(state, step), 1):
        dots += target.dots + sum(idea.tally.total_dots for idea in ideas)
        selected += target.selected + sum(idea.tally.selected for idea in ideas)
        line = Text()
        line.append("✔ " if target.selected else "  ", "bold green")
        line.append(f"{place:>2}. ", "dim")
        bar = "●" * min(target.dots, 12) + ("…" if target.dots > 12 else "")
        line.append(f"{target.dots:>2} {bar} ", "bold yellow" if target.dots else "dim")
        if target.score:
            line.append(f"[{target.score}] ", "bold cyan")
        line.append(target.label, "bold" if target.is_cluster else "")
        if target.is_cluster:
            line.append(f"  ({len(ideas)})", "dim")
        lines.append((line, 6))
        for idea in ideas:
            sub = Text("    ")
            sub.append("✔ " if idea.tally.selected else "  ", "bold green")
            idea_dots = idea.tally.total_dots
            if idea_dots:
                sub.append(f"{idea_dots} {'●' * min(idea_dots, 12)} ", "yellow")
            sub.append(f"– {idea.text}", "dim italic")
            lines.append((sub, 8))
    status = Text(tr(lang, "replay.board.dots", dots=dots, selected=selected))
    return status, lines, None


def agreement_line(agreement: Agreement, lang: Language) -> Text:
    """An agreement as the live table shows it: number, kind and text, then owner, deadline
    and field, and consent or the objections."""
    text = Text(f"{agreement.number:>3}  ", "dim")
    text.append(tr(lang, f"run.kind.{agreement.kind.value}") + ": ", "bold")
    text.append(agreement.text)
    if agreement.consent is not None:
        given = agreement.consent.given
        mark = "  ✔" if given else "  ✖ " + agreement.consent.objections
        text.append(mark, "green" if given else "red")
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
    status = Text(tr(lang, "replay.board.agreements", count=len(agreements)))
    status.append("\n" + tr(lang, "run.agreement.selected") + " ", "dim")
    status.append(" · ".join(chosen) if chosen else tr(lang, "run.agreement.none_selected"))
    lines = [(agreement_line(a, lang), 5) for a in agreements]
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


# ── what had just happened ──────────────────────────────────────────────────────────────────────


def _target_label(state: SessionState, target_id: str) -> str:
    if target_id in state.clusters:
        return state.clusters[target_id].name
    idea = state.ideas.get(target_id) or state.removed_ideas.get(target_id)
    return idea.text if idea is not None else ""


def _person(state: SessionState, participant_id: str | None) -> str:
    person = state.participants.get(participant_id or "")
    return person.name if person is not None else ""


def event_text(record: Record, state: SessionState, lang: Language) -> str:
    """The last event, as a line: what kind of event, and what it was about."""
    event = record.event
    kind: str = event.type
    detail = ""
    match event:
        case ParticipantAdded(name=name):
            detail = name
        case PresenceChanged(participant_id=pid, present=present):
            kind, detail = ("arrived" if present else "left"), _person(state, pid)
        case RoundStarted(step=step, movement=movement):
            title = state.plan.steps[step].title if step < len(state.plan.steps) else ""
            detail = f"{step + 1} {title} · {tr(lang, f'run.movement.{movement.value}')}"
        case TimeboxExtended(seconds=seconds):
            detail = f"{seconds / 60:+g}′"
        case SessionResumed(away_seconds=away):
            detail = f"+{moment_text(away)}"
        case IdeaAdded() | IdeaEdited() as e:
            author = e.author_name or _person(state, e.author_id)
            detail = f"{e.text} — {author}" if author else e.text
        case IdeaRemoved(idea_id=idea_id) | IdeaRestored(idea_id=idea_id):
            detail = _target_label(state, idea_id)
        case ClusterCreated(name=name) | ClusterRenamed(name=name):
            detail = name
        case ClusterDissolved(cluster_id=cluster_id) | ClustersMerged(cluster_id=cluster_id):
            detail = _target_label(state, cluster_id)
        case IdeaMoved(idea_id=idea_id):
            detail = _target_label(state, idea_id)
        case VoteCast(target_id=target, voter_id=voter, delta=delta):
            kind = "vote_cast" if delta > 0 else "vote_removed"
            who = _person(state, voter)
            detail = _target_label(state, target) + (f" — {who}" if who else "")
        case ScoreGiven(target_id=target, score=score):
            detail = f"{score}: {_target_label(state, target)}"
        case SelectionMarked(target_id=target, selected=selected):
            kind = "selection_marked" if selected else "selection_unmarked"
            detail = _target_label(state, target)
        case AgreementRecorded() | AgreementEdited() as e:
            detail = f"{tr(lang, f'run.kind.{e.kind.value}')}: {e.text}"
        case ConsentNoted(agreement_id=agreement_id, consent=consent, objections=objections):
            kind = "consent_noted" if consent else "objection_noted"
            agreement = state.agreements.get(agreement_id)
            detail = objections or (agreement.text if agreement is not None else "")
        case AgreementReviewed(number=number, text=text):
            detail = f"{number}. {text}"
    label = tr(lang, f"replay.event.{kind}")
    line = f"{label}: {detail}" if detail else label
    return " ".join(line.split())  # one line, however the text was typed


# ── the screen ──────────────────────────────────────────────────────────────────────────────────

EVENT = Binding.Group("replay.group.event", compact=True)
STEP = Binding.Group("replay.group.step", compact=True)
SPEED = Binding.Group("replay.group.speed", compact=True)


class ReplayScreen(WyberScreen[None]):
    CSS_PATH = "replay.tcss"
    AUTO_FOCUS = None  # nothing to type into: every key is the replay's
    HELP_KEY = "replay.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", "replay.key.play", id="replay_play"),
        Binding("left", "event(-1)", "replay.key.event_back", id="replay_event_back", group=EVENT),
        Binding("right", "event(1)", "replay.key.event_next", id="replay_event_next", group=EVENT),
        Binding(
            "left_square_bracket,shift+left",
            "step(-1)",
            "replay.key.step_back",
            id="replay_step_back",
            key_display="[",
            group=STEP,
        ),
        Binding(
            "right_square_bracket,shift+right",
            "step(1)",
            "replay.key.step_next",
            id="replay_step_next",
            key_display="]",
            group=STEP,
        ),
        Binding(
            "minus", "slower", "replay.key.slower", id="replay_slower", key_display="-", group=SPEED
        ),
        Binding(
            "plus,equals_sign",
            "faster",
            "replay.key.faster",
            id="replay_faster",
            key_display="+",
            group=SPEED,
        ),
        *(
            Binding(
                str(n),
                f"speed({speed})",
                f"replay.key.speed_{speed}",
                id=f"replay_speed_{speed}",
                show=False,
            )
            for n, speed in enumerate(SPEEDS, 1)
        ),
        Binding("home", "start", "replay.key.start", id="replay_start", show=False),
        Binding("end", "end", "replay.key.end", id="replay_end", show=False),
        Binding("g", "goto", "replay.key.goto", id="replay_goto", show=False),
        Binding("escape,h", "back", "replay.key.back", id="replay_back"),
    ]

    def __init__(self, timeline: Timeline) -> None:
        super().__init__(timeline.final.language)
        self.timeline = timeline
        self.cursor = Cursor(timeline)
        self.speed = SPEEDS[0]
        self.playing = False
        self._anchor = (0.0, timeline.start)  # (monotonic, moment) where play last (re)started
        self._timer: Timer | None = None
        self._shown_seq: int | None = None
        self._spoken: Language | None = None
        self._name_groups()

    def _name_groups(self) -> None:
        """The Footer's group labels in the screen's language (`localise` does descriptions)."""
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                b
                if b.group is None
                else replace(b, group=replace(b.group, description=self.t(b.group.description)))
                for b in bindings
            ]

    @property
    def position(self) -> float:
        """The moment shown, in seconds on the session's clock."""
        return self.cursor.t

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-side"):
                yield AgendaRail(id="replay-rail")
            with Vertical(id="replay-main"):
                yield TickingStatic(id="replay-step-title")
                yield TickingStatic(id="replay-question")
                with Horizontal(id="replay-band"):
                    yield BigClock("--:--", id="replay-clock")
                    yield Diamond(id="replay-diamond")
                    with Vertical(id="replay-movement-info"):
                        yield TickingStatic(id="replay-movement")
                        yield TickingStatic(id="replay-technique", classes="hint")
                        yield TickingStatic(id="replay-timer", classes="hint")
                yield ReplayBoard(self.lang, id="replay-boards")
        with Horizontal(id="replay-transport"):
            yield Static(self.t("replay.marker"), id="replay-marker")
            yield TickingStatic(id="replay-position")
            yield TickingStatic(id="replay-last")
        span = self.timeline.duration
        marks = [(r.t - self.timeline.start) / span for r in self.timeline.rounds] if span else []
        yield ScrubBar(marks, id="replay-scrub")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        state = self.timeline.final
        self.title = state.title
        held = state.held_on or state.opened_at.astimezone().date()
        self.sub_title = self.t(
            "replay.subtitle", date=compact_date(held, self.lang, with_year=True)
        )
        # The app's own keys (help, quit) speak the session's language while it replays.
        self._spoken = self.wyber.lang
        self.wyber.speak(self.lang)
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.show()
        # The timeline's records and checkpoints are a large heap that lives as long as the
        # screen: kept out of the garbage collector's full passes (a pause of 100 ms and more on
        # a 2,000-event session, every few seeks). Freed as usual when the screen goes.
        self.wyber.freeze_heap()

    def on_unmount(self) -> None:
        if self._spoken is not None:
            self.wyber.speak(self._spoken)

    # ── moving along the timeline ───────────────────────────────────────────────────────────

    def _monotonic(self) -> float:
        return self.wyber.clocks.monotonic()

    def seek(self, t: float) -> None:
        """Show the session as it was at `t` (kept within its span)."""
        self.cursor.seek(t)
        if self.playing:
            self._anchor = (self._monotonic(), self.cursor.t)
        self.show()

    def tick(self) -> None:
        """While playing: move on by the time passed times the speed; stop at the end."""
        if not self.playing:
            return
        started, moment = self._anchor
        target = moment + (self._monotonic() - started) * self.speed
        self.cursor.seek(target)
        if self.cursor.t >= self.timeline.end:
            self._stop()
        self.show()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        self._set_playing(False)

    def _set_playing(self, playing: bool) -> None:
        """Play or not; Space's label in the Footer says what it does now."""
        if playing == self.playing:
            return
        self.playing = playing
        label = self.t("replay.key.pause" if playing else "replay.key.play")
        bindings = self._bindings.key_to_bindings
        bindings["space"] = [replace(b, description=label) for b in bindings["space"]]
        self.refresh_bindings()

    def play(self) -> None:
        if self.cursor.t >= self.timeline.end:
            self.cursor.seek(self.timeline.start)  # played to the end: play again from the start
        self._set_playing(True)
        self._anchor = (self._monotonic(), self.cursor.t)
        if self._timer is not None:
            self._timer.resume()
        self.show()

    def pause(self) -> None:
        self.tick()  # up to the moment it was paused
        self._stop()
        self.show()

    def set_speed(self, speed: int) -> None:
        if self.playing:
            self.tick()  # what played so far at the old speed
            self._anchor = (self._monotonic(), self.cursor.t)
        self.speed = speed
        self.show()

    # ── what the screen shows ───────────────────────────────────────────────────────────────

    def show(self) -> None:
        state = self.cursor.state
        now = self.cursor.t
        self.query_one(AgendaRail).show_agenda(state, now, self.lang)
        self.query_one(BigClock).show(current_clock(state, now))
        if state.last_seq != self._shown_seq:
            self._shown_seq = state.last_seq
            self._show_movement(state)
            self.query_one(ReplayBoard).show(state)
        self._show_position()

    def _show_movement(self, state: SessionState) -> None:
        segment = state.current_segment
        step = state.plan.steps[segment.step if segment else 0]
        title = self.t(
            "run.step", number=(segment.step if segment else 0) + 1, of=len(state.plan.steps)
        )
        # Each line is redrawn only when its text changed: a seek repaints what it changes.
        self._line("#replay-step-title", Text(f"{title} · {step.title}"))
        self._line("#replay-question", Text(step.question or step.title))
        diamond = self.query_one(Diamond)
        movement = segment.movement if segment else None
        if diamond.movement is not movement:
            diamond.movement = movement
        if segment is None:
            self._line("#replay-movement", Text(self.t("replay.not_started")))
            self._line("#replay-technique", Text())
        else:
            name = self.t(f"run.movement.{segment.movement.value}")
            if state.finished:
                name = f"{name} · {self.t('replay.finished')}"
            self._line("#replay-movement", Text(name, "bold"))
            box = step.timebox(segment.movement)
            used = self.t(f"prepare.technique.{box.technique.value}")
            self._line("#replay-technique", Text(self.t("replay.technique", name=used)))
        self._line("#replay-timer", Text(self.t("replay.timer_paused") if state.paused else ""))
        count = self.cursor.count
        record = self.timeline.records[count - 1]
        at = moment_text(self.timeline.times[count - 1] - self.timeline.start)
        last = self.t("replay.last", at=at, event=event_text(record, state, self.lang))
        self._line("#replay-last", Text(last, no_wrap=True, overflow="ellipsis"))

    def _line(self, selector: str, text: Text) -> None:
        self.query_one(selector, TickingStatic).show(text)

    def _show_position(self) -> None:
        timeline = self.timeline
        if self.playing:
            status = self.t("replay.playing")
        elif self.cursor.t >= timeline.end:
            status = self.t("replay.at_end")
        else:
            status = self.t("replay.paused")
        line = self.t(
            "replay.position",
            at=moment_text(self.cursor.t - timeline.start),
            length=moment_text(timeline.duration),
            speed=self.speed,
            status=status,
        )
        self._line("#replay-position", Text(line))
        span = timeline.duration
        self.query_one(ScrubBar).fraction = (self.cursor.t - timeline.start) / span if span else 1.0

    def on_scrub_bar_seek(self, message: ScrubBar.Seek) -> None:
        message.stop()
        self.seek(self.timeline.start + message.fraction * self.timeline.duration)

    # ── the keys ────────────────────────────────────────────────────────────────────────────

    def action_toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def action_speed(self, speed: int) -> None:
        self.set_speed(speed)

    def action_faster(self) -> None:
        self.set_speed(faster(self.speed))

    def action_slower(self) -> None:
        self.set_speed(slower(self.speed))

    def action_event(self, direction: int) -> None:
        self.tick()
        t = self.cursor.t
        timeline = self.timeline
        self.seek(timeline.next_event(t) if direction > 0 else timeline.previous_event(t))

    def action_step(self, direction: int) -> None:
        self.tick()
        t = self.cursor.t
        timeline = self.timeline
        self.seek(timeline.next_step(t) if direction > 0 else timeline.previous_step(t))

    def action_start(self) -> None:
        self.seek(self.timeline.start)

    def action_end(self) -> None:
        self.seek(self.timeline.end)

    def action_goto(self) -> None:
        length = moment_text(self.timeline.duration)

        def chosen(typed: str | None) -> None:
            if typed is None or not typed.strip():
                return
            seconds = parse_moment(typed)
            if seconds is None:
                self.notify(
                    self.t("replay.goto.not_understood", typed=typed.strip()),
                    severity="warning",
                    markup=False,
                )
                return
            self.seek(self.timeline.start + seconds)

        self.app.push_screen(
            TextDialog(
                self.lang,
                self.t("replay.goto.title", length=length),
                moment_text(self.cursor.t - self.timeline.start),
                self.t("replay.goto.hint"),
            ),
            chosen,
        )

    def action_back(self) -> None:
        self._stop()
        self.dismiss(None)
