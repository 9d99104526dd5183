"""The meeting's domain rules that commands and screens both read: who typed an idea, what a
score is, how many dots a voter has, where the group is. Plain functions of the state."""

import re
from collections.abc import Iterable

from tui.wyber.commands import Refused
from tui.wyber.late import Place
from tui.wyber.observers import voters_present
from tui.wyber.plan import DEFAULT_DOTS, DEFAULT_SCORE_TOP, TimeBox
from tui.wyber.state import ANONYMOUS, Participant, SessionState

# "Anna: text" or "Anna - text": a name of at most 40 characters before a colon or a dash.
_AUTHOR_PREFIX = re.compile(r"^\s*(?P<name>[^:\n]{1,40}?)\s*(?::|\s-\s)\s*(?P<text>.+)$", re.DOTALL)


def place_now(state: SessionState) -> Place | None:
    """The movement the group is in; None before the start."""
    segment = state.current_segment
    return None if segment is None else (segment.step, segment.movement)


def step_now(state: SessionState) -> int:
    segment = state.current_segment
    return segment.step if segment is not None else 0


def timebox_now(state: SessionState) -> TimeBox | None:
    segment = state.current_segment
    if segment is None:
        return None
    return state.plan.steps[segment.step].timebox(segment.movement)


def find_participant(state: SessionState, name: str) -> Participant | None:
    """The participant meant by a name: the full name, else a unique first name."""
    return find_person(state.participants.values(), name)


def find_person(among: Iterable[Participant], name: str) -> Participant | None:
    """The person among these meant by a name: the full name, else a unique first name."""
    wanted = name.strip().casefold()
    people = list(among)
    for person in people:
        if person.name.casefold() == wanted:
            return person
    firsts = [p for p in people if p.name.split()[0].casefold() == wanted] if wanted else []
    return firsts[0] if len(firsts) == 1 else None


def split_author(state: SessionState, typed: str) -> tuple[str, Participant | None]:
    """'Anna: more bike racks' → ('more bike racks', Anna), when Anna is a participant.

    A prefix that names nobody is part of the idea ("Note: …" stays as typed).
    """
    match = _AUTHOR_PREFIX.match(typed)
    if match:
        person = find_participant(state, match["name"])
        if person is not None:
            return match["text"].strip(), person
    return typed.strip(), None


# A person's name before a colon: one to four words of letters ("Bram", "Anna de Vries",
# "O'Brien"), each with a capital but for the particles of Dutch and other surnames.
_STRANGER_PREFIX = re.compile(
    r"^\s*(?P<name>[^\W\d_][^\W\d_'’-]*(?: [^\W\d_][^\W\d_'’-]*){0,3})\s*:\s*(?P<text>\S.*)$",
    re.DOTALL,
)
_PARTICLES = frozenset({
    "de", "van", "der", "den", "het", "ter", "ten", "te", "in", "op", "la", "le", "du", "da", "di",
    "del", "von", "zu", "el", "al", "bin", "ben",
})  # fmt: skip


def _looks_like_a_name(name: str) -> bool:
    """Capitals where names have them ("Let op", "Stap twee" are text; a script without case,
    such as Arabic, has none to check), and no particle at the end."""
    first, *rest = name.split()
    if first[0].islower() or (rest and rest[-1] in _PARTICLES):
        return False
    return all(not word[0].islower() or word in _PARTICLES for word in rest)


def stranger_named(state: SessionState, typed: str) -> tuple[str, str] | None:
    """'Bram: more bike racks' → ('Bram', 'more bike racks') when Bram is no participant: a name
    the facilitator may want to add to the table. None when the text names a participant, or
    begins with no name (lower case, digits, more than four words)."""
    match = _STRANGER_PREFIX.match(typed)
    if match is None or not _looks_like_a_name(match["name"]):
        return None
    if find_participant(state, match["name"]) is not None:
        return None
    return match["name"].strip(), match["text"].strip()


def idea_author(
    state: SessionState, typed: str, author_id: str | None, picked_id: str | None = None
) -> tuple[str, Participant | None]:
    """An idea's text and author. An author given outright (`author_id`: a phone's own
    participant, a test) is the author and the text stays as typed. Otherwise a name typed before
    the idea wins over the author picked beside it (`picked_id`: the author list, or whose turn it
    is: typing "Bram: …" in Anna's turn means Bram said it); else the picked author, else none."""
    if author_id is not None:
        return typed.strip(), _participant(state, author_id)
    text, named = split_author(state, typed)
    if named is not None:
        return text, named
    return text, None if picked_id is None else _participant(state, picked_id)


def _participant(state: SessionState, participant_id: str) -> Participant:
    person = state.participants.get(participant_id)
    if person is None:
        raise Refused("run.refused.no_such_participant")
    return person


def parse_score(value: int | str, top: int) -> int:
    """A score from 0 to `top`, given as a number or as the digits typed for one."""
    if isinstance(value, str):
        digits = value.strip()
        if not digits.isascii() or not digits.isdigit():
            raise Refused("run.refused.score_range", top=top)
        value = int(digits)
    if not 0 <= value <= top:
        raise Refused("run.refused.score_range", top=top)
    return value


def dots_each(state: SessionState) -> int:
    box = timebox_now(state)
    return box.dots_each if box is not None else DEFAULT_DOTS


def score_top(state: SessionState) -> int:
    box = timebox_now(state)
    return box.score_top if box is not None else DEFAULT_SCORE_TOP


def dots_used(state: SessionState, voter_id: str | None) -> int:
    """Dots the voter has placed on this step's ideas and clusters."""
    return state.dots_used(step_now(state), voter_id or ANONYMOUS)


def dots_allowed(state: SessionState, voter_id: str | None) -> int | None:
    """How many dots a voter may place: the plan's dots each; for the room as a whole (no voter
    named), that many per participant present with a vote; None when there is no limit."""
    if voter_id is not None:
        return dots_each(state)
    present = len(voters_present(state))
    return dots_each(state) * present if present else None
