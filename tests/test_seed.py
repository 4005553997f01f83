"""The seed data set loads whole, ties every statement to its passage, or loads nothing."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement
from desktop.services.articles import read_article
from desktop.services.seed import SEED_FILE, load_seed, load_seed_if_empty
from desktop.storage.database import Database
from desktop.storage.queries import effective_side

EXPECTED_STATEMENTS = 16


@pytest.fixture
def seeded(seeded_db):
    return seeded_db


def _statements_by(db: Database, speaker: str) -> list[tuple[Statement, str, str]]:
    """A speaker's statements, each with its side's and outlet's name."""
    with db.reading() as session:
        return session.exec(
            select(Statement, Side.name, Outlet.name)
            .join(Speaker, Statement.speaker_id == Speaker.id)
            .join(Side, effective_side() == Side.id)
            .join(Outlet, Statement.outlet_id == Outlet.id)
            .where(Speaker.name == speaker)
        ).all()


def _copy_seed(tmp_path: Path, change) -> Path:
    """A copy of the seed data set beside its article, with `change` applied to its data."""
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "seed-story.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    shutil.copy(SEED_FILE.parent / data["document"]["text_file"], tmp_path)
    return path


def test_loads_every_statement(db):
    assert load_seed(db) == EXPECTED_STATEMENTS
    with db.reading() as session:
        assert len(session.exec(select(Statement)).all()) == EXPECTED_STATEMENTS


def test_spans_cover_their_excerpts_in_the_article(seeded):
    excerpts = [row["excerpt"] for row in json.loads(SEED_FILE.read_text("utf-8"))["statements"]]
    article = read_article(SEED_FILE.parent / "kremlin-refutes-invasion-reports.txt")
    with seeded.reading() as session:
        document = session.exec(select(Document)).one()
        statements = session.exec(select(Statement).order_by(Statement.id)).all()
    assert document.text == article.text, "the document is the article as reading its file gives it"
    for furniture in ("Last Updated:", "Image: AP", "First Published:"):
        assert furniture not in document.text
    assert document.publisher == "Republic World"
    for statement, excerpt in zip(statements, excerpts, strict=True):
        assert statement.document_id == document.id
        assert 0 <= statement.span_start < statement.span_end <= len(document.text)
        assert document.text[statement.span_start : statement.span_end] == excerpt


def test_direct_quotes_are_the_quoted_words(seeded):
    with seeded.reading() as session:
        text = session.exec(select(Document)).one().text
        quotes = session.exec(select(Statement).where(Statement.is_quote)).all()
    assert quotes
    for quote in quotes:
        passage = text[quote.span_start : quote.span_end]
        assert quote.text.rstrip(".,;:!?") in passage


def test_peskov_speaks_for_russia_via_sputnik_on_friday(seeded):
    rows = _statements_by(seeded, "Dmitry Peskov")
    assert len(rows) >= 4
    for statement, side, outlet in rows:
        assert (side, outlet, statement.said_on) == ("Russia", "Sputnik", date(2021, 11, 12))


def test_blinken_speaks_on_wednesday_via_the_ap(seeded):
    rows = _statements_by(seeded, "Antony Blinken")
    assert rows
    for statement, side, outlet in rows:
        assert (side, outlet, statement.said_on) == (
            "United States",
            "The Associated Press",
            date(2021, 11, 10),
        )


def test_every_us_media_claim_is_rebutted_from_russia(seeded):
    with seeded.reading() as session:
        links = session.exec(select(Link)).all()
        side_of = dict(
            session.exec(
                select(Statement.id, Side.name)
                .join(Speaker, Statement.speaker_id == Speaker.id)
                .join(Side, effective_side() == Side.id)
            ).all()
        )
        claims = [s.id for s, _, _ in _statements_by(seeded, "Several US media outlets")]
    assert links and claims
    assert all(link.from_id != link.to_id for link in links)
    for claim in claims:
        assert any(
            link.to_id == claim and link.type == "rebuts" and side_of[link.from_id] == "Russia"
            for link in links
        )


def test_loads_only_into_an_empty_database(db):
    assert load_seed_if_empty(db) is True
    assert load_seed_if_empty(db) is False
    with db.reading() as session:
        assert len(session.exec(select(Statement)).all()) == EXPECTED_STATEMENTS


def _bad_excerpt(data):
    data["statements"][-1]["excerpt"] = "words the article never printed"


def _ambiguous_excerpt(data):
    data["statements"][-1]["excerpt"] = "Peskov"


def _unknown_link_key(data):
    last = data["statements"][-1]["key"]
    data["links"].append({"from": last, "to": "no-such-key", "type": "rebuts"})


@pytest.mark.parametrize(
    "change, named",
    [
        (_bad_excerpt, "blinken-unaware"),
        (_ambiguous_excerpt, "blinken-unaware"),
        (_unknown_link_key, "no-such-key"),
    ],
)
def test_a_corrupt_data_set_loads_nothing(db, tmp_path, change, named):
    path = _copy_seed(tmp_path, change)
    with pytest.raises(ValueError, match=named):
        load_seed(db, path)
    assert db.is_empty()
