"""The room panel in the run screen (F5): the QR code, the URL and short code, who joined, and
the keys that run the room; a phone's idea on the facilitator's board, shown as typed; the
port given on the command line."""

import socket
from pathlib import Path

import httpx
import ifaddr
import pytest
from textual.widgets import Static

from tests.factory import FakeClock, FakeWall
from tests.room_kit import phones
from tests.test_layout_fits import screen_lines
from tests.test_meeting import open_room
from tests.test_run_flow import SIZE, board_texts, make_app, wyber_30
from tui.app import Clocks, Launch, WyberApp
from tui.cli import main
from tui.dialogs.ask import ChoiceDialog
from tui.room.address import Address, lan_addresses
from tui.room.place import RoomPlace
from tui.room.server import RoomRoutes
from tui.screens.room import RoomDialog
from tui.wyber.plans import load_plan


def status(app: object) -> str:
    return str(app.screen.query_one("#status", Static).render())  # type: ignore[attr-defined]


async def test_the_room_opens_with_run_room_and_its_keys_run_it(tmp_path: Path) -> None:
    clock = FakeClock()
    place = RoomPlace("127.0.0.1", 0)  # `wyber run … --room --host 127.0.0.1 --port 0`
    app = make_app(tmp_path, clock, FakeWall(clock), plan=wyber_30("en"), run_now=True, room=place)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog)
        opened = app.room
        assert opened is not None
        assert opened.room.secret in status(app) and opened.room.code in status(app)
        assert "0 joined" in status(app)

        base = f"http://127.0.0.1:{opened.server.port}"
        async with httpx.AsyncClient(base_url=base, follow_redirects=True) as phone:
            await phone.get(f"/J/{opened.room.secret}")
            origin = {"Origin": base}
            await phone.post("/api/join", json={"name": "Zoë"}, headers=origin)
            await phone.post("/api/ideas", json={"text": "[b]not bold[/b]"}, headers=origin)
            await pilot.pause()
            assert "1 joined" in status(app) and "Zoë" in status(app)

            await pilot.press("a")  # anonymous from now on, for this movement
            await pilot.pause()
            assert "anonymous" in status(app)
            assert "Close joining" in "\n".join(screen_lines(app))
            await pilot.press("j")  # joining closed: the code is no longer shown
            await pilot.pause()
            assert opened.room.code not in status(app) and "Joining is closed" in status(app)
            # No QR code nor link left to scan or type (the phone would be turned away), and
            # who is in is still there to see.
            assert not app.screen.query_one("#qr", Static).display
            assert opened.room.secret not in status(app) and "Zoë" in status(app)
            assert "those who are in stay in" in status(app) and "1 joined" in status(app)
            dialog = app.screen
            assert isinstance(dialog, RoomDialog)
            drawn = "\n".join(screen_lines(app))
            assert not any(row.strip() in drawn for row in dialog._qr[2:-2]), drawn
            assert "Close joining" not in drawn  # for good: its key is not offered again
            await pilot.press("escape")
            await pilot.pause()
            assert board_texts(app, "#ideas") == ["  1  [b]not bold[/b]  — Zoë"]

            await pilot.press("f5")
            await pilot.pause()
            await pilot.press("c")  # close the room: the server is gone
            await pilot.pause()
            assert app.room is None
            try:
                answer = await phone.get("/api/view")
            except httpx.TransportError:
                pass
            else:
                raise AssertionError(f"the room still answers: {answer.status_code}")


def test_no_facilitator_action_exists_over_http(tmp_path: Path) -> None:
    """The room's routes are a participant's: no way to move on, reveal, close or remove."""
    meeting = open_room(tmp_path)
    routes = RoomRoutes(phones(meeting).room).routes()
    meeting.meeting.session.close()
    posts = sorted(
        getattr(route, "path", "")
        for route in routes
        if "POST" in (getattr(route, "methods", None) or ())
    )
    assert posts == [
        "/api/code",
        "/api/consent",
        "/api/done",
        "/api/ideas",
        "/api/ideas/{idea_id}/edit",
        "/api/ideas/{idea_id}/withdraw",
        "/api/join",
        "/api/match",
        "/api/score",
        "/api/vote",
    ]


