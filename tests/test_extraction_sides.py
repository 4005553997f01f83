"""Sides: the database's sides with their cue words, camps not yet sides proposed under their own name,
and `parallax extract --db` reading an article against the database as the review window does."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.entities import Side, Speaker
from desktop.domain.extraction import Context, KnownSide, extract
from desktop.services import catalog
from desktop.services.articles import article_from_text
from desktop.services.exporting.parallax_json import write_parallax_json
from desktop.services.extraction import AcceptProposal, context_for, open_review
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord
from desktop.storage.database import Database


def _side(text: str, *sides) -> str | None:
    (proposal,) = extract(text, Context(sides=sides))
    return proposal.side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ('"The drills are a stern warning," a Chinese foreign ministry spokesman said.', "China"),
        ('The foreign ministry in Beijing said the sale "seriously violates" the agreement.', "China"),
        ('"We will answer," a Hamas official said on Sunday.', "Hamas"),
        ('Taiwanese Defence Minister Wellington Koo said the patrols would go on.', "Taiwan"),
        ('"We will not give up our land," Zelenskiy said in a video address.', "Ukraine"),
        ('"The talks are over," a senior U.S. official said.', "United States"),
        ("U.S. officials said the shipment had been delayed.", "United States"),
        ('"We are confident in the aircraft," a Boeing spokesperson said.', "Boeing"),
        ("The Federal Aviation Administration said it would review the data.", "Federal Aviation Administration"),
        ("Russia's ambassador to the United States, Anatoly Antonov, said the claims were baseless.", "Russia"),
    ],
)
def test_a_camp_not_yet_a_side_is_proposed_under_its_own_name(text, side):
    assert _side(text) == side


@pytest.mark.parametrize(
    "text",
    ["Officials said the road would stay closed.", "The Foreign Ministry said it would respond.", "Police said the road was closed."],
)
def test_a_body_named_only_by_what_it_is_is_no_camp(text):
    assert _side(text) is None


def test_a_database_side_is_found_by_its_cue_words():
    riverside = KnownSide("Riverside tenants", ("Residents association", "Maple Court"))
    assert _side('"The increase is unlawful," Maple Court spokeswoman Ann Lee said.', riverside) == "Riverside tenants"
    assert _side("Residents association chair Ann Lee said the increase was unlawful.", riverside) == "Riverside tenants"
    assert _side("The council said the rent rise was lawful.", riverside) is None


def test_a_database_side_that_is_a_known_camp_keeps_the_camps_cue_words_under_its_own_name():
    federation = KnownSide("Russian Federation", ("Russia",))
    assert _side("The Kremlin said the talks had failed.", federation) == "Russian Federation"
    assert _side("The Kremlin said the talks had failed.", "russia") == "russia"


def _database_with_sides(path) -> Database:
    db = Database(path)
    CreateRecord(Side, {"name": "Riverside tenants", "colour": "#123456", "cues": ["Residents association"]}).apply(db)
    CreateRecord(Side, {"name": "PRC", "colour": "#c0392b", "cues": ["Chinese government"]}).apply(db)
    return db


def test_the_review_window_reads_sides_and_their_cue_words_from_the_database(tmp_path):
    db = _database_with_sides(tmp_path / "sides.parallax")
    try:
        with db.reading() as session:
            sides = context_for(session, None).sides
        assert KnownSide("Riverside tenants", ("Residents association",)) in sides
        article = article_from_text("Residents association chair Ann Lee said the increase was unlawful.")
        assert [p.side for p in open_review(db, article).proposals] == ["Riverside tenants"]
    finally:
        db.close()


def test_parallax_extract_with_db_uses_that_databases_sides(tmp_path):
    db = _database_with_sides(tmp_path / "sides.parallax")
    db.close()
    article = tmp_path / "article.txt"
    article.write_text(
        "Residents association chair Ann Lee said the increase was unlawful.\n\n"
        "A Beijing spokesman said the visit was a provocation.\n",
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "desktop", "extract", str(article)]
    with_db = subprocess.run([*run, "--db", str(tmp_path / "sides.parallax")], capture_output=True, text=True, timeout=120)
    without = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert with_db.returncode == 0 == without.returncode, with_db.stderr + without.stderr
    assert [p["side"] for p in json.loads(with_db.stdout)] == ["Riverside tenants", "PRC"]
    assert [p["side"] for p in json.loads(without.stdout)] == [None, "China"]


def test_accepting_a_new_camp_creates_the_side_with_its_cue_words(db):
    article = article_from_text('"The drills are a stern warning," a Chinese foreign ministry spokesman said.')
    review = open_review(db, article)
    (proposal,) = review.proposals
    operation = AcceptProposal(proposal, review.article)
    operation.apply(db)
    speaker = catalog.get(db, Speaker, operation.created["speaker"])
    side = catalog.get(db, Side, speaker.side_id)
    assert side.name == "China" and {"Beijing", "Chinese"} <= set(side.cues)
    operation.revert(db)
    assert catalog.get(db, Side, side.id) is None


def test_cue_words_go_out_with_an_export_and_come_back_with_an_import(tmp_path):
    db = _database_with_sides(tmp_path / "out.parallax")
    try:
        write_parallax_json(db, tmp_path / "all.json")
    finally:
        db.close()
    assert {"name": "PRC", "colour": "#c0392b", "cues": ["Chinese government"]} in json.loads(
        (tmp_path / "all.json").read_text(encoding="utf-8")
    )["sides"]
    again = Database(tmp_path / "in.parallax")
    try:
        import_files(again, [tmp_path / "all.json"])
        assert {s.name: s.cues for s in catalog.all_rows(again, Side)} == {
            "Riverside tenants": ["Residents association"], "PRC": ["Chinese government"],
        }
    finally:
        again.close()


def test_the_side_dialog_edits_cue_words_and_a_new_known_camp_starts_with_its_own(qtbot):
    from desktop.ui.dialogs import SideDialog

    new = SideDialog(None)
    qtbot.addWidget(new)
    new.name.setText("China")
    assert {"Beijing", "Chinese", "Xi Jinping"} <= set(new.values()["cues"])
    new.name.setText("Riverside tenants")
    assert new.values()["cues"] == []
    new.cues.insertPlainText("Maple Court\n\n  Residents association \nMaple Court")  # as typed
    new.name.setText("China")
    assert new.values()["cues"] == ["Maple Court", "Residents association"], "what the editor typed stays, once each"

    editing = SideDialog(None, initial={"name": "PRC", "colour": "#c0392b", "cues": ["Chinese government"]})
    qtbot.addWidget(editing)
    editing.name.setText("China")
    assert editing.values() == {"name": "China", "colour": "#c0392b", "cues": ["Chinese government"]}


def test_the_seeds_sides_carry_the_cue_words_of_their_camps(seeded_db):
    cues = {side.name: side.cues for side in catalog.all_rows(seeded_db, Side)}
    assert {"Kremlin", "Moscow", "Putin"} <= set(cues["Russia"]) and "Zelenskiy" in cues["Ukraine"]


def test_a_database_of_the_first_release_is_upgraded_to_sides_without_cue_words(tmp_path):
    path = tmp_path / "first.parallax"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-0001.parallax", path)
    db = Database(path)
    try:
        sides = catalog.all_rows(db, Side)
        assert sides and all(side.cues == [] for side in sides)
        article = article_from_text("The Kremlin said the talks had failed.")
        assert [p.side for p in open_review(db, article).proposals] == ["Russia"], "named for a camp: the camp's cue words"
    finally:
        db.close()
