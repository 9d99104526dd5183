"""The command line as a person (or a script) uses it: output, exit codes, no tracebacks."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main
from tui.wyber.i18n import Language, tr
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan
from tui.wyber.sample import sample_records
from tui.wyber.store import Archive

SESSION = "20261123-0900-beef"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive holding one finished made-up session of the 30-minute wyber."""
    data = tmp_path / "archive"
    plan = load_plan(shipped_plans_dir() / "wyber-30.nl.toml")
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    Archive(data).import_records(sample_records(plan, SESSION, start, ideas=25))
    return data


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"wyber {__version__}"


def test_plans_lists_name_language_minutes_and_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--data", str(tmp_path), "plans")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("wyber-30.en "))
    assert line.split()[1:3] == ["en", "30"]
    assert line.endswith(str(shipped_plans_dir() / "wyber-30.en.toml"))


def test_check_a_good_and_a_bad_plan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", "wyber-30.nl", "--data", str(tmp_path))
    assert code == 0 and "30" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'title = "x"\nlanguage = "nl"\n[[steps]]\ntitle = "a"\n[steps.diverge]\nminutes = -1\n'
    )
    code, out, err = run(capsys, "--lang", "en", "check", str(bad))
    assert code == 2 and out == ""
    assert f"{bad} is not a usable plan" in err
    assert "line 6, step 1 “a”, diverge.minutes: must be at least 1" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "“One step”, 1 step, 1 minute"), ("nl", "“One step”, 1 stap, 1 minuut")],
)
def test_check_counts_one_step_and_one_minute_in_the_singular(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, expected: str
) -> None:
    plan = tmp_path / "one.toml"
    plan.write_text(
        'title = "One step"\nlanguage = "en"\n'
        '[[steps]]\ntitle = "a"\n[steps.diverge]\nminutes = 1\n'
    )
    code, out, _ = run(capsys, "--lang", lang, "check", str(plan))
    assert code == 0 and expected in out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["frobnicate"], ["export"], ["export", "x", "--format", "pdf"], ["--lang", "fr"]):
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 2
    assert "usage: wyber" in capsys.readouterr().err


def test_list_shows_the_session_and_json_carries_its_counts(
    capsys: pytest.CaptureFixture[str], archive: Path
) -> None:
    code, out, _ = run(capsys, "--data", str(archive), "--lang", "nl", "list")
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["ID", "DATUM", "STATUS"]
    assert row.startswith(SESSION) and "afgerond" in row and "De wyberoefening" in row
    code, out, _ = run(capsys, "--data", str(archive), "list", "--json")
    (summary,) = json.loads(out)
    assert summary["id"] == SESSION and summary["status"] == "finished"
    assert summary["counts"]["ideas"] == 25


def test_list_of_an_empty_archive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--data", str(tmp_path / "none"), "list")
    assert code == 0 and "No sessions recorded yet" in out
    assert not (tmp_path / "none").exists()  # listing creates nothing


def test_export_import_export_gives_the_same_file(
    capsys: pytest.CaptureFixture[str], archive: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    assert run(capsys, "--data", str(archive), "export", SESSION, "-o", str(first))[0] == 0
    other = tmp_path / "other"
    code, out, _ = run(capsys, "--data", str(other), "import", str(first))
    assert code == 0 and SESSION in out
    code, out, _ = run(capsys, "--data", str(other), "export", SESSION, "--format", "json")
    assert code == 0 and out.encode() == first.read_bytes()
    code, _, err = run(capsys, "--data", str(other), "import", str(first))
    assert code == 2 and "already in this archive" in err


def test_export_never_overwrites_without_force(
    capsys: pytest.CaptureFixture[str], archive: Path, tmp_path: Path
) -> None:
    target = tmp_path / "minutes.json"
    target.write_text("keep me")
    code, _, err = run(capsys, "--data", str(archive), "export", SESSION, "-o", str(target))
    assert code == 2 and "--force" in err and target.read_text() == "keep me"
    code, _, _ = run(
        capsys, "--data", str(archive), "export", SESSION, "-o", str(target), "--force"
    )
    assert code == 0 and json.loads(target.read_text())["session_id"] == SESSION


def test_export_of_an_unknown_session(capsys: pytest.CaptureFixture[str], archive: Path) -> None:
    code, _, err = run(capsys, "--data", str(archive), "export", "nope")
    assert code == 2 and "no session nope" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not JSON"),
        (b"\xff\xfe garbage", "not JSON"),
        (b'{"format": "wyber-session"}', "exported_by"),
        (b"[1, 2, 3]", "wyber session file"),
    ],
)
def test_import_of_a_file_that_is_not_a_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = run(capsys, "--data", str(tmp_path / "a"), "import", str(bad))
    assert code == 2 and expected in err and "Traceback" not in err
    assert not (tmp_path / "a" / "sessions").exists() or not any(
        (tmp_path / "a" / "sessions").iterdir()
    )


def test_import_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--data", str(tmp_path), "import", str(tmp_path / "nope.json"))
    assert code == 2 and "cannot read" in err


def test_schema_is_a_json_schema_of_the_session_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "wyber session"
    assert {"format", "schema_version", "session_id", "records"} <= set(schema["properties"])
    assert "IdeaAdded" in schema["$defs"]


def test_an_unexpected_failure_is_a_short_message_and_a_log_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: Archive) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Archive, "listing", explode)
    code, _, err = run(capsys, "--data", str(tmp_path), "list")
    assert code == 1 and "Traceback" not in err and "RuntimeError" in err
    log = tmp_path / "logs" / "wyber.log"
    assert str(log) in err and "RuntimeError: boom" in log.read_text()


def test_help_is_dutch_in_dutch_argparse_words_included(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "nl", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: wyber")
    assert "\nopties:\n" in out and "\nargumenten:\n" in out
    assert "toon deze hulp en stop" in out and "toon het versienummer" in out
    for english in ("usage:", "options:", "positional arguments", "show this help", "number"):
        assert english not in out


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [
        ("nl", ["--series NAAM", "--data MAP", "-o BESTAND"], ["NAME", "DIR", "FILE"]),
        ("en", ["--series NAME", "--data DIR", "-o FILE"], ["NAAM", "MAP", "BESTAND"]),
    ],
)
def test_the_placeholders_in_help_are_in_its_language_as_its_texts_name_them(
    capsys: pytest.CaptureFixture[str], lang: Language, shown: list[str], not_shown: list[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", lang, "export", "--help"])
    out = capsys.readouterr().out
    for placeholder in shown:
        assert placeholder in out
    for other in not_shown:
        assert other not in out
    assert tr(lang, "cli.metavar.name") in tr(lang, "traject.cli.help.series")


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["run"], "wyber run: fout: deze argumenten ontbreken: PLAN|ID"),
        (["list", "--bogus"], "wyber: fout: onbekende argumenten: --bogus"),
        (["export", "x", "--format", "pdf"], "fout: bij --format: ongeldige keuze: 'pdf'"),
    ],
)
def test_usage_errors_are_dutch_in_dutch(
    capsys: pytest.CaptureFixture[str], args: list[str], dutch: str
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "nl", *args])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: wyber") and dutch in err and "error" not in err


def test_english_help_keeps_argparse_words_and_argparse_is_left_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    before = vars(argparse)["_"]
    with pytest.raises(SystemExit):
        main(["--lang", "en", "run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: wyber run") and "\noptions:\n" in out
    assert "show this help message and exit" in out
    assert vars(argparse)["_"] is before
