"""One bad file never stops the rest: whatever lies in the archive's or the plans' folders — a copy,
a link, a folder, a named pipe, a device, a file too large, one wyber may not read, one from a
newer wyber, a damaged index — each is named, and everything else keeps working.

Only damage (content that is not a session journal) is moved to set-aside; what is intact but
unreadable is left where it is. The tests run as root, where chmod does not stop a read: a
refused read is simulated by patching os.open, as the store tests simulate a full disk.
"""

import io
import json
import os
import threading
import tracemalloc
from collections.abc import Iterator
from contextlib import suppress
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tui.cli import main
from tui.wyber import files
from tui.wyber.events import SCHEMA_VERSION, IdeaAdded
from tui.wyber.files import MIB, Unreadable, read_file, read_stream
from tui.wyber.i18n import tr
from tui.wyber.journal import JournalCorrupt, read_journal
from tui.wyber.paths import shipped_plans_dir, user_plans_dir
from tui.wyber.plans import load_plan, plan_entries
from tui.wyber.sample import sample_records
from tui.wyber.session import resume_session
from tui.wyber.store import (
    Archive,
    ListingFailed,
    SessionCorrupt,
    SessionMisnamed,
    SessionTooNew,
)
from tui.wyber.torn import SessionEndTorn

from .factory import START, FakeClock, FakeWall
from .test_store import PLAN, set_aside_files


def add_session(archive: Archive, session_id: str, day: int) -> None:
    records = sample_records(PLAN, session_id, START + timedelta(days=day), ideas=4, seed=day)
    archive.import_records(records)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """Three good, finished sessions."""
    archive = Archive(tmp_path / "data")
    for day in (1, 2, 3):
        add_session(archive, f"good-{day}", day)
    return archive


GOOD = ["good-3", "good-2", "good-1"]


def listed(archive: Archive) -> list[str]:
    return [s.id for s in archive.listing().sessions]


def rendered(problems: list[Any]) -> list[str]:
    return [p.render("en") for p in problems]


