"""English messages: saving your own plan again, its participants, leaving after a save, and the
sample-text warning wherever a meeting starts."""

MESSAGES: dict[str, str] = {
    "prep2.bad_email": "“{email}” is not an e-mail address",
    "prep2.participant_invalid": "Not saved: a plan cannot hold this participant ({problem}). Enter on their row to correct it.",
    "prep2.replace.own": "“{name}” is the plan you are working on. Replace it with the agenda and participants as they are now? Enter replaces it; Esc keeps it as it was.",
    "prep2.replace.other": "You already have another plan “{name}”. Replace it with this agenda? Enter or Esc keeps that plan; Tab, then Enter, replaces it.",
    "prep2.leave_saved.heading": "Leave Prepare?",
    "prep2.leave_saved.question": "The agenda and participants are saved in your plan. The title, date, place and series typed on the Meeting tab are not part of a plan and will be lost.",
    "prep2.leave_saved.yes": "Leave",
    "prep2.samples.started": "Started with a shipped plan's sample text still in {count} places; it will be in the minutes. To change it, prepare the plan first (without --now).",
    "prep2.samples.started_one": "Started with a shipped plan's sample text still in 1 place; it will be in the minutes. To change it, prepare the plan first (without --now).",
}
