"""The rebalance's arithmetic: whole minutes, protected boxes, the planned end kept."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui.wyber.events import Event, RoundStarted, SessionFinished, TimeboxExtended
from tui.wyber.fold import apply, fold
from tui.wyber.plan import Movement, Plan
from tui.wyber.rebalance import MINUTE, default_protected, plan_rebalance, share_minutes
from tui.wyber.state import SessionState
from tui.wyber.timebox import planned_end, projected_end

from .factory import opened, plan_data, records, two_step_plan

D, C, K = Movement.DIVERGE, Movement.CONVERGE, Movement.CONSOLIDATE


def three_step_plan() -> Plan:
    """A check-in (5), the work (10+10+10) and a closing round (5): 40 minutes."""
    data = plan_data()
    steps: list[dict[str, Any]] = [
        {"title": "Check-in", "diverge": {"minutes": 5, "technique": "go_around"}},
        *data["steps"],
        {"title": "Afsluiting", "diverge": {"minutes": 5, "technique": "go_around"}},
    ]
    data["steps"] = steps
    return Plan.model_validate(data)


def state_of(*timed: tuple[float, Event], plan: Plan | None = None) -> SessionState:
    return fold(records([(0, opened(plan or two_step_plan())), *timed]))


def late_into_the_work(at: float = 600) -> SessionState:
    """The check-in (5 minutes) ran until `at`: the group is in the work's diverge."""
    return state_of((0, RoundStarted(step=0, movement=D)), (at, RoundStarted(step=1, movement=D)))


def after(state: SessionState, event: Event, now: float) -> SessionState:
    apply(state, records([(0, opened())] * (state.last_seq + 1) + [(now, event)])[-1])
    return state


def test_nothing_to_rebalance_before_the_start_after_the_end_or_on_time() -> None:
    for plan in (
        plan_rebalance(state_of(), 0),
        plan_rebalance(late_into_the_work(at=300), 300),  # on time
        plan_rebalance(
            state_of((0, RoundStarted(step=0, movement=D)), (900, SessionFinished())), 900
        ),
    ):
        assert not plan.changes and plan.over == 0 and plan.event() is None
        assert all(box.after == box.before for box in plan.boxes)


def test_the_minutes_over_are_taken_in_whole_minutes_in_proportion_and_the_end_is_kept() -> None:
    state = late_into_the_work()  # five minutes over, three boxes of ten minutes left
    plan = plan_rebalance(state, 600)
    assert plan.over == 5 and plan.taken == 5 and plan.still_over == 0
    # 5 minutes over three equal boxes: 1⅔ each, the two extra minutes to the earliest.
    assert [box.taken for box in plan.boxes] == [2, 2, 1]
    assert [box.after for box in plan.boxes] == [480, 480, 540]
    event = plan.event()
    assert event is not None
    after(state, event, 600)
    assert projected_end(state, 600) == planned_end(state)
    assert not plan_rebalance(state, 600).changes  # on time now


def test_a_longer_box_gives_more_than_a_shorter_one() -> None:
    state = after(late_into_the_work(), TimeboxExtended(step=1, movement=K, seconds=1200), 600)
    plan = plan_rebalance(state, 600)  # 25 minutes over: 10, 10 and 30 minutes left
    assert [box.taken for box in plan.boxes] == [5, 5, 15]


def test_a_part_minute_over_is_rounded_up_so_the_meeting_ends_on_time_not_later() -> None:
    state = late_into_the_work(at=630)  # 5½ minutes over
    plan = plan_rebalance(state, 630)
    assert plan.over == 6 and plan.taken == 6
    assert all(box.after % MINUTE == 0 for box in plan.boxes)
    event = plan.event()
    assert event is not None
    end = planned_end(after(state, event, 630))
    assert end is not None and end - 60 < projected_end(state, 630) <= end


def test_the_current_box_keeps_what_it_ran_and_gives_only_from_what_it_has_left() -> None:
    state = late_into_the_work()
    plan = plan_rebalance(state, 1110)  # 8½ minutes into the diverge: 1½ left, 5 over
    current = plan.boxes[0]
    assert current.current and current.taken == 0  # it cannot give a minute and keep one
    assert [box.taken for box in plan.boxes[1:]] == [3, 2]


