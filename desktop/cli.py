"""The `parallax` command: the GUI by default, sub-commands for batch work."""

import argparse
import sys

from desktop import APP_NAME, __version__
from desktop.commands import chart, export, extract, import_files, self_test, stats

COMMANDS = (stats, self_test, extract, import_files, export, chart)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax", description=f"{APP_NAME}: a claims desk for editors.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        help="database file or SQLAlchemy URL (default: the user's data folder); "
        "`parallax FILE` alone, as a file manager runs it, means the same",
    )
    subparsers = parser.add_subparsers(dest="command")
    for command in COMMANDS:
        command.register(subparsers)
    for sub in subparsers.choices.values():
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database file or SQLAlchemy URL")
    parser.set_defaults(command_names=frozenset(subparsers.choices))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `parallax` console script."""
    parser = _parser()
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in parser.get_default("command_names"):
        argv = ["--db", argv[0]]
    args = parser.parse_args(argv)
    if args.command and getattr(args, "needs_db", False) and not args.db:
        parser.error(f"{args.command} needs --db PATH")
    try:
        if args.command:
            return args.run(args)
        from desktop.app import run

        return run(args.db)
    except Exception as error:  # noqa: BLE001 - the command line reports any failure in one line
        print(f"parallax: {error}", file=sys.stderr)
        return 1