def tree(root: Path) -> dict[str, bytes | str]:
    """What is under `root`: each file's bytes, or what else it is."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = f"link to {path.readlink()}"
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = "other"
    return {name: value for name, value in found.items() if name != "index.json"}


# ── the reader itself ───────────────────────────────────────────────────────────────────────


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(Unreadable) as refused:
        read_file(pipe, MIB)  # a plain open would wait here for ever
    assert refused.value.why == "pipe"
    assert refused.value.render("en") == f"{pipe} cannot be read: it is a named pipe, not a file"


@pytest.mark.parametrize(("name", "why"), [("/dev/zero", "device"), ("/dev/null", "device")])
def test_a_device_or_a_link_to_one_is_refused(tmp_path: Path, name: str, why: str) -> None:
    link = tmp_path / "looks-like-a-file"
    link.symlink_to(name)
    for path in (Path(name), link):
        with pytest.raises(Unreadable) as refused:
            read_file(path, MIB)
        assert refused.value.why == why


def test_folders_links_to_nothing_and_loops(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(Unreadable) as folder:
        read_file(tmp_path, MIB)
    assert folder.value.why == "folder"
    with pytest.raises(Unreadable) as loop:
        read_file(tmp_path / "loop", MIB)
    assert loop.value.why == "link_loop"
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "dangling", MIB)


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as handle:
        handle.truncate(600 * MIB)  # sparse: no disk used
    tracemalloc.start()
    try:
        with pytest.raises(Unreadable) as refused:
            read_file(big, 512 * MIB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MIB
    assert "larger than 512 MiB" in refused.value.render("en")


def test_a_file_that_grows_while_it_is_read_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = tmp_path / "grown"
    grown.write_bytes(b"x" * (3 * MIB))
    real_fstat, real_read = os.fstat, os.read
    asked: list[int] = []

    def claims_to_be_small(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        fields = list(info)
        fields[6] = 10  # st_size, as it was when the file was opened
        return os.stat_result(fields)

    def counting(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "fstat", claims_to_be_small)
    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(Unreadable) as refused:
        read_file(grown, MIB)
    assert refused.value.why == "too_big"
    assert sum(asked) <= MIB + 1


def test_a_stream_is_read_no_further_than_the_limit() -> None:
    asked: list[int] = []

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = b"\0" * len(buffer)
            return len(buffer)

        def read(self, size: int = -1) -> bytes:
            asked.append(size)
            assert size >= 0, "an endless stream read whole never ends"
            return b"\0" * size

    with pytest.raises(Unreadable) as refused:
        read_stream(Endless(), "-", 1024)
    assert asked == [1025] and refused.value.why == "too_big"
    assert read_stream(io.BytesIO(b"{}"), "-", 1024) == b"{}"


# ── sessions/ ───────────────────────────────────────────────────────────────────────────────


def test_a_copy_or_a_link_of_a_session_is_named_and_listed_once(archive: Archive) -> None:
    sessions = archive.sessions_dir
    (sessions / "copy-of-good.jsonl").write_bytes(archive.path_of("good-2").read_bytes())
    (sessions / "link.jsonl").symlink_to("good-2.jsonl")
    before = tree(archive.root)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == GOOD
    assert all(isinstance(p, SessionMisnamed) for p in listing.problems)
    original = archive.path_of("good-2")
    assert rendered(listing.problems) == [
        f"{sessions / name} holds session good-2, which is already listed from {original}: "
        "a copy or a link, left out of the list (nothing was moved)"
        for name in ("copy-of-good.jsonl", "link.jsonl")
    ]
    assert tree(archive.root) == before  # nothing moved, nothing changed

    # An index that (from an older wyber) holds an entry for the copy does not list it twice.
    index = json.loads(archive.index_path.read_bytes())
    copy = sessions / "copy-of-good.jsonl"
    stat = copy.stat()
    index["copy-of-good"] = {**index["good-2"], "stamp": [stat.st_size, stat.st_mtime_ns]}
    archive.index_path.write_text(json.dumps(index))
    assert listed(archive) == GOOD


@pytest.mark.parametrize("bad", ["copy", "newer"])
def test_a_copy_or_a_session_from_a_newer_wyber_can_go_to_the_trash(
    capsys: pytest.CaptureFixture[str], archive: Archive, bad: str
) -> None:
    raw = archive.path_of("good-2").read_bytes()
    if bad == "newer":
        raw = raw.replace(
            f'"schema_version":{SCHEMA_VERSION},"seq":3,'.encode(), b'"schema_version":99,"seq":3,'
        )
    (archive.sessions_dir / f"{bad}.jsonl").write_bytes(raw)
    assert main(["--data", str(archive.root), "--lang", "en", "trash", bad]) == 0
    assert not (archive.sessions_dir / f"{bad}.jsonl").exists()
    assert (archive.root / "trash" / f"{bad}.jsonl").read_bytes() == raw
    assert listed(archive) == GOOD and not archive.listing().problems


def test_a_session_saved_under_another_name_says_which_name_lists_it(archive: Archive) -> None:
    archive.path_of("good-2").rename(archive.sessions_dir / "renamed.jsonl")
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    [problem] = rendered(listing.problems)
    assert "holds session good-2 under another name" in problem
    assert "rename it to good-2.jsonl" in problem
    # A misnamed file cannot be opened for recording either: it would record a second good-2.
    with pytest.raises(SessionMisnamed):
        archive.open("renamed")
    assert (archive.sessions_dir / "renamed.jsonl").is_file()


def test_a_folder_a_pipe_a_device_or_a_dead_link_named_like_a_session_leaves_the_rest_listed(
    archive: Archive,
) -> None:
    sessions = archive.sessions_dir
    (sessions / "folder.jsonl").mkdir()
    os.mkfifo(sessions / "pipe.jsonl")
    (sessions / "zero.jsonl").symlink_to("/dev/zero")
    (sessions / "dangling.jsonl").symlink_to("nowhere.jsonl")
    before = tree(archive.root)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == GOOD
    assert rendered(listing.problems) == [
        f"{sessions / 'dangling.jsonl'} cannot be read: "
        "it is a link to something that is not there",
        f"{sessions / 'folder.jsonl'} cannot be read: it is a folder, not a file",
        f"{sessions / 'pipe.jsonl'} cannot be read: it is a named pipe, not a file",
        f"{sessions / 'zero.jsonl'} cannot be read: it is a device, not a file",
    ]
    assert tree(archive.root) == before and set_aside_files(archive) == []
    with pytest.raises(Unreadable):
        archive.read("pipe")


def test_a_session_wyber_may_not_read_is_named_and_left_where_it_is(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = archive.path_of("good-2")
    real_open = os.open

    def no_permission(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if not isinstance(path, int) and Path(os.fsdecode(path)) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_permission)
    before = tree(archive.root)
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    [problem] = rendered(listing.problems)
    assert problem.startswith(f"{refused} cannot be read: wyber may not read it")
    assert "that is no damage" in problem and "moved" not in problem
    assert tree(archive.root) == before and set_aside_files(archive) == []


@pytest.mark.parametrize("version", [0, -1])
def test_a_record_of_schema_version_zero_or_below_is_damage_not_a_crash(
    archive: Archive, version: int
) -> None:
    path = archive.path_of("good-2")
    raw = path.read_bytes()
    damaged = raw.replace(
        f'"schema_version":{SCHEMA_VERSION},"seq":3,'.encode(),
        f'"schema_version":{version},"seq":3,'.encode(),
    )
    assert damaged != raw
    path.write_bytes(damaged)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    [problem] = listing.problems
    assert isinstance(problem, SessionCorrupt)
    assert "record 3, line 4, schema_version: " in problem.render("en")
    [moved] = set_aside_files(archive)
    assert moved.read_bytes() == damaged


def test_a_session_from_a_newer_wyber_is_named_and_not_moved(archive: Archive) -> None:
    path = archive.path_of("good-2")
    newer = path.read_bytes().replace(
        f'"schema_version":{SCHEMA_VERSION},"seq":3,'.encode(), b'"schema_version":99,"seq":3,'
    )
    path.write_bytes(newer)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    [problem] = listing.problems
    assert isinstance(problem, SessionTooNew)
    assert "written by a newer wyber" in problem.render("en")
    assert path.read_bytes() == newer and set_aside_files(archive) == []
    with pytest.raises(SessionTooNew):
        archive.open("good-2")
    assert path.read_bytes() == newer and set_aside_files(archive) == []


def test_windows_line_endings_read_as_the_same_session(archive: Archive) -> None:
    path = archive.path_of("good-2")
    expected = archive.read("good-2")
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)

    assert archive.read("good-2") == expected
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == GOOD and not listing.problems
    assert path.read_bytes() == crlf and set_aside_files(archive) == []
    # It is no damage: wyber records into it as into any other.
    clock = FakeClock()
    with resume_session(archive, "good-2", monotonic=clock, wall=FakeWall(clock)) as live:
        live.record(IdeaAdded(idea_id="na-windows", text="Nog een idee"))
    back = archive.read("good-2")
    assert back[:-1] == expected and isinstance(back[-1].event, IdeaAdded)


def test_a_line_nested_too_deeply_is_damage_not_a_recursion_error(archive: Archive) -> None:
    path = archive.path_of("good-2")
    raw = path.read_bytes()
    second = raw.index(b"\n") + 1
    path.write_bytes(raw[:second] + b"[" * 100_000 + b"\n" + raw[second:])
    with pytest.raises(JournalCorrupt) as corrupt:
        read_journal(path)
    assert corrupt.value.line == 2 and "nested too deeply" in corrupt.value.reason
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    assert isinstance(listing.problems[0], SessionCorrupt)


def test_a_session_that_fails_in_a_way_nobody_foresaw_is_named_and_the_rest_listed(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.wyber import store

    real_fold = store.fold

    def fold_fails_on_good_2(records: Any) -> Any:
        state = real_fold(records)
        if state.session_id == "good-2":
            raise OverflowError("date value out of range")
        return state

    monkeypatch.setattr(store, "fold", fold_fails_on_good_2)
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-1"]
    [problem] = listing.problems
    assert isinstance(problem, ListingFailed)
    assert str(archive.path_of("good-2")) in problem.render("en")
    assert "OverflowError" in problem.render("en")
    assert set_aside_files(archive) == []


# ── a torn last line ────────────────────────────────────────────────────────────────────────


def cut_finished(archive: Archive, session_id: str, keep: bytes) -> None:
    """Cut the session's last line (its session_finished record) just after `keep`."""
    path = archive.path_of(session_id)
    raw = path.read_bytes()
    at = raw.rindex(keep) + len(keep)
    assert b'"type":"session_finished"' in raw[raw.rindex(b"\n", 0, len(raw) - 1) :]
    path.write_bytes(raw[:at])


