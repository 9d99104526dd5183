"""Dutch messages: een stap met inhoud pas na een vraag verwijderen."""

MESSAGES: dict[str, str] = {
    "prep3.remove.heading": "Stap verwijderen?",
    "prep3.remove.question": "Stap {number} „{title}” verwijderen, met alles wat erin getypt is? Dit kan niet ongedaan worden gemaakt.",
    "prep3.remove.yes": "Verwijderen",
    "prep3.remove.untitled": "zonder titel",
}
