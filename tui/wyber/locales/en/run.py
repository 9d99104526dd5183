"""English messages: run."""

MESSAGES: dict[str, str] = {
    "run.refused.started": "The meeting has already started.",
    "run.refused.not_started": "The meeting has not started yet.",
    "run.refused.finished": "The meeting is finished; nothing more can be recorded.",
    "run.refused.no_such_movement": "The agenda has no such movement.",
    "run.refused.no_name": "A participant needs a name.",
    "run.refused.no_such_participant": "There is no such participant.",
    "run.refused.empty_idea": "Type the idea first.",
    "run.refused.no_such_idea": "That idea is no longer on the board.",
    "run.refused.no_cluster_name": "A cluster needs a name.",
    "run.refused.no_such_cluster": "That cluster is no longer on the board.",
    "run.refused.merge_needs_two": "Select at least two clusters to merge.",
    "run.refused.no_such_target": "That is no longer on the board.",
    "run.refused.no_dots_left": "No dots left: {dots} each.",
    "run.refused.no_dot_here": "There is no dot here to take off.",
    "run.refused.score_range": "A score runs from 0 to {top}.",
    "run.refused.empty_agreement": "Type the agreement first.",
    "run.refused.no_such_agreement": "That agreement is no longer there.",
    "run.refused.objection_needs_text": "Write down the objection, so the minutes hold it.",
    "run.refused.evaluation_score": "An evaluation score runs from 1 to 10.",
}
