"""Where the windows and dialogs land on one screen: tests/test_screen_fit.py runs this on screens of laptop sizes.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python tests/window_fit_probe.py FOLDER

It opens the main window on the seed story as a first launch does, maximises it, opens the
statement dialog and the review of the seed article, and prints, as JSON, the screen's
available area and the global rectangles of each window's frame, its panels and its buttons.
"""

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

ROOT = Path(__file__).resolve().parents[1]


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def global_rect(widget: QWidget) -> list[int]:
    return rect(QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size()))


def settle(app: QApplication, until=lambda: True, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while True:
        app.processEvents()
        if until() or time.monotonic() > end:
            return
        time.sleep(0.01)


def main(folder: str) -> None:
    from desktop.app import application, build_main_window
    from desktop.services.seed import load_seed
    from desktop.storage.database import Database
    from desktop.ui.review import open_article_review

    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(folder) / "settings"))
    db = Database(Path(folder) / "probe.parallax")
    load_seed(db)
    window = build_main_window(db)
    window.show()
    settle(app, lambda: window.view_is_complete)
    report = {
        "available": rect(window.screen().availableGeometry()),
        "window": rect(window.frameGeometry()),
        "panels": {name: global_rect(dock) for name, dock in window.docks.items()},
    }
    report["panels"]["comparison"] = global_rect(window.comparison)

    window.showMaximized()
    settle(app, lambda: window.isMaximized())
    settle(app)
    report["maximised_cards_height"] = window.comparison.table.viewport().height()
    window.showNormal()
    settle(app)

    dialog = window.editing._dialog("statement", None, editing=False)
    dialog.show()
    settle(app)
    buttons = dialog.findChild(QDialogButtonBox).buttons()
    report["statement_dialog"] = {"frame": rect(dialog.frameGeometry()), "buttons": [global_rect(b) for b in buttons]}
    dialog.close()

    reading = open_article_review(window, ROOT / "seeds" / "kremlin-refutes-invasion-reports.txt")
    opened = []
    reading.opened.connect(opened.append)
    settle(app, lambda: bool(opened))
    review = opened[0]
    settle(app)
    report["review"] = {
        "frame": rect(review.frameGeometry()),
        "buttons": {name: global_rect(button) for name, button in review.buttons.items()},  # previous, next, accept, reject
    }
    review.close()
    window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
