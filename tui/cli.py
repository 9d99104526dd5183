"""The `wyber` command: the app, and the subcommands that need no screen.

Exit codes: 0 success; 2 bad usage or bad input (a message says what to fix); 1 an unexpected
failure (a short message and the path of a log with the details, never a traceback on screen).
Textual is imported only when the app starts, so the subcommands start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.failure import report_failure
from tui.room.place import DEFAULT_PORT, RoomPlace
from tui.wyber.errors import UserError
from tui.wyber.i18n import LANGUAGES, Language, counted, detect_language, parse_language, tr
from tui.wyber.paths import data_dir, plan_folders
from tui.wyber.plan_errors import PlanError

# The rest of the core (pydantic models, the store) and Textual are imported by the commands
# that need them: `wyber` shows its first screen sooner, `wyber --version` answers at once.
if TYPE_CHECKING:
    from tui.wyber.minutes.export import Format
    from tui.wyber.plan import Plan
    from tui.wyber.store import Archive

EXIT_OK, EXIT_USAGE = 0, 2


class CommandError(UserError):
    """A usage or input error raised by a subcommand, with its message key and values."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(**params)
        self.key = key


def _language_from_argv(argv: Sequence[str]) -> Language:
    """The language for help texts, read before argparse runs (it needs them to build)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        lang = parse_language(value)
        if lang is not None:
            return lang
    return detect_language()


# argparse's own words ("usage:", "options", its error messages) as it asks gettext for them, and
# the catalog key of each: `wyber --help` reads Dutch in Dutch, not half English.
_ARGPARSE_WORDS: dict[str, str] = {
    "usage: ": "table2.argparse.usage",
    "positional arguments": "table2.argparse.positionals",
    "options": "table2.argparse.options",
    "show this help message and exit": "table2.argparse.help",
    "%(prog)s: error: %(message)s\n": "table2.argparse.error",
    "argument %(argument_name)s: %(message)s": "table2.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "table2.argparse.choice",
    "the following arguments are required: %s": "table2.argparse.required",
    "unrecognized arguments: %s": "table2.argparse.unrecognized",
    "expected one argument": "table2.argparse.one_argument",
    "expected at most one argument": "table2.argparse.at_most_one",
    "expected at least one argument": "table2.argparse.at_least_one",
    "invalid %(type)s value: %(value)r": "table2.argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "table2.argparse.ambiguous",
    "not allowed with argument %s": "table2.argparse.not_allowed",
    "ignored explicit argument %r": "table2.argparse.ignored",
    "one of the arguments %s is required": "table2.argparse.one_of",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "table2.argparse.unknown_parser",
}


@contextmanager
def argparse_speaks(lang: Language) -> Iterator[None]:
    """argparse's own words in `lang` while the parser is built and used.

    argparse looks its words up through the module-level `_` it imported from gettext, at the
    moment it needs them, and gettext would want compiled .mo files in a locale folder: so `_`
    is swapped for a catalog look-up here, and put back after. A word not in the table (one
    wyber's usage cannot reach) stays as argparse says it.
    """
    module = vars(argparse)
    original = module["_"]

    def word(message: str | None) -> str | None:
        key = _ARGPARSE_WORDS.get(message) if message is not None else None
        return tr(lang, key) if key is not None else message

    module["_"] = word
    try:
        yield
    finally:
        module["_"] = original


def build_parser(lang: Language) -> argparse.ArgumentParser:
    def t(key: str, **params: object) -> str:
        return tr(lang, key, **params)

    # --data and --lang are accepted before the command and after it: `wyber list --data X`
    # is how people type it. SUPPRESS keeps a subcommand from resetting what was given before.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar=t("cli.metavar.data"),
        default=argparse.SUPPRESS,
        help=t("cli.help.data", default=data_dir(None, {})),
    )
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.help.lang")
    )

    parser = argparse.ArgumentParser(
        prog="wyber", description=t("cli.description"), parents=[common]
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"wyber {__version__}",
        help=t("table2.argparse.version"),
    )
    commands = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"))

    def command(name: str, key: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=t(key), description=t(key), parents=[common])

    command("plans", "cli.help.plans")

    run = command("run", "cli.help.run")
    run.add_argument("target", metavar="PLAN|ID", help=t("cli.help.run.target"))
    run.add_argument("--now", action="store_true", help=t("cli.help.run.now"))
    run.add_argument("--room", action="store_true", help=t("room.cli.help.room"))
    run.add_argument("--port", type=_port, default=DEFAULT_PORT, help=t("room.cli.help.port"))
    run.add_argument("--host", metavar=t("cli.metavar.address"), help=t("room.cli.help.host"))

    replay = command("replay", "replay.cli.help")
    replay.add_argument("id", metavar="ID", help=t("replay.cli.help.id"))

    check = command("check", "cli.help.check")
    check.add_argument("plan", metavar="PLAN", help=t("cli.help.check.plan"))

    listing = command("list", "cli.help.list")
    listing.add_argument("--json", action="store_true", help=t("cli.help.json"))
    listing.add_argument(
        "--series", metavar=t("cli.metavar.name"), help=t("history.cli.help.series")
    )
    listing.add_argument("--since", metavar=t("cli.metavar.date"), help=t("history.cli.help.since"))

    trash = command("trash", "history.cli.help.trash")
    trash.add_argument("id", metavar="ID", nargs="?", help=t("history.cli.help.trash.id"))
    restore = command("restore", "history.cli.help.restore")
    restore.add_argument("id", metavar="ID", help=t("history.cli.help.restore.id"))

    export = command("export", "cli.help.export")
    export.add_argument("id", metavar="ID", nargs="?", help=t("cli.help.export.id"))
    export.add_argument(
        "--series", metavar=t("cli.metavar.name"), help=t("traject.cli.help.series")
    )
    export.add_argument(
        "--format", choices=("docx", "md", "eml", "json"), help=t("cli.help.format")
    )
    export.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("cli.help.output"))
    export.add_argument("--force", action="store_true", help=t("cli.help.force"))

    reminder = command("remind", "traject.cli.help.remind")
    reminder.add_argument(
        "series", metavar=t("cli.metavar.series"), help=t("traject.cli.help.remind.series")
    )
    reminder.add_argument(
        "-o", "--output", metavar=t("cli.metavar.folder"), help=t("traject.cli.help.remind.output")
    )
    reminder.add_argument("--force", action="store_true", help=t("cli.help.force"))

    importer = command("import", "cli.help.import")
    importer.add_argument("file", metavar=t("cli.metavar.file"), help=t("cli.help.import.file"))

    command("schema", "cli.help.schema")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from_argv(args_list)
    with argparse_speaks(lang):
        parser = build_parser(lang)
        args = parser.parse_args(args_list)  # exits 2 itself on bad usage
        if args.command == "export" and (args.id is None) == (args.series is None):
            parser.error(tr(lang, "traject.cli.id_or_series"))
    data = data_dir(getattr(args, "data", None))
    try:
        return _dispatch(args, data, lang)
    except PlanError as exc:
        print(exc.render(lang), file=sys.stderr)
        return EXIT_USAGE
    except UserError as exc:
        print(f"wyber: {exc.render(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK  # `wyber list | head`: the reader has all it wanted
    except Exception as exc:
        return report_failure(data, lang, exc)


def _dispatch(args: argparse.Namespace, data: Path, lang: Language) -> int:
    if args.command in (None, "plans", "check", "schema"):
        return _without_archive(args, data, lang)
    from tui.wyber.store import Archive

    archive = Archive(data)
    match args.command:
        case "run":
            place = RoomPlace(args.host, args.port)
            room = place if args.room or args.host else None
            lang_chosen = getattr(args, "lang", None)
            return _run(args.target, args.now, archive, data, lang_chosen, room, place)
        case "replay":
            return _replay(args.id, archive, data, getattr(args, "lang", None))
        case "list":
            return _list(archive, lang, as_json=args.json, series=args.series, since=args.since)
        case "trash":
            return _trash(archive, args.id, lang)
        case "restore":
            return _restore(archive, args.id, lang)
        case "export":
            return _export(
                archive,
                args.id,
                args.series,
                args.format,
                args.output,
                lang,
                getattr(args, "lang", None),
                force=args.force,
            )
        case "remind":
            return _remind(archive, args.series, args.output, lang, force=args.force)
        case "import":
            return _import(archive, args.file, lang)
    raise AssertionError(f"unhandled command {args.command}")


def _without_archive(args: argparse.Namespace, data: Path, lang: Language) -> int:
    match args.command:
        case None:
            from tui.app import run_app  # Textual loads only for the app

            return run_app(data=data, lang=getattr(args, "lang", None))
        case "plans":
            return _plans(data, lang)
        case "check":
            return _check(args.plan, data, lang)
        case "schema":
            from tui.wyber.portable import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
            return EXIT_OK
    raise AssertionError(f"unhandled command {args.command}")


def _table(rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; the last column is left unpadded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


def _plans(data: Path, lang: Language) -> int:
    from tui.wyber.plans import plan_entries

    entries = plan_entries(plan_folders(data))
    if not entries:
        print(tr(lang, "cli.plans.none"))
        return EXIT_OK
    header = [tr(lang, f"cli.col.{c}") for c in ("name", "language", "minutes", "title", "path")]
    rows = [header]
    for entry in entries:
        if entry.plan is None:
            broken = tr(lang, "cli.plans.broken", name=entry.name)
            rows.append([entry.name, "?", "?", broken, str(entry.path)])
        else:
            plan = entry.plan
            rows.append([entry.name, plan.language, str(plan.minutes), plan.title, str(entry.path)])
    print(_table(rows))
    return EXIT_OK


def _port(value: str) -> int:
    """A TCP port, 1 to 65535 (argparse says what is wrong, with exit code 2)."""
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(value)
    return int(value)


def _run(
    target: str,
    now: bool,
    archive: Archive,
    data: Path,
    lang: Language | None,
    room: RoomPlace | None = None,
    place: RoomPlace | None = None,
) -> int:
    """Resume the session with this id, else prepare (or, --now, start) the plan so named.

    A plan with a typo, or a session another wyber has open, is refused here, before the screen
    opens: a message and exit code 2. A damaged session is found when the app reads it.
    """
    from tui.app import Launch, run_app
    from tui.wyber.plans import load_plan, resolve_plan

    if archive.exists(target):
        archive.check_free(target)  # refused now, with exit 2, if another wyber has it open
        launch = Launch(session_id=target, room=room, place=place or RoomPlace())
        return run_app(data=data, lang=lang, launch=launch)
    plan = load_plan(resolve_plan(target, plan_folders(data)))
    notices = _samples_left(plan) if now else []
    launch = Launch(plan=plan, run_now=now, room=room, place=place or RoomPlace(), notices=notices)
    return run_app(data=data, lang=lang, launch=launch)


def _samples_left(plan: Plan) -> list[str]:
    """`--now` asks nothing: it says, in the session's language, where a shipped plan's sample
    text still stands (it will be in the minutes), as Prepare's Start and home's `n` ask."""
    from tui.wyber.samples import sample_texts, shipped_plans

    count = len(sample_texts(plan, shipped_plans(), plan.title))
    return [counted(plan.language, "prep2.samples.started", count)] if count else []


def _replay(session_id: str, archive: Archive, data: Path, lang: Language | None) -> int:
    """Play a recorded session back, read-only: no lock is taken, so it also replays a session
    another wyber is recording into. A missing session is refused here, with exit code 2."""
    from tui.app import Launch, run_app
    from tui.wyber.store import SessionNotFound

    if not archive.exists(session_id):
        raise SessionNotFound(session=session_id)
    return run_app(data=data, lang=lang, launch=Launch(replay=session_id))


def _check(reference: str, data: Path, lang: Language) -> int:
    from tui.wyber.plans import load_plan, resolve_plan

    path = resolve_plan(reference, plan_folders(data))
    plan = load_plan(path)
    print(
        tr(
            lang,
            "plan.ok",
            path=str(path),
            title=plan.title,
            steps=counted(lang, "plan.steps", len(plan.steps)),
            minutes=counted(lang, "plan.minutes", plan.minutes),
        )
    )
    return EXIT_OK


def _list(
    archive: Archive,
    lang: Language,
    *,
    as_json: bool,
    series: str | None = None,
    since: str | None = None,
) -> int:
    """The recorded sessions. A file that cannot be listed is named on stderr and the exit code
    stays 0: the list is whole apart from what was named, and a script reading stdout (or
    --json) gets every readable session."""
    from tui.wyber.counting import agreed
    from tui.wyber.search import Filter, parse_since, select
    from tui.wyber.wall import utc_now

    # A day that cannot be read is refused (exit 2) before the archive is read.
    first_day = parse_since(since, utc_now().astimezone().date()) if since is not None else None
    listing = archive.listing()
    for problem in listing.problems:
        print(f"wyber: {problem.render(lang)}", file=sys.stderr)
    if series is not None or first_day is not None:
        chosen = Filter(series=series, since=first_day)
        listing.sessions = select(listing.sessions, listing.search, chosen)
        if not listing.sessions and not as_json:
            print(tr(lang, "history.cli.none_match", path=str(archive.root)))
            return EXIT_OK
    if as_json:
        print(
            json.dumps(
                [s.model_dump(mode="json") for s in listing.sessions], indent=2, ensure_ascii=False
            )
        )
        return EXIT_OK
    if not listing.sessions:
        print(tr(lang, "cli.list.empty", path=str(archive.root)))
        return EXIT_OK
    columns = ("id", "date", "status", "ideas", "agreements", "title")
    rows = [[tr(lang, f"cli.col.{c}") for c in columns]]
    for s in listing.sessions:
        counts = s.counts
        local = s.opened_at.astimezone()
        rows.append(
            [
                s.id,
                f"{local:%Y-%m-%d %H:%M}",
                tr(lang, f"cli.status.{s.status}"),
                str(counts.ideas),
                str(agreed(counts.kinds)),
                s.title,
            ]
        )
    print(_table(rows))
    return EXIT_OK


def _trash(archive: Archive, session_id: str | None, lang: Language) -> int:
    """Move a session to the trash; without an id, list what is in the trash."""
    from tui.wyber.trash import move_to_trash, trashed
    from tui.wyber.wall import utc_now

    if session_id is not None:
        entry = move_to_trash(archive, session_id, utc_now())
        title = entry.summary.title if entry.summary else ""
        print(tr(lang, "history.cli.trashed", session=session_id, title=title))
        return EXIT_OK
    entries = trashed(archive)
    if not entries:
        print(tr(lang, "history.cli.trash_empty", path=str(archive.root)))
        return EXIT_OK
    heads = ("cli.col.id", "history.cli.col.trashed", "cli.col.title")
    rows = [[tr(lang, key) for key in heads]]
    for entry in entries:
        when = f"{entry.trashed_at.astimezone():%Y-%m-%d %H:%M}"
        rows.append([entry.name, when, entry.summary.title if entry.summary else ""])
    print(_table(rows))
    return EXIT_OK


def _restore(archive: Archive, reference: str, lang: Language) -> int:
    from tui.wyber.trash import find, restore

    session_id = restore(archive, find(archive, reference).name)
    print(tr(lang, "history.cli.restored", session=session_id))
    return EXIT_OK


def _export(
    archive: Archive,
    session_id: str | None,
    series: str | None,
    fmt: Format | None,
    output: str | None,
    lang: Language,
    minutes_lang: Language | None,
    *,
    force: bool,
) -> int:
    """One session's export, or (with `series`) the series' decisions and actions."""
    from tui.wyber.minutes import export

    fmt = fmt or export.format_of(output)
    if series is not None:
        sessions, language, payload = export.export_series(archive, series, fmt, minutes_lang)
        name = export.series_file_name(series, sessions, language, fmt)
        done = "traject.list.exported"
    else:
        if session_id is None:  # main() refuses this already, as a usage error
            raise CommandError("traject.cli.id_or_series")
        state, payload = export.export_session(archive, session_id, fmt, minutes_lang)
        name = export.default_name(state, minutes_lang or state.language, fmt)
        done = "cli.exported"
        missing = [p.name for p in export.without_address(state)] if fmt == "eml" else []
        if missing:  # said before the draft is written: nobody is left out silently
            names = ", ".join(missing)
            print(tr(lang, "traject.cli.without", count=len(missing), names=names), file=sys.stderr)
        if output is None and fmt == "json":
            output = "-"  # the portable file goes to stdout by default, to pipe on
    target = _deliver(payload, output, name, force=force)
    if target is not None:
        print(tr(lang, done, session=session_id, name=series, path=str(target)), file=sys.stderr)
    return EXIT_OK


def _deliver(payload: bytes, output: str | None, default: str, *, force: bool) -> Path | None:
    """The export to stdout ('-'; None back) or to `output` (else `default` here); its path."""
    from tui.wyber.minutes.export import write_export

    if output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return None
    target = Path(output).expanduser() if output else Path(default)
    write_export(target, payload, force=force)
    return target


def _remind(archive: Archive, name: str, output: str | None, lang: Language, *, force: bool) -> int:
    """An e-mail draft per participant of the series, before its next session."""
    from tui.wyber.minutes.export import NoSuchSeries, write_export
    from tui.wyber.reminders import remind
    from tui.wyber.series import series_sessions
    from tui.wyber.wall import utc_now

    sessions = series_sessions(archive, name)
    if not sessions:
        raise NoSuchSeries(name=name, path=str(archive.root))
    folder = Path(output).expanduser() if output else Path.cwd()
    if not folder.is_dir():
        raise CommandError("traject.cli.no_folder", path=str(folder))
    reminders = remind(name, sessions, utc_now())
    for reminder in reminders.drafts:
        target = folder / reminder.file_name
        write_export(target, reminder.eml, force=force)
        print(tr(lang, "traject.remind.written", name=reminder.person.name, path=str(target)))
    if reminders.without_address:
        names = ", ".join(reminders.without_address)
        print(tr(lang, "traject.remind.without", names=names), file=sys.stderr)
    return EXIT_OK


def _import(archive: Archive, file: str, lang: Language) -> int:
    from tui.wyber.files import read_file, read_stream
    from tui.wyber.portable import MAX_IMPORT_BYTES, import_json

    source = Path(file).expanduser()
    try:
        if file == "-":
            data = read_stream(sys.stdin.buffer, file, MAX_IMPORT_BYTES)
        else:
            data = read_file(source, MAX_IMPORT_BYTES)  # refused before a byte too many is read
    except FileNotFoundError as exc:
        raise CommandError("cli.cannot_read", path=file, reason=exc.strerror or str(exc)) from None

    session = import_json(data, file)
    session_id = archive.import_records(session.records)
    first = session.records[0].event
    title = getattr(first, "title", "")
    print(tr(lang, "cli.imported", session=session_id, title=title, records=len(session.records)))
    return EXIT_OK
