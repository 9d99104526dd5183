"""The room panel: the QR code to scan, the URL and short code, who joined, and the room's
controls (close joining, anonymous or named, reveal or hide, close the room). Every one of these
is a key here, in the terminal: none exists over HTTP. Once joining is closed the panel shows no
QR code, URL or code: it says joining is closed, those in stay, and who is connected.

The QR code is drawn black on white whatever the theme (a scanner needs dark on light), beside
the words at 80×24. The words are as wide as the URL where the screen has room for it (at 100×30
a 45-character URL in 44 columns put its last character on a line of its own); where it has not,
the URL breaks before its path, so a person copying it by eye reads the secret in one piece.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.dialogs.ask import ChoiceDialog
from tui.dialogs.base import WyberModal
from tui.room.address import Address, lan_addresses
from tui.room.qr import half_blocks
from tui.widgets.key_strip import KeyStrip

if TYPE_CHECKING:
    from tui.room.opened import OpenRoom
    from tui.room.place import RoomPlace
    from tui.screens.run import RunScreen


class RoomDialog(WyberModal[None]):
    DEFAULT_CSS = """
    RoomDialog { align: center middle; }
    RoomDialog #room {
        width: auto; height: auto; max-height: 100%; background: $panel; padding: 0 1;
    }
    RoomDialog #qr { width: auto; height: auto; color: black; background: white; margin-right: 1; }
    RoomDialog #words { width: 44; height: auto; }
    """
    WORDS_WIDTH = 44  # the words' width, wider only for the URL
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "ending.key.back", id="back"),
        Binding("j", "close_joining", "room.key.joining", id="joining"),
        Binding("a", "anonymous", "room.key.anonymous", id="anonymous"),
        Binding("r", "reveal", "room.key.reveal", id="reveal"),
        Binding("c", "close_room", "room.key.close", id="close"),
    ]

    def __init__(self, opened: "OpenRoom") -> None:
        super().__init__()
        self.opened = opened
        self._qr = half_blocks(opened.url)
        self._show_posted = False  # a show is on its way: the changes meanwhile join it

    def compose(self) -> ComposeResult:
        with Horizontal(id="room"):
            yield Static(Text("\n".join(self._qr)), id="qr")
            with Vertical(id="words"):
                yield Static(Text(self.t("room.title"), "bold"))
                yield Static(id="status")
        yield KeyStrip()

    def on_mount(self) -> None:
        self.opened.room.on_change = self._changed
        self.set_interval(1.0, self.show)  # connections come and go without a record
        self.show()

    def on_unmount(self) -> None:
        self.opened.room.on_change = lambda: None

    def on_resize(self) -> None:
        self.show()

    def rows_needed(self) -> int:
        """The whole QR code and the keys: under the clock at 80×24 a scanner saw a code with
        its lower finder pattern cut off, so there the panel covers the clock."""
        qr = len(self._qr) if self.opened.room.joining_open else 0  # no code once closed
        return qr + self.query_one(KeyStrip).outer_size.height

    def _words_width(self) -> int:
        """As wide as the URL (at least WORDS_WIDTH), within what the QR code leaves."""
        qr = self.query_one("#qr", Static)
        # The panel's padding keeps the URL's last character off what shows beside the panel.
        padding = self.query_one("#room").styles.padding.width
        room = self.size.width - qr.outer_size.width - qr.styles.margin.width - padding
        url = len(self.opened.url) if self.opened.room.joining_open else 0  # shown while open
        return max(1, min(max(self.WORDS_WIDTH, url), room))

    def _changed(self) -> None:
        """The room changed (a phone joined, opened or closed its stream): shown when the
        panel's messages get to it, once for all the changes until then; 300 phones connecting
        were 600 shows of 300 names, each on the loop the phones wait on."""
        if not self._show_posted:
            self._show_posted = True
            self.call_later(self._show_changed)

    def _show_changed(self) -> None:
        self._show_posted = False
        self.show()

    def show(self) -> None:
        room = self.opened.room
        width = self._words_width()
        self.query_one("#words").styles.width = width
        self._show_qr(room.joining_open)
        if room.joining_open:
            url = "\n".join(url_lines(self.opened.url, width))
            lines = [self.t("room.url", url=url)]
            lines.append(self.t("room.code", address=self.opened.address, code=room.code))
        else:  # nobody new comes in: no code to scan, no link or code to type
            lines = [self.t("room.joining_closed")]
        lines.append("")
        names = room.names()
        connected = sum(1 for _, on in names if on)
        lines.append(self.t("room.people", joined=len(names), connected=connected))
        shown = [(name or self.t("room.nameless")) + ("" if on else " ·") for name, on in names]
        lines.append(", ".join(shown) if shown else self.t("room.nobody"))
        done, of = room.readiness()
        lines.append(self.t("room.ready", done=done, of=of))
        lines.append("")
        lines.append(self.t("room.anonymous" if room.here(room.anonymous) else "room.named"))
        if room.here(room.revealed):
            lines.append(self.t("room.revealed"))
        else:  # in a go-around, say, the phones see the others' ideas without a reveal
            lines.append(self.t("room.open_ideas" if room.ideas_open() else "room.hidden"))
        self.query_one("#status", Static).update(Text("\n".join(lines)))  # names as typed

    def _show_qr(self, joining: bool) -> None:
        """The QR code while joining is open; once it closes the panel says so without it (a
        code left on screen was scanned, and the phone was turned away)."""
        qr = self.query_one("#qr", Static)
        if qr.display != joining:
            qr.display = joining
            self.refresh_bindings()  # joining closed: its key goes
            self._refit_under_the_clock()  # fewer rows needed: the clock may show again

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Closing joining is for good (those in stay): once closed, its key is not offered.
        if action == "close_joining":
            return self.opened.room.joining_open
        return True

    def action_close_joining(self) -> None:
        self.opened.room.close_joining()

    def action_anonymous(self) -> None:
        self.opened.room.toggle(self.opened.room.anonymous)

    def action_reveal(self) -> None:
        self.opened.room.toggle(self.opened.room.revealed)

    async def action_close_room(self) -> None:
        await self.wyber.close_room()
        self.notify(self.t("room.closed"), timeout=5)
        self.dismiss(None)


def url_lines(url: str, width: int) -> list[str]:
    """The URL in lines of at most `width`: whole if it fits, else broken before its path (the
    secret in one piece); a part wider than `width` is cut where it must."""
    if len(url) <= width:
        return [url]
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    parts = [f"{scheme}://{host}", slash + path] if slash else [url]
    return [part[i : i + width] for part in parts for i in range(0, len(part), width)]


def open_room_panel(screen: "RunScreen", place: "RoomPlace") -> None:
    """Show the room, opening it first (see with_room)."""

    def show(room: "OpenRoom") -> None:
        screen.wyber.push_screen(RoomDialog(room))

    with_room(screen, place, show)


def with_room(screen: "RunScreen", place: "RoomPlace", then: "Callable[[OpenRoom], None]") -> None:
    """Do `then` with the open room, opening it first: on the address given (`--host`), the one
    reachable address, or the one the facilitator picks."""
    app = screen.wyber
    port = place.port
    if app.room is not None:
        then(app.room)
        return
    addresses = [Address("--host", place.host)] if place.host else lan_addresses()
    if not addresses:
        screen.notify(screen.t("room.no_network"), severity="warning", timeout=15)
        return

    def opened(host: str | None) -> None:
        if host is None:
            return
        try:
            room = app.open_room(host, port)
        except OSError as error:
            reason = error.strerror or str(error)
            screen.notify(screen.t("room.port_in_use", port=port, reason=reason), severity="error")
            return
        room.room.turn_of = screen.turn_of
        if app.projector is not None:
            app.projector.go_around = screen.go_around
        then(room)

    if len(addresses) == 1:
        opened(addresses[0].ip)
        return
    choices = [(a.ip, f"{a.ip}  ({a.interface})") for a in addresses]
    app.push_screen(ChoiceDialog(screen.lang, screen.t("room.pick_address"), choices), opened)
