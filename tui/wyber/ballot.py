"""Nameless ballots: a voter in an anonymous vote, who is no participant.

In a movement the room made anonymous, a phone's dots and scores are cast under a ballot id
instead of the participant's: a random id, recorded as the votes' voter (so the plan's limit
holds per ballot, from the record itself, as it does per participant), that names nobody.
Which ballot is whose is known only in the room's memory (tui/room/room.py) and is never
written anywhere, so nothing on file links a ballot to a device or a name.
"""

import secrets

PREFIX = "ballot-"


def new_ballot() -> str:
    """64 random bits: no two ballots of a hall meet, and the id tells nothing."""
    return PREFIX + secrets.token_hex(8)


def is_ballot(voter_id: str) -> bool:
    return voter_id.startswith(PREFIX)
