"""An open room: the room, its server on the app's event loop, and the addresses to show."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.routing import BaseRoute

from tui.room.durable import Watch, already_durable
from tui.room.place import DEFAULT_PORT
from tui.room.qr import qr_url
from tui.room.room import Room
from tui.room.server import RoomServer, room_app
from tui.wyber.live import LiveMeeting


@dataclass(slots=True)
class OpenRoom:
    room: Room
    server: RoomServer
    host: str

    @property
    def url(self) -> str:
        """The QR's URL, with the secret."""
        return qr_url(self.host, self.server.port, self.room.secret)

    @property
    def address(self) -> str:
        """Where the short code is typed."""
        return f"http://{self.host}:{self.server.port}/"

    async def close(self) -> None:
        """Nothing is accepted any more; the streams end and the server stops within 2 s."""
        self.room.close()
        await self.server.stop()


def open_room(
    live: LiveMeeting,
    durable_seq: Callable[[], int],
    host: str,
    port: int = DEFAULT_PORT,
    listen: str | None = None,
    extra: Sequence[BaseRoute] = (),
    watch: Watch = already_durable,
) -> OpenRoom:
    """Open the room on the running event loop (the meeting's owner). `listen` is the address
    the socket binds to (default: `host`); `extra` are more routes (the projector's); `watch`
    tells of each move of `durable_seq` (the writer's). Raises OSError when the port cannot be
    had."""
    room = Room(live, durable_seq, watch=watch)
    server = RoomServer(room_app(room, extra), listen or host, port)
    server.start()
    return OpenRoom(room, server, host)
