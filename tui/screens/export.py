"""Export: the minutes of a session as Word, Markdown or an e-mail draft, or the portable JSON.

The facilitator picks a format; the export runs in a thread worker (reading the session and its
series, building the document, writing it) while a progress bar follows the stages, and the
dialog ends by showing where the file went. An export never overwrites a file: a second export of
the same minutes is saved beside the first as "… (2).docx".
"""

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from tui.screens.base import WyberModal
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language
from tui.wyber.minutes.export import (
    FORMATS,
    STAGES,
    Format,
    default_name,
    export_failure,
    export_session,
    write_free,
)


class ExportDialog(WyberModal[Path | None]):
    """Pick a format, watch the export, see where it went. Dismisses with the file's path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close", id="close"),
    ]

    def __init__(self, lang: Language, session_id: str, folder: Path) -> None:
        super().__init__(lang)
        self.session_id = session_id
        self.folder = folder
        self.written: Path | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Static(self.t("minutes.export.choose"), classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(self.t(f"minutes.export.format.{fmt}"), id=fmt) for fmt in FORMATS),
                id="formats",
            )
            yield Static(self.t("minutes.export.working"), id="export-stage", markup=False)
            yield ProgressBar(total=len(STAGES) + 1, show_eta=False, id="export-progress")
            yield Static(id="export-result", markup=False)

    def on_mount(self) -> None:
        for widget_id in ("#export-stage", "#export-progress", "#export-result"):
            self.query_one(widget_id).display = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.busy or event.option.id not in FORMATS:
            return
        self.busy = True
        event.option_list.display = False
        self.query_one("#export-stage").display = True
        self.query_one("#export-progress").display = True
        self.export(event.option.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self, fmt: Format) -> None:
        try:
            state, payload = export_session(
                self.wyber.archive, self.session_id, fmt, progress=self._stage_from_thread
            )
            self._stage_from_thread("write")
            self.folder.mkdir(parents=True, exist_ok=True)
            name = default_name(state, state.language, fmt)  # the minutes' own language
            path = write_free(self.folder, name, payload)
        except UserError as error:
            self.app.call_from_thread(self._finished, None, error.render(self.lang))
        except OSError as error:  # the folder could not be made
            problem = export_failure(error, self.folder).render(self.lang)
            self.app.call_from_thread(self._finished, None, problem)
        else:
            self.app.call_from_thread(self._finished, path, "")

    def _stage_from_thread(self, stage: str) -> None:
        self.app.call_from_thread(self._stage, stage)

    def _stage(self, stage: str) -> None:
        self.query_one(ProgressBar).update(progress=STAGES.index(stage) + 1)
        self.query_one("#export-stage", Static).update(self.t(f"minutes.export.stage.{stage}"))

    def _finished(self, path: Path | None, problem: str) -> None:
        self.busy = False
        self.written = path
        self.query_one(ProgressBar).update(progress=len(STAGES) + 1)
        self.query_one("#export-stage").display = False
        result = self.query_one("#export-result", Static)
        result.display = True
        if path is None:
            text = Text(problem, style="bold red")
        else:
            text = Text(self.t("minutes.export.written", path=str(path)), style="bold")
        text.append("\n\n" + self.t("minutes.export.close"), style="dim")
        result.update(text)

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.written)
