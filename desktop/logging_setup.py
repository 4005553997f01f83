"""The log file: what went wrong, with tracebacks, in the user's log folder (no Qt here)."""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop.paths import log_dir

LOG_NAME = "parallax.log"
_MAX_BYTES = 1_000_000
_KEPT = 3  # older files kept beside it: parallax.log.1 …
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _LogFile(RotatingFileHandler):
    """Marks the handler as the app's, so setting up again replaces it rather than adding another."""


def log_file() -> Path:
    """Where the log is written."""
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records (errors with their tracebacks) to a rotating file; returns its path.

    None when the log folder cannot be written: the app runs on, logging to standard error.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _LogFile)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(path, maxBytes=_MAX_BYTES, backupCount=_KEPT, encoding="utf-8")
    except OSError as error:
        logging.basicConfig(level=level, format=_FORMAT)
        logging.getLogger(__name__).warning("No log file in %s: %s", path.parent, error)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
