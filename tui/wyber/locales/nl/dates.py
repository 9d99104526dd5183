"""Dutch messages: dates."""

MESSAGES: dict[str, str] = {
    # een deadline lezen
    "dates.empty": "geen deadline ingevuld: typ een datum, zoals 4-12 of vrijdag",
    "dates.not_understood": "“{text}” is niet begrepen als datum; probeer bijvoorbeeld 4-12, 4 dec, vrijdag, volgende week vrijdag, over 2 weken, eind januari of eind van de maand",
    "dates.no_such_month": "die datum bestaat niet: een jaar heeft geen maand {month}",
    "dates.no_such_date": "die datum bestaat niet: {month} heeft {days} dagen",
    "dates.weekday_mismatch": "{date} is een {weekday}, geen {typed}",
    "dates.out_of_range": "die datum valt buiten de kalender (jaar 1 tot en met 9999)",
    # een deadline teruggeven
    "dates.today": "vandaag",
    "dates.tomorrow": "morgen",
    "dates.yesterday": "gisteren",
    "dates.in_days": "over {days} dagen",
    "dates.days_ago": "{days} dagen geleden",
    "dates.understood": "{date} ({hint})",
}
