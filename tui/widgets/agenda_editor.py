"""Prepare's agenda designer: the goal, and every step's title, question, movements with their
technique, time box and setting; steps added, duplicated, removed and moved by key or button.

The editor holds the agenda as drafts (tui/wyber/agenda_draft.py) and draws them; a change of
the list of steps draws it again and puts the cursor back where the facilitator was.
"""

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from tui.dialogs.ask import ConfirmDialog
from tui.widgets.fields import LineField
from tui.wyber.agenda_draft import (
    SETTING_OF,
    BoxDraft,
    Removed,
    StepDraft,
    drafts_of,
    moved,
    new_step,
    plan_of,
    planned_minutes,
    put_back,
    without,
)
from tui.wyber.i18n import Language, tr
from tui.wyber.plan import MOVEMENTS, TECHNIQUES_FOR, Movement, Plan, Technique, parse_minutes

NOT_USED = "-"  # the technique choice of a movement the step does not work through


def field_id(step: int, name: str) -> str:
    return f"step-{step}-{name}"


def step_of(widget_id: str) -> int | None:
    """The step a field of the editor belongs to, from its id (step-2-title → 2)."""
    parts = widget_id.split("-")
    if len(parts) >= 3 and parts[0] == "step" and parts[1].isdigit():
        return int(parts[1])
    return None


