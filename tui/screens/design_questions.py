"""The questions Prepare asks: before typing is thrown away or a meeting is left, under what
name to save the agenda as the user's plan (and whether to replace one of that name), and
whether to start while a shipped plan's sample text still stands."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.dialogs.ask import ConfirmDialog, TextDialog
from tui.dialogs.samples import START_ANYWAY, SamplesDialog
from tui.wyber.i18n import Language, counted, tr
from tui.wyber.plan import Plan
from tui.wyber.plan_writer import (
    PlanNameError,
    name_from_title,
    plan_name,
    save_user_plan,
    user_plan_path,
)
from tui.wyber.samples import SamplePlace, SampleText, sample_texts, shipped_plans

if TYPE_CHECKING:
    from tui.app import WyberApp
    from tui.screens.prepare import PrepareScreen

SHOWN_OF_A_SAMPLE = 50  # characters of a sample text in the list: enough to recognise it


def confirm(
    screen: Screen[Any],
    lang: Language,
    key: str,
    then: Callable[[], object],
    on_no: Callable[[], object] = lambda: None,
) -> None:
    """Ask the question `key` (its .heading, .question and .yes); on yes, `then`."""
    dialog = ConfirmDialog(
        lang, tr(lang, f"{key}.heading"), tr(lang, f"{key}.question"), tr(lang, f"{key}.yes")
    )

    def answered(yes: bool | None) -> None:
        if yes:
            then()
        else:
            on_no()

    screen.app.push_screen(dialog, answered)


def quit_question(app: "WyberApp") -> str | None:
    """What to ask before Ctrl+Q quits: leaving the meeting, or typing in Prepare that would be
    thrown away; None when nothing would be lost."""
    from tui.screens.prepare import PrepareScreen

    writer = app.writer
    if writer is not None:
        # While the disk refuses, leaving asks its own question: what to do with the records
        # that wait (app.leave_meeting_then); one question, not two in a row.
        refusing = writer.failure is not None or writer.broken is not None
        return None if refusing else "design.leave_meeting"
    prepare = next((s for s in app.screen_stack if isinstance(s, PrepareScreen)), None)
    return prepare.leave_question() if prepare is not None else None


def own_title(screen: "PrepareScreen") -> str:
    """The meeting's title as typed in Prepare, "" while it is still a shipped plan's: that one
    names the exercise, never a plan of the user's own."""
    title = screen.meeting_title()
    plan = screen.preparation.plan
    if any(s.place is SamplePlace.TITLE for s in sample_texts(plan, shipped_plans(), title)):
        return ""
    return title


def save_as_my_plan(screen: "PrepareScreen") -> None:
    """Ask for a name (the one saved last, else the user's plan's own, else one made from the
    meeting's own title, else none), and write the agenda and its participants as the user's
    plan of that name, titled as the meeting is (the name when the title is a shipped one).
    Replacing the plan being worked on is what saving again means: Enter does it. Another plan
    of that name is replaced only on a second thought (Enter keeps it). Shipped plans are never
    written: the user's folder is another one."""
    lang, data = screen.lang, screen.wyber.data

    def write(plan: Plan, name: str) -> None:
        try:
            path = save_user_plan(plan, data, name)
        except OSError as error:
            screen.notify(tr(lang, "design.save.failed", reason=error.strerror or str(error)))
            return
        screen.saved_as(name)
        screen.notify(tr(lang, "design.save.done", name=name, path=str(path)), markup=False)

    def named(typed: str | None) -> None:
        if typed is None:
            return
        try:
            name = plan_name(typed)
            path = user_plan_path(data, name)
        except PlanNameError:
            screen.notify(tr(lang, "design.save.bad_name", name=typed), severity="error")
            return
        plan = screen.plan_to_save(own_title(screen) or name)
        if plan is None:
            return
        if path.exists():
            own = name == screen.plan_name
            question = ConfirmDialog(
                lang,
                tr(lang, "design.save.replace.heading"),
                tr(lang, "prep2.replace.own" if own else "prep2.replace.other", name=name),
                tr(lang, "design.save.replace.yes"),
                default_yes=own,
            )
            screen.app.push_screen(question, lambda yes: write(plan, name) if yes else None)
        else:
            write(plan, name)

    title = tr(lang, "design.save.title")
    hint = tr(lang, "design.save.hint", folder=str(user_plan_path(data, "x").parent))
    suggested = screen.plan_name or name_from_title(own_title(screen))
    placeholder = tr(lang, "design.save.placeholder")
    screen.app.push_screen(TextDialog(lang, title, suggested, hint, placeholder), named)


def _label(lang: Language, sample: SampleText) -> str:
    text = sample.text
    if len(text) > SHOWN_OF_A_SAMPLE:
        text = text[: SHOWN_OF_A_SAMPLE - 1] + "…"
    match sample.place:
        case SamplePlace.TITLE:
            return tr(lang, "prep3.samples.title", text=text)
        case SamplePlace.GOAL:
            return tr(lang, "design.samples.goal", text=text)
        case SamplePlace.STEP_TITLE:
            return tr(lang, "prep3.samples.step_title", number=(sample.step or 0) + 1, text=text)
    return tr(lang, "design.samples.question", number=(sample.step or 0) + 1, text=text)


def warn_of_samples(
    screen: Screen[Any],
    lang: Language,
    plan: Plan,
    title: str,
    start: Callable[[], object],
    go_to: Callable[[SampleText], object],
) -> None:
    """Start, unless a shipped plan's sample text still stands: then list where, to go there
    (`go_to`: into Prepare, at that field) or start anyway. Escape starts nothing. Every way of
    starting a meeting from a plan asks this (Prepare's Start, home's `n`); `title` is the
    meeting's."""
    samples = sample_texts(plan, shipped_plans(), title)
    if not samples:
        start()
        return
    places = [(str(n), _label(lang, sample)) for n, sample in enumerate(samples)]

    def chosen(choice: str | None) -> None:
        if choice == START_ANYWAY:
            start()
        elif choice is not None:
            go_to(samples[int(choice)])

    title = counted(lang, "tester.samples", len(samples))
    screen.app.push_screen(SamplesDialog(lang, title, places), chosen)
