"""How long `wyber` takes from starting to the first frame of its home screen.

What is measured: real processes in a real (pseudo) terminal, exactly as a person starts them.

- wyber: the installed `wyber` command (`.venv/bin/wyber --data DIR --lang en`, a fresh empty
  data folder each run), which goes through `tui.cli.main` to the home screen.
- baseline: a bare Textual app — a Header, a Static("Hello, world") and a Footer — run as a script
  by the same python.

Each run gets a new pseudo-terminal of 80x24 (`TERM=xterm-256color`), and the scratch folder as
its working folder (so nothing is imported from the repo by accident). The clock starts in this
process just before the child is spawned (`time.perf_counter()` before `subprocess.Popen`) and
stops when the child has written to the terminal the first frame that shows its screen's body:
the home screen's heading ("Plans to start from") for wyber, "Hello, world" for the baseline. The
bytes are read as Textual's terminal driver writes them, colour codes dropped, so "first frame"
means the same for both: the moment the screen could be seen. (The baseline's Footer gets its keys
one frame later; wyber's first frame has them already. The first frame counts for both.) Then
Ctrl+Q is sent and the child's exit awaited before the next run. Nothing is added to the product
and nothing is patched: the terminal output is the only signal.

Runs alternate wyber, baseline, baseline, wyber, ... (ABBA) so that drift on the machine hits both
alike; one warm-up run of each comes first and is not counted. Python's bytecode cache is on for
the children (in a cache folder inside the scratch folder, `PYTHONPYCACHEPREFIX`, filled by the
warm-up runs) whatever `PYTHONDONTWRITEBYTECODE` says here: an installed wyber has its bytecode
compiled, and without it wyber would pay to compile its own sources on every start, which the
baseline (all in site-packages) would not.

How to read it: median and p90 of each, in milliseconds; the goal is judged on the ratio of the
medians (wyber over baseline), at most 1.2. Below it, where the time goes: the interpreter's own
start (`python -c pass`, spawn to exit), the imports each needs before its app starts (timed inside
fresh processes: `tui.cli` and `tui.app` for wyber, `textual.app` and the three widgets for the
baseline), and what is left from there to the first frame (app start, CSS, compose, first
render). Last, the wyber-specific import costs: the modules `import tui.cli, tui.app` loads that
`import textual.app` does not, their self time under `python -X importtime`, summed per package.
`--quick` is a smoke run (fewer runs): figures indicative only.
"""

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _shared import (
    bench_main,
    describe_scratch,
    in_turn,
    machine,
    percentile,
    print_goal,
    print_header,
    print_load,
    scratch,
)

from tui.wyber.i18n import tr

GOAL_RATIO = 1.2
ROWS, COLUMNS = 24, 80
SGR = re.compile(rb"\x1b\[[0-9;:]*m")  # colours and styles: they split the text of a line
HELLO_MARK = b"Hello, world"
RUN_TIMEOUT = 30.0  # seconds for one child to show its first frame
EXIT_TIMEOUT = 10.0

HELLO_APP = '''\
"""The baseline: a bare Textual app with a Header, one Static and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class HelloApp(App[None]):
    TITLE = "baseline"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world")
        yield Footer()


HelloApp().run()
'''

# What each app imports before it starts: timed in fresh processes, with the same environment.
WYBER_IMPORTS = "tui.cli, tui.app"
HELLO_IMPORTS = (
    "textual.app, textual.widgets._header, textual.widgets._static, textual.widgets._footer"
)


@dataclass(frozen=True)
class Settings:
    runs: int  # measured runs of each app
    importtime_runs: int  # python -X importtime runs, the least self time of each module kept


FULL = Settings(runs=15, importtime_runs=3)
QUICK = Settings(runs=5, importtime_runs=1)
QUICK_CAVEAT = "few runs"  # said after a quick run's figures


@dataclass
class Subject:
    name: str
    marks: tuple[bytes, ...]  # any of these in the output: the screen's first frame is shown
    frame: list[float] = field(default_factory=list)  # seconds from spawn to first frame


# --- one run -------------------------------------------------------------------------------------


def child_environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["TERM"] = "xterm-256color"
    env["COLORTERM"] = "truecolor"
    env["COLUMNS"], env["LINES"] = str(COLUMNS), str(ROWS)
    return env


def read_some(fd: int, wait: float) -> bytes | None:
    """What the child wrote within `wait` seconds: b"" if nothing yet, None at its end."""
    ready, _, _ = select.select([fd], [], [], max(0.0, wait))
    if not ready:
        return b""
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the child has closed the terminal
        return None
    return data or None


