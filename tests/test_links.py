"""Only http and https links are ever opened; anything else is refused with a message."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.domain.entities import Statement
from desktop.domain.urls import is_openable
from desktop.services.operations import UpdateRecord

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "file:///etc/passwd",
    "file://host/share/doc.html",
    "data:text/html,<script>alert(1)</script>",
    "ftp://ftp.example.com/file",
    "mailto:editor@example.com",
    "smb://server/share",
    "example.com/no-scheme",
    "/relative/path",
    "../up",
    "//example.com/scheme-relative",
    "http:/one-slash",
    "https://",
    "https://[::1",
    "http ://example.com",
    "",
    "   ",
]
OPENED = ["https://example.com/a?b=1#c", "http://example.com", "HTTPS://EXAMPLE.COM/Path", "  https://example.com/padded  "]


@pytest.mark.parametrize("url", REFUSED)
def test_anything_but_a_web_link_is_not_openable(url):
    assert not is_openable(url)


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(url.toString()) or True)
    return calls


@pytest.mark.parametrize("url", REFUSED)
def test_the_window_refuses_them_with_a_message(window, opened, url):
    window.open_url(url)
    assert opened == []
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert box.text().startswith("Parallax opens only http and https links.")
    assert url in box.text() and box.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize("url", OPENED)
def test_web_links_are_opened(window, opened, url):
    window.open_url(url)
    assert [u.lower() for u in opened] == [url.strip().lower()]


def test_the_inspector_opens_a_statements_link_only_through_the_check(window, opened, qtbot, landed):
    statement = window.state.selected
    for url, expected in (("https://example.com/report", ["https://example.com/report"]), ("", [])):
        landed(window.runner.run, UpdateRecord(Statement, statement, {"url": url}))
        window.state.select_statement(statement)
        if expected:
            qtbot.mouseClick(window.inspector.open_source, Qt.MouseButton.LeftButton)
        assert window.inspector.open_source.isVisible() == bool(expected)
    assert opened == ["https://example.com/report"]
