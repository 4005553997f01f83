"""The review window, driven from the keyboard as an editor would, on the seed story's database."""

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from desktop.domain.entities import Document, Link, Speaker, Statement
from desktop.services import catalog
from desktop.services.articles import MAX_ARTICLE_BYTES
from desktop.ui.review import ReviewWindow, open_article_review, review_pasted_text
from desktop.ui.review import reading as reading_module
from desktop.ui.review.models import Status

PAGE = Path(__file__).parent / "fixtures" / "articles" / "kremlin-page.html"


def opened(qtbot, reading) -> ReviewWindow:
    """The review a reading opens, once the article's statements are proposed."""
    with qtbot.waitSignal(reading.opened, timeout=20_000) as blocker:
        pass
    return blocker.args[0]


@pytest.fixture
def review(qtbot, window):
    review = opened(qtbot, open_article_review(window, PAGE))
    qtbot.waitExposed(review)
    review.activateWindow()
    review.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is review.list)
    return review


@pytest.fixture
def errors(window, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    return shown


def _row(review, speaker, start_of_text):
    return next(
        i for i, item in enumerate(review.items)
        if item.proposal.speaker == speaker and item.proposal.text.startswith(start_of_text)
    )


def _key(qtbot, review, key):
    qtbot.keyClick(QApplication.focusWidget() or review.list, key)


def test_it_opens_on_the_first_proposal_with_every_span_highlighted(review):
    assert review.current == 0
    assert len(review.article_view.extraSelections()) == len(review.items) == 3
    assert review.summary.text() == "3 proposed · 0 accepted · 0 rejected · 3 to review"
    assert review.editor.speaker.text() == "the Kremlin", "folded onto the seed's speaker"


def test_keys_move_reject_and_accept(qtbot, review, window):
    _key(qtbot, review, Qt.Key.Key_N)
    assert review.current == 1
    _key(qtbot, review, Qt.Key.Key_J)
    assert review.current == 2
    _key(qtbot, review, Qt.Key.Key_K)
    _key(qtbot, review, Qt.Key.Key_P)
    assert review.current == 0
    _key(qtbot, review, Qt.Key.Key_R)
    assert review.items[0].status == Status.REJECTED and review.current == 1
    _key(qtbot, review, Qt.Key.Key_A)
    assert review.items[1].status == Status.ACCEPTED and review.current == 2
    _key(qtbot, review, Qt.Key.Key_Return)
    assert review.items[2].status == Status.ACCEPTED
    assert review.summary.text() == "3 proposed · 2 accepted · 1 rejected · 0 to review"
    _key(qtbot, review, Qt.Key.Key_P)
    _key(qtbot, review, Qt.Key.Key_Delete)
    assert review.items[1].status == Status.ACCEPTED, "an accepted statement is undone with Edit > Undo, not rejected"


def test_accepting_creates_a_statement_of_the_document_and_span_on_the_known_speaker(qtbot, review, window):
    row = _row(review, "Dmitry Peskov", "Dismissed")
    review.go_to(row)
    _key(qtbot, review, Qt.Key.Key_A)
    item = review.items[row]
    statement = catalog.get(window.db, Statement, item.statement_id)
    assert (statement.span_start, statement.span_end) == (item.proposal.start, item.proposal.end)
    document = catalog.get(window.db, Document, statement.document_id)
    assert document.title == "Kremlin denies plans to invade Ukraine" and document.publisher == "Example Wire"
    assert catalog.get(window.db, Speaker, statement.speaker_id).name == "Dmitry Peskov"
    assert len(catalog.all_rows(window.db, Speaker)) == 8, "folded onto the seed's Dmitry Peskov"
    assert window.comparison_model.rowCount() > 0 and len(review.article_view.extraSelections()) == 3


def test_edits_are_kept_and_stored(qtbot, review, window):
    _key(qtbot, review, Qt.Key.Key_E)
    assert QApplication.focusWidget() is review.editor.text
    qtbot.keyClicks(review.editor.text, "Denied any plan to invade")
    review.editor.speaker.setText("The Kremlin")
    review.editor.speaker.textEdited.emit("The Kremlin")
    qtbot.mouseClick(review.buttons["accept"], Qt.MouseButton.LeftButton)
    statement = catalog.get(window.db, Statement, review.items[0].statement_id)
    assert statement.text == "Denied any plan to invade"
    assert catalog.get(window.db, Speaker, statement.speaker_id).name == "the Kremlin"


def test_a_bad_date_is_explained_and_nothing_is_stored(qtbot, review, window, errors):
    review.editor.said_on.setText("next Friday")
    qtbot.mouseClick(review.buttons["accept"], Qt.MouseButton.LeftButton)
    assert errors and "not a date" in errors[0]
    assert review.items[0].status == Status.PENDING


def test_the_suggested_answer_is_linked_as_a_rebuttal_in_one_action(qtbot, review, window):
    review.go_to(_row(review, "Dmitry Peskov", "Russia poses no threat"))
    _key(qtbot, review, Qt.Key.Key_A)
    source = review.answering
    assert source is not None and review.suggestions.rowCount() > 0
    target = review.suggestions.suggestions[0].statement_id
    assert review.suggestions.suggestions[0].side == "United States"
    qtbot.mouseClick(review.link_buttons["rebuts"], Qt.MouseButton.LeftButton)
    with window.db.reading() as session:
        links = session.exec(select(Link).where(Link.from_id == source)).scalars().all()
    assert [(link.to_id, link.type) for link in links] == [(target, "rebuts")]
    assert target not in {s.statement_id for s in review.suggestions.suggestions}


def test_undo_removes_an_accepted_statement_and_redo_brings_it_back(qtbot, review, window):
    _key(qtbot, review, Qt.Key.Key_A)
    statement_id = review.items[0].statement_id
    window.actions["undo"].trigger()
    assert catalog.get(window.db, Statement, statement_id) is None
    assert review.items[0].status == Status.PENDING
    with window.db.reading() as session:
        assert session.exec(select(func.count()).select_from(Document)).one()[0] == 1, "the article's document went too"
    window.actions["redo"].trigger()
    assert catalog.get(window.db, Statement, statement_id) is not None
    assert review.items[0].status == Status.ACCEPTED


def test_the_article_date_dates_pending_proposals(review):
    row = _row(review, "Dmitry Peskov", "Dismissed")
    review.article_date.setText("2021-11-20")
    review.article_date.editingFinished.emit()
    assert review.items[row].proposal.said_on.isoformat() == "2021-11-19"


def test_hostile_text_is_shown_as_characters(qtbot, window):
    review = opened(qtbot, review_pasted_text(window, "<b>Bold claims</b>\n\nPeskov said that <img src=x> was harmless.\n"))
    qtbot.waitExposed(review)
    assert "<img src=x>" in review.article_view.toPlainText()
    assert review.title.textFormat() == Qt.TextFormat.PlainText and review.title.text() == "<b>Bold claims</b>"
    assert "<img src=x>" in review.model.index(0, 0).data()
    assert "&lt;img src=x&gt;" in review.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert review.editor.text.toPlainText() == "<img src=x> was harmless"


def test_item_models_pass_the_model_tester(qtmodeltester, review):
    qtmodeltester.check(review.model)
    review.go_to(_row(review, "Dmitry Peskov", "Dismissed"))
    review.accept_current()
    qtmodeltester.check(review.suggestions)


def test_menus_offer_import_and_paste(qtbot, window):
    assert window.actions["import_article"].shortcut().toString() == "Ctrl+I"
    assert window.actions["paste_article"].shortcut().toString() == "Ctrl+Shift+V"
    QApplication.clipboard().setText("Kyiv rejected the claims, Ukrinform reported.")
    window.actions["paste_article"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReviewWindow) is not None)
    assert window.findChild(ReviewWindow).items[0].proposal.outlet == "Ukrinform"


