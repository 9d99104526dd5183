"""What folding one record costs, at the 100th record of a session and at the 50,000th.

What is measured, with `time.perf_counter_ns`:

- The session: a made-up town-hall evening of 50,000 records (seeded): 300 participants, then
  ideas (about half the records), clusters of five, ideas moved between clusters, dots by named
  voters, and now and then an idea removed, a cluster dissolved or two merged. At the 50,000th
  record it holds ~25,000 ideas and ~2,000 clusters.
- Its first 100 and its first 50,000 records are folded (`fold`, not timed) into two states. Each
  round copies each state (`copy_state`, not timed) and then applies the same probe to the copy,
  one record at a time (`apply`, each timed): 200 records of every kind the fold knows that a
  live meeting makes often — ideas added, edited, moved, removed and restored, clusters made,
  renamed, dissolved and merged, dots, scores, selections, agreements and consent — on ideas and
  clusters of the probe's own (so both states get identical work); the copy's garbage is collected
  before the probe. The two sizes alternate
  (A B, B A, ...), so drift hits both alike. The heap is frozen for the garbage collector while
  measured (`gc.freeze()`, as the app freezes a long-lived state); the milliseconds of full
  collections that still fall inside a probe are printed (the ones made on purpose between
  probes are not).
- Baseline, at the same 50,000-record state: one pass over every idea, which is what folding a
  dissolve or a merge cost before the fold kept an index of each cluster's ideas (and what the
  dots-left check cost a vote). "x scan" is that pass over the fold's p50 per record at 50,000.

How to read it: per record, the p50 and p95 (over rounds) of the probe's mean, and per kind the
p50 at both sizes. The goal line (from the issue): the fold's cost per record at the 50,000th
record at most twice that at the 100th (p50 of the probe's mean). The benchmark never fails on a
goal, only on an error. `--quick` is a smoke run (fewer rounds): indicative only.
"""

import gc
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from _shared import (
    FullCollections,
    bench_main,
    in_turn,
    machine,
    percentile,
    print_goal,
    print_header,
    timed,
)

from tui.wyber.events import (
    AgreementRecorded,
    ClusterCreated,
    ClusterDissolved,
    ClusterRenamed,
    ClustersMerged,
    ConsentNoted,
    Event,
    IdeaAdded,
    IdeaEdited,
    IdeaMoved,
    IdeaRemoved,
    IdeaRestored,
    ParticipantAdded,
    Record,
    RoundStarted,
    ScoreGiven,
    SelectionMarked,
    SessionOpened,
    VoteCast,
)
from tui.wyber.fold import apply, fold
from tui.wyber.plan import Movement, Plan
from tui.wyber.replay import copy_state
from tui.wyber.state import SessionState

SMALL, LARGE = 100, 50_000
PEOPLE = 300
START = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
PLAN = Plan.model_validate(
    {
        "title": "Bewonersavond",
        "language": "nl",
        "steps": [
            {
                "title": "Het plein",
                "diverge": {"minutes": 60, "technique": "silent_writing"},
                "converge": {"minutes": 30, "technique": "dot_vote", "dots": 3},
                "consolidate": {"minutes": 30, "technique": "consent_round"},
            }
        ],
    }
)


@dataclass(frozen=True)
class Settings:
    rounds: int


FULL = Settings(rounds=200)
QUICK = Settings(rounds=20)
QUICK_CAVEAT = "20 rounds instead of 200"


def session_events(count: int, seed: int = 0) -> list[Event]:
    """The made-up evening's first `count` events."""
    rng = random.Random(seed)
    made: list[Event] = [
        SessionOpened(session_id="bench", plan=PLAN, title=PLAN.title, language=PLAN.language)
    ]
    made += [ParticipantAdded(participant_id=f"p{n}", name=f"Bewoner {n}") for n in range(PEOPLE)]
    made.append(RoundStarted(step=0, movement=Movement.DIVERGE))
    ideas: list[str] = []
    clusters: list[str] = []
    while len(made) < count:
        roll = rng.random()
        n = len(made)
        if roll < 0.5 or len(ideas) < 10:
            ideas.append(f"i{n}")
            made.append(IdeaAdded(idea_id=f"i{n}", text=f"Idee {n} over het plein"))
        elif roll < 0.55:
            clusters.append(f"c{n}")
            members = rng.sample(ideas, 5)
            made.append(ClusterCreated(cluster_id=f"c{n}", name=f"Cluster {n}", idea_ids=members))
        elif roll < 0.7 and clusters:
            made.append(IdeaMoved(idea_id=rng.choice(ideas), cluster_id=rng.choice(clusters)))
        elif roll < 0.95:
            target = rng.choice(clusters) if clusters and rng.random() < 0.5 else rng.choice(ideas)
            made.append(VoteCast(target_id=target, voter_id=f"p{rng.randrange(PEOPLE)}"))
        elif roll < 0.97:
            made.append(IdeaRemoved(idea_id=rng.choice(ideas)))
        elif roll < 0.99 and len(clusters) > 2:
            made.append(ClusterDissolved(cluster_id=clusters.pop(rng.randrange(len(clusters)))))
        elif len(clusters) > 2:
            into, other = rng.sample(clusters, 2)
            clusters.remove(other)
            made.append(ClustersMerged(cluster_id=into, merged_ids=[other]))
    return made[:count]


