"""An unexpected failure, as the command line and the app end on it: the traceback in a log file,
one line in the user's language on the screen, and exit code 1. Never a traceback on screen."""

import logging
import sys
import tempfile
from pathlib import Path

from tui import __version__
from tui.wyber.i18n import Language, tr

EXIT_FAILURE = 1


def log_failure(data: Path, error: BaseException) -> Path:
    """Append the traceback of `error` to wyber's log (in the data folder, else the temporary
    folder); the log's path, or "-" when neither can be written."""
    for folder in (data / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "wyber.log"
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            continue
        logger = logging.getLogger("wyber.failure")
        logger.addHandler(handler)
        logger.error("wyber %s: unexpected failure", __version__, exc_info=error)
        logger.removeHandler(handler)
        handler.close()
        return path
    return Path("-")


def report_failure(data: Path, lang: Language, error: BaseException) -> int:
    """Log `error`, say so in one line, and give the exit code that means it."""
    log = log_failure(data, error)
    print(tr(lang, "cli.unexpected", error=type(error).__name__, log=log), file=sys.stderr)
    return EXIT_FAILURE