class AgendaEditor(VerticalScroll, can_focus=False):
    """The agenda as drafts; `plan()` makes it a Plan (ValidationError says what is wrong)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_step", "design.key.add", id="add_step"),
        Binding("ctrl+t", "duplicate_step", "design.key.duplicate", id="duplicate_step"),
        Binding("ctrl+r", "remove_step", "design.key.remove", id="remove_step"),
        Binding("alt+up,ctrl+up", "move_step(-1)", "design.key.up", id="step_up"),
        Binding("alt+down,ctrl+down", "move_step(1)", "design.key.down", id="step_down"),
        Binding("ctrl+z", "put_back", "prep3.key.put_back", id="put_back"),
    ]

    class Changed(Message):
        """Something of the agenda changed: the total and the tab's label follow."""

    def __init__(self, plan: Plan, lang: Language, *, id: str) -> None:
        super().__init__(id=id)
        self.base = plan
        self.lang = lang
        self.goal = plan.goal
        self.steps: list[StepDraft] = drafts_of(plan)
        self.current = 0  # the step the cursor was last in
        self.removed: list[Removed] = []  # the steps removed, the last last: Ctrl+Z puts back

    def t(self, key: str, **params: object) -> str:
        return tr(self.lang, key, **params)

    def carry_on(self, other: "AgendaEditor") -> None:
        """Go on with the agenda as typed in `other` (Prepare drawn again in another language)."""
        self.base, self.goal, self.current = other.base, other.goal, other.current
        self.steps, self.removed = other.steps, other.removed

    # ── drawing ─────────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        with Horizontal(classes="design-row"):
            yield Label(self.t("design.goal"), classes="design-label", markup=False)
            yield LineField(self.goal, id="goal", max_length=4000, compact=True)
        for index, draft in enumerate(self.steps):
            with Vertical(classes="design-step", id=field_id(index, "card")):
                yield Static(
                    Text(self.t("design.step", number=index + 1, of=len(self.steps))),
                    classes="step-title",
                )
                yield from self._line(index, "title", draft.title, 200)
                yield from self._line(index, "question", draft.question, 2000)
                for movement in MOVEMENTS:
                    yield self._movement(index, movement, draft.boxes[movement])
        with Horizontal(id="design-buttons"):
            for name in ("add", "duplicate", "remove", "up", "down"):
                yield Button(self.t(f"design.button.{name}"), id=f"design-{name}", compact=True)

    def _line(self, index: int, name: str, value: str, limit: int) -> ComposeResult:
        with Horizontal(classes="design-row"):
            yield Label(self.t(f"design.{name}"), classes="design-label", markup=False)
            yield LineField(value, id=field_id(index, name), max_length=limit, compact=True)

    def _movement(self, index: int, movement: Movement, box: BoxDraft | None) -> Horizontal:
        m = movement.value
        choices = [(self.t("design.not_used"), NOT_USED)] + [
            (self.t(f"prepare.technique.{t.value}"), t.value)
            for t in Technique
            if t in TECHNIQUES_FOR[movement]
        ]
        technique = Select(
            choices,
            value=box.technique.value if box else NOT_USED,
            allow_blank=False,
            compact=True,
            type_to_search=False,  # a letter typed in its open list never picks a technique
            id=field_id(index, f"{m}-technique"),
            classes="technique",
        )
        minutes = LineField(
            box.minutes if box else "",
            id=f"minutes-{index}-{m}",
            max_length=3,
            compact=True,
            classes="minutes",
            disabled=box is None,
        )
        setting = LineField(
            box.setting if box else "",
            id=field_id(index, f"{m}-setting"),
            max_length=4,
            compact=True,
            classes="setting",
        )
        unit = Label(id=field_id(index, f"{m}-unit"), classes="unit", markup=False)
        row = Horizontal(
            Label(self.t(f"run.movement.{m}"), classes="movement-label", markup=False),
            technique,
            minutes,
            Label(self.t("prepare.minutes"), classes="unit", markup=False),
            setting,
            unit,
            classes="movement",
        )
        self._show_setting(setting, unit, box)
        return row

    def _show_setting(self, setting: Input, unit: Label, box: BoxDraft | None) -> None:
        """The setting's field and unit, where the technique takes one (empty: its default)."""
        name = SETTING_OF.get(box.technique) if box else None
        setting.display = unit.display = name is not None
        unit.update(self.t(f"design.setting.{name}") if name else "")

    # ── reading what was typed ──────────────────────────────────────────────────────────────

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name == "goal":
            self.goal = event.value
        elif name.startswith("minutes-"):
            _, step, movement = name.split("-")
            self._box_typed(int(step), Movement(movement), "minutes", event.value)
            event.input.set_class(parse_minutes(event.value) is None, "-bad")
        elif (index := step_of(name)) is not None:
            what = name.split("-", 2)[2]
            if what in ("title", "question"):
                setattr(self.steps[index], what, event.value)
            elif what.endswith("-setting"):
                movement = what.removesuffix("-setting")
                self._box_typed(index, Movement(movement), "setting", event.value)
        self.post_message(self.Changed())

    def _box_typed(self, index: int, movement: Movement, what: str, value: str) -> None:
        box = self.steps[index].boxes[movement]
        if box is not None:
            setattr(box, what, value)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        index = step_of(event.select.id or "")
        if index is None:
            return
        movement = Movement((event.select.id or "").split("-")[2])
        draft = self.steps[index]
        old = draft.boxes[movement]
        if event.value == NOT_USED:
            draft.boxes[movement] = None
        else:
            technique = Technique(str(event.value))
            kept = old.minutes if old else BoxDraft().minutes
            setting = old.setting if old and old.technique is technique else ""
            draft.boxes[movement] = BoxDraft(technique, kept, setting)
        self._refresh_movement(index, movement)
        self.post_message(self.Changed())

    def _refresh_movement(self, index: int, movement: Movement) -> None:
        box = self.steps[index].boxes[movement]
        minutes = self.query_one(f"#minutes-{index}-{movement.value}", Input)
        minutes.disabled = box is None
        minutes.value = box.minutes if box else ""
        setting = self.query_one(f"#{field_id(index, movement.value + '-setting')}", Input)
        setting.value = box.setting if box else ""
        unit = self.query_one(f"#{field_id(index, movement.value + '-unit')}", Label)
        self._show_setting(setting, unit, box)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        index = step_of(event.widget.id or "")
        if index is None and (event.widget.id or "").startswith("minutes-"):
            index = int((event.widget.id or "").split("-")[1])
        if index is not None:
            self.current = index

    def plan(self, title: str) -> Plan:
        return plan_of(self.base, title, self.goal, self.steps)

    def total(self) -> int | None:
        return planned_minutes(self.steps)

    # ── changing the list of steps ──────────────────────────────────────────────────────────

    async def _redraw(self, focus_step: int) -> None:
        self.current = focus_step
        await self.recompose()
        self.query_one(f"#{field_id(focus_step, 'title')}", Input).focus()
        self.call_after_refresh(
            self.scroll_to_widget, self.query_one(f"#{field_id(focus_step, 'card')}"), top=True
        )
        self.post_message(self.Changed())

    async def action_add_step(self) -> None:
        at = min(self.current + 1, len(self.steps))
        self.steps.insert(at, new_step(self.t("design.new_step_title")))
        await self._redraw(at)

    async def action_duplicate_step(self) -> None:
        at = self.current
        self.steps.insert(at + 1, self.steps[at].copy())
        await self._redraw(at + 1)

    async def action_remove_step(self) -> None:
        """Remove the step the cursor is in; one that holds more than a fresh step, only after
        asking (a tester lost a typed question to one Ctrl+R, with no way back)."""
        if len(self.steps) == 1:  # a plan has a step; what is left to say about it can be edited
            self.notify(self.t("design.last_step"), severity="warning")
            return
        at = self.current
        if self.steps[at] == new_step(self.t("design.new_step_title")):
            await self._remove(at)
            return
        title = self.steps[at].title.strip() or self.t("prep3.remove.untitled")
        dialog = ConfirmDialog(
            self.lang,
            self.t("prep3.remove.heading"),
            self.t("prep3.remove.question", number=at + 1, title=title),
            self.t("prep3.remove.yes"),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self._remove, at)

        self.app.push_screen(dialog, answered)

    async def _remove(self, at: int) -> None:
        self.steps, removed = without(self.steps, at)
        self.removed.append(removed)
        self.refresh_bindings()
        await self._redraw(min(at, len(self.steps) - 1))
        title = removed.step.title.strip() or self.t("prep3.remove.untitled")
        self.notify(self.t("prep3.removed", number=at + 1, title=title), markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "put_back" or bool(self.removed)

    async def action_put_back(self) -> None:
        """The step removed last back at its place, with everything typed in it."""
        if not self.removed:
            return
        self.steps, at = put_back(self.steps, self.removed.pop())
        self.refresh_bindings()
        await self._redraw(at)

    async def action_move_step(self, by: int) -> None:
        self.steps, at = moved(self.steps, self.current, by)
        await self._redraw(at)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "design-add":
                await self.action_add_step()
            case "design-duplicate":
                await self.action_duplicate_step()
            case "design-remove":
                await self.action_remove_step()
            case "design-up":
                await self.action_move_step(-1)
            case "design-down":
                await self.action_move_step(1)
