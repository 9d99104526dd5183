"""A series of sessions (traject): numbering runs on, earlier agreements stay open until a later
session reviews them, and the minutes of a session list them with their status."""

from datetime import UTC, date, datetime
from pathlib import Path

from tests.factory import plan_data, records
from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    AgreementReviewed,
    EvaluationRecorded,
    ReviewStatus,
    RoundStarted,
    SessionFinished,
)
from tui.wyber.fold import fold
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.content import Block, Facts, Heading, Table, plain
from tui.wyber.minutes.export import export_session
from tui.wyber.plan import Movement, Plan
from tui.wyber.preparation import Invitee, Preparation
from tui.wyber.series import (
    earlier_agreements,
    earlier_sessions,
    next_number,
    series_sessions,
)
from tui.wyber.state import SessionState
from tui.wyber.store import Archive

PLAN = Plan.model_validate(plan_data())
SERIES = "Ketenaanpak batterijen"
# An agreement of each kind, as a first session of the series records them: numbers 1 to 4.
EACH_KIND = [
    ("a1", AgreementKind.ACTION, "Offerte opvragen"),
    ("a2", AgreementKind.DECISION, "We starten een pilot"),
    ("a3", AgreementKind.AGREEMENT, "Elke maand overleg"),
    ("a4", AgreementKind.PARKED, "Subsidie later"),
]


def session(
    archive: Archive,
    session_id: str,
    held_on: date,
    agreements: list[tuple[str, AgreementKind, str]],
    *,
    series: str = SERIES,
    reviews: tuple[AgreementReviewed, ...] = (),
    evaluation: EvaluationRecorded | None = None,
) -> SessionState:
    """A finished session of the series, numbered on from the sessions already in `archive`."""
    preparation = Preparation(
        plan=PLAN,
        title=f"Sessie {session_id}",
        language="nl",
        held_on=held_on,
        facilitator="Mirjam",
        invitees=[Invitee("Anna de Vries")],
        series=series,
        series_goal="Samen de keten sluiten",
    )
    first = next_number(series_sessions(archive, series)) if series else 1
    start = datetime(held_on.year, held_on.month, held_on.day, 9, tzinfo=UTC)
    events = [
        (0.0, preparation.opening(session_id, first)),
        *((0.0, p) for p in preparation.participant_events()),
        (1.0, RoundStarted(step=0, movement=Movement.CONSOLIDATE)),
        *((2.0, review) for review in reviews),
        *(
            (3.0, AgreementRecorded(agreement_id=aid, kind=kind, text=text, owner_id="p1"))
            for aid, kind, text in agreements
        ),
        *(((3.5, evaluation),) if evaluation is not None else ()),
        (4.0, SessionFinished()),
    ]
    made = records(events, start)
    archive.import_records(made)
    return fold(made)


def earlier_review(
    number: int, text: str, status: ReviewStatus, note: str = ""
) -> AgreementReviewed:
    """A review of agreement `number` (its id: a<number>) of the earlier session "one"."""
    return AgreementReviewed(
        session_id="one",
        agreement_id=f"a{number}",
        number=number,
        text=text,
        status=status,
        note=note,
    )


