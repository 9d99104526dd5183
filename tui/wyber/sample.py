"""Realistic sessions made up from a plan: for the benchmarks, the tests and trying wyber out.

A made-up session runs the plan's movements in order: participants write ideas while diverging,
the group clusters and dot-votes while converging, and records agreements while consolidating;
a pause, an extension and an evaluation are in it too, as in a real meeting.
"""

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from tui.wyber.events import (
    AgreementKind,
    AgreementRecorded,
    ClusterCreated,
    ConsentNoted,
    EvaluationRecorded,
    Event,
    IdeaAdded,
    ParticipantAdded,
    Record,
    RoundStarted,
    SessionFinished,
    SessionOpened,
    TimeboxExtended,
    TimerPaused,
    TimerResumed,
    VoteCast,
)
from tui.wyber.plan import Movement, Plan, VeldField

_NAMES = (
    "Anna de Vries",
    "Bram Jansen",
    "Chaima El Idrissi",
    "Daan Bakker",
    "Eva Visser",
    "Farid Haddad",
    "Greet Smit",
    "Hugo Mulder",
    "Ilse de Boer",
    "Joris Peters",
)
_ORGANISATIONS = ("Gemeente Rotterdam", "AfvalWerk BV", "DeelScoot", "OpslagNu", "ReCell Lab")
_WORDS = (
    "batterijen",
    "inzameling",
    "hergebruik",
    "veiligheid",
    "pilot",
    "wijk",
    "data",
    "keten",
    "subsidie",
    "opslag",
    "scooters",
    "bewoners",
    "vergunning",
    "planning",
)


def sample_events(
    plan: Plan, session_id: str, *, ideas: int, participants: int = 6, seed: int = 0
) -> Iterator[tuple[float, Event]]:
    """(seconds since opening, event) for a whole made-up meeting of `plan`."""
    rng = random.Random(seed)
    t = 0.0
    yield (
        t,
        SessionOpened(
            session_id=session_id,
            plan=plan,
            title=plan.title,
            language=plan.language,
            place="Stadhuis, zaal 3",
            facilitator="Procesbegeleider",
        ),
    )
    people = [f"p{n}" for n in range(1, participants + 1)]
    for n, pid in enumerate(people):
        yield (
            t,
            ParticipantAdded(
                participant_id=pid,
                name=_NAMES[n % len(_NAMES)],
                organisation=_ORGANISATIONS[n % len(_ORGANISATIONS)],
            ),
        )
    segments = plan.segments()
    diverging = sum(1 for _, m in segments if m is Movement.DIVERGE) or 1
    per_diverge = max(1, ideas // diverging)
    idea_count = agreement_count = 0
    step_ideas: list[str] = []
    for index, (step, movement) in enumerate(segments):
        budget = plan.steps[step].timebox(movement).minutes * 60.0
        t += 5.0
        yield t, RoundStarted(step=step, movement=movement)
        if index == 0:
            yield t + 30, TimerPaused()
            yield t + 90, TimerResumed()
            t += 90
        if movement is Movement.DIVERGE:
            step_ideas = []
            count = per_diverge if idea_count + per_diverge <= ideas else ideas - idea_count
            for _ in range(count):
                idea_count += 1
                t += budget / (count + 1)
                idea_id = f"i{idea_count}"
                step_ideas.append(idea_id)
                text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 12)))
                author = rng.choice([*people, None])
                yield t, IdeaAdded(idea_id=idea_id, text=text.capitalize(), author_id=author)
        elif movement is Movement.CONVERGE:
            clusters = [step_ideas[i : i + 5] for i in range(0, len(step_ideas), 5)]
            for number, members in enumerate(clusters, start=1):
                t += 2.0
                yield (
                    t,
                    ClusterCreated(
                        cluster_id=f"c{step}-{number}", name=f"Cluster {number}", idea_ids=members
                    ),
                )
            if clusters:
                for voter in people:
                    for _ in range(plan.steps[step].timebox(movement).dots_each):
                        t += 1.0
                        target = f"c{step}-{rng.randint(1, len(clusters))}"
                        yield t, VoteCast(target_id=target, voter_id=voter)
            if index == 1:
                yield t, TimeboxExtended(step=step, movement=movement, seconds=300)
        else:
            for kind in (
                AgreementKind.DECISION,
                AgreementKind.ACTION,
                AgreementKind.AGREEMENT,
                AgreementKind.PARKED,
            ):
                agreement_count += 1
                t += budget / 5
                agreement_id = f"a{agreement_count}"
                yield (
                    t,
                    AgreementRecorded(
                        agreement_id=agreement_id,
                        kind=kind,
                        text=f"Afspraak {agreement_count} over {rng.choice(_WORDS)}",
                        owner_id=rng.choice(people),
                        deadline=(datetime(2026, 12, 1) + timedelta(days=agreement_count)).date(),
                        field=rng.choice(list(VeldField)),
                    ),
                )
                yield t, ConsentNoted(agreement_id=agreement_id, consent=True)
        t += budget * 0.1
    yield (
        t,
        EvaluationRecorded(
            went_well="Iedereen kwam aan het woord.",
            next_step="Volgende sessie over de pilot.",
            scores={pid: rng.randint(6, 9) for pid in people},
        ),
    )
    yield t, SessionFinished()


def sample_records(
    plan: Plan,
    session_id: str,
    start: datetime,
    *,
    ideas: int,
    participants: int = 6,
    seed: int = 0,
) -> list[Record]:
    """The made-up meeting as records, stamped from `start` on."""
    return [
        Record(seq=seq, at=start + timedelta(seconds=t), t=t, event=event)
        for seq, (t, event) in enumerate(
            sample_events(plan, session_id, ideas=ideas, participants=participants, seed=seed),
            start=1,
        )
    ]
