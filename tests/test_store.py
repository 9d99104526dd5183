"""The archive keeps what it acknowledged and says clearly what it cannot do.

A torn last line reads as the records before it and a writer cuts it away; damage anywhere else
is a corrupt session, set aside untouched while the rest of the archive lists. A read-only folder
or a full disk is a WriteFailed message, the file holding exactly what was acknowledged. Listing
reads only the sessions that changed. Every record is fsync'd before record() returns.
"""

import errno
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tui.wyber import journal
from tui.wyber.events import IdeaAdded, ParticipantAdded, Record, SessionResumed, stored
from tui.wyber.i18n import tr
from tui.wyber.plan import Plan
from tui.wyber.sample import sample_records
from tui.wyber.session import LiveSession, resume_session, start_session
from tui.wyber.store import Archive, SessionCorrupt, WriteFailed

from .disks import Disk, inside, patch_journal_fsync
from .factory import START, FakeClock, FakeWall, opened, plan_data

PLAN = Plan.model_validate(plan_data())
PEOPLE = [
    ParticipantAdded(participant_id="p1", name="Anna de Vries"),
    ParticipantAdded(participant_id="p2", name="مريم الحداد"),
]
LAST_IDEA = IdeaAdded(
    idea_id="last",
    text="Laatste idee 👩🏽‍🔬🔋 — שיתוף פעולה בין השכונות — تحسين جمع النفايات",
    author_name="יונתן",
)


# --- building blocks ------------------------------------------------------------------------------


def import_session(
    archive: Archive, session_id: str, *, day: int = 0, ideas: int = 8
) -> list[Record]:
    """A realistic finished session, stored in the archive; its records as written."""
    records = sample_records(PLAN, session_id, START + timedelta(days=day), ideas=ideas, seed=day)
    archive.import_records(records)
    return records


def unfinished_session(archive: Archive, session_id: str) -> list[Record]:
    """A realistic session broken off in the middle, whose last record is a long emoji and
    right-to-left idea (so cuts land inside multi-byte characters too)."""
    records = sample_records(PLAN, session_id, START, ideas=8)[:-2]
    last = records[-1]
    records.append(Record(seq=last.seq + 1, at=last.at, t=last.t + 1.0, event=LAST_IDEA))
    archive.import_records(records)
    return records