def test_numbering_runs_on_across_the_sessions_of_a_series(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = session(
        archive,
        "one",
        date(2026, 10, 5),
        [("a1", AgreementKind.ACTION, "Offerte opvragen"), ("a2", AgreementKind.DECISION, "Pilot")],
    )
    assert sorted(a.number for a in first.agreements.values()) == [1, 2]
    second = session(archive, "two", date(2026, 11, 2), [("a1", AgreementKind.ACTION, "Wijk")])
    assert [a.number for a in second.agreements.values()] == [3]
    assert second.series is not None and second.series.first_number == 3
    # Another series, and a session in none, start at 1.
    other = session(
        archive, "x", date(2026, 11, 3), [("a1", AgreementKind.ACTION, "Y")], series="B"
    )
    alone = session(archive, "y", date(2026, 11, 4), [("a1", AgreementKind.ACTION, "Z")], series="")
    assert [a.number for a in other.agreements.values()] == [1]
    assert [a.number for a in alone.agreements.values()] == [1]
    assert alone.series is None


def test_earlier_agreements_stay_open_until_reviewed_decisions_and_parked_items_too(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path)
    session(archive, "one", date(2026, 10, 5), EACH_KIND)
    reviews = (
        earlier_review(1, "Offerte opvragen", ReviewStatus.DONE, note="Offerte ligt er"),
        earlier_review(3, "Elke maand overleg", ReviewStatus.CHANGED, note="Elke zes weken"),
    )
    second = session(archive, "two", date(2026, 11, 2), [], reviews=reviews)
    earlier = earlier_agreements(earlier_sessions(archive, second), second)
    status = {e.text: (e.status, e.reviewed_here, e.still_open) for e in earlier}
    assert status == {
        "Offerte opvragen": (ReviewStatus.DONE, True, False),
        "We starten een pilot": (ReviewStatus.OPEN, False, True),
        "Subsidie later": (ReviewStatus.OPEN, False, True),
        "Elke maand overleg": (ReviewStatus.CHANGED, True, True),
    }
    assert [e.number for e in earlier] == [1, 2, 3, 4]
    assert all(e.held_on == date(2026, 10, 5) for e in earlier)
    # The first session has nothing earlier; a later look from session one ignores session two.
    first = fold(archive.read("one"))
    assert earlier_sessions(archive, first) == []


def tables_after(document_blocks: tuple[Block, ...], heading: str) -> list[Table]:
    """The tables under `heading`, up to the next heading of the same or a higher level."""
    found: list[Table] = []
    level = None
    for block in document_blocks:
        if isinstance(block, Heading):
            if level is not None and block.level <= level:
                break
            if block.text == heading:
                level = block.level
                continue
        if level is not None and isinstance(block, Table):
            found.append(block)
    return found


def test_the_minutes_list_open_agreements_of_earlier_sessions_and_the_reviews(
    tmp_path: Path,
) -> None:
    archive = Archive(tmp_path)
    session(
        archive,
        "one",
        date(2026, 10, 5),
        [
            ("a1", AgreementKind.ACTION, "Offerte opvragen"),
            ("a2", AgreementKind.ACTION, "Locatie zoeken"),
        ],
    )
    review = earlier_review(1, "Offerte opvragen", ReviewStatus.DONE)
    second = session(
        archive,
        "two",
        date(2026, 11, 2),
        [("a9", AgreementKind.ACTION, "Wijk kiezen")],
        reviews=(review,),
    )
    document = build_minutes(
        second, earlier=earlier_agreements([fold(archive.read("one"))], second)
    )
    # What this session reviewed first, then what stays open; each once, without the deadline
    # column nobody has a deadline in.
    (reviewed,) = tables_after(document.blocks, "Besproken in deze sessie")
    assert [[plain(c) for c in row] for row in reviewed.rows] == [
        ["1", "Offerte opvragen", "Anna de Vries", "gedaan", "5 okt 2026"]
    ]
    (still_open,) = tables_after(document.blocks, "Nog open, in deze sessie niet besproken")
    rows = [[plain(cell) for cell in row] for row in still_open.rows]
    assert rows == [["2", "Locatie zoeken", "Anna de Vries", "open", "5 okt 2026"]]
    (actions,) = tables_after(document.blocks, "Acties")
    assert [plain(row[0]) for row in actions.rows] == ["3"]
    facts = next(b for b in document.blocks if isinstance(b, Facts))
    assert ("Traject", SERIES) in facts.lines
    # The exporter reads the series from the archive itself.
    _, markdown = export_session(archive, "two", "md")
    text = markdown.decode()
    assert "Locatie zoeken" in text and "gedaan" in text and "Wijk kiezen" in text
