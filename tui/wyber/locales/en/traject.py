"""English messages: minutes a secretary sends as they are, and the traject between sessions."""

MESSAGES: dict[str, str] = {
    "traject.step_recorded": "Recorded in this step: no. {numbers} (see '{chapter}').",
    "traject.score_cell": "{average} / {top} ({count})",
    "traject.score_note": "Score: the average on the step's scale; in brackets how many people scored.",
    "traject.legend.dots": "Dots",
    "traject.legend.score": "Average score (scale up to {top})",
    "traject.legend.planned": "Planned",
    "traject.legend.actual": "Actual",
    "traject.chart.votes": "Dots and scores of what got the most votes; every figure is in the table.",
    "traject.chart.time": "Planned against actual minutes per step; the figures are in the table above.",
    "traject.first_session": "This is the first session of the series: there are no earlier agreements yet.",
    "traject.earlier_open": "Still open, not discussed in this session",
    "traject.could_be_better": "What could be better: ",
    "traject.evaluation.better": "What could be better?",
    "traject.previous": "From the evaluation of the previous session ({date})",
    "traject.next_meeting": "Next meeting",
    "traject.next_meeting_at": "{date}, {place}",
    "traject.distribution": "Distribution list",
    "traject.no_address": "no e-mail address known",
    "traject.col.address": "E-mail address",
    "traject.movement_row": "  {movement}",
}
