"""Newest-first full-text search agrees with a plain scan, on common and rare words alike."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.domain.entities import Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.search import newest_matches, newest_statements

WORDS = ["border", "troops", "talks", "sanctions", "pipeline", "grain", "envoy", "drills"]


@pytest.fixture
def archive(db):
    """3,000 statements: 'russia' in about half of them, the other words rarer."""
    rng = random.Random(4)
    with db.transaction() as session:
        sides = [Side(name="Russia"), Side(name="United States")]
        session.add_all(sides)
        session.flush()
        speakers = [Speaker(name=f"Speaker {i}", side_id=sides[i % 2].id) for i in range(10)]
        session.add_all(speakers)
        session.flush()
        for number in range(3000):
            words = rng.sample(WORDS, 3) + (["Russia"] if rng.random() < 0.5 else [])
            session.add(
                Statement(
                    text=" ".join(words) + f" {number}",
                    speaker_id=rng.choice(speakers).id,
                    said_on=None if number % 50 == 0 else date(2021, 1, 1) + timedelta(days=rng.randrange(700)),
                )
            )
    return db


def _reference(db, needles, speaker_id=None, limit=100):
    with db.reading() as session:
        rows = session.execute(select(Statement.id, Statement.text, Statement.said_on, Statement.speaker_id)).all()
    hits = [
        row for row in rows
        if all(any(word.casefold().startswith(n) for word in row.text.split()) for n in needles)
        and (speaker_id is None or row.speaker_id == speaker_id)
    ]
    hits.sort(key=lambda row: (row.said_on is not None, row.said_on or date.min, row.id), reverse=True)
    return [row.id for row in hits[:limit]]


@pytest.mark.parametrize("words", ["russia", "russ", "pipeline grain", "envoy drills border", "nothinglikethis"])
def test_newest_matches_equal_a_full_scan(archive, words):
    needles = [word.casefold() for word in words.split()]
    assert newest_matches(archive, words) == _reference(archive, needles)


def test_newest_matches_within_a_filter(archive):
    assert newest_matches(archive, "russia", StatementFilter(speaker_id=3), limit=20) == _reference(
        archive, ["russia"], speaker_id=3, limit=20
    )


def test_search_text_is_never_read_as_fts_syntax(archive):
    assert newest_matches(archive, 'russia" OR * NEAR(') == _reference(archive, ["russia", "or", "near"])
    assert newest_matches(archive, "   ") == []


def test_newest_statements_are_the_newest_of_all_or_the_newest_holding_the_words(archive):
    assert newest_statements(archive, "grain russia", 30) == _reference(archive, ["grain", "russia"], limit=30)
    assert newest_statements(archive, "  ", 30) == _reference(archive, [], limit=30)


def test_kremlin_finds_the_kremlin_spokesperson_in_the_comparison_the_link_dialog_and_the_export(
    qtbot, window, tmp_path, monkeypatch
):
    """The words find a statement by its text, or by its speaker's name, alias or role, or its outlet's name,
    wherever an editor searches."""
    import csv

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from desktop.services import catalog
    from desktop.ui import editing
    from desktop.ui.dialogs import LinkDialog
    from desktop.ui.exporting.formats import ExportScope, export
    from test_main_window import _shown

    db = window.db
    peskov = next(row.id for row in catalog.all_rows(db, Speaker) if row.name == "Dmitry Peskov")
    with db.reading() as session:
        by_peskov = set(session.execute(select(Statement.id).where(Statement.speaker_id == peskov)).scalars())
    source = _shown(window)[0][0]  # a US statement, never itself a match

    window.search_box.setText("Kremlin")
    qtbot.waitUntil(lambda: window.state.filter.text == "Kremlin" and window.view_is_complete)
    model = window.comparison_model
    cells = [model.cell(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    compared = {i for cell in cells if cell and not cell.context and cell.echo is None for i in (cell.id, *cell.folded)}

    listed = []

    class SearchingLinkDialog(LinkDialog):
        """The link dialog, words typed in its Find field: what it lists is kept."""

        def exec(self):
            self.show()
            with qtbot.waitSignal(self.targets.model().modelReset):  # the words looked up, the list made anew
                self.filter.setText("Kremlin")
            listed.extend(self.targets.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.targets.count()))
            self.reject()
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(editing, "LinkDialog", SearchingLinkDialog)
    window.editing.link(source)

    path = tmp_path / "kremlin.csv"
    export(db, "csv", path, ExportScope(window.state.filter))
    with open(path, encoding="utf-8-sig", newline="") as file:
        exported = {int(row["id"]) for row in csv.DictReader(file)}

    assert by_peskov and by_peskov <= compared, "the Kremlin spokesperson's statements are found by his role"
    assert compared == set(listed) == exported == set(newest_statements(db, "Kremlin", 200))