def test_a_finished_session_whose_end_was_torn_off_says_so(archive: Archive) -> None:
    cut_finished(archive, "good-2", b'"type":"session_f')
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == GOOD
    status = {s.id: s.status for s in listing.sessions}
    assert status == {"good-3": "finished", "good-2": "unfinished", "good-1": "finished"}
    [problem] = listing.problems
    assert isinstance(problem, SessionEndTorn)
    assert problem.render("en") == (
        "session good-2 was finished, but its last record (the end of the session) was cut off "
        "when wyber stopped, so it reads as unfinished; open it and finish it again"
    )
    again = archive.listing()  # from the index now: still said
    assert rendered(again.problems) == rendered(listing.problems)
    assert set_aside_files(archive) == []


def test_wyber_list_says_a_finished_session_reads_unfinished_because_its_end_was_torn(
    capsys: pytest.CaptureFixture[str], archive: Archive
) -> None:
    cut_finished(archive, "good-2", b'"type":"session_fini')
    assert main(["--data", str(archive.root), "--lang", "en", "list"]) == 0
    out, err = capsys.readouterr()
    status = {row.split()[0]: row.split()[3] for row in out.splitlines()[1:]}
    assert status == {"good-3": "finished", "good-2": "unfinished", "good-1": "finished"}
    assert err.splitlines() == [f"wyber: {tr('en', 'archive.torn.end', session='good-2')}"]


