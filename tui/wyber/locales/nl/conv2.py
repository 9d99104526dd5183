"""Nederlandse teksten: convergeren zoals de groep het ziet, tweede ronde (issue 12): de plaats
naast het eigen nummer van een idee, de scoredialoog, en verder terwijl er nog niet gestemd is."""

MESSAGES: dict[str, str] = {
    # Een plaats in de uitslag leest als rangtelwoord, nooit als het nummer van een idee.
    "conv2.place.one": "{place}e",
    "conv2.place.two": "{place}e",
    "conv2.place.few": "{place}e",
    "conv2.place.other": "{place}e",
    "conv2.order_ranked": "Op volgorde van de uitslag",
    "conv2.score.idea": "Idee {number}: {text}",
    "conv2.score.cluster": "Cluster: {name} ({count} ideeën)",
    "conv2.score.bad": "„{typed}” is geen score: typ een heel getal van 0 tot en met {top}.",
    "conv2.score.empty": "Typ een heel getal van 0 tot en met {top}, of Esc om niet te scoren.",
    "conv2.unvoted.title": "Nog niet iedereen heeft gestemd",
    "conv2.unvoted.one": "1 van de {voters} stemgerechtigden heeft nog niet gestemd:",
    "conv2.unvoted.many": "{count} van de {voters} stemgerechtigden hebben nog niet gestemd:",
    "conv2.unvoted.go": "Toch verder (F8)",
    "conv2.unvoted.stay": "Blijven (Esc)",
    "conv2.minutes.col.place": "Plaats",
    "conv2.minutes.col.idea_number": "Idee nr.",
    "conv2.minutes.col.step_number": "Stap",
    "conv2.minutes.col.step_title": "Onderwerp",
    "conv2.minutes.step_recorded": "Vastgelegd in deze stap: afspraak nr. {numbers} (zie „{chapter}”).",
    "conv2.minutes.number_note": "Idee nr.: het nummer van het idee op het bord; bij een cluster die van zijn ideeën.",
}
