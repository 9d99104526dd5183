"""A go-around gives everyone present a turn, in the order they came in, each on its own clock."""

from tui.wyber.events import Event, ParticipantAdded, PresenceChanged
from tui.wyber.fold import fold
from tui.wyber.goaround import MIN_TURN_SECONDS, start_go_around
from tui.wyber.state import SessionState

from .factory import opened, records


def room(*events: Event) -> SessionState:
    return fold(records([(0, opened()), *((0, e) for e in events)]))


ANNA = ParticipantAdded(participant_id="p1", name="Anna")
BRAM = ParticipantAdded(participant_id="p2", name="Bram")
CHAIMA = ParticipantAdded(participant_id="p3", name="Chaima")
DAAN = ParticipantAdded(participant_id="p4", name="Daan")


def test_only_those_present_get_a_turn_in_the_order_they_were_added() -> None:
    state = room(
        ANNA,
        BRAM,
        CHAIMA,
        DAAN,
        PresenceChanged(participant_id="p2", present=False),
        PresenceChanged(participant_id="p1", present=False),
        PresenceChanged(participant_id="p1", present=True),  # left and came back: keeps her place
    )
    turns = start_go_around(state, now=100.0, turn_seconds=60, box_left=600.0)
    assert turns is not None
    assert turns.order == ["p1", "p3", "p4"]
    assert turns.current == "p1" and not turns.done
    assert turns.turn_started == 100.0


def test_the_plans_turn_length_wins_over_an_equal_share() -> None:
    turns = start_go_around(room(ANNA, BRAM), now=0.0, turn_seconds=45, box_left=600.0)
    assert turns is not None and turns.turn_seconds == 45.0


def test_without_a_turn_length_each_gets_an_equal_share_of_what_is_left() -> None:
    turns = start_go_around(room(ANNA, BRAM, CHAIMA), now=0.0, turn_seconds=None, box_left=450.0)
    assert turns is not None and turns.turn_seconds == 150.0


def test_a_share_never_drops_below_the_minimum_turn() -> None:
    people = room(ANNA, BRAM, CHAIMA, DAAN)
    short = start_go_around(people, now=0.0, turn_seconds=None, box_left=100.0)  # 25 s each
    assert short is not None and short.turn_seconds == MIN_TURN_SECONDS == 30.0
    # The box already ran over: there is nothing left to share, yet everyone still has a turn.
    over = start_go_around(people, now=0.0, turn_seconds=None, box_left=-120.0)
    assert over is not None and over.turn_seconds == MIN_TURN_SECONDS
    # Exactly the minimum is kept as it is.
    exact = start_go_around(people, now=0.0, turn_seconds=None, box_left=120.0)
    assert exact is not None and exact.turn_seconds == 30.0


def test_the_turns_clock_counts_down_and_runs_into_negative() -> None:
    turns = start_go_around(room(ANNA, BRAM), now=100.0, turn_seconds=60, box_left=0.0)
    assert turns is not None
    assert turns.remaining(100.0) == 60.0
    assert turns.remaining(130.0) == 30.0
    assert turns.remaining(160.0) == 0.0
    assert turns.remaining(175.5) == -15.5


def test_next_turn_passes_to_the_next_person_on_a_fresh_clock_until_everyone_had_one() -> None:
    turns = start_go_around(room(ANNA, BRAM, CHAIMA), now=0.0, turn_seconds=60, box_left=0.0)
    assert turns is not None
    assert turns.next_turn(70.0) == "p2"  # Anna ran 10 s over; Bram gets his full minute
    assert turns.current == "p2" and not turns.done
    assert turns.remaining(70.0) == 60.0
    assert turns.remaining(100.0) == 30.0
    assert turns.next_turn(100.0) == "p3"
    assert turns.remaining(100.0) == 60.0
    assert turns.next_turn(150.0) is None
    assert turns.current is None and turns.done


def test_nobody_present_means_no_go_around() -> None:
    assert start_go_around(room(), now=0.0, turn_seconds=60, box_left=600.0) is None
    everyone_left = room(
        ANNA,
        BRAM,
        PresenceChanged(participant_id="p1", present=False),
        PresenceChanged(participant_id="p2", present=False),
    )
    assert start_go_around(everyone_left, now=0.0, turn_seconds=None, box_left=600.0) is None


def test_a_go_around_of_one_is_done_after_one_turn() -> None:
    turns = start_go_around(room(ANNA), now=5.0, turn_seconds=None, box_left=300.0)
    assert turns is not None
    assert turns.order == ["p1"] and turns.turn_seconds == 300.0
    assert turns.next_turn(60.0) is None
    assert turns.done
