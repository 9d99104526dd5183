"""English messages: rebalance (Ctrl+B: the rest of the agenda shortened to end on time)."""

MESSAGES: dict[str, str] = {
    "rebalance.title": "Rebalance the rest of the agenda",
    "rebalance.over": "The meeting runs {minutes} min past its planned end.",
    "rebalance.fits": "After the rebalance the meeting ends on time.",
    "rebalance.short": "Nothing more to take: the meeting still runs {minutes} min over.",
    "rebalance.held": (
        "Nothing more to take from the boxes that are not protected: the meeting still runs"
        " {minutes} min over. Space on a protected box releases it."
    ),
    "rebalance.protected": "✔ protected",
    "rebalance.box": "{number}. {movement} · {step}",
    "rebalance.now": "now",
    "rebalance.change": "{before}′ → {after}′",
    "rebalance.same": "{before}′",
    "rebalance.confirm": "Rebalance",
    "rebalance.hint": "Space: protect · Ctrl+S: rebalance · Esc: cancel",
    "rebalance.done": "{minutes} min taken from the rest of the agenda; Ctrl+Z puts it back.",
    "rebalance.nothing": "Nothing was changed.",
    # The big clock's state in words (tui/widgets/clock.py), read across the room.
    "clock.paused": "PAUSED",
    "clock.over": "OVER TIME",
}
