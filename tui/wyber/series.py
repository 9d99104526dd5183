"""A series of sessions (traject): the agreements of its sessions and where each now stands.

An agreement, action or parked item of one session stays open until a later session of the
series reviews it (an `agreement_reviewed` event of that later session). Decisions are taken,
not carried out, so they are not followed up. The sessions are read by the caller; this module
only folds what they hold, so it is as easy to test as the fold itself.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from tui.wyber.errors import UserError
from tui.wyber.events import AgreementKind, ReviewStatus
from tui.wyber.figures import meeting_date
from tui.wyber.fold import fold
from tui.wyber.series_name import same_series
from tui.wyber.state import Evaluation, SessionState
from tui.wyber.store import Archive

# What the next session of a series checks: every kind. An action and an agreement are carried
# out or kept; a decision is too (its owner sees it through by its deadline: a tester's decision
# "pilot in March, Bram, 1 March" was left out of the review, "1 of 2"); a parked item is what
# the group set aside to come back to.
FOLLOWED_UP = tuple(AgreementKind)
STILL_OPEN = (ReviewStatus.OPEN, ReviewStatus.CHANGED)


@dataclass(frozen=True, slots=True)
class EarlierAgreement:
    """An agreement of an earlier session, as it stands at the session whose minutes are made."""

    session_id: str
    agreement_id: str
    held_on: date
    number: int
    kind: AgreementKind
    text: str
    owner_name: str
    deadline: date | None
    status: ReviewStatus = ReviewStatus.OPEN
    note: str = ""
    reviewed_here: bool = False  # the status was set in the session whose minutes are made
    # Each review so far: the day of the session that held it, the status it gave, the note.
    history: tuple[tuple[date, ReviewStatus, str], ...] = ()

    @property
    def still_open(self) -> bool:
        return self.status in STILL_OPEN


def in_order(sessions: Iterable[SessionState]) -> list[SessionState]:
    """Sessions in the order they were held (then opened)."""
    return sorted(sessions, key=lambda s: (meeting_date(s), s.opened_at))


def next_number(sessions: Iterable[SessionState]) -> int:
    """The number the next session's first agreement gets: after the highest so far."""
    return 1 + max(
        (a.number for session in sessions for a in session.agreements.values()), default=0
    )


def earlier_agreements(
    earlier: Sequence[SessionState], current: SessionState | None = None
) -> list[EarlierAgreement]:
    """The followed-up agreements of the `earlier` sessions, with the status the reviews of those
    sessions and of `current` gave them, in the order they were numbered. Without `current`:
    the running list of the whole series, as its last session left it."""
    found: dict[tuple[str, str], EarlierAgreement] = {}
    for session in in_order(earlier):
        day = meeting_date(session)
        for a in sorted(session.agreements.values(), key=lambda a: a.number):
            if a.kind in FOLLOWED_UP:
                found[(session.session_id, a.id)] = EarlierAgreement(
                    session.session_id,
                    a.id,
                    day,
                    a.number,
                    a.kind,
                    a.text,
                    a.owner_name,
                    a.deadline,
                )
    reviewing = [*in_order(earlier), *([current] if current is not None else [])]
    for session in reviewing:
        day = meeting_date(session)
        for review in session.reviews:
            key = (review.session_id, review.agreement_id)
            if key in found:
                item = found[key]
                found[key] = replace(
                    item,
                    # A "changed" review may set a new deadline and owner: the item has them now.
                    deadline=item.deadline if review.deadline is None else review.deadline,
                    owner_name=item.owner_name if review.owner_name is None else review.owner_name,
                    status=review.status,
                    note=review.note,
                    reviewed_here=session is current,
                    history=(*item.history, (day, review.status, review.note)),
                )
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Around:
    """What the minutes of one session of a series say about the sessions around it: whether it
    is the first, the conclusions of the previous one's evaluation, and the next meeting when
    it has been prepared (its date and place)."""

    first: bool = True
    previous_on: date | None = None
    previous: Evaluation | None = None
    next_on: date | None = None
    next_place: str = ""


def around(sessions: Sequence[SessionState], state: SessionState) -> Around:
    """`state`'s place among the `sessions` of its series (all of them, in order)."""
    here = (meeting_date(state), state.opened_at)
    earlier = before(sessions, state)
    after = [
        s
        for s in sessions
        if (meeting_date(s), s.opened_at) > here and s.session_id != state.session_id
    ]
    previous = earlier[-1] if earlier else None
    following = after[0] if after else None
    return Around(
        first=not earlier,
        previous_on=meeting_date(previous) if previous else None,
        previous=previous.evaluation if previous else None,
        next_on=meeting_date(following) if following else None,
        next_place=following.place if following else "",
    )


def series_sessions(archive: Archive, name: str) -> list[SessionState]:
    """Every session of the series `name` (case and spaces aside) in `archive`, in the order
    they were held. A session that cannot be read is left out: the minutes or the next session
    must still come."""
    found = []
    for summary in archive.listing().sessions:
        if summary.series is None or not same_series(summary.series, name):
            continue
        try:
            found.append(fold(archive.read(summary.id)))
        except UserError:
            continue
    return in_order(found)


def series_goal(sessions: Iterable[SessionState]) -> str:
    """The series' goal (trajectopgave) as the latest of `sessions` (in order) that gave one
    wrote it; "" when none did."""
    goals = [s.series.goal for s in sessions if s.series is not None and s.series.goal]
    return goals[-1] if goals else ""


def before(sessions: Iterable[SessionState], state: SessionState) -> list[SessionState]:
    """The `sessions` held before `state`, in the order given."""
    here = (meeting_date(state), state.opened_at)
    return [
        session
        for session in sessions
        if session.session_id != state.session_id
        and (meeting_date(session), session.opened_at) < here
    ]


def earlier_sessions(archive: Archive, state: SessionState) -> list[SessionState]:
    """The sessions of `state`'s series held before it, in order."""
    if state.series is None:
        return []
    return before(series_sessions(archive, state.series.name), state)
