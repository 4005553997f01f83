"""The inspector shows only what the comparison shows, and every link of a statement in full."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle
from sqlalchemy import select

from desktop.domain.entities import Speaker, Statement
from desktop.services import catalog
from desktop.services.cards import statement_detail


def _most_linked(db) -> int:
    with db.reading() as session:
        ids = list(session.execute(select(Statement.id)).scalars())
    return max(ids, key=lambda statement_id: len(statement_detail(db, statement_id).links))


def _peskov(db) -> int:
    return next(s.id for s in catalog.all_rows(db, Speaker) if s.name == "Dmitry Peskov")


def _blinken_statement(db) -> int:
    with db.reading() as session:
        return session.execute(
            select(Statement.id).join(Speaker, Speaker.id == Statement.speaker_id).where(Speaker.name == "Antony Blinken")
        ).scalars().first()


def test_a_statement_the_filter_hides_is_no_longer_inspected(qtbot, window):
    hidden = _blinken_statement(window.db)
    window.state.select_statement(hidden)
    assert window.inspector.details.isVisibleTo(window.inspector)
    window.state.update_filter(speaker_id=_peskov(window.db))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert window.state.selected is None
    assert window.inspector.placeholder.isVisibleTo(window.inspector)
    assert not window.inspector.details.isVisibleTo(window.inspector)
    assert not window.actions["edit_statement"].isEnabled() and not window.actions["delete_statement"].isEnabled()


def test_a_statement_the_filter_still_shows_stays_inspected(qtbot, window):
    window.state.update_filter(speaker_id=_peskov(window.db))
    qtbot.waitUntil(lambda: window.view_is_complete)
    shown = window.comparison_model.first_statement()
    window.state.select_statement(shown)
    word = max(catalog.get(window.db, Statement, shown).text.split(), key=len).strip(".,“”\"")
    window.state.update_filter(text=word)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert window.comparison_model.index_of(shown).isValid()
    assert window.state.selected == shown and window.inspector.details.isVisibleTo(window.inspector)


def test_every_link_is_shown_in_full_with_its_kind_in_words(qtbot, window):
    window.state.select_statement(_most_linked(window.db))
    links = window.inspector.links
    assert links.count() >= 5
    first_lines = [links.item(row).text().split("\n")[0] for row in range(links.count())]
    assert all(line.split(" ")[0] in {"Rebuts", "Rebutted", "Supports", "Supported", "Responds", "Answered", "Repeats", "Repeated"}
               for line in first_lines), first_lines
    qtbot.waitUntil(lambda: links.width() > 100)
    qtbot.waitUntil(lambda: links.verticalScrollBar().maximum() == 0)  # the list is as tall as its entries
    for row in range(links.count()):
        item = links.item(row)
        rect = links.visualItemRect(item)
        margin = links.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, links) + 1  # Qt's text margin
        needed = links.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 2 * margin, 10_000), Qt.TextFlag.TextWordWrap, item.text())
        assert rect.height() >= needed.height(), item.text()


def test_the_links_list_rewraps_when_the_inspector_narrows(qtbot, window):
    window.state.select_statement(_most_linked(window.db))
    links = window.inspector.links
    qtbot.waitUntil(lambda: links.width() > 100)
    wide = links.height()
    window.resizeDocks([window.docks["inspector"]], [260], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: links.height() > wide)
    qtbot.waitUntil(lambda: links.verticalScrollBar().maximum() == 0)
