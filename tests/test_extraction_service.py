"""Proposing, accepting (undoably) and importing an article's statements, and suggesting what they answer."""

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from functools import partial

import pytest
from sqlalchemy import event, func, select

from desktop.commands.import_article import import_article, is_article
from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement
from desktop.domain.values import LinkType
from desktop.paths import seeds_dir
from desktop.services import catalog, extraction
from desktop.services.articles import article_from_text, read_article
from desktop.services.demo_archive import ArchiveSize
from desktop.services.demo_archive import write_csv as write_demo_csv
from desktop.services.errors import ValidationError
from desktop.services.extraction import AcceptProposal, import_proposals, open_review, suggest_answers
from desktop.services.importing import import_files
from desktop.services.statement_columns import columns_for
from desktop.storage.database import Database

SEED_ARTICLE = seeds_dir() / "kremlin-refutes-invasion-reports.txt"
KEYS = {"text", "speaker", "role", "side", "outlet", "is_quote", "said_on", "start", "end", "confidence"}


def _count(db, model):
    with db.reading() as session:
        return session.exec(select(func.count()).select_from(model)).one()[0]


def _seed_article():
    return replace(read_article(SEED_ARTICLE), published_on=date(2021, 11, 13))


def _proposal(review, speaker, start_of_text):
    return next(p for p in review.proposals if p.speaker == speaker and p.text.startswith(start_of_text))


def test_accepting_stores_document_speaker_outlet_side_and_statement_in_one_undoable_step(db):
    review = open_review(db, _seed_article())
    proposal = _proposal(review, "Dmitry Peskov", "Russian military movements")
    operation = AcceptProposal(proposal, review.article)
    change = operation.apply(db)
    assert {"statement", "speaker", "outlet", "side", "document"} <= change.tables
    statement = catalog.get(db, Statement, operation.statement_id)
    assert (statement.span_start, statement.span_end) == (proposal.start, proposal.end)
    assert statement.said_on == date(2021, 11, 12) and not statement.is_quote
    assert catalog.get(db, Document, statement.document_id).text == review.article.text
    speaker = catalog.get(db, Speaker, statement.speaker_id)
    assert (speaker.name, speaker.role) == ("Dmitry Peskov", "Kremlin spokesperson")
    assert "Peskov" in speaker.aliases
    assert catalog.get(db, Side, speaker.side_id).name == "Russia" and statement.side_id is None
    outlet = catalog.get(db, Outlet, statement.outlet_id)
    assert (outlet.name, outlet.kind, outlet.country) == ("Sputnik", "state media", "Russia")

    assert set(change.of("statement").added) == {statement.id} and set(change.of("speaker").added) == {speaker.id}

    undone = operation.revert(db)
    assert [_count(db, m) for m in (Statement, Speaker, Outlet, Side, Document)] == [0, 0, 0, 0, 0]
    assert {kind: set(undone.of(kind).removed) for kind in undone.tables} == {
        "statement": {statement.id}, "speaker": {speaker.id}, "outlet": {outlet.id}, "side": {speaker.side_id},
        "document": {statement.document_id},
    }
    operation.apply(db)
    assert catalog.get(db, Statement, operation.statement_id).speaker_id == speaker.id, "redo keeps the ids"


def test_accepting_with_what_it_answers_links_it_in_the_same_undoable_step(seeded_db):
    review = open_review(seeded_db, article_from_text("Kyiv answers\n\nDmytro Kuleba said Russia was massing troops near the border.\n"))
    (proposal,) = review.proposals
    suggestions = extraction.suggest_for_proposal(seeded_db, proposal)
    assert proposal.side == "Ukraine" and suggestions and "Ukraine" not in {s.side for s in suggestions}
    target = suggestions[0]
    operation = AcceptProposal(proposal, review.article, answers=(target.statement_id, LinkType.REBUTS))
    assert operation.title == "Accept and Link Statement"
    assert "link" in operation.apply(seeded_db).tables

    def links():
        with seeded_db.reading() as session:
            rows = session.exec(select(Link).where(Link.to_id == target.statement_id)).scalars()
            return [(link.from_id, link.to_id, link.type) for link in rows]

    assert (operation.statement_id, target.statement_id, "rebuts") in links()
    operation.revert(seeded_db)
    assert catalog.get(seeded_db, Statement, operation.statement_id) is None
    assert all(link[0] != operation.statement_id for link in links())
    operation.apply(seeded_db)
    assert (operation.statement_id, target.statement_id, "rebuts") in links(), "redo brings both back"


