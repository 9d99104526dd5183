"""Home: the plans to start from and the sessions recorded so far."""

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.wyber.i18n import Language, tr
from tui.wyber.paths import plan_folders
from tui.wyber.plans import plan_entries
from tui.wyber.store import Archive


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self, data: Path, lang: Language) -> None:
        super().__init__()
        self.data = data
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(tr(self.lang, "home.plans"), classes="heading")
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static(tr(self.lang, "home.sessions"), classes="heading")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        plans = self.query_one("#plans", DataTable)
        plans.add_columns(
            *(tr(self.lang, f"cli.col.{c}") for c in ("title", "language", "minutes", "name"))
        )
        for entry in plan_entries(plan_folders(self.data)):
            if entry.plan is not None:
                plans.add_row(
                    entry.plan.title, entry.plan.language, str(entry.plan.minutes), entry.name
                )
        sessions = self.query_one("#sessions", DataTable)
        sessions.add_columns(
            *(tr(self.lang, f"cli.col.{c}") for c in ("date", "status", "title", "id"))
        )
        for summary in Archive(self.data).listing().sessions:
            sessions.add_row(
                f"{summary.opened_at.astimezone():%Y-%m-%d %H:%M}",
                tr(self.lang, f"cli.status.{summary.status}"),
                summary.title,
                summary.id,
            )
