"""Exports: CSV neutralisation, ClaimReview structure, the chart (the brief: test_brief.py)."""

import csv
import json

import pytest
from PySide6.QtGui import QImage

from desktop.domain.entities import Statement
from desktop.domain.filters import StatementFilter
from desktop.services.exporting.claimreview import write_claimreview
from desktop.services.exporting.csv_export import neutralise, write_csv
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord, UpdateRecord
from desktop.services.timeline import Bucket
from desktop.storage.database import Database
from importing_helpers import speaker_named, statements

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "<img src=file:///etc/passwd>"]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"


def test_csv_export_neutralises_cells_and_imports_back_unchanged(seeded_db, tmp_path):
    speaker = speaker_named(seeded_db, "Dmitry Peskov").id
    for text in HOSTILE:
        CreateRecord(Statement, {"text": text, "speaker_id": speaker}).apply(seeded_db)
    path = tmp_path / "out.csv"
    assert write_csv(seeded_db, path) == 16 + len(HOSTILE)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    texts = [row["text"] for row in rows[-len(HOSTILE):]]
    assert texts == ["'" + t if t[0] in "=+-@\t\r" else t for t in HOSTILE]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
    empty = Database(tmp_path / "empty.parallax")
    try:
        summary = import_files(empty, [path])
        assert summary.committed and summary.imported == 16 + len(HOSTILE), summary.report()
        assert [s.text for s in statements(empty)][-len(HOSTILE):] == [t.strip() for t in HOSTILE]  # cells are trimmed
        assert summary.links == 14  # the rebuts and responds-to links; CSV has no column for supports or repeats
    finally:
        empty.close()


def test_claimreview_export_structure(seeded_db, tmp_path):
    rows = statements(seeded_db)
    UpdateRecord(Statement, rows[0].id, {"verdict": "Misleading", "rating_value": 2.0, "rating_best": 5.0,
                                          "rating_worst": 1.0, "verdict_explanation": "Partly",
                                          "url": "https://example.org/claim"}).apply(seeded_db)
    UpdateRecord(Statement, rows[1].id, {"verdict": "False"}).apply(seeded_db)
    path = tmp_path / "reviews.jsonld"
    assert write_claimreview(seeded_db, path) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org"
    first = data["@graph"][0]
    assert first["@type"] == "ClaimReview" and first["claimReviewed"] == rows[0].text
    assert first["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading", "ratingValue": 2.0,
                                     "bestRating": 5.0, "worstRating": 1.0, "ratingExplanation": "Partly"}
    claim = first["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"]
    assert claim["author"]["@type"] in ("Person", "Organization")
    if claim["author"]["@type"] == "Person":
        assert claim["author"]["jobTitle"]
    assert claim["appearance"][0]["url"] == "https://example.org/claim"
    assert claim["firstAppearance"]["@type"] == "CreativeWork"
    assert "datePublished" in first
    with seeded_db.reading() as session:
        linked = session.get(Statement, rows[1].id)
    assert linked is not None
    targets = [link["target"] for review in data["@graph"] for link in review["itemReviewed"].get("parallaxLinks", [])]
    assert all(target in {f"#statement-{rows[0].id}", f"#statement-{rows[1].id}"} for target in targets)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_chart_is_saved(qapp, seeded_db, tmp_path, suffix):
    from desktop.ui.exporting.chart_image import save_chart

    path = tmp_path / f"chart{suffix}"
    counts = save_chart(seeded_db, path, StatementFilter(), Bucket.WEEK)
    assert counts.totals() == {"United States": 4, "Russia": 5} and counts.undated == 7
    if suffix == ".png":
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1200, 452) or image.width() == 1200
    else:
        assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<svg" in path.read_text(encoding="utf-8")
