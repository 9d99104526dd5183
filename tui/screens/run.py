"""Run: the screen the facilitator runs the meeting from, often on the projector.

Left, the agenda rail; right, the step's question, the big clock, the diamond, and the work area
of the movement the group is in. The clock is redrawn four times a second from the derived time
box, never counted. Every key works while typing an idea (function keys and Ctrl combinations),
and is in the Footer, the help screen (F1) and the command palette (Ctrl+P).

Every view on it observes the meeting: the screen subscribes to the records each command makes,
whoever made it (the facilitator's keys, or a participant's phone through `submit_threadsafe`),
and redraws from them, at most once per frame however many commands came in meanwhile
(`Recorded` is posted once and collects them), in a burst (a hall of phones voting) with the
clock's tick, and at once after a command of the
facilitator's own, so that a key and what it did are in the same frame. A key only runs a
command; what the board shows next comes from the records, never from the command's return value.
"""

from collections import deque
from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, Static

from tui.dialogs.base import WyberScreen
from tui.dialogs.finish import FinishEarlyDialog, rounds_not_through
from tui.dialogs.people import Attendance, PeopleDialog
from tui.dialogs.rebalance import RebalanceDialog
from tui.dialogs.unvoted import NotVotedDialog
from tui.screens.previous import PreviousEvaluationScreen, previous_with_conclusions
from tui.screens.review import ReviewScreen, to_review, waiting
from tui.toast_room import keep_toasts_clear
from tui.widgets.agenda import AgendaRail
from tui.widgets.agreements import AgreementBoard
from tui.widgets.clock import BigClock, clock_text
from tui.widgets.converge import ConvergeBoard
from tui.widgets.diamond import Diamond
from tui.widgets.ideas import IdeaBoard
from tui.widgets.key_strip import KeyStrip
from tui.widgets.panel import Failed, MovementPanel, attempt
from tui.widgets.ticking import TickingStatic
from tui.wyber.events import (
    Rebalanced,
    Record,
    RoundStarted,
    SessionFinished,
    SessionResumed,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
)
from tui.wyber.figures import steps_not_reached
from tui.wyber.goaround import GoAround
from tui.wyber.late import Place
from tui.wyber.meeting import Meeting
from tui.wyber.observers import voters_present
from tui.wyber.rebalance import default_protected
from tui.wyber.timebox import current_clock
from tui.wyber.voting import left_without_voting

TICK_SECONDS = 0.25
FRAME_SECONDS = 1 / 60  # Textual draws at most 60 frames a second
# Records from others (the phones) are drawn a frame after they came, unless the room is open and
# BURST_DRAWS draws of records came within BURST_SECONDS: then with the next tick, in one redraw.
# One draw of the board and its repaint took 20-40 ms with 300 phones on (bench/room.py): at a
# frame's pace a vote burst left the loop little else for the phones.
BURST_DRAWS = 4
BURST_SECONDS = 1.0
# The records that change what the clock or the agenda shows.
CLOCK_EVENTS = (
    RoundStarted,
    TimerPaused,
    TimerResumed,
    TimeboxExtended,
    Rebalanced,
    SessionResumed,
    SessionFinished,
)


