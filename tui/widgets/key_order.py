"""Keys that arrive together stay in order: the app's half (the fields' half is in fields.py).

Textual hands each key to the focused widget's message queue. A field handles the keys that
type a character there, but Enter, Backspace, Tab and the arrows bubble on, queue by queue
(field, containers, screen), back to the app, whose bindings then run the field's action. Keys
that came in the same read (a paste without bracketed paste, a barcode scanner, a fast typist
on a loaded machine) were typed into the field meanwhile: `idee A⏎idee B⏎` became one idea
"idee Aidee B", `ab⌫c` became "ab", and the letters after a Tab stayed in the field left.

So while a key given to a field is still on its way, the app holds the keys and pastes after
it, in arrival order, and sends them on when that key is done, to whichever widget has the
focus then. A key is done when it is back at the app (its binding has run), when a handler on
its way stops it (History's search sends Down to the list itself), or, for an Enter a field
hands over, once the field's Submitted message is handled.

The same holds for a key given to anything but a field (a list, a board, a dialog's people):
its binding may open a field, and the words typed after it are that field's. In a consent round
"o" then "Costs so much" at speed gave the "s" and the "c" to the list of people, whose bindings
recorded them as a stand-aside and a consent before the objection field had the focus. So the
keys after such a key wait until its binding has run, and when that binding opened a dialog
whose field is not focused yet (the agreement form on "a", a note on "e"), they wait on until
something in the dialog has the focus (FOCUS_LIMIT_SECONDS at most): the words typed after "a"
were lost, or a letter of them became the agreement. An action that shows a field in its own
screen focuses it at once (`Screen.set_focus`, not `Widget.focus`, which waits a turn) for the
keys sent on after it. Kept free of Textual's widgets: the app imports it at startup.
"""

import unicodedata
from typing import Any

from textual import events
from textual.app import App, ReturnType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from tui.internals import was_stopped

# A hold the app never hears the end of (the field removed before the key reached it, a
# Submitted no one handles or stops) ends after this long, and the keys held go on. Far above
# the few milliseconds a key takes to bubble, far below what a person notices as a stuck key.
HOLD_LIMIT_SECONDS = 0.3
# A dialog is mounted and focuses its field within some tens of milliseconds; on a machine
# under load it took longer than a key's hold, and its first letters went to the screen under it.
FOCUS_LIMIT_SECONDS = 1.0


def typed_character(event: events.Key) -> str | None:
    """The character a key types into a field: a printable one, or a format character (a zero-
    width joiner or non-joiner, a direction mark), which Python does not call printable and
    Textual's fields therefore dropped when typed (and kept when pasted)."""
    character = event.character
    if character is None or len(character) != 1:
        return None
    if character.isprintable() or unicodedata.category(character) == "Cf":
        return character
    return None


class OrderedField:
    """A field whose following keys the app holds while one of its keys is on its way."""

    def holds_after(self, event: events.Key) -> bool:
        """True when the key is handled later than in the field's own queue: every key that
        does not type a character (those bubble to the bindings, or are handed over)."""
        return typed_character(event) is None


class TrackedKey(events.Key):
    """A key the app holds the following keys for: stopping it on its way says it is done
    (unless its work goes on elsewhere, see `handed_on`)."""

    __slots__ = ["_app", "release_when_stopped"]

    def __init__(self, app: App[Any], key: events.Key) -> None:
        super().__init__(key.key, key.character)
        # Made here, it would name the app as its sender, and a message stops itself on its
        # way up at the sender's child (the screen): the key would seem done before its
        # binding ran. A key has no sender a handler needs; the app is the top anyway.
        self._sender = None
        self._app = app
        self.release_when_stopped = True

    def stop(self, stop: bool = True) -> Message:
        if stop and not was_stopped(self) and self.release_when_stopped:
            self._app.post_message(KeysReleased(self))
        return super().stop(stop)


# Handled as the key it stands for: on_key, key_… methods, @on(events.Key).
TrackedKey.handler_name = events.Key.handler_name


def handed_on(key: events.Key) -> None:
    """The key's work goes on elsewhere (a field's Enter, in its Submitted message): stopping
    the key does not make it done; whoever carries the work on releases the keys after it."""
    if isinstance(key, TrackedKey):
        key.release_when_stopped = False


class KeysReleased(Message):
    """The key the app holds the following keys for is done: send them on."""

    def __init__(self, key: events.Key) -> None:
        super().__init__()
        self.key = key


class ReleasesKeys:
    """A message that, handled or come back to the app, makes its key done."""

    key: events.Key


class KeysInOrder(App[ReturnType]):
    """An app whose fields get their keys in the order they arrived (see the module's doc)."""

    _held: list[events.Key | events.Paste] | None = None
    _holding_for: events.Key | None = None
    _holding_on: Screen[Any] | None = None  # the screen the key held for was given on
    _awaiting_focus = False  # that key opened a dialog: the keys wait for its focus
    _hold_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.DescendantFocus):
            await super().on_event(event)
            if self._awaiting_focus:
                await self._release_all()
            return
        if not isinstance(event, (events.Key, events.Paste)):
            await super().on_event(event)
            return
        if event.is_forwarded:
            await super().on_event(event)
            if isinstance(event, events.Key):
                # Back from its trip up the widgets, and its binding has run.
                await self._release(event)
            return
        if self._held is not None:
            self._held.append(event)
            return
        target = self.focused
        if isinstance(event, events.Key) and (
            not isinstance(target, OrderedField) or target.holds_after(event)
        ):
            event = TrackedKey(self, event)
            screen = self.screen
            await super().on_event(event)
            if event.is_forwarded and not was_stopped(event):
                self._hold(event, screen)  # given on and not done yet: hold what follows
        else:
            await super().on_event(event)

    def _hold(self, event: events.Key, screen: Screen[Any]) -> None:
        self._held = []
        self._holding_for = event
        self._holding_on = screen
        self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, self._release_all)

    async def _release(self, key: events.Key) -> None:
        if key is not self._holding_for:
            return
        screen = self.screen
        opened = screen is not self._holding_on and self._holding_on in self.screen_stack
        if opened and screen.focused is None:
            # The key opened a dialog that has not focused its field yet: the keys are its.
            self._holding_for, self._awaiting_focus = None, True
            if self._hold_timer is not None:
                self._hold_timer.stop()
            self._hold_timer = self.set_timer(FOCUS_LIMIT_SECONDS, self._release_all)
            screen.call_after_refresh(self._release_unless_focus_comes, screen)
            return
        await self._release_all()

    async def _release_unless_focus_comes(self, screen: Screen[Any]) -> None:
        """The dialog is drawn: one with nothing to focus (a message, "press a key") gets the
        keys now, not after the limit."""
        if self._awaiting_focus and screen.focused is None and not screen.focus_chain:
            await self._release_all()

    async def _release_all(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held, self._holding_for = self._held or [], None, None
        self._holding_on, self._awaiting_focus = None, False
        while held:
            await self.on_event(held.pop(0))
            if self._held is not None:  # that key is on its way in turn: the rest wait again
                self._held[:0] = held
                return

    async def on_keys_released(self, message: KeysReleased) -> None:
        await self._release(message.key)

    async def on_input_submitted(self, message: Message) -> None:
        # Reached the app: no handler stopped it, it has been everywhere it could go.
        if isinstance(message, ReleasesKeys):
            await self._release(message.key)