def test_a_stored_article_without_a_date_takes_its_documents(seeded_db):
    with seeded_db.transaction() as session:
        session.exec(select(Document)).scalars().one().published_on = date(2021, 11, 13)
    review = open_review(seeded_db, read_article(SEED_ARTICLE))
    assert review.article.published_on == date(2021, 11, 13)
    assert _proposal(review, "Dmitry Peskov", "Blasted").said_on == date(2021, 11, 12)


def test_later_accepts_reuse_the_document_speaker_and_outlet(db):
    review = open_review(db, _seed_article())
    first = AcceptProposal(_proposal(review, "Dmitry Peskov", "Refuted"), review.article)
    first.apply(db)
    second = AcceptProposal(_proposal(review, "Dmitry Peskov", "Blasted"), review.article, first.document_id)
    change = second.apply(db)
    assert change.tables == {"statement"}
    assert [_count(db, m) for m in (Statement, Speaker, Outlet, Document)] == [2, 1, 1, 1]


def test_names_fold_onto_speakers_already_in_the_database_and_new_spellings_become_aliases(seeded_db):
    article = article_from_text("Ничего.\n\nDmitriy Peskov said that Russia would never attack.\n")
    review = open_review(seeded_db, article)
    (proposal,) = review.proposals
    assert (proposal.speaker, proposal.role, proposal.side) == ("Dmitry Peskov", "Kremlin spokesperson", "Russia")
    operation = AcceptProposal(proposal, article)
    operation.apply(seeded_db)
    speaker = catalog.get(seeded_db, Speaker, catalog.get(seeded_db, Statement, operation.statement_id).speaker_id)
    assert speaker.name == "Dmitry Peskov" and "Dmitriy Peskov" in speaker.aliases
    assert _count(seeded_db, Speaker) == 8
    operation.revert(seeded_db)
    assert "Dmitriy Peskov" not in catalog.get(seeded_db, Speaker, speaker.id).aliases


def test_a_proposal_without_a_speaker_is_refused(db):
    article = article_from_text("He said that the talks had failed.\n")
    (proposal,) = open_review(db, article).proposals
    with pytest.raises(ValidationError, match="needs a speaker"):
        AcceptProposal(proposal, article).apply(db)
    assert _count(db, Document) == 0


def test_reopening_a_stored_article_marks_what_was_accepted_before(seeded_db):
    review = open_review(seeded_db, read_article(SEED_ARTICLE))
    assert review.document_id is not None
    assert set(review.known) == set(range(len(review.proposals))), "the seed already holds every statement of its article"
    assert all(
        known.reason == f"already in the database: statement #{known.statement_id} was taken from this passage"
        for known in review.known.values()
    )


def test_import_stores_what_is_above_the_threshold_in_one_transaction(tmp_path, db):
    summary = import_article(SEED_ARTICLE, db, min_confidence=0.7)
    assert summary["proposed"] == 15 and summary["stored"] + summary["below_threshold"] == 15
    assert _count(db, Statement) == summary["stored"] and _count(db, Document) == 1
    with db.reading() as session:
        confidences = {p.start: p.confidence for p in open_review(db, read_article(SEED_ARTICLE)).proposals}
        spans = session.exec(select(Statement.span_start)).scalars().all()
    assert all(confidences[start] >= 0.7 for start in spans)
    again = import_article(SEED_ARTICLE, str(db.url), min_confidence=0.0)
    assert again["document_id"] == summary["document_id"]
    assert again["already_stored"] >= summary["stored"]


