"""The wyber app, headless, with its room open: `python -m tests.room_worker DATA PORT URL_FILE`.

Not a test module: test_room_crash.py starts it as a subprocess, lets simulated phones send,
and kills it with SIGKILL. It writes the room's URL to URL_FILE once the room is open (Textual
keeps stdout), then runs until it is killed (or 120 s pass: a lost parent leaves no process).
"""

import sys
from pathlib import Path

import tui.app
from tui.app import Launch, WyberApp
from tui.room.place import RoomPlace
from tui.wyber.paths import shipped_plans_dir
from tui.wyber.plans import load_plan

LIFETIME = 120.0


class RoomWorker(WyberApp):
    CSS_PATH = Path(tui.app.__file__).with_name("app.tcss")  # relative paths are the module's

    def on_mount(self) -> None:  # Textual runs WyberApp's on_mount as well
        self._told = False
        self.set_interval(0.05, self._tell)
        self.set_timer(LIFETIME, self.exit)

    def _tell(self) -> None:
        if self.room is not None and self.room.server.started and not self._told:
            self._told = True
            told = Path(sys.argv[3])
            told.with_suffix(".part").write_text(self.room.url)
            told.with_suffix(".part").rename(told)  # whole, or not there


def main() -> None:
    data, port = Path(sys.argv[1]), int(sys.argv[2])
    plan = load_plan(shipped_plans_dir() / "wyber-30.en.toml")
    launch = Launch(plan=plan, run_now=True, room=RoomPlace("127.0.0.1", port))
    RoomWorker(data, "en", launch=launch).run(headless=True, size=(80, 24))


if __name__ == "__main__":
    main()
