"""The text fields of every screen and dialog: the keys typed into them stay in order, and
typed and pasted text reach the core alike.

A field handles Enter itself, in its own queue, in order with the letters around it: the value
handed over is exactly what was typed before that Enter (Textual's Input left Enter to the app's
bindings, which ran only after the letters that followed it; key_order.py tells the whole
story and holds those letters for the field that has the focus next).

Paste: Textual's Input keeps the first line of a paste and drops the rest; a one-line field
here folds the lines into one, with the same cleaning as typed text (an idea line makes one idea
per line instead, see `IdeaInput`). Zero-width joiners and other format characters (U+200C in
Persian "می‌خواهم", U+200D in 👩🏽‍💻) are typed like any letter. The cleaning itself is the
core's (`tui.wyber.text`), so what is stored is the same whichever way it came in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea

from tui.widgets.key_order import (
    KeysReleased,
    OrderedField,
    ReleasesKeys,
    handed_on,
    typed_character,
)
from tui.wyber.text import clean_text, fold_lines

if TYPE_CHECKING:
    from textual.validation import ValidationResult


class LineField(OrderedField, Input):
    """A one-line text field. Enter hands over what was typed before it, in order with the
    keys around it; with `clear_on_submit` the field is empty again at once, for the next."""

    class Submitted(ReleasesKeys, Input.Submitted, namespace="input"):
        """Input.Submitted (on_input_submitted handles it): once a handler stops it, the app
        sends on the keys that came after the Enter, to the field that has the focus then."""

        def __init__(
            self, input: Input, value: str, result: ValidationResult | None, key: events.Key
        ) -> None:
            super().__init__(input, value, result)
            self.key = key

        def stop(self, stop: bool = True) -> Message:
            if stop and not self._stop_propagation:
                self.input.app.post_message(KeysReleased(self.key))
            return super().stop(stop)

    def __init__(self, value: str | None = None, *, clear_on_submit: bool = False, **kwargs: Any):
        super().__init__(value, **kwargs)
        self.clear_on_submit = clear_on_submit

    async def on_key(self, event: events.Key) -> None:
        # Runs before Input._on_key (the message's handlers go down the class's MRO);
        # prevent_default keeps Input's from handling the same key again.
        if event.key == "enter":
            handed_on(event)  # the keys after it wait for the Submitted's handler
            event.stop()
            event.prevent_default()
            self.hand_over(self.value, event)
        elif not event.is_printable and (character := typed_character(event)) is not None:
            event.stop()
            event.prevent_default()
            self._type(character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.paste(event.text)

    def paste(self, text: str) -> None:
        """Pasted text, cleaned as typed text is, its line breaks folded to spaces."""
        folded = fold_lines(text)
        if folded:
            self._type(folded)

    def _type(self, text: str) -> None:
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    async def action_submit(self) -> None:
        """Input's own Enter binding, run when an Enter reaches the bindings without passing
        `on_key` (a key held while a dialog opened on the Enter before it, handed on once it
        closed): handed over the same way, never as Input's Submitted, which has no key."""
        self.hand_over(self.value, events.Key("enter", "\r"))

    def hand_over(self, value: str, enter: events.Key) -> None:
        """Enter: post Submitted with the value as it was at this key (and empty the field)."""
        result = self.validate(value) if "submitted" in self.validate_on else None
        if self.clear_on_submit:
            self.value = ""
        self.post_message(self.Submitted(self, value, result, enter))


class NoteField(OrderedField, TextArea):
    """A text area for a few lines (the evaluation): pasted text cleaned as typed text is, zero-
    width joiners typed like letters, the keys after Backspace or Tab kept in order."""

    def holds_after(self, event: events.Key) -> bool:
        """TextArea handles Enter in its own queue; Tab, Backspace and the arrows it leaves to
        the bindings, which run later."""
        return typed_character(event) is None and event.key != "enter"

    async def on_key(self, event: events.Key) -> None:
        character = None if event.is_printable else typed_character(event)
        if character is not None and not self.read_only:
            event.stop()
            event.prevent_default()
            self._type(character)

    async def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if not self.read_only and (text := clean_text(event.text)):
            self._type(text)

    def _type(self, text: str) -> None:
        self.move_cursor(self.replace(text, *self.selection).end_location)
