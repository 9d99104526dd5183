"""The traject between sessions on the command line: `wyber export --series NAME` (the whole
series' decisions and actions) and `wyber remind SERIES` (an e-mail draft per participant)."""

import email
import email.policy
import io
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx2python import docx2python

from tests.factory import plan_data, records
from tui.cli import main
from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    AgreementReviewed,
    EvaluationRecorded,
    ParticipantAdded,
    ReviewStatus,
    RoundStarted,
    SeriesLink,
    SessionFinished,
    SessionOpened,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import Movement, Plan
from tui.wyber.store import Archive

SERIES = "Batterijketen 2026"


def held(
    archive: Archive,
    session_id: str,
    day: date,
    agreements: list[tuple[str, AgreementKind, str, str, date | None]],
    *,
    first: int = 1,
    reviews: tuple[AgreementReviewed, ...] = (),
    started: bool = True,
) -> None:
    plan = Plan.model_validate(plan_data())
    timed = [
        (
            0.0,
            SessionOpened(
                session_id=session_id,
                plan=plan,
                title=f"Sessie {session_id}",
                language="nl",
                held_on=day,
                facilitator="Fenna Visser",
                place="Stadhuis",
                series=SeriesLink(name=SERIES, goal="Een sluitende keten", first_number=first),
            ),
        ),
        (0.0, ParticipantAdded(participant_id="p1", name="Anna de Vries", email="anna@x.example")),
        (0.0, ParticipantAdded(participant_id="p2", name="Bram Jansen", email="bram@x.example")),
        (0.0, ParticipantAdded(participant_id="p3", name="Chaïma", present=False)),
    ]
    if started:
        timed.append((1.0, RoundStarted(step=0, movement=Movement.CONSOLIDATE)))
        timed += [(2.0, review) for review in reviews]
        timed += [
            (
                3.0,
                AgreementRecorded(
                    agreement_id=aid, kind=kind, text=text, owner_id=owner, deadline=deadline
                ),
            )
            for aid, kind, text, owner, deadline in agreements
        ]
        timed.append(
            (
                4.0,
                EvaluationRecorded(
                    went_well="Open gesprek", could_be_better="Korter", next_step="Pilot"
                ),
            )
        )
        timed.append((5.0, SessionFinished()))
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    archive.import_records(records(timed, start))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "data"
    archive = Archive(folder)
    held(
        archive,
        "one",
        date(2026, 11, 9),
        [
            ("a1", AgreementKind.ACTION, "Begroting opstellen", "p2", date(2026, 11, 30)),
            ("a2", AgreementKind.ACTION, "Locaties zoeken", "p1", date(2026, 12, 4)),
            ("a3", AgreementKind.DECISION, "De pilot gaat door", "p1", None),
            ("a4", AgreementKind.AGREEMENT, "Wekelijks afstemmen", "p1", None),
        ],
    )
    review = AgreementReviewed(
        session_id="one",
        agreement_id="a1",
        number=1,
        text="Begroting opstellen",
        status=ReviewStatus.DONE,
        note="Ligt er",
    )
    held(
        archive,
        "two",
        date(2026, 11, 23),
        [("b1", AgreementKind.ACTION, "Wijkraad bellen", "p2", date(2026, 12, 11))],
        first=5,
        reviews=(review,),
    )
    held(archive, "three", date(2026, 12, 7), [], first=6, started=False)
    return folder


