"""The core (tui/wyber/) imports no Textual and no Rich: each module in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

import pytest

import tui.wyber

CORE = Path(tui.wyber.__file__).parent
MODULES = sorted(
    "tui.wyber." + ".".join(p.relative_to(CORE).with_suffix("").parts)
    for p in CORE.rglob("*.py")
    if p.name != "__init__.py"
)


def test_every_core_module_is_checked() -> None:
    assert {"tui.wyber.fold", "tui.wyber.store", "tui.wyber.plans"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_importing_a_core_module_loads_no_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(','.join(leaks))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_the_cli_subcommands_do_not_load_textual() -> None:
    code = (
        "import sys; from tui.cli import main; main(['plans']); "
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().endswith("False")
