"""Home and History keep listing the good sessions beside bad files, and name each bad one; a
session resumed after its end was torn off says so. Real keys on a real app."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.factory import FakeClock, FakeWall
from tests.test_home_prepare import NOW, cells, loaded, make_app, shipped, text_of
from tui.app import Clocks, Launch, WyberApp
from tui.screens.history import HistoryScreen, SessionRows
from tui.screens.home import HomeScreen
from tui.screens.run import RunScreen
from tui.widgets.problems import ProblemLines
from tui.wyber.events import SCHEMA_VERSION
from tui.wyber.i18n import Language, tr
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive

GOOD = ["20261120-1300-beef", "20261121-1300-cafe"]


def archive_with_bad_files(data: Path) -> Archive:
    """Two good sessions, and beside them a copy, a folder, a named pipe, a session with a
    record of schema version 0 and a link to /dev/zero."""
    archive = Archive(data)
    for day, session_id in enumerate(GOOD):
        start = datetime(2026, 11, 20 + day, 13, tzinfo=UTC)
        archive.import_records(sample_records(shipped("en"), session_id, start, ideas=6))
    sessions = archive.sessions_dir
    (sessions / "a-copy.jsonl").write_bytes(archive.path_of(GOOD[0]).read_bytes())
    (sessions / "b-folder.jsonl").mkdir()
    os.mkfifo(sessions / "c-pipe.jsonl")
    old = sample_records(shipped("en"), "d-old", datetime(2026, 11, 19, 13, tzinfo=UTC), ideas=2)
    archive.import_records(old)
    path = archive.path_of("d-old")
    path.write_bytes(
        path.read_bytes().replace(
            f'"schema_version":{SCHEMA_VERSION}'.encode(), b'"schema_version":0'
        )
    )
    (sessions / "e-zero.jsonl").symlink_to("/dev/zero")
    return archive


async def listed(pilot: Pilot[None]) -> HomeScreen:
    """Home once its lists are read: the worker that reads them starts after the first frame,
    which on a loaded machine can come after a first wait for workers."""
    home = await loaded(pilot)
    for _ in range(100):
        if home.listing is not None:
            break
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return home


def problem_lines(widget: ProblemLines) -> list[str]:
    return text_of(widget).splitlines() if widget.display else []


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_home_and_history_list_the_good_sessions_and_name_the_bad_files(
    tmp_path: Path, lang: Language
) -> None:
    archive = archive_with_bad_files(tmp_path)
    sessions = archive.sessions_dir
    async with make_app(tmp_path, lang).run_test(size=(200, 60)) as pilot:
        home = await listed(pilot)
        rows = cells(home.query_one("#sessions", DataTable))
        assert len(rows) == 2 and {row[-1] for row in rows} == {shipped("en").title}
        assert sorted(home.sessions) == GOOD
        lines = problem_lines(home.query_one(ProblemLines))
        assert len(lines) == 4, lines  # four lines of room: three problems and a count
        assert lines[0].startswith(str(sessions / "a-copy.jsonl"))
        assert lines[1] == tr(
            lang,
            "archive.unreadable",
            path=str(sessions / "b-folder.jsonl"),
            reason=tr(lang, "archive.why.folder"),
        )
        assert lines[2] == tr(
            lang,
            "archive.unreadable",
            path=str(sessions / "c-pipe.jsonl"),
            reason=tr(lang, "archive.why.pipe"),
        )
        assert lines[3] == tr(lang, "archive.more", count=2)  # d-old (set aside) and e-zero

        await pilot.press("h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        assert sorted(history.query_one(SessionRows).keys) == GOOD
        # Read again by History: the damaged one is in set-aside now, the other four remain,
        # in the three lines History has room for.
        lines = problem_lines(history.query_one(ProblemLines))
        assert [line.split(" ", 1)[0] for line in lines[:2]] == [
            str(sessions / name) for name in ("a-copy.jsonl", "b-folder.jsonl")
        ]
        assert lines[2] == tr(lang, "archive.more", count=2)


async def test_a_session_resumed_after_its_end_was_torn_off_says_so(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    session_id = GOOD[0]
    start = datetime(2026, 11, 20, 13, tzinfo=UTC)
    archive.import_records(sample_records(shipped("en"), session_id, start, ideas=6))
    path = archive.path_of(session_id)
    raw = path.read_bytes()
    path.write_bytes(raw[: raw.rindex(b'"type":"session_fin') + len(b'"type":"session_fin')])

    clock = FakeClock()
    app = WyberApp(
        tmp_path,
        "en",
        clocks=Clocks(monotonic=clock, wall=FakeWall(clock, NOW)),
        launch=Launch(session_id=session_id),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        notices = {n.title: n.message for n in app._notifications}
        assert notices[tr("en", "archive.torn.title")] == tr("en", "archive.torn.resumed.end")