def test_a_failed_import_leaves_the_database_unchanged(db, monkeypatch):
    calls = []
    real = extraction.store_proposal

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValidationError(["Simulated failure."])
        return real(*args, **kwargs)

    monkeypatch.setattr(extraction, "store_proposal", failing)
    with pytest.raises(ValidationError):
        import_proposals(db, _seed_article(), 0.0)
    assert [_count(db, m) for m in (Statement, Speaker, Document)] == [0, 0, 0]


def test_import_refuses_a_threshold_outside_zero_to_one(db):
    with pytest.raises(ValueError, match="0 to 1"):
        import_article(SEED_ARTICLE, db, min_confidence=1.5)
    assert is_article("story.md") and not is_article("claims.csv")


def test_answers_are_the_other_sides_statements_most_alike_first(seeded_db):
    with seeded_db.reading() as session:
        peskov = session.exec(select(Statement).where(Statement.text.startswith("Russian military movements"))).scalars().one()
    with seeded_db.transaction() as session:
        for link in session.exec(select(Link).where(Link.from_id == peskov.id)).scalars().all():
            session.delete(link)
    suggestions = suggest_answers(seeded_db, peskov.id)
    assert suggestions and {s.side for s in suggestions} == {"United States"}
    assert suggestions[0].text == "Russia's military movement near Ukraine's border is a cause for concern."
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    with seeded_db.transaction() as session:
        session.add(Link(from_id=peskov.id, to_id=suggestions[0].statement_id, type="rebuts"))
    assert suggestions[0].statement_id not in {s.statement_id for s in suggest_answers(seeded_db, peskov.id)}


def test_what_a_proposal_answers_shares_its_rarer_words_and_comes_from_another_side(seeded_db):
    article = article_from_text("Kyiv answers\n\nDmytro Kuleba said the warships in the Black Sea were a provocation.\n")
    (proposal,) = open_review(seeded_db, article).proposals
    suggestions = extraction.suggest_for_proposal(seeded_db, proposal)
    assert suggestions and "Black Sea" in suggestions[0].text and all(s.side != "Ukraine" for s in suggestions)


def test_what_a_proposal_answers_was_said_before_it_or_within_a_week_after(seeded_db):
    article = article_from_text("Kyiv answers\n\nDmytro Kuleba said Russian military activities were unusual.\n")
    proposal = replace(open_review(seeded_db, article).proposals[0], said_on=date(2021, 11, 3))
    suggestions = extraction.suggest_for_proposal(seeded_db, proposal)
    (blinken,) = [s for s in suggestions if s.text == "unusual Russian military activities"]
    assert blinken.said_on == date(2021, 11, 10), "dates in articles are approximate: a week after counts"
    earlier = extraction.suggest_for_proposal(seeded_db, replace(proposal, said_on=date(2021, 11, 2)))
    assert earlier and blinken.statement_id not in {s.statement_id for s in earlier}, "what was said later is not answered"


@pytest.fixture(scope="module")
def generated_archive(tmp_path_factory):
    """A generated archive of 6,000 statements of four sides, its columns read."""
    folder = tmp_path_factory.mktemp("generated")
    write_demo_csv(folder / "demo.csv", ArchiveSize(statements=6_000, speakers=40, outlets=15), seed=5)
    db = Database(folder / "archive.parallax")
    assert import_files(db, [folder / "demo.csv"]).committed
    columns_for(db)
    yield db
    db.close()


