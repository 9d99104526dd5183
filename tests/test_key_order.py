"""The app keeps keys in order for any field, and never loses one it held."""

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tests.test_fields import settle
from tui.widgets.fields import LineField
from tui.widgets.key_order import HOLD_LIMIT_SECONDS, KeysInOrder


class TwoFields(KeysInOrder[None]):
    """Two fields; the app stops Down on its own way up (as History's search does)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "noop")]

    def compose(self) -> ComposeResult:
        yield LineField(id="first")
        yield LineField(id="second")

    def on_key(self, event: events.Key) -> None:
        if event.key == "down":
            event.stop()

    def action_noop(self) -> None:
        pass


def post(app: TwoFields, *keys: tuple[str, str | None]) -> None:
    for key, character in keys:
        app.post_message(events.Key(key, character))


def letters(text: str) -> list[tuple[str, str | None]]:
    return [(c, c) for c in text]


async def test_the_letters_after_tab_land_in_the_next_field() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        post(app, *letters("ab"), ("tab", "\t"), *letters("cd"), ("left", None), ("e", "e"))
        await settle(pilot)
        assert app.query_one("#first", Input).value == "ab"
        assert app.query_one("#second", Input).value == "ced"


async def test_a_key_stopped_on_its_way_lets_the_next_keys_go_on() -> None:
    # Down is stopped before it is back at the app (as History's search stops it): done there.
    app = TwoFields()
    async with app.run_test() as pilot:
        post(app, *letters("ab"), ("down", None), *letters("cd"))
        await settle(pilot)
        assert app.query_one("#first", Input).value == "abcd"
        assert app._held is None


async def test_keys_held_for_a_key_that_is_never_done_go_on_after_the_limit() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        first, second = app.query(LineField)
        post(app, ("backspace", "\x7f"))
        await first.remove()  # before it handled the key: nobody will say it is done
        second.focus()
        post(app, *letters("xy"))
        await pilot.pause(HOLD_LIMIT_SECONDS * 2)
        await settle(pilot)
        assert second.value == "xy"
        assert app._held is None


async def test_a_paste_waits_behind_the_keys_before_it() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        post(app, *letters("ab"), ("backspace", "\x7f"))
        app.post_message(events.Paste("XY"))
        post(app, ("f5", None), ("z", "z"))
        await settle(pilot)
        assert app.query_one("#first", Input).value == "aXYz"