def test_protected_boxes_are_never_touched_and_the_others_give_for_them() -> None:
    state = late_into_the_work()
    plan = plan_rebalance(state, 600, frozenset({(1, D), (1, K)}))
    assert [(box.protected, box.taken) for box in plan.boxes] == [(True, 0), (False, 5), (True, 0)]
    event = plan.event()
    assert event is not None
    assert [(b.step, b.movement, b.seconds) for b in event.budgets] == [(1, C, 300)]


def test_all_protected_changes_nothing_and_says_how_far_over_it_stays() -> None:
    state = late_into_the_work()
    plan = plan_rebalance(state, 600, frozenset({(1, D), (1, C), (1, K)}))
    assert not plan.changes and plan.event() is None
    assert plan.over == plan.still_over == 5
    assert plan.held == 27  # the minutes the protection holds back: 9 + 9 + 9


def test_what_the_protection_holds_back_is_counted_only_where_it_is() -> None:
    state = late_into_the_work()
    assert plan_rebalance(state, 600).held == 0
    assert plan_rebalance(state, 600, frozenset({(1, C)})).held == 9


def test_with_nothing_left_to_take_every_box_keeps_a_minute() -> None:
    state = late_into_the_work(at=1980)  # 28 minutes over, 27 of the 30 left can be given
    plan = plan_rebalance(state, 1980)
    assert [box.after for box in plan.boxes] == [60, 60, 60]
    assert plan.taken == 27 and plan.still_over == 1


def test_undo_gives_every_box_its_size_back() -> None:
    state = late_into_the_work()
    plan = plan_rebalance(state, 600)
    event = plan.event()
    assert event is not None
    after(state, event, 600)
    after(state, plan.undo(), 600)
    assert [s.budget for s in state.segments] == [300, 600, 600, 600]


def test_by_default_the_current_box_and_the_closing_step_are_protected() -> None:
    plan = three_step_plan()
    in_the_work = state_of(
        (0, RoundStarted(step=0, movement=D)), (600, RoundStarted(step=1, movement=C)), plan=plan
    )
    assert default_protected(in_the_work) == {(1, C), (2, D)}
    # In the closing step itself, sparing all of it would leave nothing to take.
    closing = state_of((0, RoundStarted(step=2, movement=D)), plan=plan)
    assert default_protected(closing) == {(2, D)}
    assert default_protected(state_of(plan=plan)) == frozenset()


def test_minutes_are_shared_in_proportion_up_to_each_cap() -> None:
    assert share_minutes(6, [600, 300], [9, 9]) == [4, 2]
    assert share_minutes(10, [1000, 100], [3, 9]) == [3, 7]  # the first is full at 3
    assert share_minutes(1, [600, 600], [9, 9]) == [1, 0]  # a tie goes to the earlier box
    assert share_minutes(0, [600], [9]) == [0]
    assert share_minutes(2, [600, 600, 600], [0, 0, 5]) == [0, 0, 2]


@given(
    st.lists(
        st.tuples(st.floats(0, 7200), st.integers(0, 120), st.booleans()), min_size=1, max_size=8
    )
)
def test_shares_are_whole_within_their_caps_and_add_up(
    boxes: list[tuple[float, int, bool]],
) -> None:
    weights = [w for w, _, _ in boxes]
    caps = [cap if w > 0 else 0 for w, cap, _ in boxes]
    total = sum(caps) // 2
    shares = share_minutes(total, weights, caps)
    assert sum(shares) == total
    assert all(0 <= share <= cap for share, cap in zip(shares, caps, strict=True))


@given(st.floats(300, 5000), st.sets(st.sampled_from([(1, D), (1, C), (1, K)])))
def test_a_rebalance_keeps_whole_minutes_a_minute_per_box_and_the_protected(
    at: float, protected: set[tuple[int, Movement]]
) -> None:
    state = late_into_the_work(at=at)
    plan = plan_rebalance(state, at, frozenset(protected))
    for box in plan.boxes:
        assert (box.before - box.after) % MINUTE == 0
        assert box.after >= min(box.before, MINUTE)
        assert box.taken == 0 or box.place not in protected
    assert plan.taken + plan.still_over == plan.over