def line_starts(raw: bytes) -> list[int]:
    """The offset of each line of a journal (line 0 is the header)."""
    return [0, *(i + 1 for i, byte in enumerate(raw[:-1]) if byte == ord("\n"))]


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under `root`."""
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def set_aside_files(archive: Archive) -> list[Path]:
    if not archive.set_aside_dir.is_dir():
        return []
    return sorted(archive.set_aside_dir.iterdir())


def assert_clear_message(message: str, *expected: str) -> None:
    """A message a facilitator can read: what is expected in it, and no traceback."""
    for words in expected:
        assert words in message
    assert "Traceback" not in message and 'File "' not in message


def live_session(archive: Archive, session_id: str = "s1") -> LiveSession:
    clock = FakeClock()
    return start_session(
        archive, opened(PLAN, session_id), PEOPLE, monotonic=clock, wall=FakeWall(clock)
    )


def idea(number: int) -> IdeaAdded:
    return IdeaAdded(idea_id=f"i{number}", text=f"Idee {number} 💡 فكرة {number}")


# --- a torn or damaged journal --------------------------------------------------------------------


def test_a_cut_inside_the_last_line_reads_as_the_records_before_it(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "data")
    records = unfinished_session(archive, "cut")
    path = archive.path_of("cut")
    raw = path.read_bytes()
    last = line_starts(raw)[-1]
    assert len(raw) - last > 150  # the last record is long enough to be cut in many places

    for offset in range(last, len(raw)):
        path.write_bytes(raw[:offset])
        assert archive.read("cut") == records[:-1], f"cut at byte {offset}"
        assert path.read_bytes() == raw[:offset], "reading must never change the file"

    typed = raw.index(b'"type":"idea', last) + len(b'"type":"i')
    for offset in (last, last + 1, typed, (last + len(raw)) // 2, len(raw) - 1):
        path.write_bytes(raw[:offset])
        listing = archive.listing()
        # Cut before its type shows, the record may have been the session's end: that is said.
        problems = [p.render("en") for p in listing.problems]
        maybe_end = [tr("en", "archive.torn.record", session="cut")]
        assert problems == (maybe_end if last < offset < typed else []), f"cut at byte {offset}"
        assert [(s.id, s.counts.records) for s in listing.sessions] == [("cut", len(records) - 1)]
        assert path.read_bytes() == raw[:offset], "listing must never change the file"


def test_a_writer_cuts_a_torn_tail_away_and_appends_after_it(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "data")
    records = unfinished_session(archive, "cut")
    path = archive.path_of("cut")
    raw = path.read_bytes()
    last = line_starts(raw)[-1]

    for offset in range(last, len(raw)):
        path.write_bytes(raw[:offset])
        with archive.open("cut") as writer:
            assert bool(writer.dropped_tail) == (offset > last), f"cut at byte {offset}"
            assert path.read_bytes() == raw[:last], f"cut at byte {offset}: tail not cut away"
        clock = FakeClock()
        with resume_session(archive, "cut", monotonic=clock, wall=FakeWall(clock)) as live:
            assert live.state.last_seq == len(records), f"cut at byte {offset}"  # + resumed
            added = live.record(IdeaAdded(idea_id="after", text="Verder na de breuk ✂️"))
        repaired = path.read_bytes()
        assert repaired.startswith(raw[:last]), f"cut at byte {offset}"
        assert repaired.endswith(b"\n") and repaired.count(b"\n") == len(records) + 2
        back = archive.read("cut")
        assert back[:-2] == records[:-1], f"cut at byte {offset}"
        assert isinstance(back[-2].event, SessionResumed) and back[-1] == added


def damaged_before_the_end(raw: bytes) -> Iterator[tuple[str, bytes]]:
    """Journals damaged before their last line: a cut in a middle line that leaves intact
    records after it, with the line's end gone (merged into the next) or kept."""
    starts = line_starts(raw)
    count = len(starts) - 1  # records; line i holds record i
    for line in sorted({1, 2, count // 2, count - 2, count - 1}):
        start, end = starts[line], starts[line + 1]
        for cut in sorted({start, start + 1, (start + end) // 2, end - 2, end - 1}):
            if line < count - 1:  # a merged second-to-last line would be the (torn) last one
                yield f"line {line} cut at {cut - start}, merged", raw[:cut] + raw[end:]
            if cut < end - 1:  # (cutting just the newline and putting it back is no damage)
                yield (
                    f"line {line} cut at {cut - start}, then intact lines",
                    (raw[:cut] + b"\n" + raw[end:]),
                )


def damaged_header(raw: bytes) -> Iterator[tuple[str, bytes]]:
    header_end = raw.index(b"\n") + 1
    for cut in range(header_end):
        yield f"header cut at {cut}", raw[:cut]
    yield "header only", raw[:header_end]
    yield "header without its newline", raw[: header_end - 1] + raw[header_end:]
    yield "header of another format", raw.replace(b'"format":1', b'"format":2', 1)
    yield "header missing", raw[header_end:]
    yield "a plain TinyDB file", b'{"_default": {"1": {"seq": 1}}}'


def test_damage_before_the_last_line_is_corrupt_not_silently_dropped(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "data")
    unfinished_session(archive, "cut")
    path = archive.path_of("cut")
    raw = path.read_bytes()
    cases = [*damaged_before_the_end(raw), *damaged_header(raw)]
    assert len(cases) > 60

    for name, damaged in cases:
        path.write_bytes(damaged)
        try:
            records = archive.read("cut")
        except SessionCorrupt as corrupt:
            assert_clear_message(corrupt.render("en"), "damaged", str(path))
        else:
            pytest.fail(f"{name}: read as {len(records)} records, not as a corrupt session")
        assert path.read_bytes() == damaged, f"{name}: reading must never change the file"


def middle_case(raw: bytes, ending: str) -> bytes:
    """A journal cut in a line half-way through it, with intact records after it."""
    cases = [damaged for name, damaged in damaged_before_the_end(raw) if name.endswith(ending)]
    return cases[len(cases) // 2]


def damage_kinds() -> dict[str, Callable[[bytes], bytes]]:
    return {
        "middle line cut, merged": lambda raw: middle_case(raw, "merged"),
        "middle line cut, then intact lines": lambda raw: middle_case(raw, "intact lines"),
        "header of another format": lambda raw: dict(damaged_header(raw))[
            "header of another format"
        ],
        "header cut": lambda raw: raw[:10],
        "empty file": lambda raw: b"",
        "garbage": lambda raw: bytes(range(256)) * 3,
    }


@pytest.mark.parametrize("kind", ["middle line cut, then intact lines", "header of another format"])
def test_opening_a_corrupt_session_sets_it_aside_untouched(tmp_path: Path, kind: str) -> None:
    archive = Archive(tmp_path / "data")
    unfinished_session(archive, "cut")
    path = archive.path_of("cut")
    raw = path.read_bytes()
    damaged = damage_kinds()[kind](raw)
    path.write_bytes(damaged)

    with pytest.raises(SessionCorrupt) as corrupt:
        resume_session(archive, "cut")
    moved = Path(str(corrupt.value.params["moved"]))
    assert moved.parent == archive.set_aside_dir
    assert moved.read_bytes() == damaged
    assert not path.exists()
    assert_clear_message(corrupt.value.render("en"), "damaged", "moved aside", str(moved))
    assert set_aside_files(archive) == [moved]


@pytest.mark.parametrize("kind", list(damage_kinds()))
def test_listing_sets_a_corrupt_session_aside_and_lists_the_others(
    tmp_path: Path, kind: str
) -> None:
    archive = Archive(tmp_path / "data")
    import_session(archive, "good-1", day=1)
    import_session(archive, "good-2", day=2)
    unfinished_session(archive, "bad")
    path = archive.path_of("bad")
    damaged = damage_kinds()[kind](path.read_bytes())
    path.write_bytes(damaged)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-2", "good-1"]
    [problem] = listing.problems
    assert isinstance(problem, SessionCorrupt)
    moved = Path(str(problem.params["moved"]))
    assert set_aside_files(archive) == [moved]
    assert moved.read_bytes() == damaged
    assert not path.exists()
    assert_clear_message(problem.render("en"), str(path), str(moved))

    again = archive.listing()
    assert [s.id for s in again.sessions] == ["good-2", "good-1"] and not again.problems


# --- a corrupt session does not stop the rest -----------------------------------------------------


def test_a_garbage_file_among_three_good_sessions_is_set_aside_and_the_three_list(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path / "data")
    good = [import_session(archive, f"good-{day}", day=day) for day in (1, 2, 3)]
    garbage = b"\x00\xffnot a journal\n" + "🙈 kapot".encode() * 50 + b"\n{\n"
    junk = archive.path_of("junk")
    junk.write_bytes(garbage)

    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["good-3", "good-2", "good-1"]
    assert [s.counts.records for s in listing.sessions] == [len(r) for r in reversed(good)]
    [problem] = listing.problems
    moved = Path(str(problem.params["moved"]))
    assert moved.parent == archive.set_aside_dir
    assert moved.read_bytes() == garbage
    assert not junk.exists()
    assert str(moved) in problem.render("en")


def test_a_corrupt_session_open_in_another_wyber_is_reported_but_not_moved(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path / "data")
    import_session(archive, "good", day=1)
    bad = archive.path_of("bad")
    bad.write_bytes(b"garbage\n")
    other_wyber = FileLock(archive.locks_dir / "bad.lock", blocking=False)
    with other_wyber:
        listing = archive.listing()
        [problem] = listing.problems
        assert isinstance(problem, SessionCorrupt) and problem.params["moved"] == ""
        assert bad.read_bytes() == b"garbage\n"
        assert set_aside_files(archive) == []
        assert [s.id for s in listing.sessions] == ["good"]
    [problem] = archive.listing().problems
    assert Path(str(problem.params["moved"])).read_bytes() == b"garbage\n"


# --- a read-only folder ---------------------------------------------------------------------------


class ReadOnlyFolder:
    """Everything under `root` behaves as on a read-only file system (the tests run as root, so
    chmod would not stop a write): each call that would change it fails with EROFS, as Linux
    answers it (an existing folder or file is EEXIST first)."""

    WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.root = root.resolve()
        self.refused: list[str] = []
        real_open, real_mkdir, real_io_open = os.open, os.mkdir, io.open
        real_write, real_ftruncate = os.write, os.ftruncate

        def fake_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            if flags & self.WRITING and inside(self.root, path):
                if flags & os.O_CREAT and flags & os.O_EXCL and os.path.lexists(path):
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path)
                self._refuse("open", path)
            return real_open(path, flags, mode, **kw)

        def fake_mkdir(path: Any, mode: int = 0o777, **kw: Any) -> None:
            if inside(self.root, path):
                if os.path.lexists(path):
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path)
                self._refuse("mkdir", path)
            real_mkdir(path, mode, **kw)

        def fake_io_open(file: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
            if any(c in mode for c in "wax+") and inside(self.root, file):
                self._refuse("io.open", file)
            return real_io_open(file, mode, *args, **kw)

        def fake_write(fd: int, data: Any) -> int:
            if self._fd_inside(fd):
                self._refuse("write", fd)
            return real_write(fd, data)

        def fake_ftruncate(fd: int, length: int) -> None:
            if self._fd_inside(fd):
                self._refuse("ftruncate", fd)
            real_ftruncate(fd, length)

        def refusing(name: str, real: Callable[..., Any], *checked: int) -> Callable[..., Any]:
            def fake(*args: Any, **kw: Any) -> Any:
                if any(inside(self.root, args[i]) for i in checked if i < len(args)):
                    self._refuse(name, args[checked[0]])
                return real(*args, **kw)

            return fake

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)
        monkeypatch.setattr(io, "open", fake_io_open)
        monkeypatch.setattr("builtins.open", fake_io_open)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "ftruncate", fake_ftruncate)
        for name, positions in {
            "unlink": (0,),
            "remove": (0,),
            "rmdir": (0,),
            "link": (1,),
            "replace": (0, 1),
            "rename": (0, 1),
        }.items():
            monkeypatch.setattr(os, name, refusing(name, getattr(os, name), *positions))

    def _fd_inside(self, fd: int) -> bool:
        """Whether `fd` is a file under root (opened before the folder turned read-only)."""
        try:
            target = os.fstat(fd)
        except OSError:
            return False
        return any(
            (p.stat().st_dev, p.stat().st_ino) == (target.st_dev, target.st_ino)
            for p in self.root.rglob("*")
            if p.is_file()
        )

    def _refuse(self, call: str, what: Any) -> None:
        self.refused.append(call)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(what))


def test_starting_a_session_in_a_read_only_archive_fails_clearly_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    archive = Archive(root)
    earlier = import_session(archive, "earlier", day=1)
    archive.listing()
    before = snapshot(root)
    read_only = ReadOnlyFolder(monkeypatch, root)

    with pytest.raises(WriteFailed) as failed:
        live_session(archive, "new")
    assert failed.value.params["reason"] == "read_only"
    assert_clear_message(failed.value.render("en"), "read-only", "--data")
    with pytest.raises(WriteFailed) as failed_again:
        resume_session(archive, "earlier")
    assert_clear_message(failed_again.value.render("en"), "read-only")
    assert read_only.refused  # the writes were really attempted, and refused
    assert snapshot(root) == before

    # A read-only archive still reads and lists; it just cannot remember the listing's work.
    assert [s.id for s in archive.listing().sessions] == ["earlier"]
    assert archive.read("earlier") == earlier
    assert snapshot(root) == before


def test_a_new_archive_in_a_read_only_folder_fails_clearly_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ReadOnlyFolder(monkeypatch, tmp_path)
    archive = Archive(tmp_path / "data")
    with pytest.raises(WriteFailed) as failed:
        live_session(archive)
    assert failed.value.params["reason"] == "read_only"
    assert_clear_message(failed.value.render("en"), "read-only")
    assert snapshot(tmp_path) == {}
    assert archive.listing().sessions == []


def test_a_folder_that_turns_read_only_during_a_meeting_refuses_the_record_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path / "data")
    with live_session(archive) as live:
        live.record(idea(1))
        path = archive.path_of("s1")
        before = path.read_bytes()
        seq = live.state.last_seq
        with monkeypatch.context() as patch:
            ReadOnlyFolder(patch, archive.root)
            with pytest.raises(WriteFailed) as failed:
                live.record(idea(2))
            assert_clear_message(failed.value.render("en"), "read-only")
        assert path.read_bytes() == before
        assert live.state.last_seq == seq and "i2" not in live.state.ideas
        assert live.record(idea(3)).seq == seq + 1


