"""A wyber process for the store's crash and lock tests; run as `python -m tests.store_worker`.

Not a test module (pytest does not collect it): test_store_crash.py starts it as a subprocess.

    record ROOT LIMIT   print "START", start session SESSION_ID in the archive at ROOT and record
                        ideas as fast as possible, printing "ACK <seq>" (flushed) after each
                        record() returns; stops after LIMIT records, so a lost parent never fills
                        the disk
    hold ROOT           open (or start) SESSION_ID, print "READY", and keep it open until stdin
                        closes or sends a line; then close it and print "CLOSED"
    die-after-create ROOT
                        start SESSION_ID, but SIGKILL this process the moment its journal file is
                        in place, before the opening record is written (the narrowest crash window)

Everything a test needs to check what was written (the plan, the participants, the event of each
seq) is built here from the seq alone, so the parent knows the exact content to expect.
"""

import os
import signal
import sys
from pathlib import Path
from typing import Any

from tui.wyber import journal, store
from tui.wyber.events import Event, IdeaAdded, ParticipantAdded, SessionOpened
from tui.wyber.plan import Plan
from tui.wyber.session import LiveSession, resume_session, start_session
from tui.wyber.store import Archive

SESSION_ID = "20261123-0900-c4a5"

PARTICIPANTS: tuple[ParticipantAdded, ...] = (
    ParticipantAdded(participant_id="p1", name="Anna de Vries", organisation="Gemeente"),
    ParticipantAdded(participant_id="p2", name="مريم الحداد", role="bewoner"),
    ParticipantAdded(participant_id="p3", name="יונתן כהן", email="jonathan@example.org"),
)

# Texts as a facilitator might type them: emoji (with skin tones and joiners), right-to-left
# scripts with and without direction marks, accents, combining marks, CJK, tabs and newlines.
_FRAGMENTS: tuple[str, ...] = (
    "Meer fietsenstallingen bij het station 🚲",
    "تحسين جمع النفايات في الحي ♻️",
    "שיתוף פעולה בין השכונות 🤝",
    "Crème brûlée voor iedereen — ½ prijs, €4,50",
    "👩🏽‍🔬 labtest met 🔋 accu's + 🧪",
    "多言語のアイデア：ごみの分別",
    "Regel één\nRegel twee\twith a tab",
    "\u200fمرحبا\u200f and LTR mixed in: abc ١٢٣",
    "Cafe\u0301 met combinerend accent, e\u0301e\u0301n",
    "🏳️‍🌈🇳🇱👨‍👩‍👧‍👦 familie-emoji",
)


def plan() -> Plan:
    return Plan.model_validate(
        {
            "title": "Batterijen in de wijk 🔋",
            "language": "nl",
            "goal": "Ideeën verzamelen, ordenen en afspreken.",
            "steps": [
                {
                    "title": "Ideeën",
                    "question": "Wat kan beter?",
                    "diverge": {"minutes": 10, "technique": "silent_writing"},
                    "converge": {"minutes": 10, "technique": "dot_vote", "dots": 3},
                    "consolidate": {"minutes": 10, "technique": "consent_round"},
                }
            ],
        }
    )


def opening() -> SessionOpened:
    the_plan = plan()
    return SessionOpened(
        session_id=SESSION_ID,
        plan=the_plan,
        title=the_plan.title,
        language=the_plan.language,
        place="Stadhuis, zaal 3",
        facilitator="Procesbegeleider",
    )


def idea_text(seq: int) -> str:
    """A different text for every seq; every seventh is long (a few kilobytes), so some writes
    are large and a kill is likelier to land in the middle of one."""
    text = f"{seq}: {_FRAGMENTS[seq % len(_FRAGMENTS)]}"
    if seq % 7 == 0:
        text += " " + " · ".join(_FRAGMENTS) * 4
    return text


def idea_event(seq: int) -> IdeaAdded:
    author = PARTICIPANTS[seq % len(PARTICIPANTS)]
    return IdeaAdded(
        idea_id=f"i{seq}",
        text=idea_text(seq),
        author_id=author.participant_id,
        author_name=author.name,
    )


def expected_event(seq: int) -> Event:
    """The event the `record` worker writes as record `seq`."""
    if seq == 1:
        return opening()
    if seq <= 1 + len(PARTICIPANTS):
        return PARTICIPANTS[seq - 2]
    return idea_event(seq)


def _ack(seq: int) -> None:
    sys.stdout.write(f"ACK {seq}\n")
    sys.stdout.flush()


def record(root: Path, limit: int) -> None:
    archive = Archive(root)
    print("START", flush=True)
    with start_session(archive, opening(), PARTICIPANTS) as live:
        for seq in range(1, live.state.last_seq + 1):
            _ack(seq)
        while live.state.last_seq < limit:
            written = live.record(idea_event(live.state.last_seq + 1))
            _ack(written.seq)


def hold(root: Path) -> None:
    archive = Archive(root)
    live: LiveSession
    if archive.exists(SESSION_ID):
        live = resume_session(archive, SESSION_ID)
    else:
        live = start_session(archive, opening(), PARTICIPANTS)
    print("READY", flush=True)
    sys.stdin.readline()
    live.close()
    print("CLOSED", flush=True)


def die_after_create(root: Path) -> None:
    original = journal.create_journal

    def create_then_die(path: Path, table: str, documents: dict[str, Any]) -> None:
        original(path, table, documents)
        os.kill(os.getpid(), signal.SIGKILL)

    vars(store)["create_journal"] = create_then_die
    start_session(Archive(root), opening(), PARTICIPANTS)


def main(argv: list[str]) -> None:
    mode, root = argv[0], Path(argv[1])
    if mode == "record":
        record(root, int(argv[2]))
    elif mode == "hold":
        hold(root)
    elif mode == "die-after-create":
        die_after_create(root)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
