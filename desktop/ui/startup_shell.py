"""The first thing a launch shows: an empty frame where the main window will be.

It imports nothing but Qt, so it is on screen a fraction of a second after launch,
while the database, the chart library and the data are loaded behind it.
"""

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop import APP_NAME


class StartupShell(QMainWindow):
    """A placeholder window with the main window's remembered geometry; says when it first painted."""

    painted = Signal()

    def __init__(self, settings: QSettings):
        super().__init__()
        self.setWindowTitle(APP_NAME)
        note = QLabel("Opening the claims desk…")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setStyleSheet("color: #5f6b7a; font-size: 15px;")
        self.setCentralWidget(note)
        geometry = settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1380, 900)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()
