"""Nederlandse teksten: wat een tester vond in de kern en het verslag (toehoorders, stemmen)."""

MESSAGES: dict[str, str] = {
    "tester.refused.observer": "{name} is toehoorder en stemt niet mee.",
    "tester.consent.not_asked": "wordt niet gevraagd",
    "tester.consent.observers": "Toehoorder, telde niet mee: {names}",
    "tester.review_note": "Notitie: {note}",
    "tester.score_words": "{average} / {top} ({count} scoorden)",
    "tester.score_words_one": "{average} / {top} ({count} scoorde)",
    "tester.chart.dots_scores": "Stippen en scores van wat de meeste stemmen kreeg; alle cijfers staan in de tabel.",
    "tester.chart.dots": "Stippen van wat de meeste stemmen kreeg; alle cijfers staan in de tabel.",
    "tester.chart.scores": "Gemiddelde scores van wat het hoogst scoorde; alle cijfers staan in de tabel.",
    "tester.review_done": "Alle {count} afspraken zijn besproken. Escape gaat naar de bijeenkomst.",
    "tester.review_done_one": "De afspraak is besproken. Escape gaat naar de bijeenkomst.",
    "tester.review_done_two": "Beide afspraken zijn besproken. Escape gaat naar de bijeenkomst.",
    "tester.samples": "Op {count} plaatsen staat nog de voorbeeldtekst van een meegeleverd plan. Daarheen, of toch starten?",
    "tester.samples_one": "Op {count} plaats staat nog de voorbeeldtekst van een meegeleverd plan. Daarheen, of toch starten?",
    "tester.consent.given": "✔ gegeven",
}
