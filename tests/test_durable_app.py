"""The run screen tells the truth about the disk: an idea is pending until its record is fsync'd,
the rail says saved only when everything shown is; quitting or going home while the disk refuses
records asks, and either stays (retrying) or keeps them in a rescue file that the next opening
of the session offers to add back.

The real app on a fake clock, driven by keys; the disk is slowed or filled by tests/disks.py.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from rich.text import Text
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from tui.app import Clocks, Launch, WyberApp
from tui.dialogs.ask import ChoiceDialog, ConfirmDialog
from tui.screens.run import RunScreen
from tui.screens.summary import SummaryScreen
from tui.widgets.agreements import AgreementBoard
from tui.widgets.panel import PENDING_MARK
from tui.widgets.ticking import TickingStatic
from tui.wyber.fold import fold
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.rescue import find_rescues
from tui.wyber.store import Archive

from .disks import WAIT, Disk, GatedDisk, full_disk
from .factory import FakeClock, FakeWall

SIZE = (100, 30)
ROUNDS = 200


def make_app(data: Path, **launch: object) -> WyberApp:
    clock = FakeClock()
    return WyberApp(data, "en", clocks=Clocks(clock, FakeWall(clock)), launch=Launch(**launch))  # type: ignore[arg-type]


def new_meeting(data: Path) -> WyberApp:
    plan = load_plan(shipped_plans_dir() / "wyber-30.en.toml")
    return make_app(data, plan=plan, run_now=True)


async def type_idea(pilot: Pilot[None], text: str) -> None:
    for character in text:
        await pilot.press(character if character != " " else "space")
    await pilot.press("enter")


def board(app: WyberApp) -> list[str]:
    ideas = app.screen.query_one("#ideas", OptionList)
    return [str(ideas.get_option_at_index(i).prompt) for i in range(ideas.option_count)]


def rail(app: WyberApp) -> str:
    shown = app.screen.query_one("#saved", TickingStatic)._shown
    return str(shown) if isinstance(shown, Text) else ""


def session_path(app: WyberApp) -> Path:
    assert app.meeting is not None
    return app.archive.path_of(app.meeting.state.session_id)


async def started(app: WyberApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    assert await until(pilot, lambda: isinstance(app.screen, RunScreen)), app.screen
    assert await until(pilot, lambda: app.focused is not None and app.focused.id == "idea")


@asynccontextmanager
async def meeting(data: Path) -> AsyncIterator[tuple[WyberApp, Pilot[None]]]:
    """A new meeting of the 30-minute exercise, running, ready to type ideas into."""
    app = new_meeting(data)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        yield app, pilot


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> bool:
    """Let the app process its messages until `condition` holds (a bounded number of rounds,
    not a time: on a loaded machine a screen may take a few rounds to arrive)."""
    for _ in range(ROUNDS):
        if condition():
            return True
        await pilot.pause()
    return condition()


def dialog_on_top(pilot: Pilot[None]) -> Callable[[], bool]:
    """A choice dialog is on top, its choices mounted."""
    screen = lambda: pilot.app.screen  # noqa: E731
    return lambda: isinstance(screen(), ChoiceDialog) and bool(screen().query(OptionList))


async def choose(pilot: Pilot[None], index: int) -> None:
    """Pick the index-th choice of the dialog on top."""
    assert await until(pilot, dialog_on_top(pilot)), pilot.app.screen
    dialog = pilot.app.screen
    dialog.query_one(OptionList).highlighted = index
    await pilot.press("enter")
    assert await until(pilot, lambda: pilot.app.screen is not dialog or not pilot.app.is_running)


async def left_in_a_rescue_file(
    monkeypatch: pytest.MonkeyPatch, data: Path, text: str
) -> tuple[str, Disk]:
    """A meeting in which `text` is typed on a full disk and left in a rescue file on Ctrl+Q;
    its session id, and the disk (still full)."""
    async with meeting(data) as (app, pilot):
        session = app.meeting.state.session_id  # type: ignore[union-attr]
        disk = full_disk(monkeypatch, session_path(app))
        await type_idea(pilot, text)
        assert disk.wait_refused(1)
        await pilot.press("ctrl+q")
        await choose(pilot, 1)
    return session, disk


async def test_a_typed_idea_is_pending_until_its_slow_fsync_returns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    disk = GatedDisk(monkeypatch)
    async with meeting(tmp_path) as (app, pilot):
        assert app.writer is not None and app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: "saved" in rail(app))
        disk.hold()
        await type_idea(pilot, "Fietsen")
        assert disk.wait_blocked()
        assert await until(pilot, lambda: bool(board(app)))
        assert board(app)[-1].endswith("Fietsen" + PENDING_MARK)  # on the board, not on disk
        assert await until(pilot, lambda: "saving" in rail(app))
        assert "✔" not in rail(app)
        await type_idea(pilot, "Bussen")  # the screen does not wait for the disk
        assert await until(pilot, lambda: len(board(app)) == 2)
        assert [line.endswith(PENDING_MARK) for line in board(app)] == [True, True]

        disk.release()
        assert app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: board(app) == ["  1  Fietsen", "  2  Bussen"])
        assert rail(app).startswith("✔")
        on_disk = fold(Archive(tmp_path).read(app.meeting.state.session_id))  # type: ignore[union-attr]
        assert [i.text for i in on_disk.ideas.values()] == ["Fietsen", "Bussen"]


@pytest.mark.parametrize("refusal", ["full", "read_only"])
async def test_quitting_while_the_disk_refuses_asks_and_staying_keeps_retrying(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, refusal: str
) -> None:
    import errno

    async with meeting(tmp_path) as (app, pilot):
        disk = full_disk(
            monkeypatch, session_path(app), errno.ENOSPC if refusal == "full" else errno.EROFS
        )
        await type_idea(pilot, "Past niet")
        assert disk.wait_refused(1)
        await pilot.press("ctrl+q")
        assert await until(pilot, dialog_on_top(pilot))
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "Not on disk yet — records waiting: 1." in dialog.title_text
        assert "“Past niet”" in dialog.title_text
        await choose(pilot, 0)  # keep retrying and stay
        assert isinstance(app.screen, RunScreen) and app.is_running
        await type_idea(pilot, "Nog een")  # the next idea is taken: the writer is not closed
        assert await until(pilot, lambda: len(board(app)) == 2)
        assert board(app)[-1].endswith("Nog een" + PENDING_MARK)

        disk.free()
        assert app.writer is not None and app.writer.flush(timeout=WAIT)
        await pilot.press("ctrl+q")  # "leave the meeting?" — everything is on disk now
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("ctrl+q")  # a second Ctrl+Q is yes
        assert await until(pilot, lambda: not app.is_running)
    assert app.writer is None  # quit, with everything on disk
    session = Archive(tmp_path).ids()[0]
    texts = [i.text for i in fold(Archive(tmp_path).read(session)).ideas.values()]
    assert texts == ["Past niet", "Nog een"]


async def test_left_in_a_rescue_file_and_added_back_when_the_session_opens_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        await type_idea(pilot, "Op schijf")
        assert app.writer is not None and app.writer.flush(timeout=WAIT)
        session = app.meeting.state.session_id  # type: ignore[union-attr]
        disk = full_disk(monkeypatch, session_path(app))
        for text in ("Gered 1", "Gered 2 🚲"):
            await type_idea(pilot, text)
        assert disk.wait_refused(1)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await choose(pilot, 1)  # leave them in a rescue file
    assert app.writer is None
    disk.free()
    archive = Archive(tmp_path)
    [rescue] = find_rescues(archive, session)
    before = archive.read(session)
    assert [i.text for i in fold(before).ideas.values()] == ["Op schijf"]

    again = make_app(tmp_path, session_id=session)
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()
        assert await until(pilot, dialog_on_top(pilot))
        dialog = again.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "records: 2." in dialog.title_text
        await choose(pilot, 0)  # add them back
        assert isinstance(again.screen, RunScreen)
        assert again.writer is not None and again.writer.flush(timeout=WAIT)
        added = ["Op schijf", "Gered 1", "Gered 2 🚲"]
        assert await until(pilot, lambda: [line[5:] for line in board(again)] == added)
    after = archive.read(session)
    assert [r.seq for r in after] == list(range(1, len(after) + 1))
    assert after[: len(before)] == before  # appended after what was on disk, in order
    assert [i.text for i in fold(after).ideas.values()] == ["Op schijf", "Gered 1", "Gered 2 🚲"]
    assert not rescue.exists()


async def test_a_rescue_set_aside_is_not_added_and_not_offered_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session, disk = await left_in_a_rescue_file(monkeypatch, tmp_path, "Opzij")
    disk.free()
    again = make_app(tmp_path, session_id=session)
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        await choose(pilot, 1)  # set aside
        assert isinstance(again.screen, RunScreen)
        assert board(again) == []
    archive = Archive(tmp_path)
    assert find_rescues(archive, session) == []
    assert [p.suffix for p in archive.set_aside_dir.iterdir()] == [".rescue"]


async def test_going_home_from_the_summary_while_records_wait_asks_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        assert app.meeting is not None
        disk = full_disk(monkeypatch, session_path(app))
        await type_idea(pilot, "Wacht op de schijf")
        assert disk.wait_refused(1)
        app.switch_screen(SummaryScreen(app.meeting.state, app.meeting.now))
        assert await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        summary.action_home()
        assert await until(pilot, dialog_on_top(pilot))
        await choose(pilot, 0)  # stay
        assert app.screen is summary and app.writer is not None
        disk.free()
        assert app.writer.flush(timeout=WAIT)
        summary.action_home()
        assert await until(pilot, lambda: len(app.screen_stack) == 1)
        assert app.writer is None


async def test_a_bug_in_the_writer_is_told_in_words_not_as_a_disk_failure(
    tmp_path: Path,
) -> None:
    async with meeting(tmp_path) as (app, pilot):
        assert app.meeting is not None

        def broken(records: object) -> None:
            raise TypeError("a bug")

        app.meeting.session.writer.append_many = broken  # type: ignore[method-assign]
        await type_idea(pilot, "Vast")
        assert app.writer is not None and not app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: "writer stopped" in rail(app))
        messages = [n.message for n in app._notifications]
        assert any("internal error" in m and "not a disk failure" in m for m in messages)
        assert "writer stopped" in rail(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await choose(pilot, 1)  # into a rescue file
    assert app.writer is None
    [rescue] = find_rescues(Archive(tmp_path), Archive(tmp_path).ids()[0])
    assert b"Vast" in rescue.read_bytes()


def test_records_waiting_when_the_app_ends_by_itself_go_to_a_rescue_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The terminal closed (or the app crashed): nobody to ask, so the records are rescued."""
    import asyncio

    holder: dict[str, object] = {}

    async def run() -> None:
        async with meeting(tmp_path) as (app, pilot):
            disk = full_disk(monkeypatch, session_path(app))
            await type_idea(pilot, "Terminal dicht")
            assert disk.wait_refused(1)
            holder["app"] = app
            app.exit()  # not the quit key: the way a closed terminal ends it
        holder["disk"] = disk

    asyncio.run(run())
    app = holder["app"]
    assert isinstance(app, WyberApp) and app.writer is not None
    app.rescue_on_exit()
    assert app.writer is None
    archive = Archive(tmp_path)
    [rescue] = find_rescues(archive, archive.ids()[0])
    assert "Terminal dicht" in rescue.read_text(encoding="utf-8")


