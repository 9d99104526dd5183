"""English messages: command (the live meeting's one door, tui/wyber/live.py)."""

MESSAGES: dict[str, str] = {
    "command.refused.evaluating": (
        "The group is evaluating the meeting: ideas, votes and answers are no longer taken."
    ),
    "command.refused.left": (
        "That was meant for a part of the meeting the group has already left; it was not counted."
    ),
    "command.refused.not_reached": "The group has not reached that part of the meeting yet.",
    "command.refused.undo_overtaken": (
        "Your last change had already been changed by someone else; nothing was taken back."
    ),
}