def drain_until_exit(process: subprocess.Popen[bytes], fd: int) -> None:
    """Keep reading (a child blocked on a full terminal never exits) until the child is gone."""
    deadline = time.monotonic() + EXIT_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if read_some(fd, 0.05) is None:
            break
    try:
        process.wait(max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def first_frame(command: Sequence[str], env: dict[str, str], marks: Sequence[bytes]) -> float:
    """Spawn `command` in a fresh pseudo-terminal; the seconds from just before the spawn to the
    first frame showing one of `marks`."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    output = bytearray()
    frame_at: float | None = None
    try:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        slave = -1
        try:
            deadline = started + RUN_TIMEOUT
            while frame_at is None:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"no first frame within {RUN_TIMEOUT:g} s")
                data = read_some(master, 0.5)
                if data is None:
                    raise RuntimeError(f"it ended before its first frame (exit {process.wait()})")
                if not data:
                    continue
                arrived = time.perf_counter() - started
                output += data
                text = SGR.sub(b"", bytes(output))
                if any(mark in text for mark in marks):
                    frame_at = arrived
            os.write(master, b"\x11")  # Ctrl+Q: both apps quit
            drain_until_exit(process, master)
        except BaseException as error:
            if process.poll() is None:
                process.kill()
                process.wait()
            tail = SGR.sub(b"", bytes(output[-600:])).decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(command)}: {error}; its last output: {tail!r}") from None
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    if frame_at is None:
        raise AssertionError("unreachable: the loop ends only after the first frame")
    return frame_at


def run_one(subject: Subject, command: Sequence[str], env: dict[str, str], keep: bool) -> None:
    frame = first_frame(command, env, subject.marks)
    if keep:
        subject.frame.append(frame)


# --- where the time goes -------------------------------------------------------------------------


def process_seconds(command: Sequence[str], env: dict[str, str]) -> float:
    """Spawn to exit of a process that does nothing: the interpreter's own start and exit."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - started


def import_seconds(modules: str, env: dict[str, str]) -> float:
    """`import modules` timed inside a fresh process."""
    code = (
        "import time; t = time.perf_counter(); import " + modules + "; "
        "print(time.perf_counter() - t)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def importtime(modules: str, env: dict[str, str]) -> dict[str, int]:
    """{module: self microseconds} from `python -X importtime -c "import modules"`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import " + modules],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    selves: dict[str, int] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _, name = line.removeprefix("import time:").split("|")
        with contextlib.suppress(ValueError):
            selves[name.strip()] = int(self_us)
    return selves


@dataclass
class Breakdown:
    """Seconds, one sample per round, measured between the rounds of first frames."""

    interpreter: list[float] = field(default_factory=list)
    wyber_imports: list[float] = field(default_factory=list)
    hello_imports: list[float] = field(default_factory=list)

    def measure(self, env: dict[str, str]) -> None:
        self.interpreter.append(process_seconds([sys.executable, "-c", "pass"], env))
        self.wyber_imports.append(import_seconds(WYBER_IMPORTS, env))
        self.hello_imports.append(import_seconds(HELLO_IMPORTS, env))


def package_of(module: str) -> str:
    """tui.wyber.events -> tui.wyber.events; pydantic._internal.x -> pydantic; re._parser -> re."""
    return module if module.startswith("tui.") else module.split(".")[0]


def least_importtime(modules: str, env: dict[str, str], runs: int) -> dict[str, int]:
    """Each module's least self time over `runs` processes: one run is noisy, its least is not."""
    least: dict[str, int] = {}
    for _ in range(runs):
        for module, self_us in importtime(modules, env).items():
            least[module] = min(self_us, least.get(module, self_us))
    return least


def wyber_specific_imports(env: dict[str, str], runs: int) -> list[tuple[str, int, int]]:
    """(package, self µs, modules) of what wyber imports beyond the baseline, largest first."""
    textual = least_importtime(HELLO_IMPORTS, env, 1)
    wyber = least_importtime(WYBER_IMPORTS, env, runs)
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for module, self_us in wyber.items():
        if module not in textual:
            totals[package_of(module)] += self_us
            counts[package_of(module)] += 1
    return sorted(((p, us, counts[p]) for p, us in totals.items()), key=lambda t: -t[1])


# --- report --------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}"


def row(label: str, values: Sequence[float]) -> str:
    return (
        f"{label:<28} {len(values):>4} {ms(statistics.median(values)):>10}"
        f" {ms(percentile(values, 90)):>8} {ms(min(values)):>8} {ms(max(values)):>8}"
    )


def print_results(wyber: Subject, hello: Subject) -> float:
    print()
    print_header(
        f"{'':<28} {'runs':>4} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'max ms':>8}", "", 0
    )
    for subject in (wyber, hello):
        print(row(f"{subject.name}: first frame", subject.frame))
    ratio = statistics.median(wyber.frame) / statistics.median(hello.frame)
    p90_ratio = percentile(wyber.frame, 90) / percentile(hello.frame, 90)
    print(f"\nratio of medians, wyber / baseline: {ratio:.2f}   (p90 ratio {p90_ratio:.2f})")
    return ratio


def print_breakdown(wyber: Subject, hello: Subject, parts: Breakdown) -> None:
    print(
        "\nwhere the time goes (medians, ms; imports timed inside fresh processes, one of each"
        " between the rounds above):"
    )
    print(f"{'':<40} {'wyber':>8} {'baseline':>9} {'difference':>11}")
    interpreter = statistics.median(parts.interpreter)
    wyber_imports = statistics.median(parts.wyber_imports)
    hello_imports = statistics.median(parts.hello_imports)
    wyber_frame, hello_frame = statistics.median(wyber.frame), statistics.median(hello.frame)
    rows = (
        ("interpreter start (python -c pass)", interpreter, interpreter),
        ("imports before the app starts", wyber_imports, hello_imports),
        (
            "the rest: app start, CSS, compose, render",
            wyber_frame - interpreter - wyber_imports,
            hello_frame - interpreter - hello_imports,
        ),
        ("first frame", wyber_frame, hello_frame),
    )
    for label, mine, theirs in rows:
        print(f"{label:<40} {ms(mine):>8} {ms(theirs):>9} {ms(mine - theirs):>11}")
    print(f"  (wyber imports: {WYBER_IMPORTS}; baseline: textual.app and its three widgets)")


def print_imports(specific: Sequence[tuple[str, int, int]]) -> None:
    print(
        "\nwyber-specific imports (not loaded by the baseline), self time under"
        " python -X importtime (least of a few runs), per package:"
    )
    total = sum(us for _, us, _ in specific)
    shown = [row for row in specific if row[1] >= 2_000][:14]
    for package, us, count in shown:
        print(f"  {package:<36} {us / 1000:7.1f} ms  ({count} modules)")
    rest = total - sum(us for _, us, _ in shown)
    print(f"  {'(the rest)':<36} {rest / 1000:7.1f} ms")
    print(f"  {'total':<36} {total / 1000:7.1f} ms  (importtime adds its own overhead)")


# --- main ----------------------------------------------------------------------------------------


def wyber_command() -> list[str]:
    script = Path(sys.executable).parent / "wyber"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tui"]


def home_marks() -> tuple[bytes, ...]:
    """Text only the home screen shows, in English: its first heading, its subtitle."""
    marks = []
    for key in ("home.plans", "home.subtitle"):
        with contextlib.suppress(KeyError):
            marks.append(tr("en", key).encode())
    if not marks:
        raise RuntimeError("the home screen's texts (home.plans, home.subtitle) are gone")
    return tuple(marks)


def run(settings: Settings) -> None:
    # The scratch folder is the children's working folder: nothing is imported from the repo by it.
    with scratch("startup") as folder, contextlib.chdir(folder):
        env = child_environment(folder)
        hello_script = folder / "hello.py"
        hello_script.write_text(HELLO_APP, encoding="utf-8")
        base = wyber_command()
        print(f"{machine('textual')}, terminal {COLUMNS}x{ROWS}")
        print(f"scratch folder: {describe_scratch(folder)}")
        print(f"wyber: {' '.join(base)} --data <fresh empty folder> --lang en")
        print(f"baseline: {sys.executable} hello.py (Header, Static, Footer)")
        print(
            f"{settings.runs} runs each, alternating (ABBA), after one warm-up run each;"
            " bytecode cached in the scratch folder"
        )
        print_load()
        wyber = Subject("wyber", home_marks())
        hello = Subject("baseline", (HELLO_MARK,))
        folders = iter(range(1_000_000))

        def one(subject: Subject, keep: bool) -> None:
            if subject is wyber:
                data = folder / f"data-{next(folders)}"
                data.mkdir()
                run_one(wyber, [*base, "--data", str(data), "--lang", "en"], env, keep)
                shutil.rmtree(data, ignore_errors=True)
            else:
                run_one(hello, [sys.executable, str(hello_script)], env, keep)

        one(wyber, keep=False)
        one(hello, keep=False)
        parts = Breakdown()
        for n in range(settings.runs):
            for subject in in_turn((wyber, hello), n):
                one(subject, keep=True)
            parts.measure(env)
        ratio = print_results(wyber, hello)
        print_breakdown(wyber, hello, parts)
        print_imports(wyber_specific_imports(env, settings.importtime_runs))
        print()
        print_goal(
            ratio <= GOAL_RATIO,
            f"first frame of the home screen at most {GOAL_RATIO:g}x a bare Textual app's:"
            f" median {ms(statistics.median(wyber.frame)).strip()} ms vs"
            f" {ms(statistics.median(hello.frame)).strip()} ms = {ratio:.2f}x",
        )


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="runs", caveat=QUICK_CAVEAT))
