"""The Textual app: the screens of a live meeting, its themes, keys and command palette.

The app owns what outlives a screen: the data folder, the language, the clocks (injected, so tests
run on a fake clock and never sleep), and the live meeting once one runs. Screens ask the app to
start, resume or leave a meeting; the slow parts (creating or reading a session file) run in
thread workers so the screen never waits on the disk.
"""

from __future__ import annotations

import asyncio
import contextvars
import signal
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.failure import log_failure, report_failure
from tui.heap import Heap, let_go, refreeze
from tui.internals import (
    EndsWithoutTraceback,
    drop_closed_watchers,
    forget_cached_styles,
    load_screen_css,
    reset_bindings,
)
from tui.internals.frames import lay_out_now
from tui.internals.paste_guard import install as install_paste_guard
from tui.keys import localise, run_command, screen_commands
from tui.room.place import RoomPlace
from tui.screens.home import HomeScreen
from tui.themes import CONTRAST_THEME, THEMES, VARIABLE_DEFAULTS
from tui.widgets.key_order import KeysInOrder
from tui.wyber.errors import UserError
from tui.wyber.i18n import LANGUAGES, Language, tr
from tui.wyber.wall import utc_now

# The meeting's core (pydantic models, the store) loads when a meeting starts, not before the
# first frame: the home screen reads its lists in a worker.
if TYPE_CHECKING:
    from tui.room.opened import OpenRoom
    from tui.room.projector import Projector
    from tui.wyber.meeting import Meeting
    from tui.wyber.plan import Plan
    from tui.wyber.preparation import Preparation
    from tui.wyber.recorder import BackgroundWriter
    from tui.wyber.rescue import Rescue
    from tui.wyber.samples import SampleText
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
    place: RoomPlace = field(default_factory=RoomPlace)  # `--port`: where F5 and F10 open it


