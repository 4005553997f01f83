"""Stories: chosen by the filter everywhere it is compiled, moved between as undoable steps, searched by role."""

import csv
import json

import numpy as np
import pytest
from sqlalchemy import inspect, select

from desktop.domain.entities import Side, Speaker, Statement, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.services import catalog
from desktop.services.comparison import compare
from desktop.services.exporting.csv_export import write_csv
from desktop.services.exporting.parallax_json import write_parallax_json
from desktop.services.exporting.rows import chosen_ids
from desktop.services.filtering import first_statements, mask, statement_ids
from desktop.services.first_page import first_page
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord, UpdateRecord
from desktop.services.search import newest_matches
from desktop.services.statement_columns import columns_for
from desktop.services.stories import DeleteStory, MoveToStory
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database


def _id(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def _all_ids(db):
    with db.reading() as session:
        return list(session.execute(select(Statement.id).order_by(Statement.id)).scalars())


def _stories(db) -> dict[int, int | None]:
    with db.reading() as session:
        return dict(session.execute(select(Statement.id, Statement.story_id)).all())


@pytest.fixture
def two_stories(seeded_db):
    """The seed story, a second story holding Peskov's statements and one statement in no story."""
    seed_story = _id(seeded_db, Story, "Russian troop build-up near Ukraine, Nov 2021")
    other = CreateRecord(Story, {"name": "Black Sea", "description": ""})
    other.apply(seeded_db)
    with seeded_db.reading() as session:
        peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
        his = list(session.execute(select(Statement.id).where(Statement.speaker_id == peskov)).scalars())
    MoveToStory(his, other.created_id, "Black Sea").apply(seeded_db)
    loose = _all_ids(seeded_db)[0]
    MoveToStory([loose], None).apply(seeded_db)
    return seeded_db, seed_story, other.created_id, his, loose


def _sql_ids(db, chosen):
    with db.reading() as session:
        return sorted(session.execute(statement_ids(session, chosen)).scalars())


def _numpy_ids(db, chosen):
    columns = columns_for(db)
    return sorted(columns.ids[mask(db, columns, chosen)].tolist())


def test_the_seed_puts_every_statement_in_its_story_and_lists_it(seeded_db):
    story = _id(seeded_db, Story, "Russian troop build-up near Ukraine, Nov 2021")
    assert set(_stories(seeded_db).values()) == {story}
    listed = catalog.catalog(seeded_db)
    assert [(entry.name, entry.count) for entry in listed.stories] == [("Russian troop build-up near Ukraine, Nov 2021", 16)]
    assert (listed.all_statements, listed.unfiled) == (16, 0)


def test_choosing_a_story_narrows_every_view_and_export(two_stories, tmp_path):
    db, seed_story, black_sea, his, loose = two_stories
    us, russia = _id(db, Side, "United States"), _id(db, Side, "Russia")
    chosen = StatementFilter(story_id=black_sea)
    assert _numpy_ids(db, chosen) == _sql_ids(db, chosen) == sorted(his)
    assert _sql_ids(db, StatementFilter(story_id=NO_STORY)) == _numpy_ids(db, StatementFilter(story_id=NO_STORY)) == [loose]
    assert len(_sql_ids(db, StatementFilter(story_id=seed_story))) == 16 - len(his) - 1

    layout = compare(db, chosen, us, russia)
    assert layout.column_counts == (0, len(his))
    page = first_page(db, chosen, us, russia)
    assert sorted(c.id for row in page.all_rows() for c in row.cells if c is not None and not c.context and c.echo is None) == sorted(his)
    with db.reading() as session:
        assert sorted(row.id for row in first_statements(session, chosen, [us, russia], 100)) == sorted(his)
    assert timeline_counts(db, chosen, Bucket.WEEK).totals() == {"Russia": 4}
    assert sorted(newest_matches(db, "russia", chosen)) == _sql_ids(db, chosen.with_changes(text="russia"))
    assert chosen_ids(db, chosen) == sorted(his)
    assert write_csv(db, tmp_path / "story.csv", chosen) == len(his)
    with open(tmp_path / "story.csv", encoding="utf-8-sig", newline="") as file:
        assert {row["speaker"] for row in csv.DictReader(file)} == {"Dmitry Peskov"}


def test_the_navigator_counts_within_the_chosen_story_and_says_so(two_stories):
    db, seed_story, black_sea, his, _loose = two_stories
    within = catalog.catalog(db, StatementFilter(story_id=black_sea))
    assert {entry.name: entry.count for entry in within.speakers if entry.count} == {"Dmitry Peskov": len(his)}
    assert {entry.name: entry.count for entry in within.stories} == {
        "Black Sea": len(his), "Russian troop build-up near Ukraine, Nov 2021": 16 - len(his) - 1,
    }
    assert (within.all_statements, within.unfiled) == (16, 1)
    assert catalog.story_size(db, black_sea) == len(his)
    peskov = _id(db, Speaker, "Dmitry Peskov")
    assert catalog.describe_filter(db, StatementFilter(story_id=black_sea, speaker_id=peskov)) == (
        "Story: Black Sea · Speaker: Dmitry Peskov"
    )
    assert catalog.describe_filter(db, StatementFilter(story_id=NO_STORY)) == "Story: none"


def test_moving_statements_is_one_step_undone_back_to_each_ones_story(two_stories):
    db, seed_story, black_sea, his, loose = two_stories
    before = _stories(db)
    some = [his[0], loose, _all_ids(db)[-1]]
    move = MoveToStory(some, black_sea, "Black Sea")
    assert move.title == "Move 3 Statements to “Black Sea”"
    change = move.apply(db)
    assert change.tables == {"statement"} and change.of("statement").edited == dict.fromkeys([i for i in some if before[i] != black_sea], {"story_id"})
    assert all(_stories(db)[i] == black_sea for i in some)
    assert _numpy_ids(db, StatementFilter(story_id=black_sea)) == sorted(set(his) | set(some))
    move.revert(db)
    assert _stories(db) == before
    move.apply(db)
    assert all(_stories(db)[i] == black_sea for i in some)


def test_a_move_counts_up_the_versions_so_a_stale_edit_of_the_story_is_a_conflict(seeded_db):
    from desktop.services.errors import ConflictError

    statement = catalog.get(seeded_db, Statement, _all_ids(seeded_db)[0])
    MoveToStory([statement.id], None).apply(seeded_db)
    assert catalog.get(seeded_db, Statement, statement.id).version == statement.version + 1
    stale = UpdateRecord(Statement, statement.id, {"story_id": None}, version=statement.version,
                         seen={"story_id": statement.story_id})
    with pytest.raises(ConflictError):
        stale.apply(seeded_db)


def test_deleting_a_story_keeps_its_statements_in_no_story_and_undo_puts_them_back(two_stories):
    db, seed_story, black_sea, his, loose = two_stories
    before = _stories(db)
    delete = DeleteStory(black_sea)
    assert delete.apply(db).tables == {"story", "statement"}
    assert catalog.get(db, Story, black_sea) is None
    assert all(_stories(db)[i] is None for i in his) and len(_stories(db)) == 16
    assert _numpy_ids(db, StatementFilter(story_id=NO_STORY)) == sorted([*his, loose])
    delete.revert(db)
    assert catalog.get(db, Story, black_sea).name == "Black Sea"
    assert _stories(db) == before


def test_a_story_is_created_and_renamed_by_the_plain_record_steps(seeded_db):
    from desktop.services.errors import ValidationError

    created = CreateRecord(Story, {"name": "Grain deal", "description": ""})
    created.apply(seeded_db)
    UpdateRecord(Story, created.created_id, {"name": "Grain deal, 2022"}).apply(seeded_db)
    assert catalog.get(seeded_db, Story, created.created_id).name == "Grain deal, 2022"
    with pytest.raises(ValidationError, match="already exists"):
        CreateRecord(Story, {"name": "Grain deal, 2022", "description": ""}).apply(seeded_db)


def test_parallax_json_carries_stories_both_ways(two_stories, tmp_path):
    db, _seed_story, _black_sea, his, _loose = two_stories
    path = tmp_path / "all.json"
    write_parallax_json(db, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {story["name"] for story in data["stories"]} == {"Black Sea", "Russian troop build-up near Ukraine, Nov 2021"}
    copy = Database(tmp_path / "copy.parallax")
    try:
        assert import_files(copy, [path]).committed
        black_sea = _id(copy, Story, "Black Sea")
        assert len(_sql_ids(copy, StatementFilter(story_id=black_sea))) == len(his)
        assert len(_sql_ids(copy, StatementFilter(story_id=NO_STORY))) == 1
    finally:
        copy.close()


def test_an_old_cache_without_stories_is_read_afresh(seeded_db, monkeypatch):
    import desktop.services.statement_columns as module

    monkeypatch.setattr(module, "_CACHE_FROM", 1)
    columns = columns_for(seeded_db)
    path = module._cache_file(seeded_db)
    old = {name: values for name, values in columns.columns.items() if name != "story"}
    np.savez(path, seq=np.int64(columns.seq), **old)  # as Parallax wrote it before stories were columns
    reopened = Database(seeded_db.url)
    try:
        assert columns_for(reopened).columns["story"].tolist() == [1] * 16
    finally:
        reopened.close()


def test_statements_are_found_by_story_through_an_index_in_new_and_old_files(seeded_db, tmp_path):
    import shutil
    from pathlib import Path

    old = tmp_path / "first.parallax"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-0001.parallax", old)
    upgraded = Database(old)
    try:
        for db in (seeded_db, upgraded):
            with db.engine.connect() as connection:
                assert "ix_statement_story_id" in {index["name"] for index in inspect(connection).get_indexes("statement")}
        story = catalog.all_rows(upgraded, Story)[0]
        assert len(_numpy_ids(upgraded, StatementFilter(story_id=story.id))) == len(_sql_ids(upgraded, StatementFilter())) == 16
    finally:
        upgraded.close()


def test_the_command_line_counts_exports_and_charts_one_story(two_stories, tmp_path, capsys):
    from desktop.cli import main

    db, _seed_story, _black_sea, his, _loose = two_stories
    assert main(["stats", "--db", db.url, "--story", "black sea", "--format", "json"]) == 0
    counted = json.loads(capsys.readouterr().out)
    assert counted["statements"] == len(his) and counted["speakers"] == {"Dmitry Peskov": len(his)}
    assert counted["stories"] == {"Black Sea": len(his)}
    assert main(["export", "--db", db.url, "--format", "csv", "--story", "Black Sea", "-o", str(tmp_path / "s.csv")]) == 0
    assert capsys.readouterr().out.startswith(f"Exported {len(his)} statements")
    assert main(["chart", "--db", db.url, "--story", "Black Sea", "-o", str(tmp_path / "s.png")]) == 0
    assert capsys.readouterr().out.strip().endswith("(Russia 4)")
    assert main(["export", "--db", db.url, "--format", "csv", "--story", "Mars", "-o", str(tmp_path / "m.csv")]) == 1
    assert "no story is named 'Mars' (stories: Black Sea, Russian troop" in capsys.readouterr().err


def test_a_story_made_or_renamed_elsewhere_is_in_the_change_log(seeded_db):
    from desktop.storage import change_log

    with seeded_db.engine.connect() as connection:
        seen = change_log.latest(connection)
    other = Database(seeded_db.url)
    try:
        created = CreateRecord(Story, {"name": "From elsewhere", "description": ""})
        created.apply(other)
        UpdateRecord(Story, created.created_id, {"name": "Renamed elsewhere"}).apply(other)
    finally:
        other.close()
    with seeded_db.engine.connect() as connection:
        assert change_log.changes_since(connection, seen) == [("story", created.created_id)] * 2
