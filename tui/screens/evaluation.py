"""Evaluation: the last round of a meeting, then the meeting is finished.

What went well, what could be better, what the next step is, and — if the group likes — a score
from 1 to 10 from each participant present. Everything is optional. Finishing records the
evaluation (when anything was filled in) and the end of the meeting; Escape goes back to the run
screen and records nothing. A score that is not a whole number from 1 to 10 is named, and
nothing is recorded until it is put right or emptied. While it is on screen the meeting takes no
contribution (an idea, a vote, an answer from a phone): `LiveMeeting.set_evaluating`.
"""

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from tui.dialogs.base import WyberScreen
from tui.widgets.fields import LineField, NoteField
from tui.widgets.key_strip import KeyStrip
from tui.wyber.meeting import Meeting, Refused
from tui.wyber.state import Evaluation, Participant

# As long as the session's record of an evaluation lets a text be (events.Text).
MAX_TEXT = 20_000
SCORE_HINT = "1–10"


@dataclass(frozen=True, slots=True)
class BadScore:
    """A score as typed that is not a whole number from 1 to 10."""

    participant: Participant
    typed: str


def read_score(typed: str) -> int | None:
    """The score typed: None when empty; ValueError when not a whole number from 1 to 10."""
    typed = typed.strip()
    if not typed:
        return None
    if not typed.isascii() or not typed.isdigit():
        raise ValueError(typed)
    value = int(typed)
    if not 1 <= value <= 10:
        raise ValueError(typed)
    return value


