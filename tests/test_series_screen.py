"""The series view: its sessions in order and the running list of what they agreed, with status
and history; as a Pilot test and as snapshots at 80×24 and 160×48 in Dutch and English."""

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.snapshot_kit import LANG, SIZE, Snap, make_app, then
from tests.test_ending import shown, unwrapped
from tests.test_series import SERIES, earlier_review, session
from tui.screens.series import SeriesScreen
from tui.wyber.events import AgreementKind, ReviewStatus
from tui.wyber.i18n import Language
from tui.wyber.store import Archive

pytestmark = pytest.mark.usefixtures("amsterdam_time")  # the snapshots' fixed time zone


def make_series(data: Path) -> None:
    archive = Archive(data)
    quote = "Offerte opvragen bij drie leveranciers"
    session(
        archive,
        "one",
        date(2026, 10, 5),
        [
            ("a1", AgreementKind.ACTION, quote),
            ("a2", AgreementKind.AGREEMENT, "Elke maand overleg"),
            ("a3", AgreementKind.DECISION, "We starten een pilot in Delfshaven"),
        ],
    )
    review = earlier_review(1, quote, ReviewStatus.DONE, note="drie offertes binnen")
    changed = earlier_review(2, "Elke maand overleg", ReviewStatus.CHANGED, note="elke zes weken")
    session(
        archive,
        "two",
        date(2026, 11, 2),
        [("a1", AgreementKind.PARKED, "Subsidieaanvraag")],
        reviews=(review, changed),
    )
    session(
        archive, "elsewhere", date(2026, 11, 3), [("a1", AgreementKind.ACTION, "X")], series="B"
    )


async def opened_series(pilot: Pilot[None]) -> None:
    app = pilot.app
    app.open_series(SERIES, app.lang)  # type: ignore[attr-defined]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_series_shows_its_sessions_and_the_running_list(tmp_path: Path) -> None:
    make_series(tmp_path)
    app = make_app(tmp_path, "nl")
    async with app.run_test(size=(160, 48)) as pilot:
        await opened_series(pilot)
        screen = app.screen
        assert isinstance(screen, SeriesScreen)
        sessions = shown(screen.query_one("#series-sessions"))
        assert sessions.index("Sessie one") < sessions.index("Sessie two")
        assert "Sessie elsewhere" not in sessions
        running = unwrapped(shown(screen.query_one("#series-running")))
        for expected in (
            "Offerte opvragen",
            "gedaan",
            "drie offertes binnen",
            "gewijzigd",
            "elke zes weken",
            "Subsidieaanvraag",
            "5 okt 2026: afgesproken",
        ):
            assert expected in running
        assert "We starten een pilot" in running  # a decision is followed up too
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SeriesScreen)


@SIZE
@LANG
def test_series_snapshot(
    snap_compare: Snap, tmp_path: Path, lang: Language, size: tuple[int, int]
) -> None:
    make_series(tmp_path)
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=size, run_before=then(opened_series))