async def test_the_port_given_without_room_is_where_f5_opens_the_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`wyber run … --port P` and F5 later: the room was opened on 8765 whatever P said."""
    with socket.socket() as probe:  # a port free on this machine now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    launched: list[Launch] = []
    monkeypatch.setattr("tui.app.run_app", lambda **given: launched.append(given["launch"]) or 0)
    data = str(tmp_path / "data")
    assert main(["--data", data, "run", "wyber-30.en", "--now", "--port", str(port)]) == 0
    assert launched[0].room is None  # not at once: F5 opens it
    monkeypatch.setattr("tui.screens.room.lan_addresses", lambda: [Address("lo", "127.0.0.1")])
    clock = FakeClock()
    app = WyberApp(tmp_path, "en", clocks=Clocks(clock, FakeWall(clock)), launch=launched[0])
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog)
        assert app.room is not None and app.room.server.port == port
        assert f":{port}/" in status(app)


def launched_at(tmp_path: Path) -> WyberApp:
    """The app running the 30-minute wyber, the room not open yet (F5 opens it)."""
    clock = FakeClock()
    launch = Launch(plan=wyber_30("en"), run_now=True, place=RoomPlace(None, 0))
    return WyberApp(tmp_path, "en", clocks=Clocks(clock, FakeWall(clock)), launch=launch)


async def test_with_several_networks_the_facilitator_picks_the_phones_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [Address("wlp2s0", "127.0.0.1"), Address("enx00e04c", "127.0.0.2")]
    monkeypatch.setattr("tui.screens.room.lan_addresses", lambda: found)
    app = launched_at(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and app.room is None
        assert any("127.0.0.2  (enx00e04c)" in line for line in screen_lines(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog) and app.room is not None
        assert app.room.host == "127.0.0.2" and "HTTP://127.0.0.2:" in status(app)


async def test_without_any_network_the_room_says_so_and_stays_shut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.screens.room.lan_addresses", list)
    app = launched_at(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause()
        assert app.room is None and not isinstance(app.screen, RoomDialog)
        told = [n.message for n in app._notifications]
        assert any("no network address the phones could reach" in m for m in told), told


def test_the_laptops_addresses_are_read_from_its_interfaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """IPv4 only, and none a phone on the room's Wi-Fi could not reach."""

    def adapter(name: str, *ips: str | tuple[str, int, int]) -> ifaddr.Adapter:
        found = [ifaddr.IP(ip, 24, name) for ip in ips]
        return ifaddr.Adapter(name, name, found)

    adapters = [
        adapter("lo", "127.0.0.1", ("::1", 0, 0)),
        adapter("wlp2s0", "192.168.8.20", ("fe80::1", 0, 2)),
        adapter("docker0", "172.17.0.1"),
        adapter("enp0s31f6", "169.254.10.11"),
    ]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: adapters)
    assert lan_addresses() == [Address("wlp2s0", "192.168.8.20")]


GO_AROUND = """
title = "Round the table"
language = "en"

[[steps]]
title = "Ideas"
question = "What next?"

[steps.diverge]
minutes = 10
technique = "go_around"
turn_seconds = 60
"""
TURNS = 'technique = "go_around"\nturn_seconds = 60'
SILENT = GO_AROUND.replace(TURNS, 'technique = "silent_writing"')


@pytest.mark.parametrize(
    ("plan", "said"),
    [(SILENT, "Hidden: each phone sees only its own ideas"), (GO_AROUND, "Not silent writing")],
    ids=["silent_writing", "go_around"],
)
async def test_the_panel_says_whether_the_phones_see_the_others_ideas(
    tmp_path: Path, plan: str, said: str
) -> None:
    """In a go-around the phones see everyone's ideas: the panel said "Hidden" all the same."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(plan, encoding="utf-8")
    clock = FakeClock()
    place = RoomPlace("127.0.0.1", 0)
    launch = Launch(plan=load_plan(plan_file), run_now=True, room=place)
    app = WyberApp(tmp_path, "en", clocks=Clocks(clock, FakeWall(clock)), launch=launch)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog)
        assert said in " ".join(status(app).split())
        await pilot.press("r")
        await pilot.pause()
        assert "Revealed: the phones see everyone's ideas" in " ".join(status(app).split())
