"""English messages: at the table (2): counts, names, owners, the review, language."""

MESSAGES: dict[str, str] = {
    "table2.export.close_any": "Press any key to close this window.",
}