def probe_events() -> list[Event]:
    """200 records of every kind a live meeting makes often, on ideas and clusters of their own."""
    made: list[Event] = []
    ideas = [f"q{n}" for n in range(60)]
    made += [IdeaAdded(idea_id=i, text=f"Probe {i}", author_id="p1") for i in ideas]
    clusters = [f"k{n}" for n in range(10)]
    made += [
        ClusterCreated(cluster_id=c, name=f"Probe {c}", idea_ids=ideas[n * 5 : n * 5 + 5])
        for n, c in enumerate(clusters)
    ]
    made += [IdeaMoved(idea_id=ideas[n], cluster_id=clusters[(n + 1) % 10]) for n in range(20)]
    made += [VoteCast(target_id=clusters[n % 10], voter_id=f"p{n}") for n in range(40)]
    made += [ScoreGiven(target_id=ideas[n], voter_id=f"p{n}", score=3) for n in range(10)]
    made += [SelectionMarked(target_id=clusters[n]) for n in range(5)]
    made += [IdeaEdited(idea_id=ideas[n], text="Anders gezegd") for n in range(10)]
    made += [ClusterRenamed(cluster_id=clusters[n], name="Hernoemd") for n in range(5)]
    made += [IdeaRemoved(idea_id=ideas[50 + n]) for n in range(5)]
    made += [IdeaRestored(idea_id=ideas[50 + n]) for n in range(5)]
    made += [ClusterDissolved(cluster_id=clusters[n]) for n in range(3)]
    made += [ClustersMerged(cluster_id=clusters[9], merged_ids=[clusters[n]]) for n in (3, 4)]
    made += [AgreementRecorded(agreement_id=f"a{n}", text=f"Afspraak {n}") for n in range(10)]
    made += [ConsentNoted(agreement_id=f"a{n}", consent=True) for n in range(10)]
    made += [IdeaMoved(idea_id=ideas[n], cluster_id=None) for n in range(5)]
    assert len(made) == 200, len(made)
    return made


def stamped(events: list[Event], first_seq: int) -> list[Record]:
    return [
        Record(seq=seq, at=START + timedelta(seconds=seq), t=float(seq), event=event)
        for seq, event in enumerate(events, start=first_seq)
    ]


def run(settings: Settings) -> None:
    print(machine("pydantic"))
    log = stamped(session_events(LARGE), 1)
    states: dict[int, SessionState] = {n: fold(log[:n]) for n in (SMALL, LARGE)}
    probes = {n: stamped(probe_events(), n + 1) for n in (SMALL, LARGE)}
    large = states[LARGE]
    print(
        f"session: {LARGE:,} records, at the last {len(large.ideas):,} ideas on the board, "
        f"{len(large.clusters):,} clusters; probe: {len(probes[SMALL])} records"
    )
    means: dict[int, list[float]] = {SMALL: [], LARGE: []}
    by_kind: dict[int, dict[str, list[float]]] = {
        SMALL: defaultdict(list),
        LARGE: defaultdict(list),
    }
    windows: list[tuple[float, float]] = []  # perf_counter at each probe's start and end
    gc.collect()
    gc.freeze()
    with FullCollections() as collections:
        for round_ in range(settings.rounds):
            for n in in_turn([SMALL, LARGE], round_):
                state = copy_state(states[n])
                gc.collect()  # the copy's garbage, outside the clock
                total = 0
                began = time.perf_counter()
                for record in probes[n]:
                    started = time.perf_counter_ns()
                    apply(state, record)
                    spent = time.perf_counter_ns() - started
                    total += spent
                    by_kind[n][record.event.type].append(spent / 1e3)
                windows.append((began, time.perf_counter()))
                means[n].append(total / len(probes[n]) / 1e3)
    cluster_id = next(iter(large.clusters))
    scans = [
        timed(lambda: [i for i in large.ideas.values() if i.cluster_id == cluster_id]) * 1e6
        for _ in range(50)
    ]
    gc.unfreeze()

    print()
    print_header(
        f"{'records':>8} {'p50 µs':>8} {'p95 µs':>8}", "per record, mean over the probe", 6
    )
    for n in (SMALL, LARGE):
        print(f"{n:>8,} {percentile(means[n], 50):8.2f} {percentile(means[n], 95):8.2f}")
    print()
    print_header(f"{'kind':<20} {'at 100 µs':>10} {'at 50k µs':>10} {'ratio':>6}", "p50", 4)
    for kind in sorted(by_kind[SMALL]):
        small, big = (percentile(by_kind[n][kind], 50) for n in (SMALL, LARGE))
        print(f"{kind:<20} {small:10.2f} {big:10.2f} {big / small:6.2f}")
    fold_p50 = percentile(means[LARGE], 50)
    scan_p50 = percentile(scans, 50)
    print(
        f"\nbaseline: one pass over the {len(large.ideas):,} ideas: p50 {scan_p50:,.0f} µs "
        f"= {scan_p50 / fold_p50:,.0f} x the fold's p50 per record at 50,000 (x scan)"
    )
    during = sum(collections.within(start, end) for start, end in windows)
    print(f"full garbage collections during the probes: {during:.0f} ms in all")
    ratio = fold_p50 / percentile(means[SMALL], 50)
    print_goal(ratio <= 2, f"fold per record at 50,000 / at 100: {ratio:.2f} (goal ≤ 2)")


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="rounds", caveat=QUICK_CAVEAT))
