"""The trash: sessions moved out of the archive, each restorable; nothing is deleted for good."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from tui.dialogs.base import WyberScreen
from tui.keys import localise
from tui.widgets.key_strip import KeyStrip
from tui.widgets.rows import Column, Row, RowTable
from tui.wyber.dates import listed_at
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language

if TYPE_CHECKING:
    from tui.wyber.trash import Trashed

LOAD_GROUP = "trash-load"
ACT_GROUP = "trash-act"


class TrashRows(RowTable):
    """The sessions in the trash: r restores the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter", "screen.restore", "history.key.restore", id="restore"),
    ]


class TrashScreen(WyberScreen[bool]):
    """The sessions in the trash; r brings the highlighted one back. Dismissed with whether any
    came back."""

    CSS_PATH = "history.tcss"
    HELP_KEY = "history.trash.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "history.key.back", id="back"),
    ]

    def __init__(self, lang: Language) -> None:
        super().__init__(lang)
        self.entries: dict[str, Trashed] = {}
        self.restored = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.t("history.trash.intro"), id="trash-intro", markup=False)
        yield TrashRows(empty=self.t("history.trash.empty"), id="trash")
        yield KeyStrip()

    def on_mount(self) -> None:
        self.sub_title = self.t("history.trash.subtitle")
        table = self.query_one(TrashRows)
        localise(table, self.lang)
        table.loading = True
        table.focus()
        self._load(self.wyber.data)

    @work(thread=True, exit_on_error=False, exclusive=True, group=LOAD_GROUP)
    def _load(self, data: Path) -> list[Trashed]:
        from tui.wyber.store import Archive
        from tui.wyber.trash import trashed

        return trashed(Archive(data))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.query_one(TrashRows).loading = False
            error = event.worker.error
            if isinstance(error, UserError):
                self.notify(error.render(self.lang), severity="error", markup=False, timeout=10)
            else:
                self.wyber.show_error(error)
        elif event.state is WorkerState.SUCCESS:
            result = event.worker.result
            if event.worker.group == LOAD_GROUP and isinstance(result, list):
                self._show(result)
            elif callable(result):
                result()

    def _show(self, entries: list[Trashed]) -> None:
        today = self.wyber.clocks.today()
        self.entries = {entry.name: entry for entry in entries}
        rows: list[Row] = []
        for entry in entries:
            summary = entry.summary
            title = Text(summary.title if summary else entry.session_id)
            opened = Text(listed_at(summary.opened_at, today, self.lang) if summary else "")
            rows.append(
                (entry.name, [Text(listed_at(entry.trashed_at, today, self.lang)), opened, title])
            )
        columns = [
            Column("trashed", self.t("history.col.trashed")),
            Column("date", self.t("history.col.date")),
            Column("title", self.t("history.col.title"), flex=True),
        ]
        table = self.query_one(TrashRows)
        table.load(columns, rows)
        table.loading = False

    def title_of(self, name: str) -> str:
        entry = self.entries[name]
        return entry.summary.title if entry.summary else entry.session_id

    def action_restore(self) -> None:
        name = self.query_one(TrashRows).cursor_key
        if name is not None:
            self._restore(self.wyber.data, name)

    @work(thread=True, exit_on_error=False, group=ACT_GROUP)
    def _restore(self, data: Path, name: str) -> Callable[[], None]:
        from tui.wyber.store import Archive
        from tui.wyber.trash import restore

        restore(Archive(data), name)
        return lambda: self._restored(name)

    def _restored(self, name: str) -> None:
        self.restored = True
        self.notify(self.t("history.trash.restored", title=self.title_of(name)), markup=False)
        self.query_one(TrashRows).remove_row(name)

    def action_back(self) -> None:
        self.dismiss(self.restored)
