"""The `parallax` command: the GUI by default, sub-commands for batch work."""

import argparse
import json
import os
import sys

from desktop import APP_NAME, __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="parallax", description=f"{APP_NAME}: a claims desk for editors.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: the user's data folder)")
    commands = parser.add_subparsers(dest="command")
    stats = commands.add_parser("stats", help="print statement counts")
    stats.add_argument("--db", default=argparse.SUPPRESS, help="database file or SQLAlchemy URL")
    stats.add_argument("--format", choices=["json"], default="json")
    shot = commands.add_parser("self-test", help="render the main window offscreen to a PNG and summarise it")
    shot.add_argument("--db", default=argparse.SUPPRESS, help="database file or SQLAlchemy URL")
    shot.add_argument("-o", "--output", required=True, help="PNG file to write")
    return parser


def _stats(db_target: str) -> int:
    from desktop.services.stats import statement_stats
    from desktop.storage.database import Database

    db = Database(db_target)
    try:
        print(json.dumps(statement_stats(db), ensure_ascii=False, indent=2))
    finally:
        db.close()
    return 0


def _self_test(db_target: str, output: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import build_main_window
    from desktop.ui.self_test import render_and_summarise

    window = build_main_window(db_target)
    try:
        summary = render_and_summarise(window, output)
    finally:
        window.close()
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `parallax` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command and not args.db:
        parser.error(f"{args.command} needs --db PATH")
    try:
        if args.command == "stats":
            return _stats(args.db)
        if args.command == "self-test":
            return _self_test(args.db, args.output)
        from desktop.app import run

        return run(args.db)
    except Exception as error:  # noqa: BLE001 - the command line reports any failure in one line
        print(f"parallax: {error}", file=sys.stderr)
        return 1
