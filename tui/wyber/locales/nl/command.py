"""Dutch messages: command (the live meeting's one door, tui/wyber/live.py)."""

MESSAGES: dict[str, str] = {
    "command.refused.evaluating": (
        "De groep evalueert de bijeenkomst: ideeën, stemmen en antwoorden gaan niet meer mee."
    ),
    "command.refused.left": (
        "Dat hoorde bij een deel van de bijeenkomst waar de groep al uit is; het telt niet mee."
    ),
    "command.refused.not_reached": "Zo ver is de groep nog niet in de bijeenkomst.",
    "command.refused.undo_overtaken": (
        "Je laatste wijziging was al door iemand anders veranderd; er is niets teruggedraaid."
    ),
}