def test_export_series_holds_every_item_with_its_history_and_each_session(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lijst.docx"
    assert main(["--data", str(data), "export", "--series", SERIES, "-o", str(out)]) == 0
    with docx2python(io.BytesIO(out.read_bytes())) as content:
        rows = [
            ["\n".join(cell) for cell in row]
            for table in content.body
            for row in table
            if len(row) > 1
        ]
        text = content.text
    # Numbered on across the sessions, each item once, with its history.
    assert ["3", "De pilot gaat door", "Anna de Vries", "9 nov 2026"] in rows
    [begroting] = [row for row in rows if row[1] == "Begroting opstellen"]
    assert begroting[:5] == ["1", "Begroting opstellen", "Bram Jansen", "30 nov 2026", "gedaan"]
    # Each date in the history held together by no-break spaces: never "23 nov / 2026:".
    assert (
        begroting[5] == "9\u00a0nov\u00a02026: afgesproken\n23\u00a0nov\u00a02026: gedaan (Ligt er)"
    )
    assert [
        "5",
        "Wijkraad bellen",
        "Bram Jansen",
        "11 dec 2026",
        "open",
        "23\u00a0nov\u00a02026: afgesproken",
    ] in rows
    # Each session's date, attendance and evaluation.
    for line in ("maandag 9 november 2026 · Sessie one", "maandag 23 november 2026 · Sessie two"):
        assert line in text
    assert ["Afwezig (1)", "Chaïma"] in rows
    assert ["Wat kan beter", "Korter"] in rows
    # A session prepared but not held says so: its list is who is expected, not who came.
    held_ones, _, prepared = text.partition("maandag 7 december 2026 · Sessie three")
    assert "Deze sessie is nog niet gehouden." in prepared and "Aanwezig" not in prepared
    assert ["Op de lijst (3)", "Anna de Vries, Bram Jansen, Chaïma"] in rows
    assert held_ones.count("Aanwezig (2)") == 2
    assert str(out) in capsys.readouterr().err


def test_export_series_is_refused_for_an_unknown_series_or_a_mail(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(data), "--lang", "en", "export", "--series", "Nope"]) == 2
    assert "There is no series ‘Nope’" in capsys.readouterr().err
    assert (
        main(["--data", str(data), "--lang", "en", "export", "--series", SERIES, "--format", "eml"])
        == 2
    )
    assert "not to eml" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["--data", str(data), "export", "one", "--series", SERIES])
    assert done.value.code == 2


def read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_remind_makes_a_draft_per_participant_with_their_actions_and_the_agreements(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    assert main(["--data", str(data), "--lang", "en", "remind", SERIES, "-o", str(folder)]) == 0
    drafts = sorted(folder.glob("*.eml"))
    assert [p.name for p in drafts] == [
        "2026-12-07 Batterijketen 2026 herinnering Anna de Vries.eml",
        "2026-12-07 Batterijketen 2026 herinnering Bram Jansen.eml",
    ]
    anna, bram = (read(path) for path in drafts)
    assert anna["To"] == "Anna de Vries <anna@x.example>"
    assert anna["Subject"] == f"{SERIES}: jouw acties en de afspraken voor maandag 7 december 2026"
    assert anna["X-Unsent"] == "1"
    body = anna.get_body().get_content()
    yours, _, check = body.partition("De afspraken die de groep nagaat:")
    assert "2. Locaties zoeken · Anna de Vries · uiterlijk 4 dec (open)" in yours
    assert "Wijkraad bellen" not in yours and "Begroting opstellen" not in body
    assert "4. Wekelijks afstemmen" in check
    bram_body = bram.get_body().get_content()
    assert "5. Wijkraad bellen · Bram Jansen · uiterlijk 11 dec (open)" in bram_body
    # Who has no address gets no draft, and is named.
    assert "Chaïma" in capsys.readouterr().err


def test_remind_refuses_an_unknown_series_and_a_missing_folder(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(data), "--lang", "en", "remind", "Nope"]) == 2
    assert "There is no series ‘Nope’" in capsys.readouterr().err
    missing = tmp_path / "nowhere"
    assert main(["--data", str(data), "--lang", "en", "remind", SERIES, "-o", str(missing)]) == 2
    assert f"The folder {missing} does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_mail_export_names_who_has_no_address_before_it_writes_the_draft(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: Language
) -> None:
    """Today's command line left a participant without an address out of the draft silently."""
    out = tmp_path / "verslag.eml"
    assert main(["--data", str(data), "--lang", lang, "export", "one", "-o", str(out)]) == 0
    said = capsys.readouterr().err
    warning = tr(lang, "traject.cli.without", count=1, names="Chaïma")
    assert warning in said and said.index(warning) < said.index(str(out))
    assert read(out)["To"] == "Anna de Vries <anna@x.example>, Bram Jansen <bram@x.example>"
    # Only the draft leaves people out: the Markdown minutes say nothing of the kind.
    assert main(["--data", str(data), "--lang", lang, "export", "one", "-o", str(out) + ".md"]) == 0
    assert "Chaïma" not in capsys.readouterr().err
