"""A side's colour comes from its name, the same in every new file whatever order the sides came in."""

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QPushButton

from desktop.domain.entities import Side
from desktop.domain.side_colours import side_colour
from desktop.services import catalog
from desktop.services.importing import import_files
from desktop.storage.database import Database
from desktop.ui.dialogs import SideDialog
from importing_helpers import write

CAMPS = ("Russia", "Ukraine", "United States", "NATO", "Belarus", "Moldova")


def _colours(db) -> dict[str, str]:
    return {side.name: side.colour for side in catalog.all_rows(db, Side)}


def _imported(tmp_path, name, sides) -> dict[str, str]:
    rows = "".join(f"Statement {number} of {side},Speaker of {side},{side}\n" for number, side in enumerate(sides))
    db = Database(tmp_path / f"{name}.parallax")
    try:
        assert import_files(db, [write(tmp_path, f"{name}.csv", "text,speaker,side\n" + rows)]).committed
        return _colours(db)
    finally:
        db.close()


def test_a_name_always_asks_for_the_same_colour():
    assert side_colour("Russia") == side_colour("  russia ") == side_colour("RUSSIA") == "#c0392b"
    assert side_colour("The United States") == side_colour("USA") == "#1f6fb4"
    assert side_colour("Belarus") == side_colour("belarus")
    assert side_colour("Belarus") not in {side_colour(camp) for camp in ("Russia", "Ukraine", "United States", "NATO")}


def test_a_colour_already_used_in_the_file_is_avoided_the_same_way_every_time():
    first = side_colour("Belarus")
    second = side_colour("Belarus", taken=[first])
    assert second != first and second == side_colour("Belarus", taken=[first.upper()])
    everything = [side_colour(f"camp {n}") for n in range(40)]
    assert side_colour("Russia", taken=everything) == "#c0392b", "a well-known camp keeps its colour while it is free"


def test_imports_give_each_side_the_same_colour_whatever_the_order(tmp_path):
    forwards = _imported(tmp_path, "forwards", CAMPS)
    backwards = _imported(tmp_path, "backwards", reversed(CAMPS))
    well_known = ("Russia", "Ukraine", "United States", "NATO")
    assert {n: forwards[n] for n in well_known} == {n: backwards[n] for n in well_known}
    assert forwards["Russia"] == "#c0392b" and forwards["Ukraine"] == "#e0a800"
    assert len(set(forwards.values())) == len(CAMPS) and len(set(backwards.values())) == len(CAMPS)


def test_the_seed_and_an_import_agree(tmp_path, seeded_db):
    imported = _imported(tmp_path, "ukraine-first", ["Ukraine", "Russia", "United States"])
    assert _colours(seeded_db) == imported


def test_an_article_accepted_into_an_empty_file_draws_russia_red(db):
    from test_extraction_service import _proposal, _seed_article
    from desktop.services.extraction import AcceptProposal, open_review

    review = open_review(db, _seed_article())
    AcceptProposal(_proposal(review, "Dmitry Peskov", "Russian military movements"), review.article).apply(db)
    assert _colours(db)["Russia"] == "#c0392b"


def test_a_new_side_takes_the_colour_of_its_name_until_one_is_picked(qtbot, monkeypatch):
    dialog = SideDialog(None, taken=["#c0392b"])
    qtbot.addWidget(dialog)
    dialog.name.setText("Ukraine")
    assert dialog.values()["colour"] == "#e0a800"
    dialog.name.setText("Russia")
    assert dialog.values()["colour"] == side_colour("Russia", ["#c0392b"]) != "#c0392b", "red is taken in this file"
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#123456"))
    dialog.findChild(QPushButton, "sideColour").click()
    dialog.name.setText("Ukraine")
    assert dialog.values()["colour"] == "#123456", "a picked colour stays"


@pytest.mark.parametrize("colour", ["#123456", "#1f6fb4"])
def test_editing_a_side_keeps_its_colour(qtbot, colour):
    dialog = SideDialog(None, initial={"name": "Russia", "colour": colour})
    qtbot.addWidget(dialog)
    dialog.name.setText("Russian Federation")
    assert dialog.values()["colour"] == colour
