"""In Prepare's Agenda tab the fields are compact (one line, no border): the focused one, and
its row's label, are marked in the theme's focus colour, in high contrast (F6) too, so typing
does not land in a field the facilitator did not mean (issue 12)."""

from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Input, Select

from tests.test_home_prepare import prepare_open, show_tab
from tui.screens.prepare import PrepareScreen


def background(widget: Widget) -> Color:
    return widget.styles.background


@pytest.mark.parametrize("contrast", [False, True])
async def test_the_focused_agenda_field_and_its_label_stand_out(
    tmp_path: Path, contrast: bool
) -> None:
    async with prepare_open(tmp_path, "nl") as (app, pilot, screen, _):
        if contrast:
            await pilot.press("f6")
        await show_tab(pilot, "agenda")
        assert isinstance(screen, PrepareScreen)
        accent = Color.parse(app.theme_variables["accent"])
        title, question = (
            screen.query_one("#step-0-title", Input),
            screen.query_one("#step-0-question", Input),
        )
        title.focus()
        await pilot.pause()
        assert background(title) != background(question)
        assert background(title).rgb == accent.rgb
        labels = {str(label.render()): label for label in screen.query(".design-label")}
        assert labels["Titel"].styles.color.rgb == accent.rgb
        assert labels["Vraag"].styles.color.rgb != accent.rgb

        # The mark moves with the focus, to a technique's list too.
        technique = screen.query_one("#step-0-diverge-technique", Select)
        technique.focus()
        await pilot.pause()
        assert background(title) == background(question)
        assert labels["Titel"].styles.color.rgb != accent.rgb
        shown = technique.query_one("SelectCurrent")
        other = screen.query_one("#step-0-converge-technique", Select).query_one("SelectCurrent")
        assert background(shown).rgb == accent.rgb and background(shown) != background(other)
