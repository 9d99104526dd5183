"""Dutch messages: je eigen plan opnieuw bewaren, de deelnemers erin, weggaan na het bewaren, en
de waarschuwing voor voorbeeldteksten waar een bijeenkomst ook start."""

MESSAGES: dict[str, str] = {
    "prep2.bad_email": "„{email}” is geen e-mailadres",
    "prep2.participant_invalid": "Niet bewaard: deze deelnemer kan niet in een plan ({problem}). Enter op de regel om het te verbeteren.",
    "prep2.replace.own": "„{name}” is het plan waar je aan werkt. Vervangen door de agenda en deelnemers zoals ze nu zijn? Enter vervangt het; Esc laat het zoals het was.",
    "prep2.replace.other": "Je hebt al een ander plan „{name}”. Vervangen door deze agenda? Enter of Esc laat dat plan staan; Tab en dan Enter vervangt het.",
    "prep2.leave_saved.heading": "Voorbereiding verlaten?",
    "prep2.leave_saved.question": "De agenda en de deelnemers zijn bewaard in je plan. De titel, datum, plaats en reeks op het tabblad Bijeenkomst horen niet bij een plan en gaan verloren.",
    "prep2.leave_saved.yes": "Verlaten",
    "prep2.samples.started": "Gestart terwijl op {count} plaatsen nog de voorbeeldtekst van een meegeleverd plan staat; die komt in het verslag. Wil je die aanpassen, bereid het plan dan eerst voor (zonder --now).",
    "prep2.samples.started_one": "Gestart terwijl op 1 plaats nog de voorbeeldtekst van een meegeleverd plan staat; die komt in het verslag. Wil je die aanpassen, bereid het plan dan eerst voor (zonder --now).",
}