def test_a_torn_record_that_cannot_be_told_apart_is_said_as_possibly_the_end(
    archive: Archive,
) -> None:
    cut_finished(archive, "good-2", b'"type":"s')  # session_opened? _resumed? _finished?
    [problem] = rendered(archive.listing().problems)
    assert problem.startswith("the last record of session good-2 was cut off")
    assert "if the session had been finished, it now reads as unfinished" in problem


def test_a_torn_line_of_a_session_open_in_another_wyber_is_a_record_being_written(
    archive: Archive,
) -> None:
    cut_finished(archive, "good-2", b'"type":"session_fin')
    with FileLock(archive.locks_dir / "good-2.lock", blocking=False):
        assert archive.listing().problems == []
    assert len(archive.listing().problems) == 1


# ── the index ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("damage", ["nested", "pipe", "folder", "too big"])
def test_an_index_that_is_deep_a_pipe_a_folder_or_huge_is_only_a_cache(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = archive.listing().sessions
    index = archive.index_path
    index.unlink()
    if damage == "nested":
        index.write_bytes(b"[" * 100_000)
    elif damage == "pipe":
        os.mkfifo(index)
    elif damage == "folder":
        index.mkdir()
    else:
        from tui.wyber import store

        index.write_bytes(b" " * 2048)
        monkeypatch.setattr(store, "MAX_INDEX_BYTES", 1024)
    listing = archive.listing()
    assert listing.sessions == expected and not listing.problems


# ── plans/ ──────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def plans(tmp_path: Path) -> Iterator[Path]:
    """A user's plans folder with a good plan, a named pipe someone is waiting to write a plan
    into, a link to /dev/null, a link to /dev/zero and a folder, all named like plans."""
    folder = user_plans_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_bytes((shipped_plans_dir() / "wyber-30.en.toml").read_bytes())
    pipe = folder / "pipe.toml"
    os.mkfifo(pipe)
    (folder / "null.toml").symlink_to("/dev/null")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "folder.toml").mkdir()
    plan = (shipped_plans_dir() / "wyber-30.nl.toml").read_bytes()

    def writer() -> None:  # opening for writing waits until somebody opens it to read
        with suppress(BrokenPipeError), pipe.open("wb") as handle:
            handle.write(plan)  # (a reader that opens and refuses it breaks the pipe)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    yield folder
    # Let the writer go, however far it got: each reader that opens wakes a writer waiting in
    # open (it may only now have reached it, the readers above having come and gone).
    while thread.is_alive():
        os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(0.05)


