"""Home: the plans to start from and the sessions recorded so far.

A meeting that was broken off (a crash, a closed laptop) is offered at the top, with the key that
picks it up again: that is how wyber gives a session back after a crash. The lists are read in a
thread worker, so a large archive or a slow disk never freezes the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from tui.dialogs.base import WyberModal, WyberScreen
from tui.internals import reset_bindings
from tui.keys import localise
from tui.widgets.fields import LineField
from tui.widgets.fitting import Fit, FittedTable, Row
from tui.widgets.key_strip import KeyStrip
from tui.widgets.problems import ProblemLines
from tui.wyber.counting import agreed
from tui.wyber.paths import plan_folders, user_plans_dir
from tui.wyber.plan_errors import PlanError, PlanProblem

# The plan model, the store and Babel load in the worker that reads the lists, after the first
# frame: home is the first thing a facilitator sees, and it should be there at once.
if TYPE_CHECKING:
    from tui.wyber.plan import Plan
    from tui.wyber.plans import PlanEntry
    from tui.wyber.samples import SampleText
    from tui.wyber.store import Listing
    from tui.wyber.summary import SessionSummary

LOAD_GROUP = "home-lists"
OPEN_GROUP = "open-plan"


@dataclass(frozen=True, slots=True)
class Lists:
    """What the home screen shows, as read from the disk."""

    plans: list[PlanEntry]
    listing: Listing


def read_lists(data: Path) -> Lists:
    from tui.wyber.plans import plan_entries
    from tui.wyber.store import Archive

    return Lists(plan_entries(plan_folders(data)), Archive(data).listing())


class ListTable(FittedTable):
    """A list whose last column, a title people typed, takes the width that is left."""

    def fits(self) -> list[Fit]:
        return [*super().fits()[:-1], Fit(flex=True, least=12)]


class PlanTable(ListTable):
    """The plans; Enter prepares the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "home.key.prepare", id="prepare"),
    ]


