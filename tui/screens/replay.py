"""Replay: a recorded session played back on its own timeline, read-only.

The screen shows the session as it was at one moment — the agenda rail, the big clock, the
diamond and the board of the movement — from `Timeline` and `Cursor` (tui/wyber/replay.py): the
fold of the records up to that moment, and the time boxes derived at that moment. It never
writes: the records were read without the lock (`Archive.read`), so a session another wyber is
recording into replays too, as it stood when it was read.

Playing moves the moment on by the time that passed on the app's monotonic clock (injected:
tests move a fake one) times the speed, derived from where play started, never counted in ticks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Header, Static

from tui.dialogs.ask import TextDialog
from tui.dialogs.base import WyberScreen
from tui.internals import change_bindings
from tui.screens.reading import read_then
from tui.widgets.agenda import AgendaRail
from tui.widgets.clock import BigClock
from tui.widgets.diamond import Diamond
from tui.widgets.event_line import event_text
from tui.widgets.key_strip import KeyStrip
from tui.widgets.replay_board import ReplayBoard
from tui.widgets.scrub import ScrubBar
from tui.widgets.ticking import TickingStatic
from tui.wyber.dates import compact_date
from tui.wyber.i18n import Language
from tui.wyber.replay import SPEEDS, Cursor, Timeline, faster, moment_text, parse_moment, slower
from tui.wyber.state import SessionState
from tui.wyber.timebox import current_clock

if TYPE_CHECKING:
    from tui.app import WyberApp

# Ten redraws a second while playing: at 60× the clock moves six seconds per redraw.
TICK_SECONDS = 0.1
# What Textual's Header keeps beside its "title — subtitle": the icon left, the clock's room right.
HEADER_BESIDE_TITLE = 8 + 10


def open_replay(app: WyberApp, session_id: str) -> None:
    """Read the session (without its lock) in a thread, then play it back."""
    read_then(
        app,
        session_id,
        Timeline,
        lambda timeline: app.push_screen(ReplayScreen(timeline)),
        "replay",
    )


# ── the screen ──────────────────────────────────────────────────────────────────────────────────

EVENT = Binding.Group("replay.group.event", compact=True)
STEP = Binding.Group("replay.group.step", compact=True)
SPEED = Binding.Group("replay.group.speed", compact=True)


class ReplayScreen(WyberScreen[None]):
    CSS_PATH = "replay.tcss"
    AUTO_FOCUS = None  # nothing to type into: every key is the replay's
    HELP_KEY = "replay.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", "replay.key.play", id="replay_play"),
        Binding("left", "event(-1)", "replay.key.event_back", id="replay_event_back", group=EVENT),
        Binding("right", "event(1)", "replay.key.event_next", id="replay_event_next", group=EVENT),
        Binding(
            "left_square_bracket,shift+left",
            "step(-1)",
            "replay.key.step_back",
            id="replay_step_back",
            key_display="[",
            group=STEP,
        ),
        Binding(
            "right_square_bracket,shift+right",
            "step(1)",
            "replay.key.step_next",
            id="replay_step_next",
            key_display="]",
            group=STEP,
        ),
        Binding(
            "minus", "slower", "replay.key.slower", id="replay_slower", key_display="-", group=SPEED
        ),
        Binding(
            "plus,equals_sign",
            "faster",
            "replay.key.faster",
            id="replay_faster",
            key_display="+",
            group=SPEED,
        ),
        *(
            Binding(
                str(n),
                f"speed({speed})",
                f"replay.key.speed_{speed}",
                id=f"replay_speed_{speed}",
                show=False,
            )
            for n, speed in enumerate(SPEEDS, 1)
        ),
        Binding("home", "start", "replay.key.start", id="replay_start", show=False),
        Binding("end", "end", "replay.key.end", id="replay_end", show=False),
        Binding("g", "goto", "replay.key.goto", id="replay_goto", show=False),
        Binding("escape,h", "back", "replay.key.back", id="replay_back"),
    ]

    def __init__(self, timeline: Timeline) -> None:
        super().__init__(timeline.final.language)
        self.timeline = timeline
        self.cursor = Cursor(timeline)
        self.speed = SPEEDS[0]
        self.playing = False
        self._anchor = (0.0, timeline.start)  # (monotonic, moment) where play last (re)started
        self._timer: Timer | None = None
        self._shown_seq: int | None = None
        self._spoken: Language | None = None

    @property
    def position(self) -> float:
        """The moment shown, in seconds on the session's clock."""
        return self.cursor.t

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-side"):
                yield AgendaRail(id="replay-rail")
            with Vertical(id="replay-main"):
                yield TickingStatic(id="replay-step-title")
                yield TickingStatic(id="replay-question")
                with Horizontal(id="replay-band"):
                    yield BigClock(self.lang, id="replay-clock")
                    yield Diamond(id="replay-diamond")
                    with Vertical(id="replay-movement-info"):
                        yield TickingStatic(id="replay-movement")
                        yield TickingStatic(id="replay-technique", classes="hint")
                        yield TickingStatic(id="replay-timer", classes="hint")
                yield ReplayBoard(self.lang, id="replay-boards")
        with Horizontal(id="replay-transport"):
            yield Static(self.t("replay.marker"), id="replay-marker")
            yield TickingStatic(id="replay-position")
            yield TickingStatic(id="replay-last")
        span = self.timeline.duration
        marks = [(r.t - self.timeline.start) / span for r in self.timeline.rounds] if span else []
        yield ScrubBar(marks, id="replay-scrub")
        yield KeyStrip()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_subtitle(event.size.width)

    def _fit_subtitle(self, width: int) -> None:
        """The subtitle as much of "terugkijken · 1 dec 2026" as the header has room for beside
        the title: without the year, then the date alone, then nothing (the status line says
        it replays), so at 80 columns the title is not cut to "· 1 dec 2…"."""
        state = self.timeline.final
        held = state.held_on or state.opened_at.astimezone().date()
        day, dated = compact_date(held, self.lang), compact_date(held, self.lang, with_year=True)
        room = width - HEADER_BESIDE_TITLE - cell_len(f"{state.title} — ")
        said = (self.t("replay.subtitle", date=dated), self.t("replay.subtitle", date=day), day)
        self.sub_title = next((sub for sub in said if cell_len(sub) <= room), "")

    def on_mount(self) -> None:
        state = self.timeline.final
        self.title = state.title
        self._fit_subtitle(self.app.size.width)
        # The app's own keys (help, quit) speak the session's language while it replays.
        self._spoken = self.wyber.lang
        self.wyber.speak(self.lang)
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.show()
        # The timeline's records and checkpoints are a large heap that lives as long as the
        # screen: kept out of the garbage collector's full passes (a pause of 100 ms and more on
        # a 2,000-event session, every few seeks). Freed as usual when the screen goes.
        self.wyber.freeze_heap()

    def on_unmount(self) -> None:
        if self._spoken is not None:
            self.wyber.speak(self._spoken)

    # ── moving along the timeline ───────────────────────────────────────────────────────────

    def _monotonic(self) -> float:
        return self.wyber.clocks.monotonic()

    def seek(self, t: float) -> None:
        """Show the session as it was at `t` (kept within its span)."""
        self.cursor.seek(t)
        if self.playing:
            self._anchor = (self._monotonic(), self.cursor.t)
        self.show()

    def tick(self) -> None:
        """While playing: move on by the time passed times the speed; stop at the end."""
        if not self.playing:
            return
        started, moment = self._anchor
        target = moment + (self._monotonic() - started) * self.speed
        self.cursor.seek(target)
        if self.cursor.t >= self.timeline.end:
            self._stop()
        self.show()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        self._set_playing(False)

    def _set_playing(self, playing: bool) -> None:
        """Play or not; Space's label in the Footer says what it does now."""
        if playing == self.playing:
            return
        self.playing = playing
        label = self.t("replay.key.pause" if playing else "replay.key.play")
        change_bindings(
            self, lambda b: replace(b, description=label) if b.action == "toggle_play" else b
        )
        self.refresh_bindings()

    def play(self) -> None:
        if self.cursor.t >= self.timeline.end:
            self.cursor.seek(self.timeline.start)  # played to the end: play again from the start
        self._set_playing(True)
        self._anchor = (self._monotonic(), self.cursor.t)
        if self._timer is not None:
            self._timer.resume()
        self.show()

    def pause(self) -> None:
        self.tick()  # up to the moment it was paused
        self._stop()
        self.show()

    def set_speed(self, speed: int) -> None:
        if self.playing:
            self.tick()  # what played so far at the old speed
            self._anchor = (self._monotonic(), self.cursor.t)
        self.speed = speed
        self.show()

    # ── what the screen shows ───────────────────────────────────────────────────────────────

    def show(self) -> None:
        state = self.cursor.state
        now = self.cursor.t
        self.query_one(AgendaRail).show_agenda(state, now, self.lang)
        self.query_one(BigClock).show(current_clock(state, now))
        if state.last_seq != self._shown_seq:
            self._shown_seq = state.last_seq
            self._show_movement(state)
            self.query_one(ReplayBoard).show(state)
        self._show_position()

    def _show_movement(self, state: SessionState) -> None:
        segment = state.current_segment
        step = state.plan.steps[segment.step if segment else 0]
        title = self.t(
            "run.step", number=(segment.step if segment else 0) + 1, of=len(state.plan.steps)
        )
        # Each line is redrawn only when its text changed: a seek repaints what it changes.
        self._line("#replay-step-title", Text(f"{title} · {step.title}"))
        self._line("#replay-question", Text(step.question or step.title))
        diamond = self.query_one(Diamond)
        movement = segment.movement if segment else None
        if diamond.movement is not movement:
            diamond.movement = movement
        if segment is None:
            self._line("#replay-movement", Text(self.t("replay.not_started")))
            self._line("#replay-technique", Text())
        else:
            name = self.t(f"run.movement.{segment.movement.value}")
            if state.finished:
                name = f"{name} · {self.t('replay.finished')}"
            self._line("#replay-movement", Text(name, "bold"))
            box = step.timebox(segment.movement)
            used = self.t(f"prepare.technique.{box.technique.value}")
            self._line("#replay-technique", Text(self.t("replay.technique", name=used)))
        self._line("#replay-timer", Text(self.t("replay.timer_paused") if state.paused else ""))
        count = self.cursor.count
        record = self.timeline.records[count - 1]
        at = moment_text(self.timeline.times[count - 1] - self.timeline.start)
        last = self.t("replay.last", at=at, event=event_text(record, state, self.lang))
        self._line("#replay-last", Text(last, no_wrap=True, overflow="ellipsis"))

    def _line(self, selector: str, text: Text) -> None:
        self.query_one(selector, TickingStatic).show(text)

    def _show_position(self) -> None:
        timeline = self.timeline
        if self.playing:
            status = self.t("replay.playing")
        elif self.cursor.t >= timeline.end:
            status = self.t("replay.at_end")
        else:
            status = self.t("replay.paused")
        line = self.t(
            "replay.position",
            at=moment_text(self.cursor.t - timeline.start),
            length=moment_text(timeline.duration),
            speed=self.speed,
            status=status,
        )
        self._line("#replay-position", Text(line))
        span = timeline.duration
        self.query_one(ScrubBar).fraction = (self.cursor.t - timeline.start) / span if span else 1.0

    def on_scrub_bar_seek(self, message: ScrubBar.Seek) -> None:
        message.stop()
        self.seek(self.timeline.start + message.fraction * self.timeline.duration)

    # ── the keys ────────────────────────────────────────────────────────────────────────────

    def action_toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def action_speed(self, speed: int) -> None:
        self.set_speed(speed)

    def action_faster(self) -> None:
        self.set_speed(faster(self.speed))

    def action_slower(self) -> None:
        self.set_speed(slower(self.speed))

    def action_event(self, direction: int) -> None:
        self.tick()
        t = self.cursor.t
        timeline = self.timeline
        self.seek(timeline.next_event(t) if direction > 0 else timeline.previous_event(t))

    def action_step(self, direction: int) -> None:
        self.tick()
        t = self.cursor.t
        timeline = self.timeline
        self.seek(timeline.next_step(t) if direction > 0 else timeline.previous_step(t))

    def action_start(self) -> None:
        self.seek(self.timeline.start)

    def action_end(self) -> None:
        self.seek(self.timeline.end)

    def action_goto(self) -> None:
        length = moment_text(self.timeline.duration)

        def chosen(typed: str | None) -> None:
            if typed is None or not typed.strip():
                return
            seconds = parse_moment(typed)
            if seconds is None:
                self.notify(
                    self.t("replay.goto.not_understood", typed=typed.strip()),
                    severity="warning",
                    markup=False,
                )
                return
            self.seek(self.timeline.start + seconds)

        self.app.push_screen(
            TextDialog(
                self.lang,
                self.t("replay.goto.title", length=length),
                moment_text(self.cursor.t - self.timeline.start),
                self.t("replay.goto.hint"),
            ),
            chosen,
        )

    def action_back(self) -> None:
        self._stop()
        self.dismiss(None)
