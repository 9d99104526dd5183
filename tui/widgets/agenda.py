"""The agenda rail: every step and movement with its minutes, the current one marked, and the
projected end of the meeting against the planned end."""

import textwrap
from datetime import datetime

from rich.text import Text

from tui.widgets.ticking import TickingStatic
from tui.wyber.i18n import Language, tr
from tui.wyber.state import SessionState
from tui.wyber.timebox import (
    planned_end,
    planned_total,
    projected_end,
    used,
    wall_time,
    whole_minutes,
)


def agenda_text(state: SessionState, now: float, lang: Language, width: int | None = None) -> Text:
    """The rail's text; a step's title wraps at `width` cells under its number (on a laptop's
    rail "Working together better" ended "Working together bet…"), the rest ends in "…"."""
    text = Text(no_wrap=True, overflow="ellipsis")
    last_step = -1
    for index, segment in enumerate(state.segments):
        if segment.step != last_step:
            last_step = segment.step
            title = state.plan.steps[segment.step].title
            number = f"{segment.step + 1} "
            lines = [title]
            if width is not None and width > len(number) + 8:
                lines = textwrap.wrap(title, width - len(number)) or [title]
            text.append(number, "bold")
            text.append(("\n" + " " * len(number)).join(lines) + "\n", "bold")
        current = index == state.current
        spent = used(state, index, now)
        figures = (
            f"{whole_minutes(spent)}/{whole_minutes(segment.budget)}′"
            if segment.visited
            else (f"–/{whole_minutes(segment.budget)}′")
        )
        label = tr(lang, f"run.movement.{segment.movement.value}")
        style = "reverse bold" if current else ("" if segment.visited else "dim")
        over = segment.visited and spent > segment.budget
        text.append(" ▶ " if current else "   ", style)
        text.append(f"{label:<12}", style)
        text.append(f"{figures:>8}\n", ("bold red" if over else style))
    text.append("\n")
    end = planned_end(state)
    if end is None:
        text.append(tr(lang, "run.agenda.length", minutes=whole_minutes(planned_total(state))))
        return text
    projected, planned = _local(state, projected_end(state, now)), _local(state, end)
    # Late by the minutes the two times shown differ, so the figures always agree on screen.
    late = round((projected - planned).total_seconds() / 60)
    text.append(tr(lang, "run.agenda.ends", time=f"{projected:%H:%M}") + "\n")
    text.append(tr(lang, "run.agenda.planned", time=f"{planned:%H:%M}"))
    if late:
        text.append(f"  {late:+d}′", "bold red" if late > 0 else "green")
    return text


def _local(state: SessionState, t: float) -> datetime:
    """The local wall-clock minute of session time `t`."""
    return wall_time(state, t).astimezone().replace(second=0, microsecond=0)


class AgendaRail(TickingStatic):
    _shown_for: tuple[SessionState, float, Language] | None = None

    def show_agenda(self, state: SessionState, now: float, lang: Language) -> None:
        self._shown_for = (state, now, lang)
        self.show(agenda_text(state, now, lang, self.content_size.width or None))

    def on_resize(self) -> None:
        if self._shown_for is not None:
            self.show_agenda(*self._shown_for)  # the titles wrap to the new width