def test_an_archive_under_a_regular_file_fails_clearly(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "wyber-data"
    not_a_folder.write_bytes(b"my notes\n")
    archive = Archive(not_a_folder / "archive")
    with pytest.raises(WriteFailed) as failed:
        live_session(archive)
    assert_clear_message(failed.value.render("en"), "could not record", str(not_a_folder))
    assert not_a_folder.read_bytes() == b"my notes\n"
    assert snapshot(tmp_path) == {"wyber-data": b"my notes\n"}


# --- a full disk ----------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_refuses_the_record_and_keeps_exactly_what_was_acknowledged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    archive = Archive(tmp_path / "data")
    disk = Disk(monkeypatch, archive.root, failing, folder=True)
    live = live_session(archive)
    for number in range(1, 8):
        live.record(idea(number))
    path = archive.path_of("s1")
    acknowledged = archive.read("s1")
    before = path.read_bytes()
    seq = live.state.last_seq

    disk.fill()
    for attempt in (1, 2):  # the 8th idea, twice: the disk stays full
        with pytest.raises(WriteFailed) as failed:
            live.record(IdeaAdded(idea_id="lost", text=f"Past niet meer 💾 ({attempt})"))
        assert failed.value.params["reason"] == "disk_full"
        assert_clear_message(failed.value.render("en"), "disk is full", str(path))
        assert path.read_bytes() == before, f"attempt {attempt}: not exactly what was acknowledged"
        assert live.state.last_seq == seq and "lost" not in live.state.ideas
    assert disk.refused >= 2
    assert disk.partial_writes == (1 if failing == "write" else 0)

    disk.free()
    later = live.record(IdeaAdded(idea_id="later", text="Weer ruimte 🎉"))
    assert later.seq == seq + 1
    live.close()
    assert archive.read("s1") == [*acknowledged, later]
    assert b"lost" not in path.read_bytes() and path.read_bytes().endswith(b"\n")
    with resume_session(archive, "s1") as again:
        assert set(again.state.ideas) == {*(f"i{n}" for n in range(1, 8)), "later"}


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_session_that_cannot_start_on_a_full_disk_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    archive = Archive(tmp_path / "data")
    import_session(archive, "earlier", day=1)
    disk = Disk(monkeypatch, archive.root, failing, folder=True)
    # Nothing fits any more. start_session writes the opening and the participants in one
    # atomic create, so there is no moment at which only part of a new session is on disk.
    disk.fill()

    with pytest.raises(WriteFailed) as failed:
        live_session(archive, "new")
    assert failed.value.params["reason"] == "disk_full"
    assert_clear_message(failed.value.render("en"), "disk is full")
    assert disk.refused
    left = sorted(p.name for p in archive.sessions_dir.iterdir())
    assert left == ["earlier.jsonl"], f"start_session failed, yet left files behind: {left}"
    listing = archive.listing()
    assert [s.id for s in listing.sessions] == ["earlier"] and not listing.problems

    disk.free()
    with live_session(archive, "new") as live:
        assert live.state.last_seq == 1 + len(PEOPLE)


# --- listing reads only what changed --------------------------------------------------------------


def count_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts Archive.read_tailed calls (which Archive.read makes) per session and journal reads
    per file ("journal:<id>")."""
    reads: Counter[str] = Counter()
    real_read, real_journal = Archive.read_tailed, journal.read_journal

    def counting_read(self: Archive, session_id: str) -> tuple[list[Record], bytes]:
        reads[session_id] += 1
        return real_read(self, session_id)

    def counting_journal(path: Path) -> Any:
        reads[f"journal:{path.stem}"] += 1
        return real_journal(path)

    monkeypatch.setattr(Archive, "read_tailed", counting_read)
    monkeypatch.setattr(journal, "read_journal", counting_journal)
    return reads


def test_a_second_listing_reads_no_unchanged_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path / "data")
    ids = [f"day-{day}" for day in range(1, 5)]
    for day, session_id in enumerate(ids, start=1):
        import_session(archive, session_id, day=day)
    reads = count_reads(monkeypatch)

    first = archive.listing()
    assert reads == Counter({**dict.fromkeys(ids, 1), **{f"journal:{i}": 1 for i in ids}})
    reads.clear()
    second = archive.listing()
    assert reads == Counter()
    assert second.sessions == first.sessions and not second.problems

    with resume_session(archive, "day-2") as live:  # finished, so no session_resumed record
        live.record(IdeaAdded(idea_id="nog-een", text="Nog één idee ☝️"))
    reads.clear()
    third = archive.listing()
    assert reads == Counter({"day-2": 1, "journal:day-2": 1})
    counts = {s.id: s.counts.records for s in third.sessions}
    assert counts["day-2"] == {s.id: s.counts.records for s in first.sessions}["day-2"] + 1
    reads.clear()
    assert archive.listing().sessions == third.sessions
    assert reads == Counter()


def index_damage(good: bytes) -> dict[str, bytes]:
    entries = json.loads(good)
    some_id = sorted(entries)[0]
    return {
        "empty": b"",
        "cut in half": good[: len(good) // 2],
        "garbage": b"\x00\xff\xfe garbage \x80",
        "a list": b"[1, 2, 3]",
        "a string": b'"index"',
        "entries are not objects": json.dumps(dict.fromkeys(entries, "x")).encode(),
        "entries are lists": json.dumps({key: [1, 2] for key in entries}).encode(),
        "summary is wrong": json.dumps(
            {**entries, some_id: {"stamp": entries[some_id]["stamp"], "summary": {"id": 5}}}
        ).encode(),
        "summary is not an object": json.dumps(
            {**entries, some_id: {"stamp": entries[some_id]["stamp"], "summary": "x"}}
        ).encode(),
        "stamp missing": json.dumps(
            {**entries, some_id: {"summary": entries[some_id]["summary"]}}
        ).encode(),
    }


INDEX_DAMAGE = [
    "empty",
    "cut in half",
    "garbage",
    "a list",
    "a string",
    "entries are not objects",
    "entries are lists",
    "summary is wrong",
    "summary is not an object",
    "stamp missing",
]


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_a_damaged_index_is_rebuilt_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    archive = Archive(tmp_path / "data")
    ids = [f"day-{day}" for day in range(1, 4)]
    for day, session_id in enumerate(ids, start=1):
        import_session(archive, session_id, day=day)
    expected = archive.listing().sessions
    archive.index_path.write_bytes(index_damage(archive.index_path.read_bytes())[damage])

    listing = archive.listing()
    assert listing.sessions == expected and not listing.problems
    rebuilt = json.loads(archive.index_path.read_bytes())
    assert sorted(rebuilt) == ids
    reads = count_reads(monkeypatch)
    assert archive.listing().sessions == expected
    assert reads == Counter(), "the rebuilt index is used again"
    assert set_aside_files(archive) == []


# --- acknowledged means fsync'd -------------------------------------------------------------------


class SyncLog:
    """Records, in order, every os.write, os.link and fsync (also the one JournalStorage got as
    its default), with what the file and the live session looked like at each fsync."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self.live: LiveSession | None = None
        real_write, real_fsync, real_link = os.write, os.fsync, os.link

        def spy_write(fd: int, data: Any) -> int:
            written = real_write(fd, data)
            self.entries.append(("write", os.fstat(fd).st_ino, written))
            return written

        def spy_fsync(fd: int) -> None:
            real_fsync(fd)
            state = os.fstat(fd)
            seq = self.live.state.last_seq if self.live else None
            self.entries.append(("fsync", state.st_ino, state.st_size, seq))

        def spy_link(source: Any, target: Any, **kw: Any) -> None:
            real_link(source, target, **kw)
            self.entries.append(("link", Path(os.fsdecode(target)).stat().st_ino))

        monkeypatch.setattr(os, "write", spy_write)
        monkeypatch.setattr(os, "fsync", spy_fsync)
        monkeypatch.setattr(os, "link", spy_link)
        patch_journal_fsync(monkeypatch, spy_fsync)

    def since(self, mark: int) -> list[tuple[Any, ...]]:
        return self.entries[mark:]


def last_index(entries: list[tuple[Any, ...]], kind: str, inode: int) -> int:
    return max((i for i, e in enumerate(entries) if e[0] == kind and e[1] == inode), default=-1)


def test_creating_a_session_fsyncs_its_file_and_folder_before_returning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path / "data")
    log = SyncLog(monkeypatch)
    live = live_session(archive)
    path = archive.path_of("s1")
    inode, folder = path.stat().st_ino, archive.sessions_dir.stat().st_ino
    entries = log.since(0)

    linked = last_index(entries, "link", inode)
    assert linked >= 0, "the journal appears by a link"
    assert last_index(entries, "fsync", folder) > linked, "the folder is synced after the link"
    written, synced = last_index(entries, "write", inode), last_index(entries, "fsync", inode)
    assert 0 <= written < synced, "the opening and the participants are synced after written"
    assert entries[synced][2] == path.stat().st_size
    assert len(archive.read("s1")) == 1 + len(PEOPLE)
    live.close()


