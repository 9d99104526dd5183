"""The projector key of the run screen: the room's view in a browser window on the laptop (the
second screen), at its own secret URL, opening the room first when it is not open yet."""

from typing import TYPE_CHECKING

from tui.room.browser import open_in_browser
from tui.screens.room import with_room

if TYPE_CHECKING:
    from tui.room.opened import OpenRoom
    from tui.room.place import RoomPlace
    from tui.screens.run import RunScreen


def open_projector(screen: "RunScreen", place: "RoomPlace") -> None:
    def show(opened: "OpenRoom") -> None:
        projector = screen.wyber.projector
        if projector is None or projector.opened is not opened:
            return
        url = projector.url

        async def launch() -> None:
            if await open_in_browser(url):
                screen.notify(screen.t("projector.opened", url=url), timeout=10)
            else:
                message = screen.t("projector.no_browser", url=url)
                screen.notify(message, severity="warning", timeout=60)

        screen.run_worker(launch(), group="projector")

    with_room(screen, place, show)
