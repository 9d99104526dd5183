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
from tui.dialogs.score import ScoreDialog
from tui.keys import localise
from tui.widgets.converge_rows import member_row, target_row
from tui.widgets.panel import MovementPanel
from tui.wyber.events import ClusterCreated, ClustersMerged, Record, ScoreGiven, VoteCast
from tui.wyber.i18n import Language
from tui.wyber.meeting import Meeting
from tui.wyber.observers import voters_present
from tui.wyber.plan import Technique
from tui.wyber.ranking import Target, places, step_counts_dots, step_score_top
from tui.wyber.rules import step_now
from tui.wyber.state import Idea, Participant
from tui.wyber.voting import has_voted, next_voter, still_to_vote

# The choice that stands for "the room": dots given without naming who gives them.
ROOM = "~room"


class TargetList(OptionList):
    """The board's rows. Enter (the group selects this one) is OptionList's own key, hidden
    from the strip, which hid the board's Enter too: here it is shown, in the board's words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "key.select", id="select"),
    ]

    def __init__(self, lang: Language, *, id: str) -> None:
        super().__init__(id=id)
        localise(self, lang)


class ConvergeBoard(MovementPanel):
    # The key strip shows the keys of a round (mark, cluster, a dot vote, score), and a
    # cluster's own keys only where they act: rename and dissolve on a cluster, merge once
    # two are marked, move on an idea once the step has a cluster (at 80×24 all of them at
    # once left no room).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "key.mark", id="mark"),
        Binding("c", "cluster", "key.cluster", id="cluster"),
        Binding("r", "rename", "key.rename", id="rename"),
        Binding("m", "merge", "key.merge", id="merge"),
        Binding("x", "move", "key.move", id="move"),
        Binding("d", "dissolve", "key.dissolve", id="dissolve"),
        Binding("plus,equals_sign", "vote(1)", "key.dot_add", id="dot_add", key_display="+"),
        Binding("minus", "vote(-1)", "key.dot_remove", id="dot_remove", key_display="-"),
        Binding("v", "voter", "key.voter", id="voter"),
        Binding("s", "score", "key.score", id="score"),
        Binding("o", "sort", "converge2.key.sort", id="sort"),
    ]
    # What a round's technique leaves out: a score round has no dots to give, a dot vote no
    # scores (the strip at 80×24 had room for Enter only without the other vote's keys).
    LEFT_OUT: ClassVar[dict[Technique, frozenset[str]]] = {
        Technique.SCORE: frozenset({"vote"}),
        Technique.DOT_VOTE: frozenset({"score"}),
    }

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        super().__init__(meeting, lang, id="converge")
        self.marked: set[str] = set()
        self.voter: str | None = None
        # The rows' order while people vote: fixed when the first vote of the movement comes in
        # (so the board does not jump under the next voter's eyes), sorted again only by `o`.
        # None: drawn as ranked.
        self._order: list[str] | None = None
        self._order_of: int | None = None  # the segment the order was fixed in
        self._drawn: list[str] = []  # the targets' ids, in the order the board draws them
        self._keys_for: Technique | None = None  # the technique the strip's keys were set for
        self._cluster_keys: frozenset[str] = frozenset()  # the cluster keys the strip shows

    def compose(self) -> ComposeResult:
        yield Static(id="vote-status", classes="status")
        yield TargetList(self.lang, id="targets")

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
        if self._order_of != self.meeting.state.current:
            self._order, self._order_of = None, self.meeting.state.current
        ranked = self.meeting.ranking()
        standing = places(ranked)
        options: list[Option] = []
        self._drawn = [target.id for target in self._in_order(ranked)]
        by_id = {target.id: target for target in ranked}
        for target_id in self._drawn:
            target = by_id[target_id]
            ideas = in_cluster.get(target.id, [])
            prompt = self._target_prompt(standing.get(target.id), target, len(ideas))
            options.append(Option(prompt, id=target.id))
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
        if self._keys_for is not self.meeting.technique:
            self._keys_for = self.meeting.technique
            self.refresh_bindings()
        self._show_cluster_keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        technique = self.meeting.technique
        if technique is not None and action in self.LEFT_OUT.get(technique, frozenset()):
            return False
        if action in ("rename", "dissolve"):
            return self._highlighted() in self.meeting.state.clusters
        if action == "merge":  # the marked clusters, into the highlighted one if it is marked
            return len(self._marked_clusters()) >= 2
        if action == "move":
            step = self._step()
            has_cluster = any(c.step == step for c in self.meeting.state.clusters.values())
            return has_cluster and bool(self._ideas_to_act_on())
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_cluster_keys()

    def _show_cluster_keys(self) -> None:
        """Which cluster keys act depends on the row under the cursor and the marks: the strip
        is drawn again only when that changes, not on every vote that redraws the board."""
        acting = frozenset(
            action
            for action in ("rename", "merge", "move", "dissolve")
            if self.check_action(action, ())
        )
        if acting != self._cluster_keys:
            self._cluster_keys = acting
            self.refresh_bindings()

    def _in_order(self, ranked: list[Target]) -> list[Target]:
        """The targets as the board draws them: ranked, or while voting in the order fixed when
        it started (a target new since then comes after the rest, in its rank)."""
        if self._order is None:
            return ranked
        position = {target_id: n for n, target_id in enumerate(self._order)}
        return sorted(ranked, key=lambda t: position.get(t.id, len(position)))

    def show_records(self, records: tuple[Record, ...]) -> None:
        """The board is the result, so any record draws it anew; a cluster the facilitator just
        made or merged into gets the highlight (the next dot is likely for it). The first vote
        or score fixes the rows' order as they stand (`_order`)."""
        voting = any(isinstance(record.event, VoteCast | ScoreGiven) for record in records)
        if voting and self._order is None and self._order_of == self.meeting.state.current:
            self._order = list(self._drawn)
        made = [
            record.event.cluster_id
            for record in records
            if record.actor is None and isinstance(record.event, ClusterCreated | ClustersMerged)
        ]
        self.refresh_board(highlight=made[-1] if made else None)

    def _target_prompt(self, place: int | None, target: Target, ideas: int) -> Text:
        step = self.meeting.step
        top, dots = step_score_top(step), step_counts_dots(step)
        row = target_row(target, place, ideas, top, self.lang, target.id in self.marked, dots=dots)
        return self.mark_pending(row, target.id)

    def _idea_prompt(self, idea: Idea) -> Text:
        return self.mark_pending(member_row(idea, idea.id in self.marked), idea.id)

    def _show_status(self) -> None:
        voter = self.meeting.state.participants.get(self.voter or "")
        who = voter.name if voter else self.t("run.vote.room")
        allowed = self.meeting.dots_allowed(self.voter)
        used = self.meeting.dots_used(self.voter)
        line = Text(self.t("run.vote.voter") + " ")
        line.append(who, "bold")
        if self.meeting.technique is Technique.SCORE:
            pass  # a scoring round counts no dots
        elif allowed is None:
            line.append("  " + self.t("run.vote.dots_unlimited", used=used))
        else:
            line.append("  " + self.t("run.vote.dots", used=used, allowed=allowed))
        if self.marked:
            line.append("  " + self.t("run.vote.marked", count=len(self.marked)), "bold")
        if self.meeting.state.participants:
            waiting = self._still_to_vote()
            names = ", ".join(p.name for p in waiting)
            line.append("\n")
            if waiting:
                line.append(self.t("converge2.still_to_vote", names=names), "yellow")
            else:
                line.append(self.t("converge2.all_voted"), "green")
        # Always a line, fixed or not: the hint coming and going moved the board a row.
        order = "converge2.order_fixed" if self._order is not None else "conv2.order_ranked"
        line.append("\n" + self.t(order), "dim")
        self.query_one("#vote-status", Static).update(line)

    def _step(self) -> int:
        return step_now(self.meeting.state)

    def _still_to_vote(self) -> list[Participant]:
        return still_to_vote(self.meeting.state, self._step(), self.meeting.technique)

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
        if target is not None and self.done(lambda: self.meeting.vote(target, self.voter, delta)):
            self._on_to_the_next_voter()

    def _on_to_the_next_voter(self) -> None:
        """Once the named voter has voted (all their dots placed, or everything scored), the
        next one still to vote takes over: the facilitator need not look for who is left."""
        voter = self.voter
        state = self.meeting.state
        if voter is None or not has_voted(state, self._step(), self.meeting.technique, voter):
            return
        following = next_voter(state, self._step(), self.meeting.technique, voter)
        if following is None or following == voter:
            return
        self.voter = following
        self._show_status()
        name, next_name = state.participants[voter].name, state.participants[following].name
        self.notify(self.t("converge2.next_voter", name=name, next=next_name), timeout=4)

    def action_voter(self) -> None:
        """Pick who votes: each present participant with a vote (an observer places no dots and
        gives no scores, so is not offered), those who voted marked so; the picker opens on the
        next one still to vote."""
        state = self.meeting.state
        step, technique = self._step(), self.meeting.technique
        voted = " ✓ " + self.t("converge2.voted")
        choices = [(ROOM, self.t("run.vote.room"))] + [
            (p.id, p.name + (voted if has_voted(state, step, technique, p.id) else ""))
            for p in voters_present(state)
        ]
        current = next_voter(state, step, technique, self.voter) or self.voter or ROOM

        def chosen(voter: str | None) -> None:
            if voter is not None:
                self.voter = None if voter == ROOM else voter
                self._show_status()

        self.app.push_screen(
            ChoiceDialog(self.lang, self.t("run.vote.voter_title"), choices, current), chosen
        )

    def action_sort(self) -> None:
        """Sort the rows by the result now; they stay put again from the next vote on."""
        self._order = None
        self.refresh_board()

    def action_score(self) -> None:
        target = self._highlighted()
        if target is None:
            return

        def scored(value: int | None) -> None:
            if value is None:
                return
            if self.done(lambda: self.meeting.score(target, value, self.voter)):
                self._on_to_the_next_voter()

        dialog = ScoreDialog(self.lang, self.meeting.score_top(), self._named(target))
        self.app.push_screen(dialog, scored)

    def _named(self, target_id: str) -> str:
        """What is scored, as the dialog names it: an idea by its number and text, a cluster by
        its name and how many ideas it holds."""
        state = self.meeting.state
        idea = state.ideas.get(target_id)
        if idea is not None:
            return self.t("conv2.score.idea", number=idea.number, text=" ".join(idea.text.split()))
        cluster = state.clusters[target_id]
        count = sum(1 for i in self.meeting.ideas_of_step() if i.cluster_id == target_id)
        return self.t("conv2.score.cluster", name=cluster.name, count=count)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on the board: the group selects (or unselects) this one
        self.action_select()

    def action_select(self) -> None:
        target = self._highlighted()
        if target is not None:
            self.act(lambda: self.meeting.toggle_selected(target))