def test_each_record_is_fsynced_to_the_session_file_before_record_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(tmp_path / "data")
    log = SyncLog(monkeypatch)
    with live_session(archive) as live:
        log.live = live
        path = archive.path_of("s1")
        inode = path.stat().st_ino
        for number in range(1, 26):
            mark = len(log.entries)
            record = live.record(idea(number))
            entries = log.since(mark)
            written = last_index(entries, "write", inode)
            synced = last_index(entries, "fsync", inode)
            assert 0 <= written < synced, f"record {record.seq}: {entries}"
            _, _, size, seq_at_sync = entries[synced]
            assert size == path.stat().st_size, "the fsync covered the whole record"
            assert seq_at_sync == record.seq - 1, "the state takes the record after the fsync"
            assert live.state.last_seq == record.seq
            last_line = path.read_bytes().splitlines()[-1]
            assert json.loads(last_line)["doc"] == stored(record)


def test_a_session_opened_in_one_thread_is_released_when_closed_from_another(
    tmp_path: Path,
) -> None:
    # The app opens a session in a worker thread; its background writer closes it elsewhere.
    # A thread-local lock would stay held by the worker thread, refusing every later resume.
    import threading

    archive = Archive(tmp_path)
    clock = FakeClock()
    opened_in_worker: list[LiveSession] = []
    worker = threading.Thread(
        target=lambda: opened_in_worker.append(
            start_session(archive, opened(), PEOPLE, monotonic=clock, wall=FakeWall(clock))
        )
    )
    worker.start()
    worker.join()
    opened_in_worker[0].close()
    archive.open("s1").close()
