"""Export: the minutes of a session as Word, Markdown or an e-mail draft, or the portable JSON.

The facilitator picks a format; the export runs in a thread worker (reading the session and its
series, building the document, writing it) while a progress bar follows the stages, and the
dialog ends by showing where the file went; any key then closes it (an `x` pressed to export
again lands on the screen below, not in a dialog that has done its work). An export never
overwrites a file: a second export of the same minutes is saved beside the first as
"… (2).docx". Before an e-mail draft is written the
dialog names who has no e-mail address, and takes one for each there (for this draft only).
"""

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from tui.dialogs.base import WyberModal
from tui.widgets.fields import LineField
from tui.wyber.errors import UserError
from tui.wyber.fold import fold
from tui.wyber.i18n import Language
from tui.wyber.minutes.export import (
    FORMATS,
    STAGES,
    Format,
    default_name,
    export_failure,
    export_session,
    without_address,
    write_free,
)
from tui.wyber.minutes.mail import recipients
from tui.wyber.state import Participant


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
        self.done = False  # the result is shown: the next key closes the dialog
        self.without: list[Participant] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Static(self.t("minutes.export.choose"), classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(self.t(f"minutes.export.format.{fmt}"), id=fmt) for fmt in FORMATS),
                id="formats",
            )
            yield Static(self.t("minutes.export.keys"), id="export-keys", classes="hint")
            with Vertical(id="export-addresses"):
                yield Static(id="addresses-intro", markup=False)
            yield Static(self.t("minutes.export.working"), id="export-stage", markup=False)
            yield ProgressBar(total=len(STAGES) + 1, show_eta=False, id="export-progress")
            yield Static(id="export-result", markup=False)

    def on_mount(self) -> None:
        for widget_id in (
            "#export-addresses",
            "#export-stage",
            "#export-progress",
            "#export-result",
        ):
            self.query_one(widget_id).display = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.busy or event.option.id not in FORMATS:
            return
        self.busy = True
        event.option_list.display = False
        self.query_one("#export-keys").display = False
        if event.option.id == "eml":
            self.missing_addresses()
        else:
            self._start(event.option.id)

    def _start(self, fmt: Format, addresses: dict[str, str] | None = None) -> None:
        self.query_one("#export-addresses").display = False
        self.query_one("#export-stage").display = True
        self.query_one("#export-progress").display = True
        self.export(fmt, addresses or {})

    # ── the e-mail draft: everyone gets the minutes ──────────────────────────────────────────

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def missing_addresses(self) -> None:
        try:
            people = without_address(fold(self.wyber.archive.read(self.session_id)))
        except UserError as error:
            self.app.call_from_thread(self._finished, None, error.render(self.lang))
            return
        self.app.call_from_thread(self._ask_addresses, people)

    def _ask_addresses(self, people: list[Participant]) -> None:
        self.busy = False
        if not people:
            self.busy = True
            self._start("eml")
            return
        self.without = people
        names = ", ".join(p.name for p in people)
        intro = self.t("traject.export.without", count=len(people), names=names)
        self.query_one("#addresses-intro", Static).update(Text(intro))
        box = self.query_one("#export-addresses", Vertical)
        box.display = True
        for index, person in enumerate(people):
            box.mount(Static(Text(person.name, style="bold"), classes="address-name"))
            box.mount(
                LineField(placeholder=self.t("traject.export.placeholder"), id=f"address-{index}")
            )
        box.mount(Static(self.t("traject.export.go_on"), classes="hint", markup=False))
        self.call_after_refresh(self.query_one("#address-0", LineField).focus)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in an address goes to the next one; after the last it writes the draft."""
        event.stop()
        fields = list(self.query("#export-addresses LineField").results(LineField))
        if event.input in fields[:-1]:
            fields[fields.index(event.input) + 1].focus()
            return
        typed = {p.id: f.value.strip() for p, f in zip(self.without, fields, strict=True)}
        wrong = [
            p.name
            for p in self.without
            if typed[p.id] and not recipients([replace(p, email=typed[p.id])])
        ]
        if wrong:
            self.notify(
                self.t("traject.export.bad_address", names=", ".join(wrong)),
                severity="warning",
                markup=False,
            )
            return
        self.busy = True
        self._start("eml", {pid: address for pid, address in typed.items() if address})

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self, fmt: Format, addresses: dict[str, str]) -> None:
        try:
            state, payload = export_session(
                self.wyber.archive,
                self.session_id,
                fmt,
                progress=self._stage_from_thread,
                addresses=addresses,
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
        self.done = True
        self.written = path
        self.query_one(ProgressBar).update(progress=len(STAGES) + 1)
        self.query_one("#export-stage").display = False
        result = self.query_one("#export-result", Static)
        result.display = True
        if path is None:
            text = Text(problem, style="bold red")
        else:
            text = Text(self.t("minutes.export.written", path=str(path)), style="bold")
        text.append("\n\n" + self.t("table2.export.close_any"), style="dim")
        result.update(text)

    def on_key(self, event: events.Key) -> None:
        if self.done:
            event.stop()
            event.prevent_default()
            self.dismiss(self.written)

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.written)
