"""The two questions about records the disk refused: leave them behind in a rescue file (when the
facilitator quits or goes home while they wait), and add a rescue file's records back (when the
session is opened again)."""

from collections.abc import Sequence
from pathlib import Path

from tui.dialogs.ask import ChoiceDialog
from tui.wyber.events import IdeaAdded, Record
from tui.wyber.i18n import Language, tr
from tui.wyber.recorder import BackgroundWriter

SHOWN_IDEAS = 5  # the dialog names the first ideas that wait; the rest are counted
IDEA_WIDTH = 40

LEAVE_RETRY, LEAVE_RESCUE = "retry", "rescue"
RESTORE_ADD, RESTORE_ASIDE = "add", "aside"


def describe(lang: Language, records: Sequence[Record]) -> list[str]:
    """What the records are, in lines: the ideas by their text, the rest counted."""
    ideas = [r.event.text for r in records if isinstance(r.event, IdeaAdded)]
    lines: list[str] = []
    if ideas:
        shown = [f"“{_short(text)}”" for text in ideas[:SHOWN_IDEAS]]
        if len(ideas) > SHOWN_IDEAS:
            shown.append(f"+{len(ideas) - SHOWN_IDEAS}")
        lines.append(tr(lang, "durable.leave.ideas", texts=", ".join(shown)))
    if len(records) > len(ideas):
        lines.append(tr(lang, "durable.leave.other", count=len(records) - len(ideas)))
    return lines


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= IDEA_WIDTH else line[: IDEA_WIDTH - 1] + "…"


def leave_dialog(lang: Language, writer: BackgroundWriter) -> ChoiceDialog:
    """Stay while the writer retries, or leave the waiting records in a rescue file."""
    waiting = writer.waiting()
    failure = writer.failure
    reason = failure.render(lang) if failure is not None else repr(writer.broken)
    lines = [tr(lang, "durable.leave.title", count=len(waiting)), *describe(lang, waiting)]
    title = "\n".join([*lines, reason])
    choices = [
        (LEAVE_RETRY, tr(lang, "durable.leave.retry")),
        (LEAVE_RESCUE, tr(lang, "durable.leave.rescue")),
    ]
    return ChoiceDialog(lang, title, choices)


def restore_dialog(lang: Language, path: Path, records: Sequence[Record]) -> ChoiceDialog:
    """Add a rescue file's records back, or set the file aside."""
    lines = [tr(lang, "durable.restore.title", count=len(records), path=str(path))]
    title = "\n".join([*lines, *describe(lang, records)])
    choices = [
        (RESTORE_ADD, tr(lang, "durable.restore.add")),
        (RESTORE_ASIDE, tr(lang, "durable.restore.aside")),
    ]
    return ChoiceDialog(lang, title, choices)
