"""Every use of Textual's private API, in one module: when Textual changes, look here first.

Each is used because the public API has no way to do it (Textual 8.2):
- a node's bindings: Textual keeps them in `_bindings` (a copy per instance), the one place to
  relabel a binding for a single screen (its description in the screen's language, Space's
  "play"/"pause"); `_merged_bindings` is the class's own, to start again from;
- the CSS of the default screen: Textual loads a pushed screen's CSS_PATH but not that of the
  screen `get_default_screen` returns;
- watchers: a Header watches the app's title and sub_title, and Textual drops a closed watcher
  only when that attribute changes next, which wyber's title never does; so every Header of a
  closed screen (with its children) stays referenced by the app until wyber ends; a Footer,
  likewise, every key it drew since (it draws them anew whenever the bindings change);
- a widget's line cache: Textual memoises a colour pair per widget's `StylesCache` (`lru_cache`
  on a method, 1,024 entries), which keeps the caches, and every line they drew, of up to 1,024
  closed widgets (measured: 66 per replay closed, 11k objects);
- an error nothing caught: Textual's `_handle_exception` ends the app and keeps the traceback to
  print over the terminal; wyber logs it instead (run_app) and leaves the screen clean;
- whether a message was stopped: `_stop_propagation`, to know whether a key is done;
- the terminal's parser: a paste's escape sequences (`paste_guard.py`, beside this module);
- the compositor of a screen under a dialog, drawn without its shade (`screen_picture.py`);
- the Footer's parts (its keys, groups and labels) and a group's keys before it is mounted:
  the key strip (widgets/key_strip.py) lays the Footer's own widgets out on several lines.
- an OptionList's measured lines, kept across a change to a few options (`option_lines.py`);
- the screen's rack of toasts, to move it clear of a dialog or the run screen's idea line
  (tui/toast_room.py);
- a widget's repaint handed to its screen at once, in the frame of the key, and a screen laid
  out at once before a dialog covers it (`frames.py`).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from textual._styles_cache import StylesCache
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._footer import FooterKey as FooterKey
from textual.widgets._footer import FooterLabel as FooterLabel
from textual.widgets._footer import KeyGroup as KeyGroup
from textual.widgets._toast import ToastRack as ToastRack

ReturnType = TypeVar("ReturnType")


def change_bindings(node: DOMNode, change: Callable[[Binding], Binding]) -> None:
    """Replace each of this node's bindings (only this instance's) with `change(binding)`."""
    bindings = node._bindings.key_to_bindings
    for key, declared in bindings.items():
        bindings[key] = [change(binding) for binding in declared]


def reset_bindings(node: DOMNode) -> None:
    """The node's bindings as its class declares them, before any `change_bindings`."""
    merged = type(node)._merged_bindings
    if merged is not None:
        node._bindings = merged.copy()


def load_screen_css(app: App[Any], screen: Screen[Any]) -> None:
    """Load a screen's CSS_PATH, which Textual does only for the screens it pushes."""
    app._load_screen_css(screen)


def drop_closed_watchers(node: DOMNode) -> None:
    """Forget the watchers of this node's reactives whose own node has closed (as Textual does
    when the attribute changes next), so nothing closed stays referenced by them."""
    watchers: dict[str, list[tuple[DOMNode, object]]] = getattr(node, "__watchers", {})
    for watching in watchers.values():
        watching[:] = [(watcher, call) for watcher, call in watching if not watcher._closing]


def forget_cached_styles() -> None:
    """Empty the colour memo that keeps closed widgets' line caches (refilled as lines draw)."""
    StylesCache.get_inner_outer.cache_clear()


class EndsWithoutTraceback(App[ReturnType]):
    """An app that ends on an error nothing caught, as Textual does, without the traceback
    Textual would print over the terminal afterwards: `uncaught` hears of it first (to log it).
    Textual has no public hook for this: its `_handle_exception` is overridden here."""

    def uncaught(self, error: Exception) -> None:
        """An error nothing caught; the app ends right after."""

    def _handle_exception(self, error: Exception) -> None:
        self.uncaught(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()


def was_stopped(message: Message) -> bool:
    """Whether a handler on the message's way stopped it."""
    return message._stop_propagation


def pending_children(widget: Widget) -> list[Widget]:
    """The children composed into a widget that is not mounted yet."""
    return list(widget._pending_children)