class WyberApp(KeysInOrder[None], EndsWithoutTraceback[None]):
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
        self.asked_to_quit = False  # Ctrl+Q's question is on the screen
        self.room: OpenRoom | None = None  # the participants' phones, while the room is open
        self.projector: Projector | None = None  # the room's view for the second screen
        self.crash: Exception | None = None  # the first error nothing caught (run_app reports it)
        self._durable_posted = False  # a DurableMoved is on its way: one per frame is enough
        self._told_broken = False
        self._added_back: list[tuple[int, Path]] = []  # rescue files added back: last seq, file
        self.heap = Heap()
        self._freeze_due = False
        self._closing_screens = 0  # popped, and not yet let go (_after_pop)
        localise(self, lang)
        for theme in THEMES:
            self.register_theme(theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **VARIABLE_DEFAULTS}

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
        load_screen_css(self, home)
        return cast(Screen[object], home)

    def on_mount(self) -> None:
        if not self.is_headless:
            self._end_on_hangup()
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

    def prepare_meeting(
        self, plan: Plan, plan_name: str = "", show: SampleText | None = None
    ) -> None:
        """Prepare the plan (`plan_name`: the user's own plan it is; `show`: the sample text to
        put the cursor in); start the meeting when the facilitator does."""
        from tui.screens.prepare import PrepareScreen
        from tui.wyber.preparation import prepare

        def start(preparation: Preparation | None) -> None:
            if preparation is not None:
                self.start_meeting(preparation)
            else:  # back home, which lists again the plans Prepare may have saved
                self.go_home()

        preparation = prepare(plan, self.clocks.today(), plan_name)
        self.push_screen(PrepareScreen(preparation, show=show), start)

    def prepare_again(self, preparation: Preparation) -> None:
        """Prepare a session made from an earlier one (history's "run again"); start it when the
        facilitator does."""
        from tui.screens.prepare import PrepareScreen

        def start(prepared: Preparation | None) -> None:
            if prepared is not None:
                self.start_meeting(prepared)

        self.push_screen(PrepareScreen(preparation), start)

    def _end_on_hangup(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the app as Ctrl+Q would
        without asking: by default they end the process at once, and records still waiting for
        the disk would go with it; now run_app writes them first (or rescues them)."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)  # Windows has no SIGHUP
            with suppress(NotImplementedError, RuntimeError, ValueError):  # nor these handlers
                if number is not None:
                    loop.add_signal_handler(number, self.exit)

    def freeze_heap(self) -> None:
        """Move what lives now (Textual and wyber loaded, the archive's listing, a replay's
        timeline) out of the garbage collector's full passes, which would otherwise walk it
        again and again and pause the screen for 100 ms and more (see tui/heap.py). After the
        frame being drawn, so that the collection before it does not delay what it shows."""
        if not self._freeze_due:
            self._freeze_due = True
            self.call_after_refresh(self._freeze)

    def _freeze(self) -> None:
        # Not while a screen is closing: its worker freezes once the screen is let go.
        if self._freeze_due and not self._closing_screens:
            self._freeze_due = False
            self.heap.freeze(self.screen_stack)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Every screen comes in through here. What the screen below still had to lay out is
        laid out first: Textual lays out only the current screen, so one covered at once (keys
        typed together) kept a half-drawn picture under the dialog (tui/internals/frames.py)."""
        if self.screen_stack:
            lay_out_now(self.screen_stack[-1])
        return super().push_screen(*args, **kwargs)

    def pop_screen(self) -> AwaitComplete:
        """Every screen leaves through here (dismiss, Escape, home): once it has gone, what it
        held is freed, also if it was frozen with the heap (tui/heap.py)."""
        # A freeze still to come holds the screen too: it asked for one, or is on the stack.
        frozen = self.heap.froze(self.screen) or self._freeze_due
        closing = weakref.ref(self.screen)
        popped = super().pop_screen()
        self._closing_screens += 1
        # The worker starts in a context of its own: started in this one, the closing screen's,
        # it would hold the screen (Textual's active message pump) for as long as it runs.
        contextvars.Context().run(
            self.run_worker,
            self._after_pop(popped, closing, frozen),
            group="heap",
            exit_on_error=False,
        )
        return popped

    async def _after_pop(
        self, popped: AwaitComplete, closing: weakref.ref[Screen[object]], frozen: bool
    ) -> None:
        try:
            await popped  # the screen is removed
            del popped  # its task holds the screen
            shown = [self, *self.screen.walk_children(with_self=True)]
            # What Textual keeps of closed widgets (tui/internals.py): 13k objects a replay.
            for node in shown:
                drop_closed_watchers(node)
            forget_cached_styles()
            await let_go(shown)
        finally:
            self._closing_screens -= 1
        if frozen or self._freeze_due:  # the latter: asked for while the screen was closing
            self._freeze_due = False
            await refreeze(self.heap, lambda: self.screen_stack, closing)

    def on_unmount(self) -> None:
        self.heap.thaw()

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
        if earlier and earlier[0].series is not None:  # the name as the series was first written
            preparation.series = earlier[0].series.name
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
        from tui.wyber.torn import torn_kind

        session = resume_session(
            self.archive, session_id, monotonic=self.clocks.monotonic, wall=self.clocks.wall
        )
        away = session.state.away[-1] if session.state.away else None
        earlier = earlier_sessions(self.archive, session.state)
        self.call_from_thread(self._run, session, away, False, earlier)
        torn = torn_kind(session.writer.dropped_tail, session.state.finished)
        if torn:
            self.call_from_thread(self._say_torn, torn)

    def _say_torn(self, kind: str) -> None:
        """Say, in the session's language, that the record being written when wyber stopped is
        lost: the session may read as unfinished only because its end was that record."""
        self.notify(
            tr(self.lang, f"archive.torn.resumed.{kind}"),
            title=tr(self.lang, "archive.torn.title"),
            severity="warning",
            timeout=30,
            markup=False,
        )

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
        writer = self.writer = BackgroundWriter(session.writer)
        session.sink = writer.submit
        session.durable = lambda: writer.durable
        self._told_broken = False
        writer.watch(self._durable_moved)
        self.meeting = Meeting(session, earlier)
        # The app's event loop owns the meeting: commands from other threads (a participant's
        # phone, a load test) are handed to it.
        loop = asyncio.get_running_loop()
        self.meeting.bind(loop.call_soon_threadsafe)
        # The meeting's heap grows all evening: what lives on is kept out of the full passes.
        self.heap.keep_survivors(
            lambda: self.screen_stack, lambda: loop.call_soon(self.freeze_heap)
        )
        if session.state.finished:
            from tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(self.meeting.state, self.meeting.now))
        else:
            if run_now and not self.meeting.started:
                self.meeting.start()
            self.push_screen(RunScreen(self.meeting, away_seconds=away))
        self._offer_rescues(session)

    # ── what is on disk ─────────────────────────────────────────────────────────────────────

    class DurableMoved(Message):
        """The writer's durable watermark moved (or the writer stopped on a bug)."""

    def _durable_moved(self, durable: int) -> None:
        # On the writer's thread. post_message is thread-safe and does not wait, where
        # call_from_thread would hold the writer until the screen ran the call (and never, while
        # the screen waits for the writer to close). Bursts of fsyncs make one repaint.
        if not self._durable_posted:
            self._durable_posted = True
            self.post_message(self.DurableMoved())

    def on_wyber_app_durable_moved(self, _: DurableMoved) -> None:
        from tui.screens.run import RunScreen

        self._durable_posted = False
        for screen in self.screen_stack:
            if isinstance(screen, RunScreen):
                screen.durable_moved()
        self._forget_rescues_added()
        writer = self.writer
        if writer is not None and writer.broken is not None and not self._told_broken:
            self._told_broken = True
            self.log.error(f"the writer stopped: {writer.broken!r}")
            message = tr(
                self.lang, "durable.broken", error=repr(writer.broken), pending=writer.pending
            )
            self.notify(message, severity="error", markup=False, timeout=60)

    def _offer_rescues(self, session: LiveSession) -> None:
        """Records left behind in rescue files when the disk refused them: add back, or not."""
        from tui.dialogs.unsaved import RESTORE_ADD, RESTORE_ASIDE, restore_dialog
        from tui.wyber.rescue import RescueDamaged, find_rescues, read_rescue, set_aside

        for path in find_rescues(self.archive, session.session_id):
            try:
                rescue = read_rescue(path, session.session_id)
            except RescueDamaged as damaged:
                self.notify(damaged.render(self.lang), severity="error", markup=False, timeout=30)
                continue

            def chosen(choice: str | None, rescue: Rescue = rescue) -> None:
                if choice == RESTORE_ADD:
                    self._add_back(session, rescue)
                elif choice == RESTORE_ASIDE:
                    moved = set_aside(self.archive, rescue.path)
                    self.notify(tr(self.lang, "durable.restore.moved", path=str(moved)))
                else:
                    self.notify(tr(self.lang, "durable.restore.later"))

            self.push_screen(restore_dialog(self.lang, path, rescue.records), chosen)

    def _add_back(self, session: LiveSession, rescue: Rescue) -> None:
        from tui.screens.run import RunScreen

        added = session.add_back(rescue.records)
        for screen in self.screen_stack:
            if isinstance(screen, RunScreen):
                screen.show_movement()
        # The rescue file goes only once its records are on disk in the journal (a crash in
        # between offers them again rather than losing them): when the watermark passes them.
        self._added_back.append((added[-1].seq, rescue.path))
        self._forget_rescues_added()
        self.notify(tr(self.lang, "durable.restore.added", count=len(added)))

    def _forget_rescues_added(self) -> None:
        writer = self.writer
        durable = writer.durable if writer is not None else 0
        for seq, path in list(self._added_back):
            if seq <= durable:
                path.unlink(missing_ok=True)
                self._added_back.remove((seq, path))

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
        from tui.dialogs.export import ExportDialog

        if self.writer is not None:
            self.writer.flush(timeout=5.0)  # the records of this meeting on disk before reading
        self.push_screen(ExportDialog(lang, session_id, self.exports))

    def open_room(self, host: str, port: int) -> OpenRoom:
        """Open the room for the running meeting on this address; OSError if the port is taken."""
        from tui.room.opened import open_room
        from tui.room.projector import Projector

        assert self.meeting is not None and self.writer is not None
        writer = self.writer
        projector = Projector()  # its routes are served from the start, at its own secret
        self.room = open_room(
            self.meeting,
            lambda: writer.durable,
            host,
            port,
            extra=projector.routes(),
            watch=writer.watch,
        )
        projector.opened, self.projector = self.room, projector
        return self.room

    async def close_room(self) -> None:
        """Nothing is accepted from the phones any more; the server is gone within 2 s."""
        room, self.room, self.projector = self.room, None, None
        if room is not None:
            await room.close()

    def leave_meeting(self) -> bool:
        """Release the session once every record is on disk; False (and nothing released, the
        writer still retrying) while the disk refuses some."""
        if self.room is not None:
            self.room.room.close()  # at once: no phone's request is taken after this
            if self.is_running:
                self.call_later(self.close_room)
        writer = self.writer
        if writer is not None:
            # A disk that refuses now is not waited for: the facilitator is asked at once.
            troubled = writer.failure is not None or writer.broken is not None
            if not writer.close(timeout=0.2 if troubled else 5.0):
                return False
            self._forget_rescues_added()
        self._left()
        return True

    def _left(self) -> None:
        self.writer, self.meeting = None, None
        self.heap.stop_keeping()
        self.speak(self.home_lang)

    def leave_meeting_then(self, then: Callable[[], object]) -> None:
        """Leave the meeting, then `then()`; while records wait for the disk, ask first: stay
        while wyber retries, or leave them in a rescue file."""
        from tui.dialogs.unsaved import LEAVE_RESCUE, leave_dialog

        writer = self.writer
        if writer is None or self.leave_meeting():
            then()
            return

        def chosen(choice: str | None) -> None:
            if choice == LEAVE_RESCUE and self._rescue(writer, quiet=False):
                then()
            else:
                writer.retry_now()
                self.notify(tr(self.lang, "durable.leave.retrying"), timeout=8)

        self.push_screen(leave_dialog(self.lang, writer), chosen)

    def _rescue(self, writer: BackgroundWriter, *, quiet: bool) -> bool:
        """Keep the records that wait in a rescue file and release the session; False (and the
        writer still retrying) if even the rescue file could not be written."""
        from tui.wyber.recorder import WriterBroken
        from tui.wyber.rescue import save_rescue
        from tui.wyber.store import WriteFailed

        assert self.meeting is not None
        session_id = self.meeting.state.session_id
        try:
            path, count = writer.abandon(
                lambda records: (save_rescue(self.archive, session_id, records), len(records))
            )
        except (WriteFailed, WriterBroken) as refused:
            reason = refused.render(self.lang) if isinstance(refused, WriteFailed) else str(refused)
            self.log.error(f"rescue of {session_id} failed: {reason}")
            if not quiet:
                message = tr(self.lang, "durable.leave.rescue_failed", reason=reason)
                self.notify(message, severity="error", markup=False, timeout=30)
            return False
        self.log.warning(f"records of {session_id} kept in {path}")
        if not quiet:
            message = tr(
                self.lang, "durable.leave.rescued", count=count, path=str(path), session=session_id
            )
            self.notify(message, severity="warning", markup=False, timeout=30)
        # Records added back from an earlier rescue file and not yet on disk are in this one.
        for _, earlier in self._added_back:
            earlier.unlink(missing_ok=True)
        self._added_back.clear()
        self._left()
        return True

    def rescue_on_exit(self) -> None:
        """The app ended without the facilitator leaving the meeting (the terminal was closed,
        a crash): records still waiting go to a rescue file, as nobody can be asked."""
        writer = self.writer
        if writer is not None and not self.leave_meeting():
            self._rescue(writer, quiet=True)

    def speak(self, lang: Language) -> None:
        """The app's own keys (help, quit, palette) in this language from now on."""
        self.lang = lang
        reset_bindings(self)
        localise(self, lang)
        if self.screen_stack:  # not while the app is closing
            self.refresh_bindings()

    def switch_language(self) -> Language:
        """The app's own screens in the other language from now on, kept in the settings (a
        settings file that cannot be written only means it is not kept)."""
        from tui.wyber.settings import save_language

        lang = next(other for other in LANGUAGES if other != self.home_lang)
        self.home_lang = lang
        self.speak(lang)
        try:
            save_language(self.data, lang)
        except OSError as error:
            self.notify(tr(lang, "table2.language.not_kept", reason=str(error)), markup=False)
        return lang

    def go_home(self) -> None:
        """Back to the home screen, which lists the sessions again."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_lists()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "session":
            self.show_error(event.worker.error)

    def uncaught(self, error: Exception) -> None:
        """An error nothing caught ends the app, as in Textual; but Textual would then print its
        full traceback over the terminal. It goes to the log instead (run_app)."""
        if self.crash is None:
            self.crash = error

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
        """Quit; first asking, during a meeting or over typing not yet kept (a second Ctrl+Q
        while asked is the answer yes)."""
        from tui.screens.design_questions import confirm, quit_question

        question = quit_question(self)
        if question is None or self.asked_to_quit:
            self.quit_now()
            return
        self.asked_to_quit = True

        def answered() -> None:
            self.asked_to_quit = False
            self.quit_now()

        confirm(self.screen, self.lang, question, answered, on_no=self._not_quitting)

    def _not_quitting(self) -> None:
        self.asked_to_quit = False

    def quit_now(self) -> None:
        """Quit, once every record is on disk (or, asked, left in a rescue file)."""
        self.leave_meeting_then(self.exit)

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
    """Run the app to its end; its exit code. Records still waiting for the disk when it ends
    without the facilitator leaving (a closed terminal, a crash) go to a rescue file. After an
    unexpected error: one line in the user's language with the log's path, and 1."""
    install_paste_guard()
    from tui.wyber.settings import app_language

    app = WyberApp(data, app_language(data, lang), launch=launch)
    try:
        app.run()
    finally:
        app.rescue_on_exit()
    if app.crash is None:
        return app.return_code or 0
    return report_failure(data, app.home_lang, app.crash)
