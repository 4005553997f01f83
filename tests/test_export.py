"""Exports: CSV neutralisation, ClaimReview structure, the brief (HTML escaping, PDF), the chart."""

import csv
import json
import unicodedata

import pytest
from PySide6.QtGui import QImage

from desktop.domain.entities import Document, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.exporting import brief
from desktop.services.exporting.brief import brief_html
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


def test_the_brief_html_escapes_everything_and_links_only_web_addresses(seeded_db):
    speaker = speaker_named(seeded_db, "Dmitry Peskov").id
    with seeded_db.transaction() as session:
        session.add(Document(id=99, title="<b>Doc</b>", url="javascript:alert(2)"))
    CreateRecord(Statement, {"text": "<script>alert(1)</script> & <img src=x>", "speaker_id": speaker,
                             "url": "https://example.org/?a=1&b=<2>", "verdict": "<i>False</i>", "document_id": 99}).apply(seeded_db)
    page = brief_html(seeded_db, StatementFilter(), 1, 2)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;" in page
    assert "<i>False</i>" not in page and "&lt;i&gt;False&lt;/i&gt;" in page
    assert '<a href="https://example.org/?a=1&amp;b=&lt;2&gt;">' in page
    assert 'href="javascript' not in page and "javascript:alert(2) (not a web link; not linked)" in page
    assert page.count('<p class="text">') == 17
    for needle in ("Dmitry Peskov", "Kremlin spokesperson", "Sputnik", "12 Nov 2021"):
        assert needle in page


def test_a_brief_holds_a_readable_number_of_statements_and_says_how_many_more_match(seeded_db, monkeypatch):
    monkeypatch.setattr(brief, "BRIEF_STATEMENTS", 5)
    page = brief_html(seeded_db, StatementFilter(), 1, 2)
    shown = page.count('<p class="text">')
    assert 5 <= shown < 16  # a page of rows may end with the answers to its claims
    assert f"the first {shown} of 16 statements, oldest first; narrow the filter" in page
    monkeypatch.setattr(brief, "BRIEF_STATEMENTS", 16)
    assert "narrow the filter" not in brief_html(seeded_db, StatementFilter(), 1, 2)


def test_the_brief_pdf_is_a_pdf_with_the_statements(qapp, seeded_db, tmp_path):
    from pypdf import PdfReader

    from desktop.ui.exporting.brief_pdf import write_brief_pdf

    path = tmp_path / "brief.pdf"
    assert write_brief_pdf(seeded_db, path, StatementFilter(), 1, 2) == 16
    assert path.read_bytes().startswith(b"%PDF")
    reader = PdfReader(path)
    text = unicodedata.normalize("NFKC", " ".join(" ".join(page.extract_text().split()) for page in reader.pages))
    assert len(reader.pages) >= 2
    for statement in statements(seeded_db):
        assert " ".join(statement.text.split())[:40] in text
    assert "Reported by Sputnik" in text and "Kremlin spokesperson" in text


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
