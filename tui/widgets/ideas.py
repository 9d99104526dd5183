"""Diverge: the idea board. Type an idea, press Enter, and it is on the board (and on disk).

The author is optional: pick a participant, write "Anna: …", or leave it anonymous. In a
go-around each participant present gets a turn with its own small clock, and what is typed in a
turn is theirs.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.dialogs.stranger import StrangerDialog
from tui.internals.frames import repaint_now
from tui.widgets.board_list import AUTHOR, BoardList, numbered
from tui.widgets.clock import countdown_text
from tui.widgets.fields import LineField
from tui.widgets.key_order import KeysReleased
from tui.widgets.panel import MovementPanel
from tui.widgets.ticking import TickingStatic
from tui.wyber import events as kinds
from tui.wyber.commands import Stranger, StrangerNamed
from tui.wyber.events import IdeaAdded, IdeaEdited, IdeaRemoved, ParticipantAdded, Record
from tui.wyber.goaround import GoAround, start_go_around
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Technique
from tui.wyber.rules import step_now
from tui.wyber.state import Idea
from tui.wyber.text import pasted_lines
from tui.wyber.timebox import remaining

# The records `show_records` draws one by one; each one of these changes nothing else the board
# shows (its clock is the run screen's; dots, clusters and agreements are other movements' boards).
DRAWN_HERE = (
    kinds.IdeaAdded,
    kinds.IdeaEdited,
    kinds.IdeaRemoved,
    kinds.ParticipantAdded,
    kinds.PresenceChanged,
    kinds.TimerPaused,
    kinds.TimerResumed,
    kinds.TimeboxExtended,
    kinds.Rebalanced,
    kinds.IdeaMoved,
    kinds.VoteCast,
    kinds.ScoreGiven,
    kinds.SelectionMarked,
    kinds.ClusterCreated,
    kinds.ClusterRenamed,
    kinds.ClusterDissolved,
    kinds.ClustersMerged,
    kinds.AgreementRecorded,
    kinds.AgreementEdited,
    kinds.AgreementRemoved,
    kinds.ConsentNoted,
    kinds.ConsentAnswered,
    kinds.ObjectionResolved,
    kinds.AgreementReviewed,
    kinds.EvaluationRecorded,
)

# More pasted lines than this are asked about before they become ideas (see add_pasted).
PASTE_WITHOUT_ASKING = 10


class IdeaInput(LineField):
    """The idea line. Enter hands the text over and clears the line within the same key, in the
    line's own queue: the keys after that Enter (typed fast, or a list pasted without bracketed
    paste) start the next idea. A paste of several lines is one idea per line (`paste_lines`)."""

    def __init__(
        self,
        submit: Callable[[str], bool],
        paste_lines: Callable[[list[str]], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._submit = submit
        self._paste_lines = paste_lines

    def hand_over(self, value: str, enter: events.Key) -> None:
        if self._submit(value):
            self.value = ""
        self.app.post_message(KeysReleased(enter))  # handed over now: the next keys may come

    def paste(self, text: str) -> None:
        lines = pasted_lines(text)
        if len(lines) > 1:
            self._paste_lines(lines)
        else:
            super().paste(text)


def idea_prompt(idea: Idea) -> Text:
    text = numbered(idea.number)
    text.append(idea.text)
    if idea.author_name:
        text.append(f"{AUTHOR}{idea.author_name}", style="italic")
    return text


class IdeaBoard(MovementPanel):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl keys the idea input does not use itself, so they work while typing.
        # Kept out of the Footer, where the run screen's keys need the room; in F1 and Ctrl+P.
        Binding("ctrl+o", "edit", "key.edit_idea", id="edit_idea", show=False),
        Binding("ctrl+y", "remove", "key.remove_idea", id="remove_idea", show=False),
        Binding("up", "board(-1)", show=False),
        Binding("down", "board(1)", show=False),
        Binding("ctrl+r", "go_around", "key.go_around", id="go_around"),
        Binding("ctrl+n", "next_turn", "key.next_turn", id="next_turn", show=False),
        Binding("ctrl+l", "pass_turn", "converge2.key.pass", id="pass_turn", show=False),
    ]

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        super().__init__(meeting, lang, id="diverge")
        self.go_around: GoAround | None = None
        self._pending: set[str] = set()  # ideas drawn as not yet on disk
        # The last record the board shows: a board drawn anew after a record was made and
        # before its notification came already holds that record's idea.
        self._drawn_seq = 0

    def compose(self) -> ComposeResult:
        yield TickingStatic(id="turn", classes="turn")
        yield BoardList(id="ideas")
        with Horizontal(id="idea-entry"):
            yield Select[str](
                [],
                prompt=self.t("run.author.anonymous"),
                id="author",
                compact=True,
            )
            yield IdeaInput(
                self.add_typed,
                self.add_pasted,
                placeholder=self.t("run.idea.placeholder"),
                id="idea",
            )

    def on_mount(self) -> None:
        self.query_one("#turn").display = False

    def focus_default(self) -> None:
        self.query_one("#idea", Input).focus()

    def refresh_board(self) -> None:
        board = self.query_one("#ideas", BoardList)
        highlighted = board.highlighted_option.id if board.highlighted_option else None
        ideas = self.meeting.ideas_of_step()
        self._drawn_seq = self.meeting.state.last_seq
        board.clear_options()
        self._pending.clear()
        board.add_options(Option(self._prompt(idea), id=idea.id) for idea in ideas)
        ids = [idea.id for idea in ideas]
        if highlighted in ids:
            board.highlighted = ids.index(highlighted)
        elif ids:
            board.highlighted = len(ids) - 1
        self._refresh_authors()

    def show_records(self, records: tuple[Record, ...]) -> None:
        """Draw what the records change, by any source, and only that: a town-hall evening's
        board holds thousands of ideas and takes dozens of records a second, so the ideas
        removed leave (the others keep their numbers), the ideas edited are drawn again and
        the ideas added are appended; a dot or a cluster changes nothing here. Any other record
        draws the board anew."""
        if not all(isinstance(record.event, DRAWN_HERE) for record in records):
            self.refresh_board()
            return
        fresh = [record for record in records if record.seq > self._drawn_seq]
        if not fresh:
            return  # drawn already, by a rebuild
        self._drawn_seq = fresh[-1].seq
        board = self.query_one("#ideas", BoardList)
        highlighted = board.highlighted_option.id if board.highlighted_option else None
        follow = board.highlighted is None or board.highlighted == board.option_count - 1
        ideas = self.meeting.state.ideas
        made = [record.event for record in fresh]
        if any(isinstance(event, ParticipantAdded) for event in made):
            self._refresh_authors()
        # What is on the board already is changed first, then the new ideas go after it: the
        # state holds each idea as the last of these records left it.
        removed = [board.index_of(e.idea_id) for e in made if isinstance(e, IdeaRemoved)]
        board.remove_at([index for index in removed if index is not None])
        self._pending.intersection_update(ideas)
        edited = {e.idea_id for e in made if isinstance(e, IdeaEdited) and e.idea_id in ideas}
        places = ((board.index_of(idea_id), idea_id) for idea_id in edited)
        board.change_prompts(
            (index, self._prompt(ideas[idea_id])) for index, idea_id in places if index is not None
        )
        step = step_now(self.meeting.state)
        new = [
            ideas[e.idea_id]
            for e in made
            if isinstance(e, IdeaAdded) and e.idea_id in ideas and board.index_of(e.idea_id) is None
        ]
        new = [idea for idea in new if idea.step == step]  # else filed under another step
        board.add_options(Option(self._prompt(idea), id=idea.id) for idea in new)
        own = [r.event.idea_id for r in fresh if isinstance(r.event, IdeaAdded) and r.actor is None]
        self._highlight(board, own[-1] if own else highlighted, follow and not own)
        repaint_now(board)  # in the frame of the key that made the change (tui/internals)

    def _highlight(self, board: BoardList, idea_id: str | None, newest: bool) -> None:
        """The highlight on `idea_id` (the facilitator's newest idea, the one Ctrl+O edits next,
        or the one highlighted before), or on the newest idea when it followed the newest."""
        index = board.index_of(idea_id) if idea_id is not None else None
        if newest or index is None:
            index = board.option_count - 1 if board.option_count else None
        if index is None or index == board.highlighted:
            return
        board.highlighted = index
        # Once laid out again, as a line's wrapping can change the board's lines under the
        # scroll position: with 3,000 ideas the newest was scrolled 200 lines out of view.
        board.call_after_refresh(board.scroll_to_highlight)

    def _prompt(self, idea: Idea) -> Text:
        if self.meeting.session.is_pending(idea.id):
            self._pending.add(idea.id)
        return self.mark_pending(idea_prompt(idea), idea.id)

    def show_durable(self) -> None:
        """Redraw only the ideas that were pending and now are on disk: a board of hundreds is
        not rebuilt for each fsync."""
        board = self.query_one("#ideas", BoardList)
        session, ideas = self.meeting.session, self.meeting.state.ideas
        done = {idea_id for idea_id in self._pending if not session.is_pending(idea_id)}
        self._pending -= done
        places = ((board.index_of(idea_id), idea_id) for idea_id in done if idea_id in ideas)
        board.change_prompts(
            (index, idea_prompt(ideas[idea_id]))
            for index, idea_id in places
            if index is not None  # else taken off the board meanwhile
        )

    def _refresh_authors(self) -> None:
        author = self.query_one("#author", Select)
        people = [(p.name, p.id) for p in self.meeting.state.participants.values()]
        if [value for _, value in people] != getattr(self, "_author_ids", None):
            self._author_ids = [value for _, value in people]
            current = author.value
            author.set_options(people)
            if current in self._author_ids:
                author.value = current

    def add_typed(self, typed: str, stranger: Stranger = "ask") -> bool:
        """Run the command that adds the typed idea (its record puts it on the board, through
        `show_records`); False (and the text stays) when it was refused. A stranger's name
        before the idea ("Bram: …") is asked about first: the text stays until it is answered."""
        author = self.query_one("#author", Select)
        author_id = author.value if isinstance(author.value, str) else None
        if self.go_around is not None and self.go_around.current is not None:
            author_id = self.go_around.current

        def add(stranger: Stranger) -> Idea | None:
            return self.meeting.add_idea(typed, picked_author_id=author_id, stranger=stranger)

        asked: list[StrangerNamed] = []

        def add_or_ask() -> Idea | None:
            try:
                return add(stranger)
            except StrangerNamed as named:
                asked.append(named)
                return None

        added = self.act(add_or_ask) is not None
        if asked:
            self._ask_about_stranger(asked[0], typed, add)
        return added

    def _ask_about_stranger(
        self, named: StrangerNamed, typed: str, add: Callable[[Stranger], Idea | None]
    ) -> None:
        question = StrangerDialog(self.lang, named)

        def answered(add_them: bool | None) -> None:
            # Escape (None): nothing recorded, and the line still holds what was typed.
            recorded = (
                add_them is not None
                and self.act(lambda: add("add" if add_them else "keep")) is not None
            )
            line = self.query_one("#idea", Input)
            if recorded and line.value == typed:
                line.value = ""
            self._type_ahead("".join(question.typed_ahead))

        self.app.push_screen(question, answered)

    def _type_ahead(self, text: str) -> None:
        """What was typed while a question opened: each whole line an idea, as typed (a name in
        front kept as text: one question at a time); the rest back on the idea line."""
        *whole, rest = text.split("\n")
        for typed in whole:
            if typed.strip():
                self.add_typed(typed, "keep")  # each on the board; a refused one says why
        if rest:
            self.query_one("#idea", Input).insert_text_at_cursor(rest)

    def add_pasted(self, lines: list[str]) -> None:
        """A paste of several lines: one idea per line, said in a notification. Up to
        PASTE_WITHOUT_ASKING lines (a short list from a chat or a flip chart) at once; more is
        asked first, as one slip of the mouse could fill the board."""
        if len(lines) <= PASTE_WITHOUT_ASKING:
            self._add_lines(lines)
            return
        count = len(lines)

        def answered(yes: bool | None) -> None:
            if yes:
                self._add_lines(lines)

        self.app.push_screen(
            ConfirmDialog(
                self.lang,
                self.t("input.paste.ask_title", count=count),
                self.t("input.paste.ask", count=count),
                self.t("input.paste.yes", count=count),
            ),
            answered,
        )

    def _add_lines(self, lines: list[str]) -> None:
        # A pasted chat keeps its "Name:" prefixes as text: one question per line would be many.
        added = sum(self.add_typed(line, "keep") for line in lines)  # a refused one says why
        if added:
            key = "input.paste.added_one" if added == 1 else "input.paste.added"
            self.notify(self.t(key, count=added), timeout=4)

    def action_board(self, step: int) -> None:
        """Up and down in the idea input move the board's highlight: the idea Ctrl+O edits."""
        board = self.query_one("#ideas", OptionList)
        if board.option_count:
            current = board.highlighted if board.highlighted is not None else board.option_count
            board.highlighted = max(0, min(board.option_count - 1, current + step))

    def _selected_idea(self) -> Idea | None:
        board = self.query_one("#ideas", OptionList)
        option = board.highlighted_option
        return self.meeting.state.ideas.get(option.id) if option and option.id else None

    def action_edit(self) -> None:
        idea = self._selected_idea()
        if idea is None:
            return
        value = f"{idea.author_name}: {idea.text}" if idea.author_name else idea.text

        def edited(text: str | None) -> None:
            if text is not None:
                self.act(lambda: self.meeting.edit_idea(idea.id, text))

        self.app.push_screen(
            TextDialog(self.lang, self.t("run.idea.edit_title"), value, self.t("run.idea.hint")),
            edited,
        )

    def action_remove(self) -> None:
        idea = self._selected_idea()
        if idea is not None:
            self.act(lambda: self.meeting.remove_idea(idea.id))
            self.notify(self.t("run.idea.removed"), timeout=4)

    # ── go-around ───────────────────────────────────────────────────────────────────────────

    def action_go_around(self) -> None:
        if self.go_around is not None:
            self.go_around = None
            self.show_turn(self.meeting.now())
            self._show_turn_author()
            return
        index = self.meeting.state.current
        box = self.meeting.timebox
        if index is None or box is None:
            return
        now = self.meeting.now()
        turn_seconds = box.turn_seconds if box.technique is Technique.GO_AROUND else None
        left = max(0.0, remaining(self.meeting.state, index, now))
        self.go_around = start_go_around(self.meeting.state, now, turn_seconds, left)
        if self.go_around is None:
            self.notify(self.t("run.turn.nobody"), severity="warning")
        self.show_turn(now)
        self._show_turn_author()

    def action_next_turn(self) -> None:
        if self.go_around is not None:
            self.go_around.next_turn(self.meeting.now())
            self.show_turn(self.meeting.now())
            self._show_turn_author()

    def action_pass_turn(self) -> None:
        """The one whose turn it is passes: recorded (the minutes say who passed), and the
        turn goes to the next."""
        turn = self.go_around
        person = self.meeting.state.participants.get(turn.current or "") if turn else None
        if person is None or not self.done(lambda: self.meeting.pass_turn(person.id)):
            return
        self.notify(self.t("converge2.turn.passed", name=person.name), timeout=3)
        self.action_next_turn()

    def _show_turn_author(self) -> None:
        """The author box names whose turn it is, as what is typed now is theirs; once the
        go-around is over it is left empty for the next idea."""
        author = self.query_one("#author", Select)
        turn = self.go_around
        if turn is not None and turn.current in getattr(self, "_author_ids", ()):
            author.value = turn.current
        else:
            author.clear()

    def show_turn(self, now: float) -> None:
        """The go-around bar: whose turn, and its clock. Called every tick by the run screen."""
        bar = self.query_one("#turn", TickingStatic)
        turn = self.go_around
        bar.display = turn is not None
        if turn is None:
            return
        person = self.meeting.state.participants.get(turn.current or "")
        if person is None:
            bar.show(Text(self.t("converge2.turn.done")))
            return
        left = turn.remaining(now)
        line = Text(self.t("run.turn.label", number=turn.index + 1, of=len(turn.order)) + " ")
        line.append(person.name, "bold")
        line.append(f"  {countdown_text(left)}", "bold red" if left < 0 else "bold")
        # The turn's keys, which the Footer at 80×24 has no room for, on a line of their own:
        # beside "Anna de Vries" and five turns the bar at 80×24 cut "^L pas" off (issue 12).
        line.append("\n" + self.t("converge2.turn.keys"), "dim")
        bar.show(line)
