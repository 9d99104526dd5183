"""Diverge: the idea board. Type an idea, press Enter, and it is on the board (and on disk).

The author is optional: pick a participant, write "Anna: …", or leave it anonymous. In a
go-around each participant present gets a turn with its own small clock, and what is typed in a
turn is theirs.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from tui.dialogs.ask import TextDialog
from tui.widgets.clock import countdown_text
from tui.widgets.panel import MovementPanel
from tui.widgets.ticking import TickingStatic
from tui.wyber.goaround import GoAround, start_go_around
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Technique
from tui.wyber.state import Idea
from tui.wyber.timebox import remaining


class IdeaInput(Input):
    """The idea line. Enter hands the text over and clears the line within the same key press:
    keys typed fast after Enter (or a pasted list of lines) then start the next idea, instead of
    being added to the previous one while its Submitted message waits in a queue."""

    def __init__(self, submit: Callable[[str], bool], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._submit = submit

    async def action_submit(self) -> None:
        if self._submit(self.value):
            self.value = ""


def idea_prompt(number: int, idea: Idea) -> Text:
    text = Text(f"{number:>3}  ", style="dim")
    text.append(idea.text)
    if idea.author_name:
        text.append(f"  — {idea.author_name}", style="italic")
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
    ]

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        super().__init__(meeting, lang, id="diverge")
        self.go_around: GoAround | None = None

    def compose(self) -> ComposeResult:
        yield TickingStatic(id="turn", classes="turn")
        yield OptionList(id="ideas")
        with Horizontal(id="idea-entry"):
            yield Select[str](
                [],
                prompt=self.t("run.author.anonymous"),
                id="author",
                compact=True,
            )
            yield IdeaInput(self.add_typed, placeholder=self.t("run.idea.placeholder"), id="idea")

    def on_mount(self) -> None:
        self.query_one("#turn").display = False

    def focus_default(self) -> None:
        self.query_one("#idea", Input).focus()

    def refresh_board(self) -> None:
        board = self.query_one("#ideas", OptionList)
        highlighted = board.highlighted_option.id if board.highlighted_option else None
        ideas = self.meeting.ideas_of_step()
        board.clear_options()
        board.add_options(
            Option(idea_prompt(n, idea), id=idea.id) for n, idea in enumerate(ideas, 1)
        )
        ids = [idea.id for idea in ideas]
        if highlighted in ids:
            board.highlighted = ids.index(highlighted)
        elif ids:
            board.highlighted = len(ids) - 1
        self._refresh_authors()

    def _refresh_authors(self) -> None:
        author = self.query_one("#author", Select)
        people = [(p.name, p.id) for p in self.meeting.state.participants.values()]
        if [value for _, value in people] != getattr(self, "_author_ids", None):
            self._author_ids = [value for _, value in people]
            current = author.value
            author.set_options(people)
            if current in self._author_ids:
                author.value = current

    def add_typed(self, typed: str) -> bool:
        """Put the typed idea on the board; False (and the text stays) when it was refused."""
        author = self.query_one("#author", Select)
        author_id = author.value if isinstance(author.value, str) else None
        if self.go_around is not None and self.go_around.current is not None:
            author_id = self.go_around.current
        if author_id is not None and self.meeting.split_author(typed)[1] is not None:
            author_id = None  # "Anna: …" typed in someone's turn: the name typed wins
        idea = self.act(lambda: self.meeting.add_idea(typed, author_id), refresh=False)
        if idea is None:
            return False
        # Adding is the hot path (hundreds of ideas): append one option, do not rebuild.
        board = self.query_one("#ideas", OptionList)
        board.add_option(Option(idea_prompt(board.option_count + 1, idea), id=idea.id))
        board.highlighted = board.option_count - 1
        return True

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

    def action_next_turn(self) -> None:
        if self.go_around is not None:
            self.go_around.next_turn(self.meeting.now())
            self.show_turn(self.meeting.now())

    def show_turn(self, now: float) -> None:
        """The go-around bar: whose turn, and its clock. Called every tick by the run screen."""
        bar = self.query_one("#turn", TickingStatic)
        turn = self.go_around
        bar.display = turn is not None
        if turn is None:
            return
        person = self.meeting.state.participants.get(turn.current or "")
        if person is None:
            bar.show(Text(self.t("run.turn.done")))
            return
        left = turn.remaining(now)
        line = Text(self.t("run.turn.label", number=turn.index + 1, of=len(turn.order)) + " ")
        line.append(person.name, "bold")
        line.append(f"  {countdown_text(left)}", "bold red" if left < 0 else "bold")
        bar.show(line)