class SessionTable(ListTable):
    """The recorded sessions; Enter opens the highlighted one (resumes or shows its summary)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "home.key.open", id="open"),
        Binding("x", "screen.export", "minutes.export.key", id="export"),
        Binding("v", "screen.series", "nav.key.series", tooltip="nav.key.series_help", id="series"),
    ]


def title_cell(title: str) -> Text:
    return Text(title, no_wrap=True, overflow="ellipsis")


class HomeScreen(WyberScreen[None]):
    CSS_PATH = "home.tcss"
    HELP_KEY = "home.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "home.key.resume", id="resume"),
        Binding("n", "run_now", "home.key.run_now", id="run_now"),
        Binding("o", "open_file", "home.key.open_file", id="open_file"),
        Binding("h", "history", "history.key.open", id="history"),
        # In the Footer: a facilitator handed a laptop in the other language finds the way out
        # there, not only in the palette (the strip wraps it onto a line of its own if need be).
        Binding("l", "switch_language", "table2.key.language", id="language"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plans: dict[str, Plan] = {}
        self.own_plans: set[str] = set()  # the names of the plans in the user's own folder
        self.sessions: dict[str, SessionSummary] = {}
        self.unfinished: list[SessionSummary] = []
        self.listing: Listing | None = None  # as last read; the history opens with it at once

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="notice", markup=False)
        yield Static(self.t("home.plans"), classes="heading", markup=False)
        # Titles are typed by people and may be long: they come last (see ListTable).
        plan_columns = ["minutes", "steps", "language", "title"]
        yield PlanTable([(c, self.t(f"home.col.{c}")) for c in plan_columns], id="plans")
        yield Static(self.t("home.sessions"), classes="heading", markup=False)
        session_columns = ["date", "status", "minutes", "ideas", "agreements", "title"]
        yield SessionTable([(c, self.t(f"home.col.{c}")) for c in session_columns], id="sessions")
        yield Static(self.t("home.loading"), id="status", classes="hint", markup=False)
        yield ProblemLines(4, id="problems")
        yield KeyStrip()

    def on_resize(self, event: events.Resize) -> None:
        # On a laptop the keys of this screen and F1 matter more than the palette's hint
        # (Ctrl+P still works, and the help screen names it).
        self.query_one(Footer).show_command_palette = event.size.width >= 100

    def on_mount(self) -> None:
        self.sub_title = self.t("home.subtitle")
        plans = self.query_one(PlanTable)
        sessions = self.query_one(SessionTable)
        for table in (plans, sessions):
            localise(table, self.lang)
        self.query_one("#notice").display = False
        self.query_one("#problems").display = False
        plans.focus()
        self.call_after_refresh(self.refresh_lists)  # the first frame first, then the lists

    async def action_switch_language(self) -> None:
        """Home again, in the app's other language."""
        lang = self.wyber.switch_language()
        reset_bindings(self)  # the catalog keys back, to look up in the other language
        self._localise(lang)
        await self.recompose()
        self.on_mount()  # the lists are read again; the plans take the focus once shown

    # ── loading ─────────────────────────────────────────────────────────────────────────────

    def refresh_lists(self) -> None:
        """Read the plans and the archive again, off the event loop."""
        for table in self.query(DataTable):
            table.loading = True
        self._load(self.wyber.data)

    @work(thread=True, exit_on_error=False, exclusive=True, group=LOAD_GROUP)
    def _load(self, data: Path) -> Lists:
        return read_lists(data)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LOAD_GROUP:
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Lists):
            self._show(event.worker.result)
        elif event.state is WorkerState.ERROR:
            for table in self.query(DataTable):
                table.loading = False
            self.query_one("#status", Static).update(Text(""))
            self.wyber.show_error(event.worker.error)

    def _show(self, lists: Lists) -> None:
        from tui.wyber.dates import listed_at

        today = self.wyber.clocks.today()
        plans = self.query_one(PlanTable)
        sessions = self.query_one(SessionTable)
        self.plans = {e.name: e.plan for e in lists.plans if e.plan is not None}
        own = user_plans_dir(self.wyber.data)
        self.own_plans = {e.name for e in lists.plans if e.path.parent == own}
        plan_rows: list[Row] = [
            (
                name,
                [
                    Text(str(plan.minutes), justify="right"),
                    Text(str(len(plan.steps)), justify="right"),
                    Text(plan.language),
                    title_cell(plan.title),
                ],
            )
            for name, plan in self.plans.items()
        ]
        self.sessions = {s.id: s for s in lists.listing.sessions}
        session_rows: list[Row] = []
        for summary in lists.listing.sessions:
            counts = summary.counts
            status = Text(self.t(f"home.status.{summary.status}"))
            if summary.status == "unfinished":
                status.stylize("bold")
            cells = [
                Text(listed_at(summary.opened_at, today, self.lang)),
                status,
                Text(f"{summary.minutes:.0f}", justify="right"),
                Text(str(counts.ideas), justify="right"),
                Text(str(agreed(counts.kinds)), justify="right"),
                title_cell(summary.title),
            ]
            session_rows.append((summary.id, cells))
        plans.show(plan_rows)
        sessions.show(session_rows)
        for table in (plans, sessions):
            table.loading = False
        if self.focused is None:  # a table being loaded cannot take the focus
            plans.focus()
        self.unfinished = [s for s in lists.listing.sessions if s.status == "unfinished"]
        self.listing = lists.listing
        self._show_notice(today)
        self._show_status(lists)
        self.refresh_bindings()
        self.wyber.freeze_heap()  # wyber is loaded and the lists read: what stays from here on

    def _show_notice(self, today: date) -> None:
        from tui.wyber.dates import said_at

        notice = self.query_one("#notice", Static)
        if not self.unfinished:
            notice.display = False
            return
        latest = self.unfinished[0]
        lines = [
            self.t(
                "home.unfinished",
                title=latest.title,
                when=said_at(latest.opened_at, today, self.lang),
            )
        ]
        more = len(self.unfinished) - 1
        if more == 1:
            lines.append(self.t("home.unfinished_more_one"))
        elif more > 1:
            lines.append(self.t("home.unfinished_more", count=more))
        notice.update(Text("\n".join(lines)))
        notice.display = True

    def _show_status(self, lists: Lists) -> None:
        status = self.query_one("#status", Static)
        if not self.plans:
            status.update(Text(self.t("home.no_plans")))
        elif not self.sessions:
            status.update(Text(self.t("home.no_sessions")))
        else:
            status.update(Text(""))
        status.display = not (self.plans and self.sessions)
        problems = [
            self.t("home.broken_plan", name=entry.name)
            for entry in lists.plans
            if entry.error is not None
        ]
        problems += [error.render(self.lang) for error in lists.listing.problems]
        self.query_one(ProblemLines).show(problems, self.lang)

    # ── actions ─────────────────────────────────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return bool(self.unfinished)
        if action == "run_now":
            return bool(self.plans)
        if action == "series":
            return any(s.series for s in self.sessions.values())
        return True

    def _own_name(self, key: str) -> str:
        """The plan's name when it is the user's own (saving it again offers that name)."""
        return key if key in self.own_plans else ""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        if event.data_table.id == "plans" and key in self.plans:
            self.wyber.prepare_meeting(self.plans[key], self._own_name(key))
        elif event.data_table.id == "sessions" and key in self.sessions:
            self._open_session(self.sessions[key])

    def _open_session(self, summary: SessionSummary) -> None:
        """A broken-off session goes on; a finished one shows its summary, read-only and without
        its lock (another wyber may have it open), as in the history."""
        if summary.status == "unfinished":
            self.wyber.resume_meeting(summary.id)
            return
        from tui.screens.summary import open_past_summary

        open_past_summary(self.wyber, summary.id)

    def action_resume(self) -> None:
        if self.unfinished:
            self.wyber.resume_meeting(self.unfinished[0].id)

    def action_run_now(self) -> None:
        """Start the highlighted plan at once; first saying where a shipped plan's sample text
        still stands, as Prepare's Start does (going there opens Prepare at that field)."""
        key = self.query_one(PlanTable).cursor_key
        plan = self.plans.get(key) if key is not None else None
        if key is None or plan is None:
            return
        from tui.screens.design_questions import warn_of_samples
        from tui.wyber.preparation import prepare

        name = self._own_name(key)

        def start() -> None:
            self.wyber.start_meeting(prepare(plan, self.wyber.clocks.today(), name), run_now=True)

        def go_to(sample: SampleText) -> None:
            self.wyber.prepare_meeting(plan, name, show=sample)

        warn_of_samples(self, self.lang, plan, plan.title, start, go_to)

    def action_export(self) -> None:
        key = self.query_one(SessionTable).cursor_key
        if key is not None and key in self.sessions:
            self.wyber.export_minutes(key, self.lang)

    def action_series(self) -> None:
        from tui.screens.series import choose_series
        from tui.wyber.search import series_names

        key = self.query_one(SessionTable).cursor_key
        current = self.sessions[key].series if key in self.sessions else None
        choose_series(self.wyber, self.lang, current, series_names(self.sessions.values()))

    def action_open_file(self) -> None:
        def opened(plan: Plan | None) -> None:
            if plan is not None:
                self.wyber.prepare_meeting(plan)

        self.app.push_screen(OpenPlanDialog(), opened)

    def action_history(self) -> None:
        self.wyber.open_history()


