"""The review window, driven from the keyboard as an editor would, on the seed story's database."""

import threading
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import func, select

from desktop.domain.entities import Document, Link, Speaker, Statement
from desktop.paths import seeds_dir
from desktop.services import catalog
from desktop.services.articles import MAX_ARTICLE_BYTES
from desktop.ui.review import ReviewWindow, open_article_review, review_pasted_text
from desktop.ui.review import reading as reading_module
from desktop.ui.review import review_window as review_window_module
from desktop.ui.review.models import Status

PAGE = Path(__file__).parent / "fixtures" / "articles" / "kremlin-page.html"
SEED_ARTICLE = seeds_dir() / "kremlin-refutes-invasion-reports.txt"
# Written for these tests: a wire story with its page furniture, dated by its dateline (a Saturday).
WIRE_STORY = """Kremlin Dismisses Reports Of Troop Build-Up

By Jane Roe

Image: AP

MOSCOW, Nov 13, 2021 (Reuters) - Kremlin spokesman Dmitry Peskov said on Friday that Russian troops posed no threat to anyone.

"We are not planning any attack on anyone," Peskov told reporters.

Share  Tweet  Email

• Kyiv says Moscow is lying about its plans

Ukrainian Foreign Minister Dmytro Kuleba said on Thursday that Russia had massed troops near the border.

Kyiv rejected the claim.

Reporting by Jane Roe; Editing by John Doe
"""


def opened(qtbot, reading) -> ReviewWindow:
    """The review a reading opens, once the article's statements are proposed, shown as the editor sees it."""
    with qtbot.waitSignal(reading.opened, timeout=20_000) as blocker:
        pass
    review = blocker.args[0]
    qtbot.waitExposed(review)
    return review


@pytest.fixture
def review(qtbot, window):
    return opened(qtbot, open_article_review(window, PAGE))


@pytest.fixture
def story(qtbot, window):
    """The review of WIRE_STORY, pasted, its focus where the window put it."""
    review = opened(qtbot, review_pasted_text(window, WIRE_STORY))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
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


