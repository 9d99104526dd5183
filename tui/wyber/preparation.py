"""What the facilitator prepares before the meeting starts: a plan made into a session's opening.

The Prepare screen edits one of these; `wyber run PLAN --now` takes the plan's defaults as they
are. Nothing is recorded until the meeting starts: then `opening` and `participant_events` are
written together, atomically.
"""

from dataclasses import dataclass, field
from datetime import date

from tui.wyber.events import ParticipantAdded, SeriesLink, SessionOpened
from tui.wyber.i18n import Language
from tui.wyber.plan import Mandate, Plan, PlanParticipant
from tui.wyber.state import SessionState


@dataclass(slots=True)
class Invitee:
    """A participant as prepared: who comes, from where, in what role, with what mandate, and
    where minutes go."""

    name: str
    organisation: str = ""
    role: str = ""
    email: str = ""
    mandate: Mandate | None = None


def invited(participants: list[PlanParticipant]) -> list[Invitee]:
    """A plan's participants as Prepare's invitees."""
    return [Invitee(p.name, p.organisation, p.role, p.email, p.mandate) for p in participants]


def with_invitees(plan: Plan, invitees: list[Invitee]) -> Plan:
    """The plan inviting these people (as "save as my plan" writes it); checked as a plan's."""
    participants = [
        PlanParticipant(
            name=i.name, organisation=i.organisation, role=i.role, email=i.email, mandate=i.mandate
        )
        for i in invitees
    ]
    return Plan.model_validate({**dict(plan), "participants": participants})


@dataclass(slots=True)
class Preparation:
    plan: Plan
    title: str
    language: Language
    held_on: date
    place: str = ""
    facilitator: str = ""
    invitees: list[Invitee] = field(default_factory=list)
    series: str = ""  # the series (traject) the session belongs to; "" for none
    series_goal: str = ""
    # The user's own plan this was opened from (its file's name), "" for any other: "save as my
    # plan" offers that name, and replacing it is what saving again means.
    plan_name: str = ""

    def opening(self, session_id: str, first_number: int = 1) -> SessionOpened:
        """The opening record; `first_number` continues the series' numbering of agreements."""
        series = None
        if self.series:
            series = SeriesLink(name=self.series, goal=self.series_goal, first_number=first_number)
        return SessionOpened(
            session_id=session_id,
            plan=self.plan,
            title=self.title,
            language=self.language,
            place=self.place,
            facilitator=self.facilitator,
            held_on=self.held_on,
            series=series,
        )

    def participant_events(self) -> list[ParticipantAdded]:
        # Participants are numbered in the order prepared; later arrivals get the record's seq.
        return [
            ParticipantAdded(
                participant_id=f"p{number}",
                name=invitee.name,
                organisation=invitee.organisation,
                role=invitee.role,
                email=invitee.email,
                mandate=invitee.mandate,
            )
            for number, invitee in enumerate(self.invitees, start=1)
        ]


def prepare(plan: Plan, today: date, plan_name: str = "") -> Preparation:
    """The plan's defaults: its title and language, today, and the people it invites (from here
    on the invitees, not the plan, say who comes: the plan keeps only the agenda)."""
    return Preparation(
        plan=plan.model_copy(update={"participants": []}),
        title=plan.title,
        language=plan.language,
        held_on=today,
        invitees=invited(plan.participants),
        plan_name=plan_name,
    )


def preparation_again(state: SessionState, today: date) -> Preparation:
    """A new session like `state`: its plan as it was run (the minutes as planned then), title,
    language, place, facilitator, series, and its participants invited again; held today."""
    series = state.series
    return Preparation(
        plan=state.plan,
        title=state.title,
        language=state.language,
        held_on=today,
        place=state.place,
        facilitator=state.facilitator,
        invitees=[
            Invitee(p.name, p.organisation, p.role, p.email, p.mandate)
            for p in state.participants.values()
        ],
        series=series.name if series is not None else "",
        series_goal=series.goal if series is not None else "",
    )
