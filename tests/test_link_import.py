"""File > Import Article from Link… and Ctrl+V with a link on the desk: the page read off the GUI thread,
its review opened, a failure said in the dialog. Pages are served on 127.0.0.1."""

from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from web_server import ARTICLE

from desktop.services import fetching
from desktop.ui import link_import
from desktop.ui.link_import import LinkImportDialog
from desktop.ui.review import ReviewWindow


def _dialog(qtbot, window) -> LinkImportDialog:
    qtbot.waitUntil(lambda: window.findChild(LinkImportDialog) is not None and window.findChild(LinkImportDialog).isVisible())
    return window.findChild(LinkImportDialog)


def _review(qtbot, window) -> ReviewWindow:
    qtbot.waitUntil(lambda: any(r.isVisible() for r in window.findChildren(ReviewWindow)), timeout=20_000)
    return next(r for r in window.findChildren(ReviewWindow) if r.isVisible())


def test_the_file_menu_action_reads_the_link_and_opens_its_review(qtbot, window, web):
    window.actions["import_link"].trigger()
    dialog = _dialog(qtbot, window)
    assert not dialog.import_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.address, web.url("/first"))
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    review = _review(qtbot, window)
    assert review.article.snapshot == ARTICLE and review.article.snapshot_url == web.url("/article")
    assert "we will not back down" in review.article.text
    assert window.findChild(LinkImportDialog) is None or not window.findChild(LinkImportDialog).isVisible()
    review.close()


def test_a_page_that_cannot_be_read_is_explained_in_the_dialog_and_the_address_can_be_mended(qtbot, window, web):
    window.actions["import_link"].trigger()
    dialog = _dialog(qtbot, window)
    dialog.address.setText(web.url("/gone"))
    dialog.start()
    qtbot.waitUntil(lambda: "There is no page at" in dialog.status.text())
    assert dialog.isVisible() and not dialog.address.isReadOnly() and dialog.progress.isHidden()
    dialog.address.setText(web.url("/article"))
    assert dialog.status.text() == ""
    dialog.start()
    _review(qtbot, window).close()


def test_cancel_stops_the_reading_and_opens_no_review(qtbot, window, web, monkeypatch):
    monkeypatch.setattr(link_import, "fetch_article", partial(fetching.fetch_article, timeout=1))
    window.actions["import_link"].trigger()
    dialog = _dialog(qtbot, window)
    dialog.address.setText(web.url("/stall"))
    dialog.start()
    dialog.reject()
    assert dialog.status.text() == "Cancelling…" and dialog.isVisible()  # until the reading has stopped
    qtbot.waitUntil(lambda: window.findChild(LinkImportDialog) is None, timeout=5000)
    assert not any(r.isVisible() for r in window.findChildren(ReviewWindow))


def test_ctrl_v_on_the_desk_imports_the_link_on_the_clipboard(qtbot, window, web):
    QApplication.clipboard().setText(web.url("/article"))
    window.comparison.table.setFocus()
    qtbot.waitUntil(window.comparison.table.hasFocus)
    qtbot.keyClick(window.comparison.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    review = _review(qtbot, window)
    assert review.article.snapshot_url == web.url("/article")
    review.close()


@pytest.mark.parametrize("clipboard", ["https://example.org/news/1", "Peskov said it was false."])
def test_ctrl_v_in_a_text_field_pastes_there(qtbot, window, clipboard):
    QApplication.clipboard().setText(clipboard)
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClick(window.search_box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.text() == clipboard
    assert window.findChild(LinkImportDialog) is None


def test_ctrl_v_with_text_that_is_no_link_says_so(qtbot, window):
    QApplication.clipboard().setText("Peskov said it was false.")
    window.comparison.table.setFocus()
    qtbot.keyClick(window.comparison.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "no web address" in window.statusBar().currentMessage()
    assert window.findChild(LinkImportDialog) is None
