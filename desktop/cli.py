"""The `parallax` command: the GUI by default, sub-commands for batch work.

Only the sub-command named on the command line is imported, so launching the GUI
pays for none of them.
"""

import argparse
import importlib
import logging
import sys

from desktop import APP_NAME, __version__
from desktop.logging_setup import setup_logging

COMMANDS = {
    "stats": "stats",
    "self-test": "self_test",
    "extract": "extract",
    "import": "import_files",
    "export": "export",
    "chart": "chart",
    "demo-archive": "demo_archive",
}


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
    subparsers = parser.add_subparsers(dest="command")
    for name in names:
        importlib.import_module(f"desktop.commands.{COMMANDS[name]}").register(subparsers)
    for sub in subparsers.choices.values():
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database file or SQLAlchemy URL")
    return parser


def _commands_needed(argv: list[str]) -> list[str]:
    named = [arg for arg in argv if arg in COMMANDS]
    if named:
        return named[:1]
    return list(COMMANDS) if {"-h", "--help"} & set(argv) else []


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `parallax` console script."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        argv = ["--db", argv[0]]
    parser = _parser(_commands_needed(argv))
    args = parser.parse_args(argv)
    if args.command and getattr(args, "needs_db", False) and not args.db:
        parser.error(f"{args.command} needs --db PATH")
    try:
        if args.command:
            setup_logging()
            return args.run(args)
        from desktop.app import run

        return run(args.db)
    except Exception as error:  # noqa: BLE001 - the command line reports any failure in one line
        logging.getLogger(__name__).exception("parallax %s failed", args.command or "")
        print(f"parallax: {error}", file=sys.stderr)
        return 1
