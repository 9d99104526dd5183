"""One count of agreements everywhere: agreements, decisions and actions (parked items apart),
said with the noun in the right form in Dutch and English."""

import json
from pathlib import Path

import pytest

from tests.test_cli import archive, run
from tui.wyber.counting import agreed, by_kind, how_many, of_which, phrase
from tui.wyber.events import AgreementKind

__all__ = ["archive"]  # a fixture of test_cli, used here

A, D, ACT, P = (
    AgreementKind.AGREEMENT,
    AgreementKind.DECISION,
    AgreementKind.ACTION,
    AgreementKind.PARKED,
)


def test_agreements_count_decisions_and_actions_but_not_parked_items() -> None:
    counted = by_kind([A, D, ACT, ACT, P])
    assert counted == {A: 1, D: 1, ACT: 2, P: 1}
    assert agreed(counted) == 4
    assert agreed(by_kind([])) == 0


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("nl", "1 afspraak", "2 afspraken"),
        ("en", "1 agreement", "2 agreements"),
    ],
)
def test_one_and_more_have_their_own_form(lang: str, one: str, two: str) -> None:
    assert how_many(lang, "agreement", 1) == one  # type: ignore[arg-type]
    assert how_many(lang, "agreement", 2) == two  # type: ignore[arg-type]
    assert how_many(lang, "agreement", 0) == two.replace("2", "0")  # type: ignore[arg-type]


def test_the_phrase_names_the_decisions_and_actions_among_the_agreements() -> None:
    counted = by_kind([A, D, ACT, ACT, P])
    assert phrase(counted, "nl") == "4 afspraken (waarvan 1 besluit en 2 acties)"
    assert phrase(counted, "en") == "4 agreements (of which 1 decision and 2 actions)"
    assert phrase(by_kind([A]), "nl") == "1 afspraak"
    assert phrase(by_kind([ACT]), "en") == "1 agreement (of which 1 action)"
    assert of_which(by_kind([A, P]), "nl") == ""


def test_wyber_list_counts_the_agreements_as_the_summary_does(
    capsys: pytest.CaptureFixture[str], archive: Path
) -> None:
    _, out, _ = run(capsys, "--data", str(archive), "list", "--json")
    (summary,) = json.loads(out)
    counts = summary["counts"]
    assert counts["parked"] >= 1  # the made-up session parks an item: it is not counted
    held = counts["agreements"] + counts["decisions"] + counts["actions"]
    _, out, _ = run(capsys, "--data", str(archive), "--lang", "nl", "list")
    header, row = out.splitlines()
    column = header.index("AFSPRAKEN")
    assert row[column:].split()[0] == str(held)
