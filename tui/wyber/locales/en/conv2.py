"""English messages: converge as the group sees it, second round (issue 12): the place beside an
idea's own number, the score dialog, and going on while people have not voted yet."""

MESSAGES: dict[str, str] = {
    # A place in the result reads as a rank, never as an idea's number.
    "conv2.place.one": "{place}st",
    "conv2.place.two": "{place}nd",
    "conv2.place.few": "{place}rd",
    "conv2.place.other": "{place}th",
    "conv2.order_ranked": "In the order of the result",
    "conv2.score.idea": "Idea {number}: {text}",
    "conv2.score.cluster": "Cluster: {name} ({count} ideas)",
    "conv2.score.bad": "“{typed}” is not a score: type a whole number from 0 to {top}.",
    "conv2.score.empty": "Type a whole number from 0 to {top}, or Esc not to score.",
    "conv2.unvoted.title": "Not everyone has voted",
    "conv2.unvoted.one": "1 of the {voters} voters present has not voted yet:",
    "conv2.unvoted.many": "{count} of the {voters} voters present have not voted yet:",
    "conv2.unvoted.go": "Go on (F8)",
    "conv2.unvoted.stay": "Stay (Esc)",
    "conv2.minutes.col.place": "Rank",
    "conv2.minutes.col.idea_number": "Idea no.",
    "conv2.minutes.col.step_number": "Step",
    "conv2.minutes.col.step_title": "Topic",
    "conv2.minutes.step_recorded": "Recorded in this step: agreement no. {numbers} (see '{chapter}').",
    "conv2.minutes.number_note": "Idea no.: the idea's number on the board; for a cluster, those of its ideas.",
}