async def test_records_added_back_and_refused_again_are_in_one_rescue_file_not_two(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session, disk = await left_in_a_rescue_file(monkeypatch, tmp_path, "Twee keer gered")
    disk.free()
    [first] = find_rescues(Archive(tmp_path), session)

    again = make_app(tmp_path, session_id=session)
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()
        assert await until(pilot, dialog_on_top(pilot))
        disk.fill()  # the disk refuses again before the records added back are on it
        await choose(pilot, 0)
        assert disk.wait_refused(disk.refused + 1)
        assert first.exists()  # not on disk yet: the rescue file stays
        await pilot.press("ctrl+q")
        await choose(pilot, 1)
    disk.free()
    [second] = find_rescues(Archive(tmp_path), session)
    assert second != first and not first.exists()
    assert "Twee keer gered" in second.read_text(encoding="utf-8")


async def test_a_vote_and_an_agreement_are_pending_on_their_boards_until_on_disk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    disk = GatedDisk(monkeypatch)
    async with meeting(tmp_path) as (app, pilot):
        assert app.meeting is not None and app.writer is not None
        await type_idea(pilot, "Fietsen")
        await pilot.press("f8")  # converge
        assert await until(pilot, lambda: bool(targets(app)))
        assert app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: not targets(app)[0].endswith(PENDING_MARK))

        disk.hold()
        await pilot.press("plus")  # a dot for the idea: its tally is not on disk yet
        assert disk.wait_blocked()
        assert await until(pilot, lambda: targets(app)[0].endswith(PENDING_MARK))
        disk.release()
        assert app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: not targets(app)[0].endswith(PENDING_MARK))

        await pilot.press("f8")  # consolidate
        board = app.screen.query_one("#consolidate", AgreementBoard)
        assert await until(pilot, lambda: board.display)
        disk.hold()
        board.act(lambda: app.meeting.record_agreement("Elke week fietsen"))  # type: ignore[union-attr]
        assert disk.wait_blocked()
        assert await until(pilot, lambda: agreement_text(app).endswith(PENDING_MARK))
        disk.release()
        assert app.writer.flush(timeout=WAIT)
        assert await until(pilot, lambda: agreement_text(app).endswith("Elke week fietsen"))


def targets(app: WyberApp) -> list[str]:
    options = app.screen.query_one("#targets", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def agreement_text(app: WyberApp) -> str:
    table = app.screen.query_one("#agreements", DataTable)
    return str(table.get_cell_at(Coordinate(0, 1))) if table.row_count else ""