def test_dropping_an_article_file_opens_its_review(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(PAGE)), QUrl.fromLocalFile("/tmp/claims.csv")])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(window.findChildren(ReviewWindow)))
    assert [r.article.title for r in window.findChildren(ReviewWindow)] == ["Kremlin denies plans to invade Ukraine"]


def test_an_oversized_file_is_refused_with_its_name(tmp_path, window, errors):
    path = tmp_path / "enormous.html"
    path.write_bytes(b" " * (MAX_ARTICLE_BYTES + 1))
    assert open_article_review(window, path) is None
    assert errors == ["enormous.html is 5.0 MB; Parallax reads articles of up to 5 MB."]


def _long_article(paragraphs: int) -> str:
    paragraph = "Dmitry Peskov said the reports of an invasion were groundless, TASS reported on Friday. "
    return "A long day of denials\n\n" + "\n\n".join(paragraph * 3 for _ in range(paragraphs))


def test_a_long_article_is_read_off_the_gui_thread(qtbot, window, monkeypatch):
    readers = []
    propose = reading_module.open_review

    def open_review(db, article):
        readers.append(threading.current_thread())
        return propose(db, article)

    monkeypatch.setattr(reading_module, "open_review", open_review)
    reading = review_pasted_text(window, _long_article(300))
    review = opened(qtbot, reading)
    assert len(review.items) == 3 * 300
    assert len(readers) == 1 and readers[0] is not threading.main_thread()


def test_a_cancelled_reading_opens_no_review(qtbot, window):
    reading = review_pasted_text(window, _long_article(600))
    with qtbot.waitSignal(reading.destroyed, timeout=20_000):
        reading.progress.findChild(QPushButton).click()  # the dialog's Cancel
    assert window.findChildren(ReviewWindow) == []
