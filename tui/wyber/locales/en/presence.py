"""Who came late and who left early: the people dialog's marks and what the minutes say."""

MESSAGES: dict[str, str] = {
    "presence.came_late": "Came late",
    "presence.left_early": "Left early",
    "presence.key.late": "Came in now",
    "presence.hint": (
        "Space marks present or gone, from now on; l: came in just now (already ticked); "
        "Ctrl+S saves."
    ),
    "presence.mark.late": "came in {time}",
    "presence.mark.left": "left {time}",
    "presence.not_late": "Nobody is late in the first {minutes} minutes of the meeting.",
}
