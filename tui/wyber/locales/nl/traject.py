"""Nederlandse teksten: de notulen die een secretaris zo verstuurt, en het traject tussen sessies."""

MESSAGES: dict[str, str] = {
    "traject.step_recorded": "Vastgelegd in deze stap: nr. {numbers} (zie „{chapter}”).",
    "traject.score_cell": "{average} / {top} ({count})",
    "traject.score_note": "Score: het gemiddelde op de schaal van de stap; tussen haakjes hoeveel mensen scoorden.",
    "traject.legend.dots": "Stippen",
    "traject.legend.score": "Gemiddelde score (schaal tot {top})",
    "traject.legend.planned": "Gepland",
    "traject.legend.actual": "Werkelijk",
    "traject.chart.votes": "Stippen en scores van wat de meeste stemmen kreeg; alle cijfers staan in de tabel.",
    "traject.chart.time": "Geplande tegenover werkelijke minuten per stap; de cijfers staan in de tabel hierboven.",
    "traject.first_session": "Dit is de eerste sessie van het traject: er zijn nog geen eerdere afspraken.",
    "traject.earlier_open": "Nog open, in deze sessie niet besproken",
    "traject.could_be_better": "Wat kan beter: ",
    "traject.evaluation.better": "Wat kan beter?",
    "traject.previous": "Uit de evaluatie van de vorige sessie ({date})",
    "traject.next_meeting": "Volgende bijeenkomst",
    "traject.next_meeting_at": "{date}, {place}",
    "traject.distribution": "Verzendlijst",
    "traject.no_address": "geen e-mailadres bekend",
    "traject.col.address": "E-mailadres",
    "traject.movement_row": "  {movement}",
}
