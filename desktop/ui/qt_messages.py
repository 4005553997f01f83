"""Qt's messages while the command line draws offscreen: one known-harmless warning left out."""

import sys

from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

# Qt's offscreen platform has no window manager to hand a window's minimum and maximum
# sizes to, and QPlatformWindow's default answers every layout that sets them with this
# warning. The drawing is not affected; the window is never on a screen.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"


def leave_out_offscreen_size_hints() -> None:
    """Install a Qt message handler that drops OFFSCREEN_SIZE_HINTS and passes every other message on,
    to the handler installed before, or to standard error as Qt's own handler writes it."""
    previous = None

    def handle(kind: QtMsgType, context, message: str) -> None:
        if kind == QtMsgType.QtWarningMsg and message == OFFSCREEN_SIZE_HINTS:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handle)
