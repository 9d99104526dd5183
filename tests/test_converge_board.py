"""The converge board as the group sees it: scores as an average on the plan's scale with how many
scored, a voter picker that moves on to whoever has not voted, and rows that stay put while people
vote (sorted again by a key)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui.app import Clocks, Launch, WyberApp
from tui.dialogs.ask import ChoiceDialog
from tui.widgets.panel import PENDING_MARK
from tui.widgets.replay_board import board_lines
from tui.wyber.events import Event, IdeaAdded, ParticipantAdded, RoundStarted, ScoreGiven
from tui.wyber.fold import fold
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Movement, Plan, Technique
from tui.wyber.ranking import rank
from tui.wyber.voting import next_voter, still_to_vote

from .factory import FakeClock, FakeWall, opened, plan_data, records
from .test_layout_fits import keys_on_screen

DOTS = {"diverge": {"minutes": 10}, "converge": {"minutes": 10, "technique": "dot_vote", "dots": 2}}
SCORES = {
    "diverge": {"minutes": 10},
    "converge": {"minutes": 10, "technique": "score", "max_score": 5},
}
IDEAS = ("bike racks", "car-free Sundays", "shared vans")


def plan(lang: Language, movements: dict[str, Any]) -> Plan:
    data = plan_data(language=lang)
    data["steps"] = [{"title": "Choose", "question": "What first?", **movements}]
    return Plan.model_validate(data)


@asynccontextmanager
async def converging(
    tmp_path: Path, lang: Language, movements: dict[str, Any]
) -> AsyncIterator[tuple[Pilot[None], Meeting]]:
    """The app in the converge movement: Anna, Bram and Carla present, three ideas on the board."""
    clock = FakeClock()
    launch = Launch(plan=plan(lang, movements), run_now=True)
    app = WyberApp(tmp_path, lang, clocks=Clocks(clock, FakeWall(clock)), launch=launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        meeting = app.meeting
        assert meeting is not None
        for name in ("Anna", "Bram", "Carla"):
            meeting.add_participant(name)
        for idea in IDEAS:
            meeting.add_idea(idea)
        meeting.next_movement()
        await pilot.pause()
        yield pilot, meeting


def rows(pilot: Pilot[None]) -> list[str]:
    board = pilot.app.screen.query_one("#targets", OptionList)
    prompts = (str(board.get_option_at_index(i).prompt) for i in range(board.option_count))
    return [prompt.removesuffix(PENDING_MARK) for prompt in prompts]


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#vote-status", Static).render())


def person(meeting: Meeting, name: str) -> str:
    return next(p.id for p in meeting.state.participants.values() if p.name == name)


# ── scores ──────────────────────────────────────────────────────────────────────────────────────


async def test_scores_show_their_average_on_the_scale_and_how_many_scored(tmp_path: Path) -> None:
    for lang, shown in (("en", "[4.5 / 5 · n=2]"), ("nl", "[4,5 / 5 · n=2]")):
        async with converging(tmp_path / lang, lang, SCORES) as (pilot, meeting):  # type: ignore[arg-type]
            first = meeting.ranking()[0].id
            meeting.score(first, 4, person(meeting, "Anna"))
            meeting.score(first, 5, person(meeting, "Bram"))
            await pilot.pause()
            row = next(r for r in rows(pilot) if IDEAS[0] in r)
            assert shown in row
            assert "[9]" not in row  # never the scores added up above the scale
            _, lines, _ = board_lines(meeting.state, lang)  # type: ignore[arg-type]
            assert any(shown in str(line) for line, _ in lines)  # the replay writes it the same


async def test_a_score_typed_on_the_board_shows_at_once_as_an_average(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", SCORES) as (pilot, _):
        await pilot.press("s", "3", "enter")
        await pilot.pause()
        assert "[3.0 / 5 · n=1]" in rows(pilot)[0]


# ── the voter picker ────────────────────────────────────────────────────────────────────────────


async def test_the_picker_opens_on_who_has_not_voted_and_marks_who_has(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        assert "Still to vote: Anna, Bram, Carla" in status(pilot)
        anna = person(meeting, "Anna")
        first = meeting.ranking()[0].id
        meeting.vote(first, anna)
        meeting.vote(first, anna)  # both her dots
        await pilot.pause()
        assert "Still to vote: Bram, Carla" in status(pilot)
        await pilot.press("v")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceDialog)
        choices = dialog.query_one(OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert labels == ["the room", "Anna ✓ voted", "Bram", "Carla"]
        assert choices.highlighted == 2  # Bram: the first still to vote
        await pilot.press("enter")
        await pilot.pause()
        assert "Votes now: Bram" in status(pilot)


async def test_the_voter_moves_on_once_their_dots_are_placed(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        await pilot.press("v", "enter")  # the picker opens on Anna, the first still to vote
        await pilot.pause()
        assert "Votes now: Anna" in status(pilot)
        await pilot.press("plus", "plus")  # her two dots: Bram is next
        await pilot.pause()
        assert "Votes now: Bram" in status(pilot)
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert "Votes now: Carla" in status(pilot)
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert "Everyone present has voted" in status(pilot)
        dots = {p: meeting.state.dots_used(0, p) for p in meeting.state.participants}
        assert list(dots.values()) == [2, 2, 2]


# ── rows that stay put ──────────────────────────────────────────────────────────────────────────


async def test_rows_stay_put_while_voting_and_o_sorts_them_by_result(tmp_path: Path) -> None:
    async with converging(tmp_path, "en", DOTS) as (pilot, meeting):
        assert [IDEAS.index(next(i for i in IDEAS if i in r)) for r in rows(pilot)] == [0, 1, 2]
        last = meeting.ranking()[-1].id
        meeting.vote(last, person(meeting, "Anna"))  # the last row gets the only dot
        await pilot.pause()
        shown = rows(pilot)
        assert [IDEAS.index(next(i for i in IDEAS if i in r)) for r in shown] == [0, 1, 2]
        assert shown[2] == "  ☐   3   1st  1 ● shared vans"  # it leads, where it stood
        assert "o sorts" in status(pilot)
        await pilot.press("o")
        await pilot.pause()
        shown = rows(pilot)
        assert shown[0] == "  ☐   3   1st  1 ● shared vans"
        assert "o sorts" not in status(pilot)
        meeting.vote(meeting.ranking()[-1].id, person(meeting, "Bram"))
        await pilot.pause()
        assert IDEAS[2] in rows(pilot)[0]  # fixed again, as sorted


# ── the core's answers ──────────────────────────────────────────────────────────────────────────


def scoring_state(*events: Event) -> Any:
    scores = plan("en", SCORES)
    people = [ParticipantAdded(participant_id=p, name=p) for p in ("p1", "p2", "p3")]
    ideas = [IdeaAdded(idea_id=f"i{n}", text=t) for n, t in enumerate(IDEAS)]
    start = [RoundStarted(step=0, movement=Movement.DIVERGE), *people, *ideas]
    converge = RoundStarted(step=0, movement=Movement.CONVERGE)
    return fold(records([(0, opened(scores)), *((1, e) for e in [*start, converge, *events])]))


def test_a_scorer_has_voted_once_they_scored_everything_on_the_board() -> None:
    state = scoring_state(
        *(ScoreGiven(target_id=f"i{n}", voter_id="p2", score=3) for n in range(3)),
        ScoreGiven(target_id="i0", voter_id="p1", score=3),
    )
    assert [p.id for p in still_to_vote(state, 0, Technique.SCORE)] == ["p1", "p3"]
    assert next_voter(state, 0, Technique.SCORE, "p1") == "p3"
    assert next_voter(state, 0, Technique.SCORE, "p3") == "p1"  # round again
    assert next_voter(state, 0, Technique.SCORE, None) == "p1"


def test_the_ranking_goes_by_the_average_score_not_the_sum() -> None:
    state = scoring_state(
        ScoreGiven(target_id="i0", voter_id="p1", score=3),
        ScoreGiven(target_id="i0", voter_id="p2", score=3),  # 6 in all, 3 on average
        ScoreGiven(target_id="i1", voter_id="p1", score=5),
    )
    ideas = [i for i in state.ideas.values() if i.cluster_id is None]
    assert [t.label for t in rank([], ideas)] == [IDEAS[1], IDEAS[0], IDEAS[2]]


# ── the keys of the round ───────────────────────────────────────────────────────────────────────


async def test_a_score_round_shows_score_keys_and_no_dots(tmp_path: Path) -> None:
    """At 80×24 the strip holds Enter (select) and the score key, not the dot keys, and the
    rows have no dots column; + gives no dot."""
    for lang in ("nl", "en"):
        async with converging(tmp_path / lang, lang, SCORES) as (pilot, meeting):  # type: ignore[arg-type]
            shown = keys_on_screen(pilot.app)
            assert {"enter", "s", "v", "space", "c"} <= set(shown), sorted(shown)
            assert not {"plus", "minus"} & set(shown), sorted(shown)
            assert all("0  " + IDEAS[0] not in row for row in rows(pilot))
            assert rows(pilot)[0].endswith(f"1       {IDEAS[0]}")
            await pilot.press("plus")
            await pilot.pause()
            assert meeting.ranking()[0].dots == 0
            await pilot.press("enter")  # the group selects the first
            await pilot.pause()
            assert meeting.ranking()[0].selected


async def test_a_dot_round_shows_dot_keys_and_not_the_score_key(tmp_path: Path) -> None:
    async with converging(tmp_path, "nl", DOTS) as (pilot, meeting):
        shown = keys_on_screen(pilot.app)
        assert {"enter", "plus", "minus", "v"} <= set(shown), sorted(shown)
        assert "s" not in shown
        assert " 0  " + IDEAS[0] in rows(pilot)[0]
        await pilot.press("plus")
        await pilot.pause()
        assert sum(target.dots for target in meeting.ranking()) == 1


async def test_a_clusters_keys_show_on_the_strip_where_they_act(tmp_path: Path) -> None:
    """At 80×24 rename and dissolve show on a cluster, move on an idea once there is a cluster,
    merge once two clusters are marked; none of them where it would do nothing."""
    cluster_keys = {"r", "m", "x", "d"}
    for lang in ("nl", "en"):
        async with converging(tmp_path / lang, lang, DOTS) as (pilot, meeting):  # type: ignore[arg-type]
            assert not cluster_keys & set(keys_on_screen(pilot.app))  # no cluster yet
            ideas = [idea.id for idea in meeting.ideas_of_step()]
            meeting.create_cluster("Fietsen", ideas[:1])
            meeting.create_cluster("Auto's", ideas[1:2])
            await pilot.pause()
            board = pilot.app.screen.query_one("#targets", OptionList)
            at = {board.get_option_at_index(i).id: i for i in range(board.option_count)}
            [first, second] = [c.id for c in meeting.state.clusters.values()]
            board.highlighted = at[first]
            await pilot.pause()
            await pilot.pause()
            assert {"r", "d"} <= set(keys_on_screen(pilot.app))
            assert not {"m", "x"} & set(keys_on_screen(pilot.app))
            board.highlighted = at[ideas[2]]  # the idea in no cluster
            await pilot.pause()
            await pilot.pause()
            assert "x" in keys_on_screen(pilot.app)
            assert not {"r", "d", "m"} & set(keys_on_screen(pilot.app))
            for cluster in (second, first):  # mark both; the highlight stays on the first
                board.highlighted = at[cluster]
                await pilot.pause()
                await pilot.press("space")
                await pilot.pause()
            await pilot.pause()
            assert {"m", "r", "d"} <= set(keys_on_screen(pilot.app))
            await pilot.press("m")
            await pilot.pause()
            assert list(meeting.state.clusters) == [first]
            assert not {"m", "x"} & set(keys_on_screen(pilot.app))
