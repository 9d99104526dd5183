"""Dots and scores given to ideas before they were clustered stay counted: a cluster's tally is
its own and its ideas' together, on the board, the room's phones and projector, the replay and
the minutes alike (a tester's 15 dots showed as 8 once ideas were clustered)."""

from pathlib import Path

from tui.wyber.events import ClusterCreated, ScoreGiven, VoteCast
from tui.wyber.fold import fold
from tui.wyber.minutes.build import build_minutes
from tui.wyber.minutes.markdown import markdown
from tui.wyber.ranking import step_ranking
from tui.wyber.state import SessionState

from .factory import records, up_to_converge
from .test_converge_board import DOTS, converging, person, rows

PEOPLE = ("p1", "p2", "p3")
IDEAS = {"i1": "Geen testprocedure", "i2": "Vervoer is duur", "i3": "Geen eigenaar na de lease"}


def clustered_after_voting() -> SessionState:
    """Five dots on i1 and i2 before they become one cluster, two on the loose i3, one on the
    cluster after it was made; p1 scored both clustered ideas, p2 the cluster itself."""
    timed = up_to_converge(PEOPLE, IDEAS)
    before = [("i1", "p1"), ("i1", "p2"), ("i1", "p3"), ("i2", "p1"), ("i2", "p2")]
    before += [("i3", "p3"), ("i3", "p3")]
    timed += [(40, VoteCast(target_id=t, voter_id=v)) for t, v in before]
    timed += [
        (41, ScoreGiven(target_id="i1", voter_id="p1", score=4)),
        (42, ScoreGiven(target_id="i2", voter_id="p1", score=1)),
        (50, ClusterCreated(cluster_id="c1", name="Kennis en logistiek", idea_ids=["i1", "i2"])),
        (60, VoteCast(target_id="c1", voter_id="p2")),
        (61, ScoreGiven(target_id="c1", voter_id="p2", score=3)),
    ]
    return fold(records(timed))


def test_a_clusters_tally_is_its_own_dots_and_its_ideas_and_it_ranks_by_that() -> None:
    state = clustered_after_voting()
    ranking = step_ranking(state, 0)
    assert [(t.id, t.dots) for t in ranking] == [("c1", 6), ("i3", 2)]
    cluster = ranking[0]
    assert [(m.id, m.dots) for m in cluster.members] == [("i1", 3), ("i2", 2)]
    # Every dot the journal holds is on the board.
    assert sum(t.dots for t in ranking) == 8 == sum(state.step_dots[0].values())


def test_a_clusters_score_counts_people_each_once() -> None:
    cluster = step_ranking(clustered_after_voting(), 0)[0]
    # p1 scored the two ideas (4 and 1: 2.5 as theirs), p2 the cluster (3): two people scored.
    assert cluster.scored == 2
    assert cluster.score / cluster.scored == 2.75


def test_the_minutes_count_the_dots_on_clustered_ideas_and_list_them_under_it() -> None:
    text = markdown(build_minutes(clustered_after_voting(), "nl"))
    assert "| 1e | 1, 2 | **Kennis en logistiek** | 6 |" in text
    assert "|  | 1 | – Geen testprocedure | 3 |" in text
    assert "|  | 2 | – Vervoer is duur | 2 |" in text
    assert "| 2e | 3 | Geen eigenaar na de lease | 2 |" in text


async def test_o_sorts_the_board_by_a_clusters_own_and_its_ideas_dots(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        racks, sundays, vans = (i.id for i in meeting.ideas_of_step())
        meeting.vote(sundays, person(meeting, "Anna"))
        meeting.vote(sundays, person(meeting, "Anna"))
        meeting.vote(vans, person(meeting, "Bram"))
        meeting.vote(racks, person(meeting, "Bram"))
        meeting.vote(racks, person(meeting, "Carla"))
        cluster = meeting.create_cluster("Fewer cars", [sundays, vans])
        meeting.vote(cluster, person(meeting, "Carla"))
        await pilot.press("o")
        await pilot.pause()
        shown = rows(pilot)
        # 2 + 1 on its ideas and 1 on itself: 4 dots, above the 2 on the bike racks.
        assert "Fewer cars" in shown[0] and "1st  4 ●●●●" in shown[0]
        assert "car-free Sundays" in shown[1] and "2 ●●" in shown[1]
        assert "shared vans" in shown[2] and "1 ●" in shown[2]
        assert "bike racks" in shown[3] and "2nd  2 ●●" in shown[3]
