"""A session in one line: what the archive listing (and `wyber list --json`) shows of it."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tui.wyber.counting import by_kind
from tui.wyber.events import AgreementKind, Day, Moment
from tui.wyber.figures import actual_seconds, meeting_date
from tui.wyber.i18n import Language
from tui.wyber.state import SessionState

Status = Literal["finished", "unfinished"]


class Counts(BaseModel):
    model_config = ConfigDict(frozen=True)

    participants: int
    ideas: int
    clusters: int
    agreements: int
    decisions: int
    actions: int
    parked: int
    records: int

    @property
    def kinds(self) -> dict[AgreementKind, int]:
        """How many of each kind of agreement: what counting.agreed and counting.phrase read."""
        return {
            AgreementKind.AGREEMENT: self.agreements,
            AgreementKind.DECISION: self.decisions,
            AgreementKind.ACTION: self.actions,
            AgreementKind.PARKED: self.parked,
        }


class SessionSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    language: Language
    # Read back from the index and the trash (files): what a session could not hold is refused.
    opened_at: Moment
    held_on: Day | None = None  # the day it was held; None in an index written before it was kept
    series: str | None = None  # the name of the series (traject) it belongs to
    status: Status
    minutes: float = Field(
        ge=0, allow_inf_nan=False
    )  # how long the meeting ran (its rounds and review), up to the last record, pauses excluded
    counts: Counts


def summarise(state: SessionState, records: int) -> SessionSummary:
    kinds = by_kind(agreement.kind for agreement in state.agreements.values())
    return SessionSummary(
        id=state.session_id,
        title=state.title,
        language=state.language,
        opened_at=state.opened_at,
        held_on=meeting_date(state),
        series=state.series.name if state.series is not None else None,
        status="finished" if state.finished else "unfinished",
        # Unrounded: shown as whole minutes, it is the summary's total (figures.actual_seconds).
        minutes=actual_seconds(state, state.last_t) / 60,
        counts=Counts(
            participants=len(state.participants),
            ideas=len(state.ideas),
            clusters=len(state.clusters),
            agreements=kinds[AgreementKind.AGREEMENT],
            decisions=kinds[AgreementKind.DECISION],
            actions=kinds[AgreementKind.ACTION],
            parked=kinds[AgreementKind.PARKED],
            records=records,
        ),
    )
