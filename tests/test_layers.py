"""The layers of the app: widgets and dialogs sit below the screens and never import one.

Read from the source (every import, also those inside a function or under TYPE_CHECKING), so a
lazy import cannot slip a screen in below the screens.
"""

import ast
from pathlib import Path

import pytest

import tui

ROOT = Path(tui.__file__).parent
BELOW_THE_SCREENS = sorted(
    path for package in ("widgets", "dialogs") for path in (ROOT / package).rglob("*.py")
)


def imported(path: Path) -> set[str]:
    """Every module the file imports, by its full name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_dialogs_and_the_widgets_are_checked() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in BELOW_THE_SCREENS}
    assert {"dialogs/base.py", "dialogs/ask.py", "widgets/converge.py"} <= names


@pytest.mark.parametrize("path", BELOW_THE_SCREENS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_widget_or_dialog_imports_a_screen(path: Path) -> None:
    screens = sorted(
        n for n in imported(path) if n == "tui.screens" or n.startswith("tui.screens.")
    )
    assert screens == [], f"{path.relative_to(ROOT)} imports {screens}"


def test_relative_imports_are_not_used_to_hide_one() -> None:
    # The check above reads absolute names; wyber uses no relative imports anywhere.
    for path in BELOW_THE_SCREENS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level > 0]
        assert relative == [], path


# ── Textual's private API: only in tui/internals/ ───────────────────────────────────────────

APP_MODULES = sorted(
    p for p in ROOT.rglob("*.py") if "wyber" not in p.relative_to(ROOT).parts
)  # the core imports no Textual at all (tests/test_core_is_headless.py)
# Textual's private names wyber needs (tui/internals.py says why), also when reached via self.
TEXTUAL_PRIVATE = {"_bindings", "_merged_bindings", "_load_screen_css", "_closing", "__watchers"}


def textual_private_methods() -> set[str]:
    """The private methods of Textual's app, screens and widgets: overriding one (a subclass's
    `def _handle_exception`) is a use of Textual's private API too."""
    import inspect

    import textual.widgets
    from textual.app import App
    from textual.screen import ModalScreen
    from textual.scroll_view import ScrollView

    classes = [App, ModalScreen, ScrollView]
    classes += [c for c in vars(textual.widgets).values() if inspect.isclass(c)]
    names = set()
    for cls in classes:
        for base in cls.__mro__:
            if base.__module__.startswith("textual"):
                names.update(n for n in vars(base) if n.startswith("_") and not n.endswith("__"))
    return names


TEXTUAL_METHODS = textual_private_methods()


def private_uses(path: Path) -> list[str]:
    """Private modules imported, another object's private attributes, Textual's private names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            if any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"import {node.module}")
            found.extend(
                f"import {node.module}.{a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            )
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            dunder = node.attr.startswith("__") and node.attr.endswith("__")
            if node.attr in TEXTUAL_PRIVATE or not (own or dunder):
                found.append(ast.unparse(node))
        elif isinstance(node, ast.Constant) and node.value in TEXTUAL_PRIVATE:
            found.append(repr(node.value))  # getattr(node, "__watchers")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name in TEXTUAL_METHODS
        ):
            found.append(f"def {node.name}")  # an override of Textual's own
    return found


def test_textual_private_api_is_used_in_one_module_only() -> None:
    uses = {
        path.relative_to(ROOT).as_posix(): private_uses(path)
        for path in APP_MODULES
        if "internals" not in path.relative_to(ROOT).parts
    }
    assert {module: found for module, found in uses.items() if found} == {}
    assert private_uses(ROOT / "internals" / "__init__.py")  # and there it is
    assert private_uses(ROOT / "internals" / "paste_guard.py")
