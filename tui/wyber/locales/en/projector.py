"""English messages: projector (the room's view on the second screen, tui/room/projector*.py)."""

MESSAGES: dict[str, str] = {
    # the run screen's key, in the terminal
    "projector.key": "Projector",
    "projector.opened": "The projector is open in a browser window: {url}",
    "projector.no_browser": "No browser window could be opened here. On the second screen, open {url}",
    # what the server writes into the page's data, in the session's language
    "projector.step": "Step {number} of {of}",
    "projector.ready": "{done} of {of} done",
    "projector.turn": "Turn {number} of {of}",
    "projector.turn.done": "Everyone has had a turn",
    "projector.ideas": "Ideas: {count}",
    "projector.loose": "Not in a cluster: {count}",
    "projector.silent": "Silent writing: the ideas stay hidden until they are revealed.",
    "projector.results_hidden": "The results are shown once the voting is done.",
    "projector.dots": "Dots: {count}",
    "projector.no_score": "no score yet",
    "projector.no_proposal": "No proposal yet.",
    "projector.consent.open": "Being tested",
    "projector.consent.given": "Consent given",
    "projector.consent.objected": "An objection stands",
    "projector.round": "Consent {consent} · stood aside {aside} · objections {objections} — {answered} of {present} answered",
    # the page's own words
    "projector.page.paused": "PAUSED",
    "projector.page.join": "Join on your phone",
    "projector.page.code": "or go to {address} and type",
    "projector.page.more": "and {count} more",
    "projector.page.waiting": "The meeting has not started yet.",
    "projector.page.finished": "The meeting has ended. Thank you!",
    "projector.page.offline": "Connection lost: reconnecting…",
    "projector.page.movement.diverge": "Diverge",
    "projector.page.movement.converge": "Converge",
    "projector.page.movement.consolidate": "Consolidate",
}
