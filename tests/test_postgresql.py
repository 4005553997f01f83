"""Team mode on a real PostgreSQL server: schema, seed, counts, search and import as on SQLite."""

import json
import subprocess
import sys

import numpy as np
import pytest
from alembic import command
from sqlalchemy import inspect, text

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import catalog, extraction
from desktop.services.articles import article_from_text
from desktop.services.comparison import compare
from desktop.services.filtering import mask, text_match
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.search import newest_matches
from desktop.services.seed import load_seed
from desktop.services.statement_columns import columns_for
from desktop.services.stats import statement_stats
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database
from desktop.storage.migrations_runner import SchemaTooNewError, _config, head_revision
from importing_helpers import counts, statements, write


@pytest.fixture
def pg(postgres_url):
    database = Database(postgres_url)
    yield database
    database.close()


@pytest.fixture
def seeded_pg(pg):
    load_seed(pg)
    return pg


def _id(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def test_a_new_database_is_migrated_to_the_newest_schema(pg):
    with pg.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        schema = inspect(connection)
        for table in ("statement", "speaker", "outlet", "side"):
            assert "version" in {column["name"] for column in schema.get_columns(table)}
        assert "ix_statement_search" in {index["name"] for index in schema.get_indexes("statement")}
        assert schema.has_table("change_log")
    Database(pg.url).close()  # opening again finds nothing to do
    assert pg.is_empty() and pg.backup is None


def test_a_database_from_a_newer_parallax_is_refused(pg):
    with pg.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff-from-the-future'"))
    with pytest.raises(SchemaTooNewError, match="newer version of Parallax"):
        Database(pg.url)


def test_the_team_mode_migration_goes_down_and_up_again_on_both_backends(team_url):
    db = Database(team_url)
    try:
        load_seed(db)
        with db.engine.begin() as connection:
            command.downgrade(_config(connection), "0003")
        with db.engine.connect() as connection:
            assert "version" not in {column["name"] for column in inspect(connection).get_columns("statement")}
        with db.engine.begin() as connection:
            command.upgrade(_config(connection), "head")
        assert statement_stats(db)["statements"] == 16 and newest_matches(db, "groundless")
    finally:
        db.close()


def test_the_seed_gives_the_same_numbers_as_on_sqlite(seeded_pg, seeded_db):
    assert statement_stats(seeded_pg) == statement_stats(seeded_db)
    assert catalog.catalog(seeded_pg) == catalog.catalog(seeded_db)
    for bucket in Bucket:
        on_pg, on_sqlite = (timeline_counts(db, StatementFilter(), bucket) for db in (seeded_pg, seeded_db))
        assert np.array_equal(on_pg.starts, on_sqlite.starts)
        assert [(s.name, s.counts.tolist()) for s in on_pg.sides] == [(s.name, s.counts.tolist()) for s in on_sqlite.sides]
    us, russia = _id(seeded_db, Side, "United States"), _id(seeded_db, Side, "Russia")
    for chosen in (
        StatementFilter(),
        StatementFilter(speaker_id=_id(seeded_db, Speaker, "Dmitry Peskov")),
        StatementFilter(outlet_id=_id(seeded_db, Outlet, "Sputnik")),
        StatementFilter(text="groundless"),
    ):
        on_pg, on_sqlite = (compare(db, chosen, us, russia) for db in (seeded_pg, seeded_db))
        assert on_pg.column_counts == on_sqlite.column_counts
        assert on_pg.all_rows() == on_sqlite.all_rows()


def test_a_story_and_a_search_by_role_choose_the_same_statements_as_on_sqlite(seeded_pg, seeded_db):
    from desktop.domain.entities import Story
    from desktop.domain.filters import NO_STORY
    from desktop.services.exporting.rows import chosen_ids
    from desktop.services.stories import MoveToStory

    for db in (seeded_pg, seeded_db):
        peskov = _id(db, Speaker, "Dmitry Peskov")
        with db.reading() as session:
            his = session.execute(text("SELECT id FROM statement WHERE speaker_id = :s"), {"s": peskov}).scalars().all()
        MoveToStory(list(his[:2]), None).apply(db)
    story = _id(seeded_db, Story, "Russian troop build-up near Ukraine, Nov 2021")
    for chosen in (
        StatementFilter(story_id=story),
        StatementFilter(story_id=NO_STORY),
        StatementFilter(text="Kremlin"),
        StatementFilter(story_id=story, text="kremlin spokes"),
    ):
        found = []
        for db in (seeded_pg, seeded_db):
            columns = columns_for(db)
            by_mask = sorted(columns.ids[mask(db, columns, chosen)].tolist())
            assert chosen_ids(db, chosen) == by_mask
            if chosen.text:
                assert sorted(newest_matches(db, chosen.text, chosen.with_changes(text=""))) == by_mask
            found.append(by_mask)
        assert found[0] == found[1] and found[0]


@pytest.mark.parametrize(
    "words",
    ["groundless", "ground", "GROUNDLESS", "black sea clash", "invad", "Песков", "blinken", '"); DROP TABLE statement; --', "", "zzz"],
)
def test_search_finds_words_and_prefixes_as_on_sqlite(seeded_pg, seeded_db, words):
    assert newest_matches(seeded_pg, words) == newest_matches(seeded_db, words)
    found_pg, found_sqlite = text_match(seeded_pg, words), text_match(seeded_db, words)
    assert found_pg.statement_ids.tolist() == found_sqlite.statement_ids.tolist()
    assert (found_pg.speaker_ids, found_pg.outlet_ids) == (found_sqlite.speaker_ids, found_sqlite.outlet_ids)


def test_search_uses_the_tsvector_index(seeded_pg):
    assert newest_matches(seeded_pg, "ground") == newest_matches(seeded_pg, "groundless") != []
    with seeded_pg.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        plan = connection.execute(
            text("EXPLAIN SELECT id FROM statement WHERE search @@ to_tsquery('simple', 'ground:*')")
        ).scalars().all()
    assert any("ix_statement_search" in line for line in plan)


def test_a_csv_import_is_stored_searched_and_counted(pg, tmp_path):
    path = write(
        tmp_path, "claims.csv",
        "Claim,Speaker,Said On,Side,Reported By,Rebuts\n"
        "Эти сообщения ложны и беспочвенны,Дмитрий Песков,12 Nov 2021,Russia,ТАСС,\n"
        "Russia plans an invasion,US media,2021-11-10,United States,Bloomberg,\n"
        "Russia plans an invasion,US media,2021-11-10,United States,Bloomberg,\n",
    )
    summary = import_files(pg, [path])
    assert summary.committed and summary.imported == 2 and summary.duplicates == 1, summary.report()
    assert counts(pg)["statement"] == 2
    assert [s.text for s in statements(pg)] == ["Эти сообщения ложны и беспочвенны", "Russia plans an invasion"]
    assert len(newest_matches(pg, "ложн")) == 1 and len(newest_matches(pg, "invas")) == 1
    assert statement_stats(pg)["sides"] == {"Russia": 1, "United States": 1}
    # The import moved the id sequences past the ids it handed out.
    added = CreateRecord(Statement, {"text": "After the import.", "speaker_id": statements(pg)[0].speaker_id})
    added.apply(pg)
    assert added.created_id == 3


def test_the_statement_columns_follow_another_connections_edits(seeded_pg):
    other = Database(seeded_pg.url)
    try:
        columns = columns_for(seeded_pg)
        peskov = _id(seeded_pg, Speaker, "Dmitry Peskov")
        ukraine = _id(seeded_pg, Side, "Ukraine")
        UpdateRecord(Speaker, peskov, {"side_id": ukraine}).apply(other)
        DeleteRecord(Statement, int(columns.ids[0])).apply(other)
        columns = columns_for(seeded_pg)
        assert columns.count == 15 and np.count_nonzero(columns.side == ukraine) == 4
    finally:
        other.close()


def test_the_parallax_command_opens_a_postgresql_url(seeded_pg, tmp_path):
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "self-test", "--db", seeded_pg.url, "-o", str(shot)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [column["statements"] for column in summary["columns"]] == [7, 9]
    assert summary["chart_totals"] == {"United States": 4, "Russia": 5}


def test_suggestions_found_through_the_text_search_as_on_sqlite(seeded_pg, seeded_db):
    article = article_from_text("Kyiv answers\n\nDmytro Kuleba said the warships in the Black Sea were a provocation.\n")
    found = {}
    for name, db in (("pg", seeded_pg), ("sqlite", seeded_db)):
        (proposal,) = extraction.open_review(db, article).proposals
        found[name] = extraction.suggest_for_proposal(db, proposal)
    assert found["pg"] and found["pg"][0].text == found["sqlite"][0].text
    assert "Black Sea" in found["pg"][0].text and all(s.side != "Ukraine" for s in found["pg"])


def test_an_import_never_takes_an_id_the_sequence_gave_to_a_deleted_row(seeded_pg, tmp_path):
    speaker_id = statements(seeded_pg)[0].speaker_id
    undone = CreateRecord(Statement, {"text": "Added, then undone.", "speaker_id": speaker_id})
    undone.apply(seeded_pg)
    undone.revert(seeded_pg)
    path = write(tmp_path, "claims.csv", "Claim,Speaker,Said On\nImported after the undo,Dmitry Peskov,2021-11-12\n")
    summary = import_files(seeded_pg, [path])
    assert summary.committed, summary.report()
    assert summary.created["statement"][0] > undone.created_id
    undone.apply(seeded_pg)  # redo: its id is still its own
    assert {s.text for s in statements(seeded_pg)} >= {"Added, then undone.", "Imported after the undo"}


def test_the_shape_of_the_dispute_is_the_same_as_on_sqlite(seeded_pg, seeded_db):
    from datetime import date

    from desktop.services.dispute import dispute_report

    def shape(db):
        report = dispute_report(db, today=date(2022, 1, 1))
        names = dict(catalog.choices(db, Speaker))
        columns = report.response_times.columns
        times = report.response_times
        return (
            sorted((names[columns.speaker[c]], names[columns.speaker[a]], int(d)) for c, a, d in zip(times.claim, times.answer, times.days)),
            [columns.speaker[p] and names[columns.speaker[p]] for p in report.unanswered.positions],
            report.unanswered.age_days.tolist(),
            report.balance.counts.tolist(), report.balance.answered.tolist(), report.balance.replied.tolist(),
            sorted((names[a], names[b], int(n)) for a, b, n in zip(report.network.source, report.network.target, report.network.count)),
        )

    assert shape(seeded_pg) == shape(seeded_db)
