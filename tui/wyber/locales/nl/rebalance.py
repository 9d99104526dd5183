"""Dutch messages: rebalance (Ctrl+B: the rest of the agenda shortened to end on time)."""

MESSAGES: dict[str, str] = {
    "rebalance.title": "De rest van de agenda herverdelen",
    "rebalance.over": "De bijeenkomst loopt {minutes} min uit over het geplande einde.",
    "rebalance.fits": "Na het herverdelen eindigt de bijeenkomst op tijd.",
    "rebalance.short": "Niets meer weg te halen: de bijeenkomst loopt nog {minutes} min uit.",
    "rebalance.held": (
        "Uit de vakken die niet beschermd zijn is niets meer weg te halen: de bijeenkomst loopt"
        " nog {minutes} min uit. Spatie op een beschermd vak heft de bescherming op."
    ),
    "rebalance.protected": "✔ beschermd",
    "rebalance.box": "{number}. {movement} · {step}",
    "rebalance.now": "nu",
    "rebalance.change": "{before}′ → {after}′",
    "rebalance.same": "{before}′",
    "rebalance.confirm": "Herverdelen",
    "rebalance.hint": "Spatie: beschermen · Ctrl+S: herverdelen · Esc: annuleren",
    "rebalance.done": "{minutes} min weggehaald uit de rest van de agenda; Ctrl+Z zet het terug.",
    "rebalance.nothing": "Er is niets veranderd.",
    # The big clock's state in words (tui/widgets/clock.py), read across the room.
    "clock.paused": "PAUZE",
    "clock.over": "TIJD OM",
}
