"""The Textual app. For now a home screen with the plans and the archive; the live-meeting
screens come with the next issue."""

from pathlib import Path

from textual.app import App

from tui.screens.home import HomeScreen
from tui.wyber.i18n import Language, detect_language


class WyberApp(App[None]):
    TITLE = "wyber"
    CSS_PATH = "app.tcss"

    def __init__(self, data: Path, lang: Language) -> None:
        super().__init__()
        self.data = data
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.data, self.lang))


def run_app(data: Path, lang: Language | None) -> int:
    WyberApp(data, lang or detect_language()).run()
    return 0
