"""English messages: dates."""

MESSAGES: dict[str, str] = {
    # reading a deadline
    "dates.empty": "no deadline given: type a date, such as 4-12 or friday",
    "dates.not_understood": "“{text}” is not a date wyber understands; try for example 4-12, 4 dec, friday, next friday, in 2 weeks, end of January or end of the month",
    "dates.no_such_month": "there is no such date: a year has no month {month}",
    "dates.no_such_date": "there is no such date: {month} has {days} days",
    "dates.weekday_mismatch": "{date} is a {weekday}, not a {typed}",
    "dates.out_of_range": "that date lies outside the calendar (years 1 to 9999)",
    # saying a deadline back
    "dates.today": "today",
    "dates.tomorrow": "tomorrow",
    "dates.yesterday": "yesterday",
    "dates.in_days": "in {days} days",
    "dates.days_ago": "{days} days ago",
    "dates.understood": "{date} ({hint})",
}