class EvaluationScreen(WyberScreen[bool]):
    """Dismisses True once the meeting is finished, False when the facilitator goes back."""

    CSS_PATH = "evaluation.tcss"
    HELP_KEY = "ending.evaluation.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "ending.key.finish", id="finish"),
        Binding("escape", "back", "ending.key.back", id="back"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(meeting.state.language)
        self.meeting = meeting
        self.present = [p for p in meeting.state.participants.values() if p.present]

    def compose(self) -> ComposeResult:
        earlier = self.meeting.state.evaluation
        with VerticalScroll(id="evaluation"):
            heading = Text(self.t("ending.evaluation.title"), style="bold")
            heading.append(" · ", style="dim").append(self.meeting.state.title)
            yield Static(heading, id="evaluation-title")
            yield Static(self.t("ending.evaluation.intro"), classes="hint", markup=False)
            yield from self._question(
                "ending.evaluation.went_well", earlier.went_well if earlier else "", "went-well"
            )
            yield from self._question(
                "traject.evaluation.better",
                earlier.could_be_better if earlier else "",
                "could-be-better",
            )
            yield from self._question(
                "ending.evaluation.next_step", earlier.next_step if earlier else "", "next-step"
            )
            yield Static(self.t("ending.evaluation.scores"), classes="question", markup=False)
            if not self.present:
                yield Static(
                    self.t("ending.evaluation.nobody_present"), classes="hint", markup=False
                )
            with Vertical(id="scores"):
                for index, person in enumerate(self.present):
                    score = earlier.scores.get(person.id) if earlier else None
                    with Horizontal(classes="score-row"):
                        yield Label(Text(person.name), classes="score-name")
                        yield LineField(
                            "" if score is None else str(score),
                            placeholder=SCORE_HINT,
                            max_length=4,
                            compact=True,
                            id=f"score-{index}",
                            classes="score",
                        )
            yield Static(id="score-problem")
            with Horizontal(classes="buttons"):
                yield Button(self.t("ending.key.back"), id="back")
                yield Button(self.t("ending.key.finish"), id="finish", variant="primary")
        yield KeyStrip()

    def _question(self, key: str, answer: str, field_id: str) -> ComposeResult:
        yield Static(self.t(key), classes="question", markup=False)
        yield NoteField(
            answer,
            id=field_id,
            soft_wrap=True,
            placeholder=self.t("ending.evaluation.placeholder"),
        )

    def on_mount(self) -> None:
        # The group evaluates from here on: the core takes no idea, vote or answer meanwhile
        # (a phone says there is nothing more to send), until Escape goes back to the meeting.
        self.meeting.set_evaluating(True)
        self.query_one("#went-well", TextArea).focus()

    def on_unmount(self) -> None:
        self.meeting.set_evaluating(False)

    # ── reading the form ────────────────────────────────────────────────────────────────────

    def _score_input(self, person: Participant) -> Input:
        # By position: a participant's id may hold characters a CSS id cannot.
        return self.query_one(f"#score-{self.present.index(person)}", Input)

    def _bad_scores(self) -> list[BadScore]:
        bad = []
        for person in self.present:
            typed = self._score_input(person).value
            try:
                read_score(typed)
            except ValueError:
                bad.append(BadScore(person, typed.strip()))
        return bad

    def _scores(self) -> dict[str, int]:
        scores = {}
        for person in self.present:
            value = read_score(self._score_input(person).value)
            if value is not None:
                scores[person.id] = value
        return scores

    def _bad_score_message(self, bad: BadScore) -> str:
        return self.t("ending.evaluation.bad_score", name=bad.participant.name, typed=bad.typed)

    def _show_score_problems(self) -> list[BadScore]:
        bad = self._bad_scores()
        wrong = {b.participant.id for b in bad}
        for person in self.present:
            self._score_input(person).set_class(person.id in wrong, "-bad")
        problem = self.query_one("#score-problem", Static)
        problem.update(Text(self._bad_score_message(bad[0])) if bad else "")
        if bad and not problem.display:
            # Right under the scores: in view together with the score being typed.
            self.call_after_refresh(problem.scroll_visible, animate=False)
        problem.display = bool(bad)
        return bad

    # ── events ──────────────────────────────────────────────────────────────────────────────

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("score"):
            self._show_score_problems()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a score goes to the next participant's score, as a go-around does.

        After the last score it stays: a second Enter must not press a button by accident.
        """
        event.stop()
        scores = list(self.query(".score"))
        if event.input in scores[:-1]:
            scores[scores.index(event.input) + 1].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "finish":
            self.action_finish()
        else:
            self.action_back()

    # ── actions ─────────────────────────────────────────────────────────────────────────────

    def action_back(self) -> None:
        self.dismiss(False)

    def action_finish(self) -> None:
        went_well = self.query_one("#went-well", TextArea).text.strip()
        next_step = self.query_one("#next-step", TextArea).text.strip()
        better = self.query_one("#could-be-better", TextArea).text.strip()
        for text, question, area in (
            (went_well, "ending.evaluation.went_well", "#went-well"),
            (better, "traject.evaluation.better", "#could-be-better"),
            (next_step, "ending.evaluation.next_step", "#next-step"),
        ):
            if len(text) > MAX_TEXT:
                what = self.t(question)
                self.notify(
                    self.t("ending.evaluation.too_long", what=what, limit=MAX_TEXT),
                    severity="warning",
                    markup=False,
                )
                self.query_one(area, TextArea).focus()
                return
        bad = self._show_score_problems()
        if bad:
            self.notify(self._bad_score_message(bad[0]), severity="warning", markup=False)
            self._score_input(bad[0].participant).focus()
            return
        evaluation = Evaluation(went_well, next_step, self._scores(), better)
        try:
            if self._worth_recording(evaluation):
                self.meeting.evaluate(
                    evaluation.went_well,
                    evaluation.next_step,
                    evaluation.scores,
                    evaluation.could_be_better,
                )
            self.meeting.finish()
        except Refused as error:
            self.refuse(error)
            return
        self.dismiss(True)

    def _worth_recording(self, evaluation: Evaluation) -> bool:
        """Something was filled in, or an evaluation recorded earlier was changed."""
        earlier = self.meeting.state.evaluation
        if earlier is not None:
            return evaluation != earlier
        return bool(
            evaluation.went_well
            or evaluation.could_be_better
            or evaluation.next_step
            or evaluation.scores
        )