def test_pipes_devices_and_folders_in_the_plans_folder_are_named_and_never_read(
    plans: Path,
) -> None:
    entries = {entry.name: entry for entry in plan_entries([plans])}
    assert sorted(entries) == ["folder", "mine", "null", "pipe", "zero"]
    assert entries["mine"].plan is not None
    reasons = {
        name: entry.error.render("en").splitlines()[1].strip()
        for name, entry in entries.items()
        if entry.error is not None
    }
    assert reasons == {
        "folder": "it is a folder, not a file",
        "null": "it is a device, not a file",
        "pipe": "it is a named pipe, not a file",
        "zero": "it is a device, not a file",
    }


def test_wyber_plans_lists_the_rest_and_check_names_the_pipe(
    capsys: pytest.CaptureFixture[str], plans: Path
) -> None:
    data = str(plans.parent)
    assert main(["--data", data, "--lang", "en", "plans"]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("mine ") for line in out.splitlines())
    for name in ("folder", "null", "pipe", "zero"):
        assert f"(not usable: run `wyber check {name}`)" in out
    assert main(["--data", data, "--lang", "en", "check", "pipe"]) == 2
    err = capsys.readouterr().err
    assert f"{plans / 'pipe.toml'} is not a usable plan" in err
    assert "it is a named pipe, not a file" in err


def test_a_plan_saved_by_a_windows_editor_reads(tmp_path: Path) -> None:
    shipped = (shipped_plans_dir() / "wyber-30.en.toml").read_bytes()
    windows = tmp_path / "windows.toml"
    windows.write_bytes(b"\xef\xbb\xbf" + shipped.replace(b"\n", b"\r\n"))
    assert load_plan(windows) == load_plan(shipped_plans_dir() / "wyber-30.en.toml")


# ── the command line ────────────────────────────────────────────────────────────────────────


def test_wyber_list_lists_the_good_sessions_and_names_the_bad_on_stderr(
    capsys: pytest.CaptureFixture[str], archive: Archive
) -> None:
    sessions = archive.sessions_dir
    (sessions / "folder.jsonl").mkdir()
    os.mkfifo(sessions / "pipe.jsonl")
    (sessions / "copy.jsonl").write_bytes(archive.path_of("good-1").read_bytes())
    data = str(archive.root)

    assert main(["--data", data, "--lang", "en", "list"]) == 0
    out, err = capsys.readouterr()
    rows = out.splitlines()[1:]
    assert [row.split()[0] for row in rows] == GOOD
    assert err.splitlines() == [
        f"wyber: {sessions / 'copy.jsonl'} holds session good-1, which is already listed from "
        f"{archive.path_of('good-1')}: a copy or a link, left out of the list (nothing was moved)",
        f"wyber: {sessions / 'folder.jsonl'} cannot be read: it is a folder, not a file",
        f"wyber: {sessions / 'pipe.jsonl'} cannot be read: it is a named pipe, not a file",
    ]
    assert main(["--data", data, "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [s["id"] for s in json.loads(out)] == GOOD and len(err.splitlines()) == 3


def test_an_import_too_large_is_refused_unread_naming_the_file_and_the_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(600 * MIB)  # sparse: no disk used, but 600 MB to whoever reads it
    tracemalloc.start()
    try:
        code = main(["--data", str(tmp_path / "data"), "--lang", "en", "import", str(big)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"wyber: {big} cannot be read: it is larger than 512 MiB, "
        "the most wyber reads of such a file"
    )
    assert peak < 64 * MIB, "the file was read before its size was checked"


def test_an_import_from_standard_input_is_read_no_further_than_the_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.wyber import portable

    monkeypatch.setattr(portable, "MAX_IMPORT_BYTES", 1024)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b" " * 5000)))
    assert main(["--data", str(tmp_path), "--lang", "en", "import", "-"]) == 2
    assert "- cannot be read: it is larger than 1024 B" in capsys.readouterr().err


def test_every_reader_goes_through_the_bounded_reader() -> None:
    """No module of the core reads a file whole (read_bytes, read_text): each goes through
    files.read_file."""
    core = Path(files.__file__).parent
    offenders = [
        str(path.relative_to(core))
        for path in core.rglob("*.py")
        if path.name != "files.py"
        and any(call in path.read_text() for call in (".read_bytes()", ".read_text("))
    ]
    assert offenders == []