def _key(qtbot, review, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key, and wait for what it stored (an accept runs on the workspace's writer thread)."""
    runner = review.runner
    qtbot.keyClick(QApplication.focusWidget() or review, key, modifier)
    qtbot.waitUntil(lambda: runner.idle)


def _click(qtbot, button, runner):
    """Click a button, and wait for what it stored."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.idle)


def _answers(qtbot, review):
    """What the proposal shown may answer, once the window has worked it out in the background."""
    qtbot.waitUntil(lambda: not review.looking_for_answers)
    return review.suggestions.suggestions


def _links_from(window, statement_id):
    with window.db.reading() as session:
        return [(link.to_id, link.type) for link in session.exec(select(Link).where(Link.from_id == statement_id)).scalars()]


# Opening and the keyboard


def test_it_opens_on_the_first_proposal_with_every_span_highlighted(review):
    assert review.current == 0
    assert len(review.article_view.extraSelections()) == len(review.items) == 2
    assert review.summary.text() == "2 proposed · 0 accepted · 0 rejected · 2 to review"
    assert review.editor.speaker.text() == "Dmitry Peskov", "folded onto the seed's speaker"
    assert review.editor.note.text() == "To review."


def test_focus_starts_in_the_proposal_list_and_letters_act_at_once(qtbot, story):
    assert QApplication.focusWidget() is story.list
    _key(qtbot, story, Qt.Key.Key_N)
    assert story.current == 1
    assert story.article_date.text() == "2021-11-13", "no letter was typed into the article's date"


def test_keys_move_reject_and_accept(qtbot, story):
    assert len(story.items) == 3
    _key(qtbot, story, Qt.Key.Key_N)
    assert story.current == 1
    _key(qtbot, story, Qt.Key.Key_J)
    assert story.current == 2
    _key(qtbot, story, Qt.Key.Key_K)
    _key(qtbot, story, Qt.Key.Key_P)
    assert story.current == 0
    _key(qtbot, story, Qt.Key.Key_R)
    assert story.items[0].status == Status.REJECTED and story.current == 1
    _key(qtbot, story, Qt.Key.Key_A)
    assert story.items[1].status == Status.ACCEPTED and story.current == 2
    _key(qtbot, story, Qt.Key.Key_Return)
    assert story.items[2].status == Status.ACCEPTED
    assert story.summary.text() == "3 proposed · 2 accepted · 1 rejected · 0 to review"
    _key(qtbot, story, Qt.Key.Key_P)
    _key(qtbot, story, Qt.Key.Key_Delete)
    assert story.items[1].status == Status.ACCEPTED, "an accepted statement is undone with Edit > Undo, not rejected"


def test_a_click_in_the_article_shows_the_proposal_there(qtbot, story):
    view = story.article_view
    position = view.toPlainText().index("Dmytro Kuleba said")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(_cursor_at(view, position)).center())
    assert story.current == 2 and story.editor.speaker.text() == "Dmytro Kuleba"


def _cursor_at(view, position):
    cursor = view.textCursor()
    cursor.setPosition(position + 3)
    return cursor


def test_letters_typed_in_a_text_field_stay_in_it(qtbot, story):
    story.editor.speaker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is story.editor.speaker)
    story.editor.speaker.selectAll()
    qtbot.keyClicks(story.editor.speaker, "Anna Prendergast")
    assert story.editor.speaker.text() == "Anna Prendergast"
    assert story.current == 0 and story.items[0].status == Status.PENDING, "neither N, A, R nor E acted"
    _key(qtbot, story, Qt.Key.Key_E)
    _key(qtbot, story, Qt.Key.Key_Delete)
    assert story.editor.speaker.text() == "Anna Prendergaste", "E is typed, Delete deletes (nothing, at the end)"
    assert story.items[0].status == Status.PENDING and QApplication.focusWidget() is story.editor.speaker
    story.article_date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is story.article_date)
    story.article_date.end(False)
    _key(qtbot, story, Qt.Key.Key_Backspace)
    _key(qtbot, story, Qt.Key.Key_4)
    _key(qtbot, story, Qt.Key.Key_Return)
    assert story.article.published_on == date(2021, 11, 14), "Enter applies the date"
    assert story.items[0].status == Status.PENDING, "Enter in the date field does not accept the statement"
    qtbot.waitUntil(lambda: story.items[2].proposal.said_on == date(2021, 11, 11))  # Thursday before Sunday 14 November


def test_enter_on_a_focused_button_presses_that_button(qtbot, story):
    story.buttons["reject"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is story.buttons["reject"])
    _key(qtbot, story, Qt.Key.Key_Return)
    assert story.items[0].status == Status.REJECTED


def test_escape_closes_at_once_when_nothing_is_left_to_decide(qtbot, story):
    story.confirm_close = asked = []
    for _ in story.items:
        _key(qtbot, story, Qt.Key.Key_R)
    with qtbot.waitSignal(story.destroyed):
        _key(qtbot, story, Qt.Key.Key_Escape)
    assert asked == []


def test_escape_asks_first_when_proposals_are_left(qtbot, story):
    answers, asked = [False, True], []

    def confirm(pending):
        asked.append(pending)
        return answers.pop(0)

    story.confirm_close = confirm
    _key(qtbot, story, Qt.Key.Key_A)
    _key(qtbot, story, Qt.Key.Key_Escape)
    assert asked == [2] and story.isVisible(), "No keeps the window open"
    with qtbot.waitSignal(story.destroyed):
        _key(qtbot, story, Qt.Key.Key_Escape)
    assert asked == [2, 2]


def test_the_question_is_a_plain_yes_or_no_naming_how_many_are_left(qtbot, story):
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen.update(text=box.text(), format=box.textFormat(), buttons=box.standardButtons())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    _key(qtbot, story, Qt.Key.Key_Escape)
    assert seen["text"].startswith("3 proposed statements are not accepted or rejected yet.")
    assert seen["format"] == Qt.TextFormat.PlainText
    assert seen["buttons"] == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert story.isVisible()


def test_closing_from_code_does_not_ask(qtbot, story):
    story.confirm_close = None  # would fail if called
    with qtbot.waitSignal(story.destroyed):
        story.close()


# What is proposed, and when it was said


def test_only_statements_of_the_copy_are_proposed_and_dated_from_the_dateline(story):
    assert [(i.proposal.speaker, i.proposal.text, i.proposal.said_on) for i in story.items] == [
        ("Dmitry Peskov", "Russian troops posed no threat to anyone", date(2021, 11, 12)),
        ("Dmitry Peskov", "We are not planning any attack on anyone", date(2021, 11, 12)),
        ("Dmytro Kuleba", "Russia had massed troops near the border", date(2021, 11, 11)),
    ]
    assert story.article_date.text() == "2021-11-13"
    shown = story.article_view.toPlainText()
    for furniture in ("Image: AP", "Share  Tweet  Email"):
        assert furniture not in shown
    for kept in ("Kremlin Dismisses Reports Of Troop Build-Up", "By Jane Roe", "• Kyiv says", "Reporting by Jane Roe"):
        assert kept in shown, "headlines, bylines, bullets and credits stay in the text, unproposed"


def test_an_accepted_span_points_at_its_words_in_the_stored_text(qtbot, story, window):
    _key(qtbot, story, Qt.Key.Key_A)
    statement = catalog.get(window.db, Statement, story.items[0].statement_id)
    document = catalog.get(window.db, Document, statement.document_id)
    assert "Image: AP" not in document.text and document.published_on == date(2021, 11, 13)
    assert document.text[statement.span_start:statement.span_end] == (
        "Kremlin spokesman Dmitry Peskov said on Friday that Russian troops posed no threat to anyone."
    )
    assert statement.said_on == date(2021, 11, 12)


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
    assert window.comparison_model.rowCount() > 0 and len(review.article_view.extraSelections()) == 2
    _key(qtbot, review, Qt.Key.Key_P)
    assert review.editor.note.text() == f"Accepted as statement #{statement.id}."


def test_edits_are_kept_and_stored(qtbot, review, window):
    _key(qtbot, review, Qt.Key.Key_E)
    assert QApplication.focusWidget() is review.editor.text
    qtbot.keyClicks(review.editor.text, "Denied any plan to invade")
    review.editor.speaker.setText("The Kremlin")
    review.editor.speaker.textEdited.emit("The Kremlin")
    _click(qtbot, review.buttons["accept"], window.runner)
    statement = catalog.get(window.db, Statement, review.items[0].statement_id)
    assert statement.text == "Denied any plan to invade"
    assert catalog.get(window.db, Speaker, statement.speaker_id).name == "the Kremlin"


def test_a_bad_date_is_explained_and_nothing_is_stored(qtbot, review, window, errors):
    review.editor.said_on.setText("next Friday")
    qtbot.mouseClick(review.buttons["accept"], Qt.MouseButton.LeftButton)
    assert errors and "not a date" in errors[0]
    assert review.items[0].status == Status.PENDING


# What a statement answers


def test_the_suggestions_are_always_for_the_proposal_shown(qtbot, review):
    first, second = review.items
    assert {s.side for s in _answers(qtbot, review)} == {"United States"}
    assert review.answering_label.text().startswith("Dmitry Peskov: “Dismissed reports")
    _key(qtbot, review, Qt.Key.Key_A)
    assert review.current == 1 and first.status == Status.ACCEPTED
    assert _answers(qtbot, review)
    assert review.answering_label.text().startswith("Dmitry Peskov: “Russia poses no threat"), "not the one just accepted"
    _key(qtbot, review, Qt.Key.Key_P)
    assert _answers(qtbot, review)
    assert review.answering_label.text().startswith("Dmitry Peskov: “Dismissed reports")


@pytest.fixture
def blocked(monkeypatch):
    """suggest_for_proposal held until `release` is set: the proposals it was asked about, and the threads."""
    release, asked, threads = threading.Event(), [], []
    suggest = review_window_module.suggest_for_proposal

    def held(db, proposal):
        asked.append(proposal.text)
        threads.append(threading.current_thread())
        assert release.wait(10), "never released"
        return suggest(db, proposal)

    monkeypatch.setattr(review_window_module, "suggest_for_proposal", held)
    yield release, asked, threads
    release.set()


def test_an_accept_returns_before_what_the_next_proposal_answers_is_worked_out(qtbot, story, blocked):
    release, asked, threads = blocked
    _answers(qtbot, story)
    asked.clear()
    _key(qtbot, story, Qt.Key.Key_A)
    assert story.items[0].status == Status.ACCEPTED and story.current == 1, "the accept returned"
    assert story.looking_for_answers and story.suggestions.rowCount() == 0
    assert story.answering_label.text() == "Dmitry Peskov: “We are not planning any attack on anyone”: looking for what it may answer…"
    assert not any(button.isEnabled() for button in story.link_buttons.values())
    qtbot.waitUntil(lambda: asked == ["We are not planning any attack on anyone"])
    ticked = []
    QTimer.singleShot(0, partial(ticked.append, True))
    qtbot.waitUntil(lambda: ticked == [True])  # the window handles events while the suggestions are worked out
    _key(qtbot, story, Qt.Key.Key_N)  # on to the next before they are found: they are dropped
    release.set()
    _answers(qtbot, story)
    assert asked == ["We are not planning any attack on anyone", "Russia had massed troops near the border"], "once each"
    assert all(thread is not threading.main_thread() for thread in threads)
    assert story.answering_label.text().startswith("Dmytro Kuleba: “Russia had massed troops")


def test_closing_the_window_waits_for_the_suggestions_being_worked_out(qtbot, story, window, blocked):
    release, asked, threads = blocked
    _answers(qtbot, story)
    _key(qtbot, story, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: len(asked) == 1)
    threading.Timer(0.2, release.set).start()
    story.close()
    window.close()
    assert release.is_set() and not threads[0].is_alive(), "the database may close: nothing reads it any more"


def test_linking_the_proposal_shown_accepts_it_links_it_and_says_what_it_linked(qtbot, review, window, landed):
    review.go_to(_row(review, "Dmitry Peskov", "Russia poses no threat"))
    target = _answers(qtbot, review)[0]
    assert target.side == "United States"
    _click(qtbot, review.link_buttons["rebuts"], window.runner)
    item = review.items[review.current]
    assert item.status == Status.ACCEPTED and review.current == 1, "it stays on the statement it linked"
    assert _links_from(window, item.statement_id) == [(target.statement_id, "rebuts")]
    assert review.link_result.text().startswith("Linked: Dmitry Peskov: “Russia poses no threat to anyone We are not planning")
    assert f"” rebuts {target.speaker}: “{target.text[:40]}" in review.link_result.text()
    assert target.statement_id not in {s.statement_id for s in _answers(qtbot, review)}
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert item.status == Status.PENDING and catalog.get(window.db, Statement, item.statement_id) is None, "one undo step"


def test_a_stored_statement_links_to_the_chosen_suggestion(qtbot, review, window):
    _key(qtbot, review, Qt.Key.Key_A)
    _key(qtbot, review, Qt.Key.Key_P)
    statement_id = review.items[0].statement_id
    target = _answers(qtbot, review)[1]
    review.suggestion_list.setCurrentIndex(review.suggestions.index(1, 0))
    _click(qtbot, review.link_buttons["responds_to"], window.runner)
    assert _links_from(window, statement_id) == [(target.statement_id, "responds_to")]
    assert " responds to " in review.link_result.text()


# Statements already in the database


def test_the_seed_articles_statements_are_marked_already_in_the_database_with_the_reason(qtbot, window):
    review = opened(qtbot, open_article_review(window, SEED_ARTICLE))
    assert all(item.status == Status.KNOWN for item in review.items)
    count = len(review.items)
    assert review.summary.text() == f"{count} proposed · {count} already in the database · 0 accepted · 0 rejected · 0 to review"
    item = review.items[review.current]
    reason = f"already in the database: statement #{item.statement_id} was taken from this passage"
    assert review.editor.note.text() == reason[:1].upper() + reason[1:] + "."
    assert review.model.index(review.current, 0).data().startswith("≡ ")
    assert reason[1:] in review.model.index(review.current, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not review.buttons["accept"].isEnabled() and not review.editor.text.isEnabled()
    peskov = _row(review, "Dmitry Peskov", "Russian military movements")
    review.go_to(peskov)
    stored = catalog.get(window.db, Statement, review.items[peskov].statement_id)
    assert review.editor.text.toPlainText() == stored.text, "the form shows the statement as stored"
    assert review.editor.said_on.text() == "2021-11-12" == stored.said_on.isoformat(), "though the article has no date"
    assert "Last Updated:" not in review.article_view.toPlainText() and "Image: AP" not in review.article_view.toPlainText()
    with qtbot.waitSignal(review.destroyed):
        _key(qtbot, review, Qt.Key.Key_Escape)  # nothing left to decide: no question


def test_the_same_words_of_the_same_speaker_elsewhere_are_marked_with_the_statement(qtbot, story, window):
    _key(qtbot, story, Qt.Key.Key_A)
    statement_id = story.items[0].statement_id
    retold = "Peskov speaks\n\nDmitry Peskov said Russian troops posed no threat to anyone, TASS reported.\n"
    other = opened(qtbot, review_pasted_text(window, retold))
    (item,) = other.items
    assert item.status == Status.KNOWN and item.statement_id == statement_id
    assert other.editor.note.text() == f"Already in the database: same text and speaker as statement #{statement_id}."


def test_undo_removes_an_accepted_statement_and_redo_brings_it_back(qtbot, review, window, landed):
    _key(qtbot, review, Qt.Key.Key_A)
    statement_id = review.items[0].statement_id
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert catalog.get(window.db, Statement, statement_id) is None
    assert review.items[0].status == Status.PENDING
    with window.db.reading() as session:
        assert session.exec(select(func.count()).select_from(Document)).one()[0] == 1, "the article's document went too"
    window.actions["redo"].trigger()
    landed.settle(window.runner)
    assert catalog.get(window.db, Statement, statement_id) is not None
    assert review.items[0].status == Status.ACCEPTED


def _threads_calling(monkeypatch, module, name: str) -> list:
    """The threads `module.name` is called from, from now on."""
    threads, function = [], getattr(module, name)

    def called(*args):
        threads.append(threading.current_thread())
        return function(*args)

    monkeypatch.setattr(module, name, called)
    return threads


def test_the_article_date_dates_pending_proposals_off_the_gui_thread(qtbot, review, monkeypatch):
    readers = _threads_calling(monkeypatch, review_window_module, "propose")
    row = _row(review, "Dmitry Peskov", "Dismissed")
    review.article_date.setText("2021-11-20")
    review.article_date.editingFinished.emit()
    qtbot.waitUntil(lambda: review.items[row].proposal.said_on.isoformat() == "2021-11-19")
    assert review.editor.said_on.text() == "2021-11-19", "the form shows the new date"
    assert len(readers) == 1 and readers[0] is not threading.main_thread()


def test_hostile_text_is_shown_as_characters(qtbot, window):
    review = opened(qtbot, review_pasted_text(window, "<b>Bold claims</b>\n\nPeskov said that <img src=x> was harmless.\n"))
    assert "<img src=x>" in review.article_view.toPlainText()
    assert review.title.textFormat() == Qt.TextFormat.PlainText and review.title.text() == "<b>Bold claims</b>"
    assert "<img src=x>" in review.model.index(0, 0).data()
    assert "&lt;img src=x&gt;" in review.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert review.editor.text.toPlainText() == "<img src=x> was harmless"


def test_item_models_pass_the_model_tester(qtbot, qtmodeltester, review):
    qtmodeltester.check(review.model)
    review.go_to(_row(review, "Dmitry Peskov", "Dismissed"))
    review.accept_current()
    qtbot.waitUntil(lambda: not review.looking_for_answers)
    qtmodeltester.check(review.suggestions)


def test_menus_offer_import_and_paste(qtbot, window):
    assert window.actions["import_article"].shortcut().toString() == "Ctrl+I"
    assert window.actions["paste_article"].shortcut().toString() == "Ctrl+Shift+V"
    QApplication.clipboard().setText("Kyiv rejected the claims of an imminent attack, Ukrinform reported.")
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
    readers = _threads_calling(monkeypatch, reading_module, "open_review")
    reading = review_pasted_text(window, _long_article(300))
    review = opened(qtbot, reading)
    assert len(review.items) == 3 * 300
    assert len(readers) == 1 and readers[0] is not threading.main_thread()


def test_a_cancelled_reading_opens_no_review(qtbot, window):
    reading = review_pasted_text(window, _long_article(600))
    with qtbot.waitSignal(reading.destroyed, timeout=20_000):
        reading.progress.findChild(QPushButton).click()  # the dialog's Cancel
    assert window.findChildren(ReviewWindow) == []
