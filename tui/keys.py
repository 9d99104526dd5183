"""Key bindings in the facilitator's language, and every binding also in the command palette.

Bindings are declared with a catalog key as their description ("key.pause"); `localise` swaps in
the text in the screen's language once the node exists, so the Footer, the help screen and the
palette all show the same words.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tui.internals import change_bindings
from tui.wyber.i18n import CATALOGS, Language

# The keys Textual's own widgets show in the key strip, in Textual's English: their catalog keys.
# (Of Textual 8.2's widgets that wyber uses, only the Select's open list shows one.)
TEXTUAL_WORDS = {"Dismiss menu": "polish.key.dismiss_menu"}


def localise(node: DOMNode, lang: Language) -> bool:
    """Replace catalog keys (and Textual's own words) in the node's binding descriptions,
    tooltips and group labels with their text; whether any of them changed."""
    catalog = CATALOGS[lang]
    changed = False

    def words(description: str) -> str:
        return catalog.get(TEXTUAL_WORDS.get(description, description), description)

    def text(binding: Binding) -> Binding:
        nonlocal changed
        group = binding.group
        if group is not None:
            group = replace(group, description=words(group.description))
        localised = replace(
            binding,
            description=words(binding.description),
            tooltip=catalog.get(binding.tooltip, binding.tooltip),
            group=group,
        )
        changed = changed or localised != binding
        return localised

    change_bindings(node, text)
    return changed


@dataclass(frozen=True, slots=True)
class Command:
    """One action the screen offers now, as the palette and the help screen list it."""

    key: str
    title: str
    help: str
    node: DOMNode
    action: str


def screen_commands(screen: Screen[object]) -> Iterator[Command]:
    """wyber's enabled bindings (those with an id) of the screen and its focused widgets, without
    repeats: also the ones kept out of a crowded Footer. Textual's own editing keys have no id."""
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if binding.id is None or not active.enabled or binding.action in seen:
            continue
        seen.add(binding.action)
        display = screen.app.get_key_display(binding)
        yield Command(
            display or key, binding.description, binding.tooltip, active.node, binding.action
        )


def run_command(command: Command) -> None:
    """Run the binding's action in the namespace of the node that declared it."""
    app = command.node.app
    app.call_later(app.run_action, command.action, command.node)
