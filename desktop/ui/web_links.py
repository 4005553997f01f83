"""Opening a statement's or a document's web link in the browser: http and https only."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.domain.urls import OPENABLE_SCHEMES, is_openable


def open_web_link(url: str) -> bool:
    """Open an http or https link with a host in the browser; False, nothing opened, for anything else."""
    target = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not (is_openable(url) and target.isValid() and target.scheme().lower() in OPENABLE_SCHEMES and target.host()):
        return False
    QDesktopServices.openUrl(target)
    return True
