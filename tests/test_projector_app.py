"""The projector key in the run screen (F10): the projector at its own secret URL in a browser
window on the laptop, or its URL shown when no window can be opened (never a text browser in the
meeting's own terminal); the room opened first when it is not open; the go-around followed."""

import webbrowser
from pathlib import Path

import httpx
import pytest

from tests.factory import FakeClock, FakeWall
from tests.test_run_flow import SIZE, make_app, wyber_30
from tui.room import browser
from tui.room.place import RoomPlace
from tui.screens.run import RunScreen
from tui.widgets.ideas import IdeaBoard


class Window(webbrowser.BaseBrowser):
    """A desktop browser that notes what it was asked to open."""

    def __init__(self, opened: list[str]) -> None:
        super().__init__("desktop")
        self.opened = opened

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


def messages(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def room_app(tmp_path: Path) -> object:
    clock = FakeClock()
    place = RoomPlace("127.0.0.1", 0)  # `wyber run … --host 127.0.0.1 --port 0`, no --room
    return make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True, room=place)


async def test_f10_opens_the_room_and_the_projector_in_a_browser_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(browser.webbrowser, "get", lambda: Window(opened))
    app = room_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        await app.close_room()  # type: ignore[attr-defined]  # `--room` opened it: closed again
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)  # type: ignore[attr-defined]
        await pilot.press("f10")
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        projector = app.projector  # type: ignore[attr-defined]
        assert projector is not None and app.room is not None  # type: ignore[attr-defined]
        assert opened == [projector.url]
        assert f"/v/{projector.secret}" in projector.url
        assert any(projector.url in said for said in messages(app))
        async with httpx.AsyncClient() as client:
            assert (await client.get(projector.url)).status_code == 200
        # The go-around on the board is the projector's: its speaker is shown.
        assert projector.go_around() is None
        board = app.screen.query_one(IdeaBoard)  # type: ignore[attr-defined]
        board.go_around = object()
        assert projector.go_around() is board.go_around


async def test_without_a_window_the_url_is_shown_and_no_text_browser_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []

    def would_run(url: str, new: int = 0, autoraise: bool = True) -> bool:
        ran.append(url)  # it would take over the terminal the meeting runs in
        return True

    lynx = webbrowser.GenericBrowser("lynx")  # as webbrowser registers it with no desktop
    lynx.open = would_run  # type: ignore[method-assign]
    monkeypatch.setattr(browser.webbrowser, "get", lambda: lynx)
    app = room_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("escape")  # the room panel `--room` opened
        await pilot.press("f10")
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()
        url = app.projector.url  # type: ignore[attr-defined]
        assert ran == []
        [said] = [m for m in messages(app) if url in m]
        assert said.startswith("No browser window could be opened here")


def test_text_browsers_are_told_from_desktop_ones() -> None:
    for text in (webbrowser.GenericBrowser("w3m"), webbrowser.Elinks("elinks")):
        assert browser.in_the_terminal(text)
    for desktop in (webbrowser.BackgroundBrowser("xdg-open"), webbrowser.Chrome("chromium")):
        assert not browser.in_the_terminal(desktop)


def test_no_browser_at_all_is_no_window(monkeypatch: pytest.MonkeyPatch) -> None:
    def none() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(browser.webbrowser, "get", none)
    assert browser._open_windowed("http://127.0.0.1:1/v/X") is False
