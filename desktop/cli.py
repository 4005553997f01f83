"""The `parallax` command: the GUI by default, sub-commands for batch work.

Only the sub-command named on the command line is imported, so launching the GUI
pays for none of them.
"""

import argparse
import difflib
import importlib
import logging
import os
import sys
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.commands.terminal import escaped
from desktop.logging_setup import setup_logging

COMMANDS = {
    "stats": "stats",
    "report": "report",
    "self-test": "self_test",
    "extract": "extract",
    "import": "import_files",
    "export": "export",
    "chart": "chart",
    "demo-archive": "demo_archive",
}
# What `parallax NAME` alone opens in the window rather than reads as a mistyped command.
DATABASE_SUFFIXES = (".parallax", ".db", ".sqlite", ".sqlite3")
USAGE_ERROR = 2  # as argparse exits on a command line it cannot read
BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a writer whose reader went away
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl+C


def _parser(names: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description=f"{APP_NAME}: a claims desk for editors. Commands: {', '.join(COMMANDS)}.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        help="database file or SQLAlchemy URL (default: the user's data folder); "
        "`parallax FILE` alone, as a file manager runs it, means the same",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in names:
        importlib.import_module(f"desktop.commands.{COMMANDS[name]}").register(subparsers)
    for sub in subparsers.choices.values():
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database file or SQLAlchemy URL")
    return parser


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor the value of --db: the command, if any."""
    words = iter(argv)
    for arg in words:
        if arg == "--db":
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _names_a_database(arg: str) -> bool:
    """Whether `parallax ARG` alone means the window on that database: a URL, a file, or a database's name."""
    return "://" in arg or Path(arg).is_file() or Path(arg).suffix.lower() in DATABASE_SUFFIXES


def _unknown_command(word: str) -> int:
    nearest = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f" Did you mean “{nearest[0]}”?" if nearest else ""
    print(f"parallax: unknown command “{escaped(word, lines=False)}”.{hint}", file=sys.stderr)
    print(f"Commands: {', '.join(COMMANDS)} (parallax COMMAND -h for each).", file=sys.stderr)
    return USAGE_ERROR


def _missing_database(target: str) -> str | None:
    """Why a command that only reads cannot read `target`: a database file that does not exist; else None."""
    from desktop.storage.database import database_file

    path = database_file(target)
    if path is None or path.exists():
        return None
    return f"parallax: there is no database at “{escaped(target, lines=False)}”; check the path (`parallax import` or the window creates a new one)"


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (`parallax … | head`): say nothing more, as `cat` would.

    Standard output is pointed at /dev/null, so flushing it again on exit raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `parallax` console script."""
    argv = sys.argv[1:] if argv is None else argv
    word = _first_word(argv)
    if word is not None and word not in COMMANDS:
        if argv != [word] or not _names_a_database(word):
            return _unknown_command(word)
        argv = ["--db", word]
        word = None
    names = [word] if word else list(COMMANDS) if {"-h", "--help"} & set(argv) else []
    parser = _parser(names)
    args = parser.parse_args(argv)
    if args.command and getattr(args, "needs_db", False) and not args.db:
        parser.error(f"{args.command} needs --db PATH")
    if args.command and getattr(args, "only_reads", False) and args.db:
        missing = _missing_database(args.db)
        if missing:
            print(missing, file=sys.stderr)
            return USAGE_ERROR
    try:
        if args.command:
            setup_logging()
            status = args.run(args)
            sys.stdout.flush()
            return status
        from desktop.app import run

        return run(args.db)
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except KeyboardInterrupt:  # a second Ctrl+C, or one a command does not catch: one line, no traceback
        stopped = getattr(args, "when_interrupted", "")
        fresh_line = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C
        print(f"{fresh_line}parallax: {args.command or 'parallax'} stopped by Ctrl+C{stopped}", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the command line reports any failure in one line
        logging.getLogger(__name__).exception("parallax %s failed", args.command or "")
        print(f"parallax: {escaped(error, lines=False)}", file=sys.stderr)
        return 1
