"""Review: the agreements of the series' earlier sessions, one by one, before the group starts.

A series (traject) holds its thread by asking, at the start of each session, where last time's
agreements stand: done, still open, changed or dropped, each with a note if the group wants
one; a changed agreement can take a new deadline and owner(s), which the minutes then show.
Each answer is recorded as an event of this session (so the minutes show it), and the next
agreement comes up. The review is offered when a session of a series with open agreements
opens, and stays at hand under Ctrl+T. Its time counts: it has a time box (a minute for each
agreement to review, review_time.py), shown here as it runs and in the minutes' times.
"""

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.dialogs.base import WyberModal
from tui.dialogs.review import ReviewAnswer, ReviewDialog
from tui.widgets.clock import clock_text
from tui.widgets.key_strip import KeyStrip
from tui.wyber.dates import compact_date, relative_hint
from tui.wyber.events import ReviewStatus
from tui.wyber.i18n import counted
from tui.wyber.meeting import Meeting, Refused
from tui.wyber.review_time import review_time
from tui.wyber.series import EarlierAgreement

# The status keys: the same letters in Dutch and English, their labels translated.
STATUS_KEYS = {
    ReviewStatus.DONE: "d",
    ReviewStatus.OPEN: "o",
    ReviewStatus.CHANGED: "c",
    ReviewStatus.DROPPED: "x",
}


def to_review(meeting: Meeting) -> list[EarlierAgreement]:
    """What this session reviews: the earlier agreements open when it began, and those it has
    reviewed already (so the facilitator can go back to them)."""
    return [item for item in meeting.earlier() if item.still_open or item.reviewed_here]


def waiting(meeting: Meeting) -> int:
    """How many earlier agreements this session has not reviewed yet."""
    return sum(1 for item in meeting.earlier() if item.still_open and not item.reviewed_here)


class ReviewScreen(WyberModal[None]):
    """One earlier agreement at a time, with a key per status."""

    HELP_KEY = "table2.review.help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", "run.review.key.done", id="review_done"),
        Binding("o", "mark('open')", "run.review.key.open", id="review_open"),
        Binding("c", "mark('changed')", "run.review.key.changed", id="review_changed"),
        Binding("x", "mark('dropped')", "run.review.key.dropped", id="review_dropped"),
        Binding("left", "move(-1)", "run.review.key.previous", id="review_previous"),
        Binding("right", "move(1)", "run.review.key.next", id="review_next"),
        Binding("escape", "close", "run.review.key.close", id="review_close"),
    ]

    def __init__(self, meeting: Meeting, today: date) -> None:
        super().__init__(meeting.state.language)
        self.meeting = meeting
        self.today = today
        self.position = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="review"):
            yield Static(self.t("run.review.title"), classes="dialog-title", markup=False)
            yield Static(id="review-count", classes="hint")
            yield Static(id="review-clock", classes="hint")
            yield Static(id="review-item")
            yield Static(id="review-status")
        yield KeyStrip()

    def on_mount(self) -> None:
        self.meeting.open_review()  # its time counts from here
        self.show_clock()
        self.set_interval(1, self.show_clock)
        items = to_review(self.meeting)
        # Start at the first one not yet reviewed in this session.
        self.position = next(
            (i for i, item in enumerate(items) if not item.reviewed_here), len(items)
        )
        self.show()

    def show_clock(self) -> None:
        spent = review_time(self.meeting.state, self.meeting.now())
        if spent is None:  # opened during a round: its time is the round's
            self.query_one("#review-clock", Static).display = False
            return
        text = Text(
            self.t(
                "table2.review.clock",
                spent=clock_text(spent.seconds),
                planned=spent.planned,
            ),
            style="bold red" if spent.seconds > spent.planned * 60 else "",
        )
        self.query_one("#review-clock", Static).update(text)

    def action_close(self) -> None:
        self.meeting.close_review()
        self.dismiss(None)

    @property
    def items(self) -> list[EarlierAgreement]:
        return to_review(self.meeting)

    def show(self) -> None:
        items = self.items
        count = self.query_one("#review-count", Static)
        item_view = self.query_one("#review-item", Static)
        status = self.query_one("#review-status", Static)
        if self.position >= len(items):
            count.update(Text(self.t("run.review.count_done", count=len(items))))
            done = counted(self.lang, "tester.review_done", len(items), two=True)
            item_view.update(Text(done, style="bold"))
            status.update("")
            return
        item = items[self.position]
        count.update(Text(self.t("run.review.count", number=self.position + 1, of=len(items))))
        item_view.update(self._item_text(item))
        status_text = Text(self.t("run.review.status_now") + " ", style="dim")
        status_text.append(self.t(f"minutes.status.{item.status.value}"), style="bold")
        if item.note:
            status_text.append(f" · {item.note}")
        status.update(status_text)

    def _item_text(self, item: EarlierAgreement) -> Text:
        lang = self.lang
        text = Text(
            self.t(
                "run.review.from",
                number=item.number,
                kind=self.t(f"run.kind.{item.kind.value}"),
                date=compact_date(item.held_on, lang, with_year=True),
            ),
            style="dim",
        )
        text.append("\n")
        text.append(item.text, style="bold")
        details = []
        if item.owner_name:
            details.append(self.t("run.review.owner", name=item.owner_name))
        if item.deadline is not None:
            due = compact_date(item.deadline, lang, with_year=True)
            hint = relative_hint(item.deadline, self.today, lang)
            details.append(self.t("run.review.deadline", date=due, hint=hint))
        if details:
            text.append("\n" + " · ".join(details))
        return text

    def action_move(self, step: int) -> None:
        self.position = max(0, min(len(self.items), self.position + step))
        self.show()

    def action_mark(self, status_name: str) -> None:
        items = self.items
        if self.position >= len(items):
            return
        item = items[self.position]
        status = ReviewStatus(status_name)

        def answered(answer: ReviewAnswer | None) -> None:
            if answer is not None:
                self._record(item, status, answer)

        people = list(self.meeting.state.participants.values())
        self.app.push_screen(ReviewDialog(self.lang, item, status, people, self.today), answered)

    def _record(self, item: EarlierAgreement, status: ReviewStatus, answer: ReviewAnswer) -> None:
        try:
            self.meeting.review(
                item, status, answer.note, deadline=answer.deadline, owners=answer.owners
            )
        except Refused as refusal:
            self.refuse(refusal)
            return
        self.position += 1
        self.show()
