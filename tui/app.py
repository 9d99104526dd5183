"""The Textual app: the screens of a live meeting, its themes, keys and command palette.

The app owns what outlives a screen: the data folder, the language, the clocks (injected, so tests
run on a fake clock and never sleep), and the live meeting once one runs. Screens ask the app to
start, resume or leave a meeting; the slow parts (creating or reading a session file) run in
thread workers so the screen never waits on the disk.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.failure import log_failure, report_failure
from tui.keys import localise, run_command, screen_commands
from tui.paste_guard import install as install_paste_guard
from tui.room.place import RoomPlace
from tui.screens.home import HomeScreen
from tui.themes import CONTRAST_THEME, THEMES
from tui.widgets.key_order import KeysInOrder
from tui.wyber.errors import UserError
from tui.wyber.i18n import Language, detect_language, tr
from tui.wyber.wall import utc_now

# The meeting's core (pydantic models, the store) loads when a meeting starts, not before the
# first frame: the home screen reads its lists in a worker.
if TYPE_CHECKING:
    from tui.room.opened import OpenRoom
    from tui.wyber.meeting import Meeting
    from tui.wyber.plan import Plan
    from tui.wyber.preparation import Preparation
    from tui.wyber.recorder import BackgroundWriter
    from tui.wyber.session import LiveSession
    from tui.wyber.state import SessionState
    from tui.wyber.store import Archive


@dataclass(frozen=True, slots=True)
class Clocks:
    """Where the app reads time: a monotonic clock for time boxes, a wall clock for stamps."""

    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], datetime] = utc_now

    def today(self) -> date:
        return self.wall().astimezone().date()


@dataclass(frozen=True, slots=True)
class Launch:
    """What the app opens with: home, a plan to prepare (or to run at once), or a session."""

    plan: Plan | None = None
    run_now: bool = False
    session_id: str | None = None
    notices: list[str] = field(default_factory=list)
    replay: str | None = None  # a recorded session to play back, read-only
    room: RoomPlace | None = None  # `--room`: the run screen opens the room at once


class WyberApp(KeysInOrder[None]):
    TITLE = "wyber"
    CSS_PATH = "app.tcss"
    # Screens restyle for a laptop at 80×24 and a projector at 200×60.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Textual's API)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]  # noqa: RUF012
    # Home is the bottom of the stack from the first frame (not pushed over a blank screen, which
    # costs a frame at startup). A mode, rather than get_default_screen, so its own CSS loads.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help", id="help"),
        Binding("f6", "toggle_contrast", "key.contrast", id="contrast"),
        Binding("ctrl+q", "quit", "key.quit", id="quit", priority=True),
        # Declared here (Textual adds it otherwise) so its Footer label is in the right language.
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]

    def __init__(
        self,
        data: Path,
        lang: Language,
        *,
        clocks: Clocks | None = None,
        launch: Launch | None = None,
        exports: Path | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        self._exports = exports
        self.lang = lang
        self.home_lang = lang  # --lang; a running meeting speaks its session's language
        self.clocks = clocks or Clocks()
        self.launch = launch or Launch()
        self.meeting: Meeting | None = None
        self.writer: BackgroundWriter | None = None
        self.room: OpenRoom | None = None  # the participants' phones, while the room is open
        self.crash: Exception | None = None  # the first error nothing caught (run_app reports it)
        localise(self, lang)
        for theme in THEMES:
            self.register_theme(theme)

    @cached_property
    def archive(self) -> Archive:
        from tui.wyber.store import Archive

        return Archive(self.data)

    @cached_property
    def exports(self) -> Path:
        """Where exported minutes go: the user's documents folder, in a folder of wyber's."""
        if self._exports is not None:
            return self._exports
        from platformdirs import user_documents_dir

        return Path(user_documents_dir()) / "wyber"

    def get_default_screen(self) -> Screen[object]:
        # Home is the bottom of the stack from the first frame: pushing it over Textual's blank
        # default screen costs a frame at startup. Textual loads a pushed screen's CSS_PATH but
        # not the default screen's, hence the explicit load.
        home = HomeScreen()
        self._load_screen_css(home)
        return cast(Screen[object], home)

    def on_mount(self) -> None:
        for notice in self.launch.notices:
            self.notify(notice, markup=False, severity="warning", timeout=10)
        if self.launch.replay is not None:
            self.open_replay(self.launch.replay)
        elif self.launch.session_id is not None:
            self.resume_meeting(self.launch.session_id)
        elif self.launch.plan is not None:
            from tui.wyber.preparation import prepare

            if self.launch.run_now:
                self.start_meeting(prepare(self.launch.plan, self.clocks.today()), run_now=True)
            else:
                self.prepare_meeting(self.launch.plan)

    # ── meetings ────────────────────────────────────────────────────────────────────────────

    def prepare_meeting(self, plan: Plan) -> None:
        from tui.screens.prepare import PrepareScreen
        from tui.wyber.preparation import prepare

        def start(preparation: Preparation | None) -> None:
            if preparation is not None:
                self.start_meeting(preparation)

        self.push_screen(PrepareScreen(prepare(plan, self.clocks.today())), start)

    def prepare_again(self, preparation: Preparation) -> None:
        """Prepare a session made from an earlier one (history's "run again"); start it when the
        facilitator does."""
        from tui.screens.prepare import PrepareScreen

        def start(prepared: Preparation | None) -> None:
            if prepared is not None:
                self.start_meeting(prepared)

        self.push_screen(PrepareScreen(preparation), start)

    def freeze_heap(self) -> None:
        """Move what lives now (Textual and wyber loaded, the archive's listing, a replay's
        timeline) out of the garbage collector's full passes, which would otherwise walk it
        again and again and pause the screen for 100 ms and more. Objects are still freed when
        they are no longer used; a collection pass simply skips them. Given back at the end."""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def open_history(self) -> None:
        """Every recorded session: search, filter, and what can be done with one."""
        from tui.screens.history import HistoryScreen

        # What home read moments ago is shown at once, and read again behind it.
        home = self.screen_stack[0] if self.screen_stack else None
        self.push_screen(HistoryScreen(home.listing if isinstance(home, HomeScreen) else None))

    @work(thread=True, exit_on_error=False, group="session", name="start")
    def start_meeting(self, preparation: Preparation, run_now: bool = False) -> None:
        from tui.wyber.series import next_number, series_sessions
        from tui.wyber.session import start_session

        at = self.clocks.wall()
        # The series' sessions so far: this one numbers its agreements on from theirs, and
        # reviews what they agreed.
        earlier = series_sessions(self.archive, preparation.series) if preparation.series else []
        opening = preparation.opening(self.archive.new_id(at), next_number(earlier))
        session = start_session(
            self.archive,
            opening,
            preparation.participant_events(),
            monotonic=self.clocks.monotonic,
            wall=self.clocks.wall,
        )
        self.call_from_thread(self._run, session, None, run_now, earlier)

    @work(thread=True, exit_on_error=False, group="session", name="resume")
    def resume_meeting(self, session_id: str) -> None:
        from tui.wyber.series import earlier_sessions
        from tui.wyber.session import resume_session

        session = resume_session(
            self.archive, session_id, monotonic=self.clocks.monotonic, wall=self.clocks.wall
        )
        away = session.state.away[-1] if session.state.away else None
        earlier = earlier_sessions(self.archive, session.state)
        self.call_from_thread(self._run, session, away, False, earlier)

    def _run(
        self,
        session: LiveSession,
        away: float | None,
        run_now: bool,
        earlier: Sequence[SessionState] = (),
    ) -> None:
        from tui.screens.run import RunScreen
        from tui.wyber.meeting import Meeting
        from tui.wyber.recorder import BackgroundWriter

        self.speak(session.state.language)
        self.writer = BackgroundWriter(session.writer)
        session.sink = self.writer.submit
        self.meeting = Meeting(session, earlier)
        # The app's event loop owns the meeting: commands from other threads (a participant's
        # phone, a load test) are handed to it.
        self.meeting.bind(asyncio.get_running_loop().call_soon_threadsafe)
        if session.state.finished:
            from tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(self.meeting.state, self.meeting.now))
            return
        if run_now and not self.meeting.started:
            self.meeting.start()
        self.push_screen(RunScreen(self.meeting, away_seconds=away))

    def open_series(self, name: str, lang: Language) -> None:
        """The sessions of a series and the running list of what they agreed."""
        from tui.screens.series import SeriesScreen

        self.push_screen(SeriesScreen(name, lang))

    def open_replay(self, session_id: str) -> None:
        """Play a recorded session back, read-only (never locks or writes it)."""
        from tui.screens.replay import open_replay

        open_replay(self, session_id)

    def export_minutes(self, session_id: str, lang: Language) -> None:
        """Ask (in `lang`, the screen's) for a format and export the session into the exports
        folder; the minutes are in the session's own language."""
        from tui.screens.export import ExportDialog

        if self.writer is not None:
            self.writer.flush(timeout=5.0)  # the records of this meeting on disk before reading
        self.push_screen(ExportDialog(lang, session_id, self.exports))

    def open_room(self, host: str, port: int) -> OpenRoom:
        """Open the room for the running meeting on this address; OSError if the port is taken."""
        from tui.room.opened import open_room

        assert self.meeting is not None and self.writer is not None
        writer = self.writer
        self.room = open_room(self.meeting, lambda: writer.written, host, port)
        return self.room

    async def close_room(self) -> None:
        """Nothing is accepted from the phones any more; the server is gone within 2 s."""
        room, self.room = self.room, None
        if room is not None:
            await room.close()

    def leave_meeting(self) -> bool:
        """Write what is queued and release the session; False if the disk still refuses."""
        if self.room is not None:
            self.room.room.close()  # at once: no phone's request is taken after this
            if self.is_running:
                self.call_later(self.close_room)
        writer, self.writer, self.meeting = self.writer, None, None
        self.speak(self.home_lang)
        return writer.close() if writer is not None else True

    def speak(self, lang: Language) -> None:
        """The app's own keys (help, quit, palette) in this language from now on."""
        self.lang = lang
        self._bindings = self._merged_bindings.copy() if self._merged_bindings else self._bindings
        localise(self, lang)
        if self.screen_stack:  # not while the app is closing
            self.refresh_bindings()

    def go_home(self) -> None:
        """Back to the home screen, which lists the sessions again."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_lists()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "session":
            self.show_error(event.worker.error)

    def _handle_exception(self, error: Exception) -> None:
        """An error nothing caught ends the app, as in Textual; but Textual would then print its
        full traceback over the terminal. It goes to the log instead (run_app)."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def show_error(self, error: BaseException | None) -> None:
        """An error a person can act on in their language; anything else briefly, and logged."""
        from pydantic import ValidationError  # here: the first frame does not wait for pydantic

        if isinstance(error, UserError):
            message = error.render(self.lang)
        elif isinstance(error, ValidationError):
            from tui.wyber.invalid import explain

            message = tr(self.lang, "run.refused.invalid", reason=explain(error, self.lang))
        else:
            # The app goes on (the meeting that failed to open is not needed to go on), but the
            # details go where a crash's go, so that the failure can be reported.
            log = log_failure(self.data, error) if error is not None else "-"
            message = tr(self.lang, "door.unexpected", error=type(error).__name__, log=log)
        self.notify(message, severity="error", markup=False, timeout=12)

    # ── keys, help, themes ──────────────────────────────────────────────────────────────────

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == CONTRAST_THEME.name else CONTRAST_THEME.name

    async def action_quit(self) -> None:
        await self.close_room()
        if self.writer is not None and not self.leave_meeting():
            self.notify(tr(self.lang, "app.unsaved_on_quit"), severity="error", timeout=20)
            return
        self.exit()

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the facilitator's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = tr(self.lang, "app.palette.search")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette: every key the screen offers now, then the app's own commands."""
        for command in screen_commands(screen):
            yield SystemCommand(
                command.title,
                command.help or tr(self.lang, "app.palette.key", key=command.key),
                lambda command=command: run_command(command),
            )
        yield SystemCommand(
            tr(self.lang, "app.palette.theme"),
            tr(self.lang, "app.palette.theme_help"),
            self.action_change_theme,
        )


def run_app(data: Path, lang: Language | None, launch: Launch | None = None) -> int:
    """Run the app to its end; its exit code. After an unexpected error: what the meeting had
    queued is written first, then one line in the user's language with the log's path, and 1."""
    install_paste_guard()
    app = WyberApp(data, lang or detect_language(), launch=launch)
    app.run()
    if app.crash is None:
        return app.return_code or 0
    app.leave_meeting()
    return report_failure(data, app.home_lang, app.crash)
