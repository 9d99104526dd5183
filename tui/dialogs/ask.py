"""Small dialogs: a line of text, a choice from a list, a yes-or-no question."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.i18n import Language


class TextDialog(WyberModal[str | None]):
    """Ask for one line: a cluster's name, an idea's new text, a score. None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
    ]

    def __init__(
        self, lang: Language, title: str, value: str = "", hint: str = "", placeholder: str = ""
    ) -> None:
        super().__init__(lang)
        self.title_text = title
        self.value = value
        self.hint = hint
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield LineField(self.value, id="answer", placeholder=self.placeholder)
            if self.hint:
                yield Static(Text(self.hint), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)


class ChoiceDialog(WyberModal[str | None]):
    """Pick one of a list (a cluster to move an idea into, who votes now). None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
    ]

    def __init__(
        self, lang: Language, title: str, choices: list[tuple[str, str]], current: str = ""
    ) -> None:
        super().__init__(lang)
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *(Option(Text(label), id=value) for value, label in self.choices), id="choices"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [value for value, _ in self.choices]
        if self.current in ids:
            options.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class ConfirmDialog(WyberModal[bool]):
    """A yes-or-no question; Escape (or Cancel) is no. Enter presses the button with the focus:
    Cancel, unless `default_yes` (then yes is the first, highlighted, choice)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "key.cancel", id="cancel"),
    ]

    def __init__(
        self,
        lang: Language,
        heading: str,
        question: str,
        yes: str,
        no: str | None = None,
        *,
        default_yes: bool = False,
    ) -> None:
        super().__init__(lang)
        self.heading = heading
        self.question = question
        self.yes = yes
        self.no = no or self.t("key.cancel")
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield Static(Text(self.question), id="question")
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="primary" if self.default_yes else "error")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
