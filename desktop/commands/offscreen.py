"""The Qt application of commands that draw (a chart, a brief, the window) without a screen."""

import os


def offscreen_application():
    """The QApplication, on Qt's offscreen platform unless another is chosen, without its known noise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import application
    from desktop.ui.qt_messages import leave_out_offscreen_limits

    app = application()
    leave_out_offscreen_limits()
    return app
