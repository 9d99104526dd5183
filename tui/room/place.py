"""Where `wyber run … --room` opens the room (light: the command line reads it before the app
and the web stack load)."""

from dataclasses import dataclass

DEFAULT_PORT = 8765


@dataclass(frozen=True, slots=True)
class RoomPlace:
    """The address the phones use (None: the facilitator picks one of the laptop's), and the
    port."""

    host: str | None = None
    port: int = DEFAULT_PORT
