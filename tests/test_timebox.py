"""Time boxes are derived from events and a clock: pause, resume, extend, overrun."""

from tui.wyber.events import (
    Event,
    RoundStarted,
    SessionFinished,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
)
from tui.wyber.fold import apply, fold
from tui.wyber.plan import Movement
from tui.wyber.state import SessionState
from tui.wyber.timebox import (
    current_clock,
    planned_end,
    projected_end,
    remaining,
    step_actual,
    step_planned,
    wall_time,
)

from .factory import START, opened, records, two_step_plan

D, C, K = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE


def state_of(*timed: tuple[float, Event]) -> SessionState:
    return fold(records([(0, opened(two_step_plan())), *timed]))


def test_remaining_counts_down_from_the_time_box_and_runs_into_overrun() -> None:
    state = state_of((100, RoundStarted(step=0, movement=D)))  # check-in: 5 minutes
    assert remaining(state, 0, 100) == 300
    assert remaining(state, 0, 160) == 240
    clock = current_clock(state, 460)
    assert clock is not None
    assert clock.remaining == -60 and clock.overrun == 60 and clock.fraction_left == 0


def test_a_pause_stops_the_time_box_and_resume_goes_on_where_it_was() -> None:
    state = state_of((0, RoundStarted(step=0, movement=D)), (60, TimerPaused()))
    assert state.paused
    assert remaining(state, 0, 60) == remaining(state, 0, 6000) == 240
    apply(
        state,
        records([(0, opened())] * 3 + [(6000, TimerResumed())])[-1].model_copy(update={"seq": 4}),
    )
    assert not state.paused
    assert remaining(state, 0, 6030) == 210


def test_extending_adds_to_the_box_of_that_movement() -> None:
    state = state_of(
        (0, RoundStarted(step=1, movement=C)),
        (10, TimeboxExtended(step=1, movement=C, seconds=60)),
        (11, TimeboxExtended(step=1, movement=C, seconds=300)),
    )
    index = state.segment_index(1, C)
    assert index is not None
    assert remaining(state, index, 11) == 600 + 360 - 11


def test_a_stalled_screen_changes_nothing_because_nothing_is_counted() -> None:
    """Asking every 100 ms, once after a 1 s stall, or only at the end: the same answer."""
    state = state_of((0, RoundStarted(step=0, movement=D)))
    steady = [remaining(state, 0, t / 10) for t in range(0, 101)]
    assert steady[-1] == remaining(state, 0, 10.0) == 290
    stalled = [remaining(state, 0, t) for t in (0.0, 0.1, 1.1, 1.2, 10.0)]
    assert stalled[-1] == steady[-1]


def test_actual_and_planned_time_per_step() -> None:
    state = state_of(
        (0, RoundStarted(step=0, movement=D)),
        (420, RoundStarted(step=1, movement=D)),
        (900, RoundStarted(step=1, movement=C)),
        (1000, TimerPaused()),
        (1300, TimerResumed()),
        (1400, RoundStarted(step=1, movement=K)),
        (2000, SessionFinished()),
    )
    assert step_planned(state, 0) == 300 and step_actual(state, 0, 2000) == 420
    assert step_planned(state, 1) == 1800 and step_actual(state, 1, 2000) == 480 + 200 + 600
    assert state.finished and current_clock(state, 5000) is not None


def test_projected_end_adds_what_is_left_and_runs_late_with_an_overrun() -> None:
    state = state_of((0, RoundStarted(step=0, movement=D)))
    assert planned_end(state) == 2100
    assert projected_end(state, 0) == 2100
    assert projected_end(state, 400) == 400 + 1800  # check-in overran by 100 s
    assert projected_end(state, 400) - planned_end(state) == 100  # type: ignore[operator]


def test_wall_time_follows_the_session_clock_from_the_last_record() -> None:
    state = state_of((100, RoundStarted(step=0, movement=D)))
    assert (wall_time(state, 160) - START).total_seconds() == 160
