"""Ctrl+B: the rest of the agenda shortened to end on time, shown before anything changes.

One line per box still to run, before → after in whole minutes, and "✔ protected" on each box
that is protected (it keeps its time), on no other. Space (or Enter, or a click) protects or
releases the box under the cursor and the preview follows at once; it is also redrawn every
second, as the current box keeps running. A plain option list, not a SelectionList: that drew
its ▐X▌ box on every row, checked or not told apart only by colour, so every box looked
protected (and in high contrast the colours said nothing).
Nothing is recorded here: Ctrl+S (or the button) hands the protected boxes back to the caller,
which makes the one `Rebalance` command; Esc changes nothing.
"""

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.base import WyberModal
from tui.wyber.i18n import Language
from tui.wyber.late import Place
from tui.wyber.rebalance import BoxChange, RebalancePlan
from tui.wyber.timebox import whole_minutes

Preview = Callable[[frozenset[Place]], RebalancePlan]


class RebalanceDialog(WyberModal[frozenset[Place] | None]):
    # On a short screen (80×24) the dialog has the fifteen rows under the clock: the list of
    # boxes is what gives way (it scrolls); the summary, the keys and the buttons stay.
    DEFAULT_CSS = """
    RebalanceDialog #boxes {
        height: auto;
        max-height: 14;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RebalanceDialog #rebalance-summary {
        padding-bottom: 1;
    }
    RebalanceDialog.-short #boxes {
        height: 1fr;
    }
    RebalanceDialog.-short #rebalance-summary {
        padding-bottom: 0;
    }
    RebalanceDialog #rebalance-buttons {
        height: auto;
        align-horizontal: right;
    }
    RebalanceDialog #rebalance-buttons Button {
        margin-left: 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
        Binding("ctrl+s", "confirm", "rebalance.confirm", id="confirm"),
        Binding("space", "protect", "polish.rebalance.protect", id="protect", show=False),
    ]

    def __init__(
        self,
        lang: Language,
        preview: Preview,
        protected: frozenset[Place],
        step_titles: Sequence[str],
    ) -> None:
        super().__init__(lang)
        self.preview = preview
        self.protected = protected
        self.step_titles = step_titles
        self.places: list[Place] = []  # the boxes' places, in the list's order

    @property
    def plan(self) -> RebalancePlan:
        return self.preview(self.protected)

    def compose(self) -> ComposeResult:
        plan = self.plan
        self.places = [box.place for box in plan.boxes]
        with Vertical(classes="dialog", id="rebalance"):
            yield Static(self.t("rebalance.title"), classes="dialog-title")
            yield Static(id="rebalance-summary")
            yield OptionList(*(Option(self._line(box, plan)) for box in plan.boxes), id="boxes")
            yield Static(self.t("rebalance.hint"), classes="hint")
            with Horizontal(id="rebalance-buttons"):
                yield Button(self.t("key.cancel"), id="cancel", compact=True)
                yield Button(
                    self.t("rebalance.confirm"), id="confirm", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        self.show_plan()
        self.query_one("#boxes", OptionList).focus()
        self.set_interval(1.0, self.show_plan)

    def _label(self, box: BoxChange) -> str:
        label = self.t(
            "rebalance.box",
            number=box.step + 1,
            step=self.step_titles[box.step],
            movement=self.t(f"run.movement.{box.movement.value}"),
        )
        return f"{label} ({self.t('rebalance.now')})" if box.current else label

    def _minutes(self, box: BoxChange) -> str:
        before, after = whole_minutes(box.before), whole_minutes(box.after)
        if box.taken:
            return self.t("rebalance.change", before=before, after=after)
        return self.t("rebalance.same", before=before)

    def _line(self, box: BoxChange, plan: RebalancePlan) -> Text:
        """Minutes first, then the protected mark, then the box's name: at 80 columns a long
        name is what gets cut, never the figures."""
        width = max(len(self._minutes(b)) for b in plan.boxes) + 2
        mark = self.t("rebalance.protected")
        line = Text(self._minutes(box).ljust(width), "bold" if box.taken else "")
        line.append((mark if box.protected else "").ljust(len(mark) + 2), "bold")
        line.append(self._label(box))
        return line

    def show_plan(self) -> None:
        """The preview as it stands now: the summary, each box's line, and the button."""
        plan = self.plan
        summary = self.t("rebalance.over", minutes=plan.over) + " "
        if plan.still_over:
            # What stops the rest, when it is the protection: the way out is said too.
            short = "rebalance.held" if plan.held else "rebalance.short"
            summary += self.t(short, minutes=plan.still_over)
        else:
            summary += self.t("rebalance.fits")
        self.query_one("#rebalance-summary", Static).update(Text(summary))
        boxes = self.query_one("#boxes", OptionList)
        for index, box in enumerate(plan.boxes[: boxes.option_count]):
            boxes.replace_option_prompt_at_index(index, self._line(box, plan))
        self.query_one("#confirm", Button).disabled = not plan.changes

    def action_protect(self) -> None:
        """Protect the box under the cursor, or release it."""
        index = self.query_one("#boxes", OptionList).highlighted
        if index is not None and index < len(self.places):
            self.protected ^= {self.places[index]}
            self.show_plan()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter or a click: the box it is on (which the cursor is on now)
        self.action_protect()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.dismiss(None)

    def action_confirm(self) -> None:
        if self.plan.changes:
            self.dismiss(self.protected)
