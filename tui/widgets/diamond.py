"""The diamond (wybertje): where the group is in the wyber — opening up, closing in, or holding.

Read top to bottom: the upper half widens (diverge), the lower half narrows (converge), and the
bar underneath holds what the group now agrees (consolidate). The current part is lit.
"""

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.wyber.plan import Movement

# Each row of the picture, and the movement it belongs to.
_ROWS: tuple[tuple[str, Movement], ...] = (
    ("  ╱╲  ", Movement.DIVERGE),
    (" ╱  ╲ ", Movement.DIVERGE),
    (" ╲  ╱ ", Movement.CONVERGE),
    ("  ╲╱  ", Movement.CONVERGE),
    (" ━━━━ ", Movement.CONSOLIDATE),
)


class Diamond(Widget):
    DEFAULT_CSS = """
    Diamond { width: 6; height: 5; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"diamond--lit", "diamond--dim"}
    movement: reactive[Movement | None] = reactive(None)

    def render(self) -> Text:
        lit = self.get_component_rich_style("diamond--lit")
        dim = self.get_component_rich_style("diamond--dim")
        text = Text()
        for number, (row, movement) in enumerate(_ROWS):
            text.append(row, lit if movement is self.movement else dim)
            if number < len(_ROWS) - 1:
                text.append("\n")
        return text
