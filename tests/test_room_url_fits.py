"""The room panel (F5) shows the QR's URL whole on one line where it fits, and where it cannot
(80 columns beside the QR code) breaks it before its path, never inside the secret: at 100×30
its last character wrapped onto a line of its own.

The room is opened on the loopback address with a port of five digits, as long a URL as a
laptop's own address gives (HTTP://127.0.0.1:PPPPP/J/ and the secret).
"""

from itertools import pairwise
from pathlib import Path

import pytest

from tests.snapshot_kit import LANG, make_app, settle
from tests.test_layout_fits import screen_lines
from tests.test_snapshots import wyber_30
from tui.room.place import RoomPlace
from tui.screens.room import RoomDialog, url_lines
from tui.wyber.i18n import Language

pytestmark = pytest.mark.usefixtures("amsterdam_time")

SECRET = "AWPN7R1FJT2TWQ5ZBZ1P"
URL = f"HTTP://192.168.100.123:8765/J/{SECRET}"


def test_a_url_that_fits_is_one_line() -> None:
    assert url_lines(URL, len(URL)) == [URL]


def test_a_url_too_wide_breaks_before_its_path() -> None:
    assert url_lines(URL, 44) == ["HTTP://192.168.100.123:8765", f"/J/{SECRET}"]
    assert url_lines(URL, 30) == ["HTTP://192.168.100.123:8765", f"/J/{SECRET}"]


def test_a_part_wider_than_the_room_is_cut_where_it_must() -> None:
    assert url_lines(URL, 12) == [
        "HTTP://192.1",
        "68.100.123:8",
        "765",
        "/J/AWPN7R1FJ",
        "T2TWQ5ZBZ1P",
    ]


@LANG
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=str)
async def test_the_panel_shows_the_url_whole_or_broken_before_its_path(
    tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    place = RoomPlace("127.0.0.1", 0)
    app = make_app(tmp_path, lang, plan=wyber_30(lang), run_now=True, room=place)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RoomDialog) and app.room is not None
        url = app.room.url
        # Each line's words (the run screen shows beside the panel).
        drawn = [line.split() for line in screen_lines(app)]
        whole = any(url in words for words in drawn)
        host, path = url.split("/J/")
        broken = any(host in words and f"/J/{path}" in below for words, below in pairwise(drawn))
        if size[0] >= 100:
            assert whole, f"{url} is not whole on one line: {drawn}"
        else:
            assert whole or broken, f"{url} is broken mid-way: {drawn}"