class RunScreen(WyberScreen[None]):
    CSS_PATH = "run.tcss"
    AUTO_FOCUS = None  # show_movement puts the cursor where the movement's work is
    HELP_KEY = "run.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "pause", "key.pause", id="pause"),
        Binding("f3", "extend(1)", "key.extend_1", id="extend_1"),
        Binding("f4", "extend(5)", "key.extend_5", id="extend_5"),
        Binding("f7", "previous", "key.previous", id="previous"),
        Binding("f8", "next", "key.next", id="next"),
        Binding("f9", "next_step", "key.next_step", id="next_step"),
        Binding("ctrl+b", "rebalance", "key.rebalance", id="rebalance"),
        Binding("ctrl+g", "people", "key.people", id="people"),
        Binding("ctrl+z", "undo", "key.undo", id="undo"),
        Binding("ctrl+f", "finish", "key.finish", id="finish"),
        Binding("ctrl+t", "review", "run.review.key", id="review"),
        Binding("f5", "room", "room.key", id="room"),
        # Out of the Footer, which at 160 columns would lose Quit and Help for it: a key pressed
        # once a meeting, found in F1 and Ctrl+P.
        Binding("f10", "projector", "projector.key", id="projector", show=False),
    ]

    def __init__(self, meeting: Meeting, away_seconds: float | None = None) -> None:
        super().__init__(meeting.state.language)
        self.meeting = meeting
        self.away_seconds = away_seconds
        self._shown_segment: int | None = None
        # The bell rings once per time box, when it runs out while this screen watches.
        self._rung: set[int] = set()
        self._arrived: list[Record] = []  # records not yet drawn; a Recorded is on its way
        self._drawn_at = 0.0  # when records were last drawn (monotonic seconds)
        self._draw_later: Timer | None = None  # the draw put off to the next frame
        self._draws: deque[float] = deque(maxlen=BURST_DRAWS)  # when the last ones were
        self._durable_moved = False  # the writer's watermark moved since the last draw
        self._unsubscribe: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="run"):
            with Vertical(id="side"):
                yield AgendaRail(id="rail")
                yield TickingStatic(id="saved")
            with Vertical(id="main"):
                yield Static(id="step-title")
                yield Static(id="question")
                with Horizontal(id="band"):
                    yield BigClock(self.lang, id="clock")
                    yield Diamond(id="diamond")
                    with Vertical(id="movement-info"):
                        yield Static(id="movement")
                        yield Static(id="technique", classes="hint")
                with ContentSwitcher(id="panels", initial="waiting"):
                    yield Static(self.t("run.waiting"), id="waiting")
                    yield IdeaBoard(self.meeting, self.lang)
                    yield ConvergeBoard(self.meeting, self.lang)
                    yield AgreementBoard(self.meeting, self.lang)
        # Three lines: at 80 columns a round's keys take two or three, and high contrast (F6),
        # what a facilitator reaches for when a projector washes the screen out, still fits.
        yield KeyStrip(lines=3)

    def on_mount(self) -> None:
        self.title = self.meeting.state.title
        state = self.meeting.state
        if state.current is not None:
            clock = current_clock(state, self.meeting.now())
            if clock is not None and clock.remaining <= 0:
                self._rung.add(state.current)  # it ran out while wyber was away: no late bell
        if self.away_seconds:
            self.notify(
                self.t("run.resumed", away=clock_text(self.away_seconds)),
                title=self.t("run.resumed_title"),
                timeout=20,
            )
        self._unsubscribe = self.meeting.subscribe(self._recorded)
        keep_toasts_clear(self, self._kept_clear_of_toasts)
        for panel in self.query(MovementPanel):
            panel.after_command = self.draw_arrived
        self.show_movement()
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)
        if self.wyber.launch.room is not None and self.wyber.room is None:
            self.action_room()  # `wyber run … --room`
        if not self.meeting.started:
            # A session of a series begins where the last one ended: its evaluation's
            # conclusions, then where the earlier agreements stand.
            previous = previous_with_conclusions(self.meeting.earlier_sessions)
            if previous is not None:
                self.app.push_screen(PreviousEvaluationScreen(previous), self._review_waiting)
            else:
                self._review_waiting()

    def _kept_clear_of_toasts(self) -> list[Widget]:
        """Toasts stand above the idea line and the key strip: docked at the screen's foot, they
        covered the idea being typed (and the keys) for as long as they lasted."""
        return [*self.query("#idea-entry"), self.query_one(KeyStrip)]

    def _review_waiting(self, _: None = None) -> None:
        if waiting(self.meeting):
            self.action_review()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return bool(self.meeting.earlier_sessions) and bool(to_review(self.meeting))
        return True

    def action_room(self) -> None:
        from tui.screens.room import open_room_panel

        open_room_panel(self, self.wyber.launch.room or self.wyber.launch.place)

    def action_projector(self) -> None:
        from tui.screens.projector import open_projector

        open_projector(self, self.wyber.launch.room or self.wyber.launch.place)

    def go_around(self) -> GoAround | None:
        """The go-around on the idea board, if one is on (the projector shows its speaker)."""
        return self.query_one(IdeaBoard).go_around

    def turn_of(self) -> str | None:
        """Whose turn it is in a go-around on the idea board (a phone shows "your turn")."""
        go_around = self.go_around()
        return go_around.current if go_around is not None else None

    def action_review(self) -> None:
        self.app.push_screen(ReviewScreen(self.meeting, self.wyber.clocks.today()))

    # ── what the screen shows ───────────────────────────────────────────────────────────────

    @property
    def panel(self) -> MovementPanel | None:
        segment = self.meeting.segment
        if segment is None:
            return None
        return self.query_one(f"#{segment.movement.value}", MovementPanel)

    def show_movement(self) -> None:
        """The step, question, movement and work area: redrawn when the group moves on."""
        state = self.meeting.state
        segment = self.meeting.segment
        step = self.meeting.step
        index = segment.step if segment else 0
        self.query_one("#step-title", Static).update(
            Text(
                self.t("run.step", number=index + 1, of=len(state.plan.steps)) + " · " + step.title
            )
        )
        self.query_one("#question", Static).update(Text(step.question or step.title))
        self.query_one(Diamond).movement = segment.movement if segment else None
        movement = self.query_one("#movement", Static)
        technique = self.query_one("#technique", Static)
        switcher = self.query_one(ContentSwitcher)
        if segment is None:
            movement.update(self.t("run.not_started"))
            technique.update("")
            switcher.current = "waiting"
            self.set_focus(None)  # no panel yet: the keys on offer are the screen's (F8 starts)
            return
        movement.update(Text(self.t(f"run.movement.{segment.movement.value}"), "bold"))
        box = self.meeting.timebox
        if box is not None:
            technique.update(Text(self.t(f"run.technique.{box.technique.value}")))
        switcher.current = segment.movement.value
        panel = self.panel
        if panel is not None:
            panel.refresh_board()
            panel.focus_default()
        self._shown_segment = state.current

    def tick(self) -> None:
        """The clock, the agenda, the bell and the turn, four times a second and after a record
        that changed them. The interval can fire while the screen is taken down (the app ends):
        as for the writer's word (show_durable), what is gone is not drawn on."""
        try:
            self._tick()
        except NoMatches:
            return

    def _tick(self) -> None:
        self._draw_records()  # what others sent in a burst waits for this redraw
        now = self.meeting.now()
        state = self.meeting.state
        clock = current_clock(state, now)
        self.query_one(BigClock).show(clock)
        self.query_one(AgendaRail).show_agenda(state, now, self.lang)
        ran_out = clock is not None and clock.remaining <= 0 and not clock.paused
        if ran_out and state.current is not None and state.current not in self._rung:
            self._rung.add(state.current)
            self.app.bell()
            self.notify(self.t("run.time_up"), severity="warning", timeout=8)
        if self.wyber.projector is not None:
            self.wyber.projector.notice_turn()
        ideas = self.query_one(IdeaBoard)
        if ideas.go_around is not None:
            ideas.show_turn(now)
        self._draw_saved()

    def _show_saved(self) -> None:
        """The rail says saved only when every record shown is on disk (fsync'd), from the
        writer's durable watermark; otherwise how many wait, and why."""
        writer = self.wyber.writer
        # One match, found once (Textual caches it), not all of them: `query` walks the whole
        # screen, 5% of the loop's time under a town hall's load (bench/load.py, profiled).
        saved = self.query_one_optional("#saved", TickingStatic)
        if writer is None or saved is None:
            return  # no writer, or the screen is being closed (the app ends)
        waiting = self.meeting.state.last_seq - writer.durable
        failure = writer.failure
        if writer.broken is not None:
            text = Text("✖ " + self.t("durable.rail.broken", pending=waiting), "bold red")
        elif failure is not None:
            text = Text("✖ " + self.t("run.saved.failing", pending=waiting), "bold red")
            text.append("\n" + failure.render(self.lang), "red")
        elif waiting > 0:
            text = Text("… " + self.t("run.saved.pending", pending=waiting), "yellow")
        else:
            text = Text("✔ " + self.t("run.saved.ok"), "green")
        saved.set_class("\n" in text.plain or text.cell_len > saved.content_size.width, "-long")
        saved.show(text)

    def show_durable(self) -> None:
        """The writer's durable watermark moved: the rail and the pending marks follow.

        The writer's last word can come while the screen is taken down (the app ends right
        after a record): its parts go one by one, in no set order, the rail's saved line or the
        board's list first. What is gone is not drawn on; the records are on disk all the same.
        """
        try:
            self._show_saved()
            panel = self.panel
            if panel is not None:
                panel.show_durable()
        except NoMatches:
            return

    def durable_moved(self) -> None:
        """The writer's watermark moved: the pending marks are drawn again with the next draw
        (a frame later, or in a burst at the next tick), in one redraw with the records."""
        self._durable_moved = True
        self._draw_soon()

    def _draw_saved(self) -> None:
        """The rail's saved line; the panel's pending marks only when the watermark moved since
        they were drawn (records drawn just now carry theirs: a second rebuild of the board in
        the same draw, as there was, showed the same marks)."""
        moved, self._durable_moved = self._durable_moved, False
        if moved:
            self.show_durable()
        else:
            self._show_saved()

    # ── observing the meeting ───────────────────────────────────────────────────────────────

    class Recorded(Message):
        """Records were made since the screen last drew: the views follow (one per batch)."""

    def _recorded(self, records: tuple[Record, ...]) -> None:
        # Inside the command, on the event loop: only note it. The first record of a batch
        # posts the message; the ones after it join the batch, drawn when it is handled.
        if not self._arrived:
            self.post_message(self.Recorded())
        self._arrived.extend(records)

    def on_run_screen_recorded(self, _: Recorded) -> None:
        self._draw_soon()

    def _draw_soon(self) -> None:
        # Other sources' records are drawn at most once a frame: under a town hall's load a
        # draw per message-queue turn came 100 times a second, four to five per frame drawn.
        now = monotonic()
        if self._in_a_burst(now):
            return  # the next tick draws them
        wait = self._drawn_at + FRAME_SECONDS - now
        if wait <= 0:
            self.draw_arrived()
        elif self._draw_later is None:
            self._draw_later = self.set_timer(wait, self.draw_arrived)

    def _in_a_burst(self, now: float) -> bool:
        """The room is open and records came faster than BURST_DRAWS in BURST_SECONDS: the
        phones' burst, not the facilitator's keys (without a room, every draw is a frame's)."""
        full = len(self._draws) == BURST_DRAWS and now - self._draws[0] < BURST_SECONDS
        return full and self.wyber.room is not None

    def _draw_records(self) -> tuple[Record, ...]:
        """Draw the records that arrived since the last draw (if none, nothing is drawn)."""
        if self._draw_later is not None:
            self._draw_later.stop()
            self._draw_later = None
        records, self._arrived = tuple(self._arrived), []
        if not records:
            return records
        self._drawn_at = monotonic()
        self._draws.append(self._drawn_at)
        if self.meeting.state.current != self._shown_segment:
            self.show_movement()  # the group moved on: its whole work area is drawn anew
        else:
            panel = self.panel
            if panel is not None:
                panel.show_records(records)
        return records

    def draw_arrived(self) -> None:
        """Draw the records that arrived since the last draw, if any, and a move of the
        writer's watermark: when their Recorded is handled, or at once after the facilitator's
        own command, so that what the key did is in the same frame as the key's own echo (the
        cleared idea line), not in the frame after."""
        records = self._draw_records()
        if not records and not self._durable_moved:
            return
        self._drawn_at = monotonic()
        # The clock and the agenda (some ms to draw) only when a record changed them; the rail's
        # saved line always: the new records are not on disk yet.
        if any(isinstance(record.event, CLOCK_EVENTS) for record in records):
            self.tick()
        else:
            self._draw_saved()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()  # a closed screen is not kept alive by the meeting
            self._unsubscribe = None

    # ── the facilitator's keys ──────────────────────────────────────────────────────────────

    def _do(self, command: Callable[[], object]) -> bool:
        """Run a meeting command (its records redraw the screen); a refusal is shown, not
        raised. False when refused or when the command said it could not (the end of the
        agenda, nothing to undo)."""
        result = attempt(self, self.lang, command)
        self.draw_arrived()
        if isinstance(result, Failed):
            return False
        return result is not False

    def action_pause(self) -> None:
        if self._do(self.meeting.toggle_pause):
            key = "run.paused" if self.meeting.state.paused else "run.running"
            self.notify(self.t(key), timeout=3)

    def action_extend(self, minutes: int) -> None:
        if self._do(lambda: self.meeting.extend(minutes)):
            self.notify(self.t("run.extended", minutes=minutes), timeout=3)

    def action_previous(self) -> None:
        self._do(self.meeting.previous_movement)

    def action_next(self) -> None:
        if not self.meeting.started:
            self._do(self.meeting.start)
        elif waiting := left_without_voting(self.meeting.state):
            # Out of a vote with people present who have not voted: asked, never in silence.
            voters = len(voters_present(self.meeting.state))  # an observer does not vote
            dialog = NotVotedDialog(self.lang, waiting, voters)
            self.app.push_screen(dialog, lambda go: self._next_movement() if go else None)
        else:
            self._next_movement()

    def _next_movement(self) -> None:
        if not self._do(self.meeting.next_movement):
            self.action_finish()

    def action_next_step(self) -> None:
        if not self._do(self.meeting.next_step):
            self.notify(self.t("run.last_step"), timeout=5)

    def action_rebalance(self) -> None:
        """A preview first (tui/dialogs/rebalance.py); the agenda changes only when confirmed."""
        if not self.meeting.rebalance_plan(frozenset()).over:
            self.notify(self.t("run.on_time"), timeout=5)
            return

        def confirmed(protected: frozenset[Place] | None) -> None:
            if protected is None:
                return
            taken = self.meeting.rebalance_plan(protected).taken
            if self._do(partial(self.meeting.rebalance, protected)):
                self.notify(self.t("rebalance.done", minutes=taken), timeout=8)
            else:
                self.notify(self.t("rebalance.nothing"), timeout=5)

        state = self.meeting.state
        dialog = RebalanceDialog(
            self.lang,
            self.meeting.rebalance_plan,
            default_protected(state),
            [step.title for step in state.plan.steps],
        )
        self.app.push_screen(dialog, confirmed)

    def action_undo(self) -> None:
        if not self._do(self.meeting.undo):
            self.notify(self.t("run.nothing_to_undo"), timeout=3)

    def action_people(self) -> None:
        def update(attendance: Attendance | None) -> None:
            if attendance is None:
                return
            changes = [
                (person.id, person.id in attendance.present)
                for person in self.meeting.state.participants.values()
                if (person.id in attendance.present) != person.present
                or person.id in attendance.late  # present already: came in just now
            ]
            for participant_id, present in changes:
                self._do(partial(self.meeting.set_present, participant_id, present))
            for person in attendance.arrived:
                self._do(
                    partial(
                        self.meeting.add_participant,
                        person.name,
                        person.organisation,
                        mandate=person.mandate,
                    )
                )

        people = list(self.meeting.state.participants.values())
        dialog = PeopleDialog(self.lang, people, self.meeting.state, self.meeting.now)
        self.app.push_screen(dialog, update)

    def action_finish(self) -> None:
        """To the evaluation; with steps of the agenda not reached yet, asked first."""
        steps = self.meeting.state.plan.steps
        unreached = [(i + 1, steps[i].title) for i in steps_not_reached(self.meeting.state)]
        rounds = rounds_not_through(self.meeting.state, self.lang)
        if not unreached and not rounds:
            self._evaluate()
            return

        def answered(finish: bool | None) -> None:
            if finish:
                self._evaluate()

        self.app.push_screen(FinishEarlyDialog(self.lang, unreached, rounds), answered)

    def _evaluate(self) -> None:
        from tui.screens.evaluation import EvaluationScreen
        from tui.screens.summary import SummaryScreen

        def ended(finished: bool | None) -> None:
            if finished:
                self.app.switch_screen(SummaryScreen(self.meeting.state, self.meeting.now))

        self.app.push_screen(EvaluationScreen(self.meeting), ended)
