"""Series: the sessions of one traject in order, and the running list of what they agreed.

Each agreement, action and parked item of the series is listed once, numbered as the minutes
number it, with where it stands now (open, done, changed, dropped) and how it got there: the
reviews of later sessions, by date. The sessions are read in a worker; the screen records
nothing. Two keys do the work between sessions: the whole traject's decisions and actions as a
Word file, and an e-mail draft per participant before the next session, both into the exports
folder (never over an earlier file).
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from tui.dialogs.ask import ChoiceDialog
from tui.dialogs.base import WyberScreen
from tui.widgets.key_strip import KeyStrip
from tui.wyber.counting import agreed, by_kind
from tui.wyber.dates import compact_date
from tui.wyber.errors import UserError
from tui.wyber.events import ReviewStatus
from tui.wyber.figures import meeting_date
from tui.wyber.i18n import Language, tr
from tui.wyber.minutes.export import (
    NoSuchSeries,
    export_failure,
    export_series,
    series_file_name,
    write_free,
)
from tui.wyber.reminders import remind
from tui.wyber.series import EarlierAgreement, earlier_agreements, series_sessions
from tui.wyber.state import SessionState
from tui.wyber.wall import utc_now

if TYPE_CHECKING:
    from tui.app import WyberApp

WIDE = 110  # from this many columns on, the owner and the deadline get columns of their own
STATUS_STYLE = {
    ReviewStatus.OPEN: "bold",
    ReviewStatus.DONE: "green",
    ReviewStatus.CHANGED: "yellow",
    ReviewStatus.DROPPED: "dim",
}


class SeriesScreen(WyberScreen[None]):
    HELP_KEY = "series.help"
    DEFAULT_CSS = """
    SeriesScreen #series { padding: 0 1; }
    SeriesScreen .section { text-style: bold; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "series.key.back", id="back"),
        Binding("x", "export", "traject.key.export", id="export"),
        Binding("m", "remind", "traject.key.remind", id="remind"),
    ]

    def __init__(self, name: str, lang: Language) -> None:
        super().__init__(lang)
        self.series_name = name
        self.sessions: list[SessionState] | None = None
        self._laid_out_wide: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="series"):
            yield Static(Text(self.series_name, style="bold"), id="series-name")
            yield Static(id="series-goal", markup=False)
            yield Static(self.t("series.sessions"), classes="section", markup=False)
            yield Static(id="series-sessions")
            yield Static(self.t("series.running"), classes="section", markup=False)
            yield Static(id="series-running")
        yield KeyStrip()

    def on_mount(self) -> None:
        self.title = self.t("series.title", name=self.series_name)
        self.query_one("#series-sessions", Static).loading = True
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="series")
    def load(self) -> None:
        try:
            sessions = series_sessions(self.wyber.archive, self.series_name)
        except UserError as error:
            self.app.call_from_thread(self.refuse, error)
            sessions = []
        self.app.call_from_thread(self.show, sessions)

    def action_export(self) -> None:
        self.notify(self.t("traject.working"), markup=False)
        self.write_files(self._export)

    def action_remind(self) -> None:
        self.notify(self.t("traject.working"), markup=False)
        self.write_files(self._remind)

    @work(thread=True, exclusive=True, exit_on_error=False, group="series-files")
    def write_files(self, make: Callable[[Path], str]) -> None:
        """The series' list or the reminders, written into the exports folder in a thread."""
        folder = self.wyber.exports
        try:
            folder.mkdir(parents=True, exist_ok=True)
            message = make(folder)
        except UserError as error:
            self.app.call_from_thread(self.refuse, error)
        except OSError as error:
            self.app.call_from_thread(self.refuse, export_failure(error, folder))
        else:
            self.app.call_from_thread(self.notify, message, markup=False, timeout=10)

    def _export(self, folder: Path) -> str:
        sessions, lang, data = export_series(self.wyber.archive, self.series_name, "docx")
        path = write_free(folder, series_file_name(self.series_name, sessions, lang, "docx"), data)
        return self.t("minutes.export.written", path=str(path))

    def _remind(self, folder: Path) -> str:
        sessions = series_sessions(self.wyber.archive, self.series_name)
        if not sessions:
            raise NoSuchSeries(name=self.series_name, path=str(self.wyber.archive.root))
        reminders = remind(self.series_name, sessions, utc_now())
        for reminder in reminders.drafts:
            write_free(folder, reminder.file_name, reminder.eml)
        message = self.t("traject.reminded", count=len(reminders.drafts), path=str(folder))
        if reminders.without_address:
            names = ", ".join(reminders.without_address)
            message += "\n" + self.t("traject.remind.without", names=names)
        return message

    def on_resize(self) -> None:
        wide = self.app.size.width >= WIDE
        if self.sessions is not None and wide != self._laid_out_wide:
            self.show(self.sessions)

    def show(self, sessions: list[SessionState]) -> None:
        self.sessions = sessions
        self._laid_out_wide = self.app.size.width >= WIDE
        self.query_one("#series-sessions", Static).loading = False
        goals = [s.series.goal for s in sessions if s.series is not None and s.series.goal]
        goal = self.query_one("#series-goal", Static)
        goal.update(Text(goals[-1] if goals else ""))
        goal.display = bool(goals)
        self.query_one("#series-sessions", Static).update(self._sessions_table(sessions))
        running = earlier_agreements(sessions)
        self.query_one("#series-running", Static).update(
            self._running_table(running) if running else Text(self.t("series.nothing"), style="dim")
        )

    def _sessions_table(self, sessions: list[SessionState]) -> Table | Text:
        if not sessions:
            return Text(self.t("series.no_sessions"), style="dim")
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
        table.add_column(self.t("series.col.date"), no_wrap=True)
        table.add_column(self.t("series.col.title"), ratio=1)
        table.add_column(self.t("series.col.status"), no_wrap=True)
        table.add_column(self.t("series.col.agreements"), justify="right")
        for session in sessions:
            status = "finished" if session.finished else "unfinished"
            table.add_row(
                compact_date(meeting_date(session), self.lang, with_year=True),
                Text(session.title),
                self.t(f"series.status.{status}"),
                str(agreed(by_kind(a.kind for a in session.agreements.values()))),
            )
        return table

    def _running_table(self, running: list[EarlierAgreement]) -> Table:
        # On a laptop the owner and deadline go under the text, so no column is squeezed.
        wide = self.app.size.width >= WIDE
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
        table.add_column(self.t("ending.col.number"), justify="right", no_wrap=True)
        table.add_column(self.t("ending.col.text"), ratio=3, overflow="fold")
        if wide:
            table.add_column(self.t("ending.col.owner"), ratio=1, overflow="fold")
            table.add_column(self.t("ending.col.deadline"), no_wrap=True)
        table.add_column(self.t("minutes.col.status"), no_wrap=True)
        table.add_column(self.t("series.col.history"), ratio=2, overflow="fold")
        for item in running:
            due = compact_date(item.deadline, self.lang, with_year=True) if item.deadline else ""
            text = Text(item.text)
            details = [self.t(f"run.kind.{item.kind.value}")]
            if not wide:
                details += [part for part in (item.owner_name, due) if part]
            text.append("\n" + " · ".join(details), style="dim")
            status = Text(
                self.t(f"minutes.status.{item.status.value}"), style=STATUS_STYLE[item.status]
            )
            owner_and_due = [Text(item.owner_name), Text(due)] if wide else []
            table.add_row(str(item.number), text, *owner_and_due, status, self._history(item))
        return table

    def _history(self, item: EarlierAgreement) -> Text:
        day = compact_date(item.held_on, self.lang, with_year=True)
        lines = [self.t("series.agreed_on", date=day)]
        for when, status, note in item.history:
            line = f"{compact_date(when, self.lang, with_year=True)}: "
            line += self.t(f"minutes.status.{status.value}")
            lines.append(line + (f" ({note})" if note else ""))
        return Text("\n".join(lines))


def choose_series(app: "WyberApp", lang: Language, current: str | None, names: list[str]) -> None:
    """The series view of the highlighted session's series; outside a series, ask which."""
    if current:
        app.open_series(current, lang)
        return

    def chosen(name: str | None) -> None:
        if name:
            app.open_series(name, lang)

    choices = [(name, name) for name in names]
    app.push_screen(ChoiceDialog(lang, tr(lang, "nav.series.pick"), choices), chosen)
