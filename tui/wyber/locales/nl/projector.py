"""Dutch messages: projector (the room's view on the second screen, tui/room/projector*.py)."""

MESSAGES: dict[str, str] = {
    # the run screen's key, in the terminal
    "projector.key": "Beamer",
    "projector.opened": "Het beeld voor de beamer staat open in een browservenster: {url}",
    "projector.no_browser": "Hier kon geen browservenster open. Open op het tweede scherm (de beamer) {url}",
    # what the server writes into the page's data, in the session's language
    "projector.step": "Stap {number} van {of}",
    "projector.ready": "{done} van {of} klaar",
    "projector.turn": "Beurt {number} van {of}",
    "projector.turn.done": "Iedereen is aan de beurt geweest",
    "projector.ideas": "Ideeën: {count}",
    "projector.loose": "Niet in een cluster: {count}",
    "projector.silent": "Stil schrijven: de ideeën blijven verborgen tot ze getoond worden.",
    "projector.results_hidden": "De uitslag volgt zodra er gestemd is.",
    "projector.dots": "Stippen: {count}",
    "projector.no_score": "nog geen score",
    "projector.no_proposal": "Nog geen voorstel.",
    "projector.consent.open": "Wordt getoetst",
    "projector.consent.given": "Consent gegeven",
    "projector.consent.objected": "Er staat een bezwaar",
    "projector.round": "Instemming {consent} · opzij {aside} · bezwaren {objections} — {answered} van {present} geantwoord",
    # the page's own words
    "projector.page.paused": "PAUZE",
    "projector.page.join": "Doe mee met je telefoon",
    "projector.page.code": "of ga naar {address} en typ",
    "projector.page.more": "en nog {count}",
    "projector.page.waiting": "De bijeenkomst is nog niet begonnen.",
    "projector.page.finished": "De bijeenkomst is afgelopen. Dank je wel!",
    "projector.page.offline": "Verbinding weg: opnieuw verbinden…",
    "projector.page.movement.diverge": "Divergeren",
    "projector.page.movement.converge": "Convergeren",
    "projector.page.movement.consolidate": "Consolideren",
}
