"""Who owns an agreement: one participant, several ("Anna, Bram"), or someone from outside the
table ("gemeente Utrecht"), as the facilitator types it.

An agreement's record keeps `owner_name`, the owners' names joined by ", " (a participant by
their full name, an outsider as typed), and `owner_id`, the participant's id when the owner is
one participant at the table (None otherwise). Summary, minutes and reminders all read
`owner_name`; `owner_names` splits it again.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from tui.wyber.rules import find_person
from tui.wyber.state import Participant
from tui.wyber.text import clean_line

SEPARATOR = ", "
# Commas and semicolons part the owners; "&" and "+" too ("Anna & Bram"). "en"/"and" do not:
# a firm's name may hold them ("Bakker en Zonen").
_SEPARATORS = (";", "&", "+")


@dataclass(frozen=True, slots=True)
class Owner:
    name: str
    participant: Participant | None  # None: someone from outside the table


@dataclass(frozen=True, slots=True)
class Owners:
    owners: tuple[Owner, ...]

    @property
    def owner_name(self) -> str:
        return SEPARATOR.join(owner.name for owner in self.owners)

    @property
    def owner_id(self) -> str | None:
        """The participant's id when the owner is one participant at the table."""
        if len(self.owners) == 1 and self.owners[0].participant is not None:
            return self.owners[0].participant.id
        return None


def read_owners(people: Iterable[Participant], typed: str) -> Owners:
    """The owners a typed line names; a name a participant answers to (full, or a unique first
    name) becomes that participant, any other name is an owner from outside the table. The same
    name twice counts once."""
    at_table = list(people)
    for separator in _SEPARATORS:
        typed = typed.replace(separator, ",")
    owners: list[Owner] = []
    for part in typed.split(","):
        name = clean_line(part).strip()
        if not name:
            continue
        person = find_person(at_table, name)
        owner = Owner(person.name, person) if person else Owner(name, None)
        if all(owner.name.casefold() != o.name.casefold() for o in owners):
            owners.append(owner)
    return Owners(tuple(owners))


def owner_names(owner_name: str) -> list[str]:
    """The names in an agreement's `owner_name`, one per owner."""
    return [name for name in (n.strip() for n in owner_name.split(",")) if name]


def owner_lines(owner_name: str) -> str:
    """Several owners one per line, for a table cell: "Anna de Vries,\nBram Jansen". Run on,
    a narrow owner column broke the names ("Anna de / Vries, Bram / Jansen")."""
    return ",\n".join(owner_names(owner_name))
