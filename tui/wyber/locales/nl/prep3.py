"""Dutch messages: een stap met inhoud pas na een vraag verwijderen; de titels waar nog een
voorbeeldtekst staat."""

MESSAGES: dict[str, str] = {
    "prep3.remove.heading": "Stap verwijderen?",
    "prep3.remove.question": "Stap {number} „{title}” verwijderen, met alles wat erin getypt is? Ctrl+Z zet hem terug.",
    "prep3.remove.yes": "Verwijderen",
    "prep3.remove.untitled": "zonder titel",
    "prep3.removed": "Stap {number} „{title}” verwijderd; Ctrl+Z zet hem terug.",
    "prep3.key.put_back": "Stap terugzetten",
    "prep3.samples.title": "Titel van de bijeenkomst: „{text}”",
    "prep3.samples.step_title": "Stap {number}, titel: „{text}”",
    "prep3.series.known": "Bestaande trajecten: {names}. Typ het begin; → vult aan.",
}
