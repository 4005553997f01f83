"""Qt's messages while the command line draws offscreen: the offscreen platform's known-harmless warnings left out."""

import re
import sys

from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

# Qt's offscreen platform has no window manager to hand a window's minimum and maximum
# sizes to, to raise a window for, or to grab the keyboard and mouse for a popup, and
# QPlatformWindow's defaults answer each with a warning. The drawing is not affected; the
# window is never on a screen. (pyproject.toml lists the same for the tests.)
OFFSCREEN_LIMITS = re.compile(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the (keyboard|mouse))"
)


def leave_out_offscreen_limits() -> None:
    """Install a Qt message handler that drops OFFSCREEN_LIMITS and passes every other message on,
    to the handler installed before, or to standard error as Qt's own handler writes it."""
    previous = None

    def handle(kind: QtMsgType, context, message: str) -> None:
        if kind == QtMsgType.QtWarningMsg and OFFSCREEN_LIMITS.fullmatch(message):
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handle)
