"""What can be wrong with a plan file, as messages in either language.

Kept apart from the plan model (pydantic) so the command line can catch and show these errors
without loading the model first: `wyber` starts faster.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.wyber.i18n import Language, tr


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One thing wrong in a plan file, ready to be rendered in either language."""

    key: str
    params: dict[str, object]
    step: int | None = None  # 1-based, as a facilitator counts
    step_title: str = ""
    field: str = ""
    line: int | None = None

    def render(self, lang: Language) -> str:
        params = dict(self.params)
        if "hint" in params:
            # A suggestion is a name; the words around it belong to the language.
            suggestion = params["hint"]
            params["hint"] = tr(lang, "plan.did_you_mean", name=suggestion) if suggestion else ""
        where: list[str] = []
        if self.line is not None:
            where.append(tr(lang, "plan.line", line=self.line))
        if self.step is not None:
            step = tr(lang, "plan.step", number=self.step)
            where.append(f"{step} “{self.step_title}”" if self.step_title else step)
        if self.field:
            where.append(self.field)
        message = tr(lang, self.key, **params)
        return f"{', '.join(where)}: {message}" if where else message


class PlanError(Exception):
    """A plan file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: Sequence[PlanProblem]) -> None:
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path = path
        self.problems = tuple(problems)

    def render(self, lang: Language) -> str:
        head = tr(lang, "plan.invalid", path=str(self.path))
        return "\n".join([head, *(f"  {p.render(lang)}" for p in self.problems)])