class OpenPlanDialog(WyberModal["Plan | None"]):
    """Ask for the path of a plan file; say what is wrong with it, or hand back the plan."""

    CSS_PATH = "home.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "key.cancel", id="cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="open-plan"):
            yield Static(self.t("home.open.title"), classes="dialog-title", markup=False)
            yield LineField(id="path", placeholder=self.t("home.open.placeholder"))
            yield Static(self.t("home.open.hint"), classes="hint", markup=False)
            yield Static(id="open-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("key.cancel"), id="cancel")
                yield Button(self.t("home.open.button"), id="open", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#open-error").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self._open()
        else:
            self.dismiss(None)

    def _say(self, message: str) -> None:
        error = self.query_one("#open-error", Static)
        error.update(Text(message))
        error.display = bool(message)

    def _open(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say(self.t("home.open.empty"))
            return
        self._say(self.t("home.open.reading"))
        self._read(text)

    @work(thread=True, exit_on_error=False, exclusive=True, group=OPEN_GROUP)
    def _read(self, text: str) -> Plan:
        try:
            path = Path(text).expanduser()
        except RuntimeError:  # "~someone" who does not exist here
            raise PlanError(Path(text), [PlanProblem("plan.not_found", {})]) from None
        from tui.wyber.plans import load_plan

        return load_plan(path)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != OPEN_GROUP:
            return
        if event.state is WorkerState.SUCCESS and event.worker.result is not None:
            self.dismiss(cast("Plan", event.worker.result))
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, PlanError):
                self._say(error.render(self.lang))
            else:
                self._say(self.t("app.unexpected", error=repr(error)))
