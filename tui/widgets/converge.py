"""Converge: cluster the ideas, name the clusters, vote with dots, score, and mark what the group
selects. The board is the sorted result itself: most dots first, each cluster with its ideas."""

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.ask import ChoiceDialog, TextDialog
from tui.widgets.panel import MovementPanel
from tui.wyber.events import ClusterCreated, ClustersMerged, Record
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.plan import Technique
from tui.wyber.ranking import Target
from tui.wyber.state import Idea

# The choice that stands for "the room": dots given without naming who gives them.
ROOM = "~room"


class ConvergeBoard(MovementPanel):
    # The key strip shows the keys of a round (mark, cluster, a dot vote, score); the
    # rest of the board's keys are in F1 help and the palette (Ctrl+P).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "key.mark", id="mark"),
        Binding("c", "cluster", "key.cluster", id="cluster"),
        Binding("r", "rename", "key.rename", id="rename", show=False),
        Binding("m", "merge", "key.merge", id="merge", show=False),
        Binding("x", "move", "key.move", id="move", show=False),
        Binding("d", "dissolve", "key.dissolve", id="dissolve", show=False),
        Binding("plus,equals_sign", "vote(1)", "key.dot_add", id="dot_add", key_display="+"),
        Binding("minus", "vote(-1)", "key.dot_remove", id="dot_remove", key_display="-"),
        Binding("v", "voter", "key.voter", id="voter"),
        Binding("s", "score", "key.score", id="score"),
        Binding("enter", "select", "key.select", id="select", show=False),
    ]

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        super().__init__(meeting, lang, id="converge")
        self.marked: set[str] = set()
        self.voter: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="vote-status", classes="status")
        yield OptionList(id="targets")

    def focus_default(self) -> None:
        self.query_one("#targets", OptionList).focus()

    # ── the board ───────────────────────────────────────────────────────────────────────────

    def refresh_board(self, highlight: str | None = None) -> None:
        """Rebuild the sorted board; the highlight stays where it was, or moves to `highlight`."""
        board = self.query_one("#targets", OptionList)
        highlighted = highlight or (
            board.highlighted_option.id if board.highlighted_option else None
        )
        self.drawn_pending = False
        in_cluster: dict[str, list[Idea]] = {}
        for idea in self.meeting.ideas_of_step():
            if idea.cluster_id is not None:
                in_cluster.setdefault(idea.cluster_id, []).append(idea)
        options: list[Option] = []
        for rank, target in enumerate(self.meeting.ranking(), 1):
            ideas = in_cluster.get(target.id, [])
            options.append(Option(self._target_prompt(rank, target, len(ideas)), id=target.id))
            options.extend(Option(self._idea_prompt(idea), id=idea.id) for idea in ideas)
        board.clear_options()
        board.add_options(options)
        ids = [option.id for option in options]
        if highlighted in ids:
            board.highlighted = ids.index(highlighted)
        elif ids:
            board.highlighted = 0
        self.marked &= set(ids)
        self._show_status()

    def show_records(self, records: tuple[Record, ...]) -> None:
        """The board is the sorted result, so any record draws it anew; a cluster the
        facilitator just made or merged into gets the highlight (the next dot is likely for
        it)."""
        made = [
            record.event.cluster_id
            for record in records
            if record.actor is None and isinstance(record.event, ClusterCreated | ClustersMerged)
        ]
        self.refresh_board(highlight=made[-1] if made else None)

    def _target_prompt(self, rank: int, target: Target, ideas: int) -> Text:
        text = Text()
        text.append("✔ " if target.selected else "  ", "bold green")
        text.append("☑ " if target.id in self.marked else "☐ ")
        text.append(f"{rank:>2}. ", "dim")
        dots = "●" * min(target.dots, 12) + ("…" if target.dots > 12 else "")
        text.append(f"{target.dots:>2} {dots} ", "bold yellow" if target.dots else "dim")
        if self._scoring and target.score:
            text.append(f"[{target.score}] ", "bold cyan")
        text.append(target.label, "bold" if target.is_cluster else "")
        if target.is_cluster:
            text.append(f"  ({ideas})", "dim")
        return self.mark_pending(text, target.id)

    def _idea_prompt(self, idea: Idea) -> Text:
        text = Text("    ")
        text.append("✔ " if idea.tally.selected else "  ", "bold green")
        text.append("☑ " if idea.id in self.marked else "☐ ")
        dots = idea.tally.total_dots
        if dots:
            text.append(f"{dots} {'●' * min(dots, 12)} ", "yellow")
        text.append(f"– {idea.text}", "dim italic")
        return self.mark_pending(text, idea.id)

    @property
    def _scoring(self) -> bool:
        return self.meeting.technique is Technique.SCORE

    def _show_status(self) -> None:
        voter = self.meeting.state.participants.get(self.voter or "")
        who = voter.name if voter else self.t("run.vote.room")
        allowed = self.meeting.dots_allowed(self.voter)
        used = self.meeting.dots_used(self.voter)
        line = Text(self.t("run.vote.voter") + " ")
        line.append(who, "bold")
        if allowed is None:
            line.append("  " + self.t("run.vote.dots_unlimited", used=used))
        else:
            line.append("  " + self.t("run.vote.dots", used=used, allowed=allowed))
        if self.marked:
            line.append("  " + self.t("run.vote.marked", count=len(self.marked)), "bold")
        self.query_one("#vote-status", Static).update(line)

    def _highlighted(self) -> str | None:
        option = self.query_one("#targets", OptionList).highlighted_option
        return option.id if option else None

    # ── actions ─────────────────────────────────────────────────────────────────────────────

    def action_mark(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        self.marked.symmetric_difference_update({target})
        self.refresh_board()

    def _marked_ideas(self) -> list[str]:
        return [i for i in self.marked if i in self.meeting.state.ideas]

    def _marked_clusters(self) -> list[str]:
        return [c for c in self.marked if c in self.meeting.state.clusters]

    def _ideas_to_act_on(self) -> list[str]:
        """The marked ideas, else the highlighted one if it is an idea."""
        marked = self._marked_ideas()
        highlighted = self._highlighted()
        if marked or highlighted not in self.meeting.state.ideas:
            return marked
        return [highlighted] if highlighted else []

    def action_cluster(self) -> None:
        ideas = self._ideas_to_act_on()
        if not ideas:
            self.notify(self.t("run.cluster.mark_first"), severity="warning")
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            if self.act(lambda: self.meeting.create_cluster(name, ideas)) is not None:
                self.marked.clear()

        self.app.push_screen(TextDialog(self.lang, self.t("run.cluster.name_title")), named)

    def action_rename(self) -> None:
        cluster = self.meeting.state.clusters.get(self._highlighted() or "")
        if cluster is None:
            return

        def named(name: str | None) -> None:
            if name is not None:
                self.act(lambda: self.meeting.rename_cluster(cluster.id, name))

        self.app.push_screen(
            TextDialog(self.lang, self.t("run.cluster.rename_title"), cluster.name), named
        )

    def action_merge(self) -> None:
        clusters = self._marked_clusters()
        into = self._highlighted()
        if into not in clusters and clusters:
            into = clusters[0]
        if into is None:
            return
        if self.act(lambda: self.meeting.merge_clusters(into, clusters)) is not None:
            self.marked.clear()

    def action_move(self) -> None:
        ideas = self._ideas_to_act_on()
        if not ideas:
            return
        step = self.meeting.segment.step if self.meeting.segment else 0
        choices = [(ROOM, self.t("run.cluster.none"))] + [
            (c.id, c.name) for c in self.meeting.state.clusters.values() if c.step == step
        ]

        def chosen(cluster_id: str | None) -> None:
            if cluster_id is None:
                return
            target = None if cluster_id == ROOM else cluster_id
            self.act(partial(self.meeting.move_ideas, ideas, target))
            self.marked.clear()

        self.app.push_screen(
            ChoiceDialog(self.lang, self.t("run.cluster.move_title"), choices), chosen
        )

    def action_dissolve(self) -> None:
        cluster_id = self._highlighted()
        if cluster_id in self.meeting.state.clusters:
            self.act(lambda: self.meeting.dissolve_cluster(cluster_id))

    def action_vote(self, delta: int) -> None:
        target = self._highlighted()
        if target is not None:
            self.act(lambda: self.meeting.vote(target, self.voter, delta))

    def action_voter(self) -> None:
        choices = [(ROOM, self.t("run.vote.room"))] + [
            (p.id, p.name) for p in self.meeting.state.participants.values() if p.present
        ]

        def chosen(voter: str | None) -> None:
            if voter is not None:
                self.voter = None if voter == ROOM else voter
                self._show_status()

        self.app.push_screen(
            ChoiceDialog(self.lang, self.t("run.vote.voter_title"), choices, self.voter or ROOM),
            chosen,
        )

    def action_score(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        top = self.meeting.score_top()

        def scored(value: str | None) -> None:
            if value is not None:
                self.act(lambda: self.meeting.score(target, value, self.voter))

        self.app.push_screen(
            TextDialog(
                self.lang, self.t("run.score.title", top=top), hint=self.t("run.score.hint")
            ),
            scored,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on the board: the group selects (or unselects) this one
        self.action_select()

    def action_select(self) -> None:
        target = self._highlighted()
        if target is not None:
            self.act(lambda: self.meeting.toggle_selected(target))
