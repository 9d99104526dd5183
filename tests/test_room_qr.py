"""The room's QR code as the terminal shows it scans back to the URL (decoded with zbarimg), on
the screen too, and the laptop's addresses leave out what no phone in the room could reach."""

import subprocess
from pathlib import Path

import pytest

from tests.snapshot_kit import make_app, settle
from tests.test_layout_fits import screen_lines
from tests.test_snapshots import wyber_30
from tui.room.address import reachable
from tui.room.place import RoomPlace
from tui.room.qr import half_blocks, qr_url
from tui.screens.room import RoomDialog

SCALE = 8  # pixels per module, as a phone's camera sees a terminal's cells


def pixels(rows: list[str]) -> list[list[bool]]:
    """The modules back from the half blocks: each character is two modules, top and bottom."""
    top = {"█": True, "▀": True, "▄": False, " ": False}
    bottom = {"█": True, "▀": False, "▄": True, " ": False}
    modules: list[list[bool]] = []
    for row in rows:
        modules.append([top[c] for c in row])
        modules.append([bottom[c] for c in row])
    return modules


def pbm(modules: list[list[bool]], path: Path) -> None:
    """A plain PBM image, 4 modules of white added around (a terminal's white background)."""
    pad = 4
    width = len(modules[0]) + 2 * pad
    blank = [False] * width
    framed = (
        [blank] * pad + [[False] * pad + row + [False] * pad for row in modules] + [blank] * pad
    )
    lines = [f"P1\n{width * SCALE} {len(framed) * SCALE}"]
    for row in framed:
        line = " ".join("1" if dark else "0" for dark in row for _ in range(SCALE))
        lines.extend([line] * SCALE)
    path.write_text("\n".join(lines) + "\n")


def test_the_terminals_qr_code_scans_back_to_the_rooms_url(tmp_path: Path) -> None:
    url = qr_url("192.168.178.23", 8765, "7K3M9QX2ZC4R8TVW0NPA")
    rows = half_blocks(url)
    assert len(rows) <= 17 and len(rows[0]) <= 33  # beside the URL and code at 80×24
    image = tmp_path / "qr.pbm"
    pbm(pixels(rows), image)
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == "HTTP://192.168.178.23:8765/J/7K3M9QX2ZC4R8TVW0NPA"


def test_only_addresses_a_phone_could_reach_are_offered() -> None:
    assert reachable("wlan0", "192.168.8.20")
    assert reachable("en0", "10.0.0.5")
    assert not reachable("lo", "127.0.0.1")
    assert not reachable("wlan0", "169.254.3.4")  # no DHCP answered
    assert not reachable("docker0", "172.17.0.1")
    assert not reachable("tailscale0", "100.101.102.103")


def scanned(lines: list[str], rows: list[str], tmp_path: Path) -> str:
    """What zbarimg reads from the screen where the code's top row (with its finder patterns)
    is drawn: the screen's own characters, as many rows as the code has, as far as the screen
    shows them."""
    finder = rows[1]  # the first row under the quiet zone: unique on the screen
    y, x = next((y, line.find(finder)) for y, line in enumerate(lines) if finder in line)
    drawn = [line[x : x + len(finder)].ljust(len(finder)) for line in lines[y - 1 :][: len(rows)]]
    drawn = [row if set(row) <= set(" █▀▄") else " " * len(finder) for row in drawn]
    image = tmp_path / "screen.pbm"
    pbm(pixels(drawn), image)
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True)
    return found.stdout.decode().strip()


@pytest.mark.usefixtures("amsterdam_time")
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=str)
async def test_the_panel_opened_again_over_the_clock_shows_a_code_that_scans(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """F5 again once the run screen is drawn: the panel under the clock at 80×24 cut the code's
    lower rows off (the keys drawn over them), and no phone could read it."""
    place = RoomPlace("127.0.0.1", 0)
    app = make_app(tmp_path, "en", plan=wyber_30("en"), run_now=True, room=place)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, RoomDialog) and app.room is not None
        rows = half_blocks(app.room.url)
        assert scanned(screen_lines(app), rows, tmp_path) == app.room.url
