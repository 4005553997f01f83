"""`parallax self-test`: render the main window offscreen and say what it shows."""

import json
import os


def register(subparsers) -> None:
    """Add the `self-test` sub-command."""
    parser = subparsers.add_parser("self-test", help="render the main window offscreen to a PNG and summarise it")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    parser.set_defaults(run=run, needs_db=True)


def run(args) -> int:
    """Open the window on the database, save the PNG, print the summary."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import build_main_window
    from desktop.ui.self_test import render_and_summarise

    window = build_main_window(args.db)
    try:
        summary = render_and_summarise(window, args.output)
    finally:
        window.close()
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0