def _sqlite_work(db, call):
    """What `call` returns, the rows SQLite handed out while it ran, and its virtual machine's steps (in hundreds)."""
    counted = {"rows": 0, "steps": 0}

    def row(_cursor, values):
        counted["rows"] += 1
        return values

    def step():
        counted["steps"] += 1

    def watch(dbapi_connection, _record, _proxy):
        dbapi_connection.row_factory = row
        dbapi_connection.set_progress_handler(step, 100)

    def unwatch(dbapi_connection, _record):
        dbapi_connection.row_factory = None
        dbapi_connection.set_progress_handler(None, 0)

    event.listen(db.engine, "checkout", watch)
    event.listen(db.engine, "checkin", unwatch)
    try:
        result = call()
    finally:
        event.remove(db.engine, "checkout", watch)
        event.remove(db.engine, "checkin", unwatch)
    return result, counted["rows"], counted["steps"]


def test_the_suggestion_search_reads_a_bounded_number_of_rows_never_the_whole_table(generated_archive, monkeypatch):
    monkeypatch.setattr(extraction, "_PER_TERM", 40)
    monkeypatch.setattr(extraction, "_ALIKE_CANDIDATES", 30)
    text = ("Ukraine's minister said the military buildup near the border threatened the grain corridor, "
            "the pipeline and negotiations on sanctions, whatever Kremlin diplomacy says.")
    (proposal,) = open_review(generated_archive, article_from_text(f"Kyiv\n\nDmytro Kuleba said: {text}\n")).proposals
    proposal = replace(proposal, text=text, side="Ukraine", said_on=date(2021, 6, 1))
    suggest = partial(extraction.suggest_for_proposal, generated_archive, proposal)
    suggestions, rows, steps = _sqlite_work(generated_archive, suggest)
    words = len(extraction._looked_up_words(text))
    assert words == extraction._ALIKE_TERMS and len(suggestions) == extraction.MAX_SUGGESTIONS
    assert all(s.side != "Ukraine" and (s.said_on is None or s.said_on <= date(2021, 6, 8)) for s in suggestions)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert rows <= words * 40 + 30 + 10, "at most _PER_TERM ids a word, _ALIKE_CANDIDATES statements, and the sides"
    _, table_rows, table_steps = _sqlite_work(generated_archive, partial(_read_every_text, generated_archive))
    assert table_rows == 6_000 and steps < table_steps / 2, "SQLite does less than half the work of reading the table once"


def _read_every_text(db):
    with db.reading() as session:
        return session.exec(select(Statement.text)).all()


def _parallax(*args):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120)


def test_extract_prints_one_json_object_per_proposal():
    result = _parallax("extract", str(SEED_ARTICLE), "--format", "json", "--date", "2021-11-13")
    assert result.returncode == 0, result.stderr
    proposals = json.loads(result.stdout)
    assert len(proposals) == 15 and all(set(p) == KEYS for p in proposals)
    peskov = [p for p in proposals if p["speaker"] == "Dmitry Peskov"]
    assert {p["said_on"] for p in peskov} == {"2021-11-12"} and {p["outlet"] for p in peskov} == {"Sputnik"}
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert all(0 <= p["start"] < p["end"] <= len(text) and 0 <= p["confidence"] <= 1 for p in proposals)
    for proposal in proposals:  # spans point into the file, its page furniture ("Last Updated:") included
        words = " ".join(proposal["text"].split()[:4]).casefold()
        assert words in text[proposal["start"]:proposal["end"]].casefold(), proposal["text"]


def test_extract_folds_names_onto_a_database_and_reports_errors_in_one_line(seeded_db, tmp_path):
    seeded_db.close()
    result = _parallax("extract", str(SEED_ARTICLE), "--db", seeded_db.url)
    assert result.returncode == 0, result.stderr
    speakers = {p["speaker"] for p in json.loads(result.stdout)}
    assert {"the Kremlin", "Several US media outlets"} <= speakers and "Kremlin" not in speakers
    failed = _parallax("extract", str(tmp_path / "missing.html"))
    assert failed.returncode == 1 and failed.stderr.startswith("parallax:") and failed.stderr.count("\n") == 1
