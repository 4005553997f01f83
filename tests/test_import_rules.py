"""Import rules: matching names, duplicates, all-or-nothing, warnings with lines, references, cancel, undo."""

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from sqlalchemy import event

from desktop.domain.entities import Speaker
from desktop.domain.values import MAX_TEXT_LENGTH
from desktop.services.importing import ImportOptions, import_files, service
from desktop.services.importing.operation import ImportOperation
from desktop.services.seed import load_seed
from desktop.storage import bulk
from desktop.storage.database import Database
from importing_helpers import counts, fingerprint, speaker_named, statements, write

HEADER = "id,text,speaker,date,side,outlet,url,rebuts\n"


def test_names_and_aliases_are_matched_before_anything_is_created(seeded_db, tmp_path):
    before = counts(seeded_db)
    path = write(tmp_path, "m.csv", HEADER + "1,Новое заявление,Песков,2021-11-15,Russia,the associated press,,\n")
    summary = import_files(seeded_db, [path])
    assert summary.committed and summary.created_count("speaker") == 0
    after = counts(seeded_db)
    assert after["statement"] == before["statement"] + 1
    assert (after["speaker"], after["outlet"], after["side"]) == (before["speaker"], before["outlet"], before["side"])
    assert statements(seeded_db)[-1].speaker_id == speaker_named(seeded_db, "Dmitry Peskov").id


def test_duplicates_in_the_file_and_in_the_database_are_skipped_and_counted(seeded_db, tmp_path):
    existing = next(s for s in statements(seeded_db) if s.said_on is not None and '"' not in s.text)
    with seeded_db.reading() as session:
        speaker = session.get(Speaker, existing.speaker_id).name
    path = write(
        tmp_path, "d.csv",
        HEADER + f'1,"{existing.text}",{speaker},{existing.said_on.isoformat()},,,,\n'
        "2,Fresh claim,New speaker,2021-11-20,,,,\n3,  fresh   CLAIM ,New speaker,2021-11-20,,,,\n",
    )
    summary = import_files(seeded_db, [path])
    assert (summary.imported, summary.duplicates) == (1, 2), summary.report()
    assert "2 duplicates skipped" in summary.headline()


def test_an_import_with_an_error_changes_nothing(seeded_db, tmp_path):
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    path = write(tmp_path, "bad.csv", HEADER + "1,Good row,New person,2021-11-01,New side,New outlet,,\n"
                 + "2," + "x" * (MAX_TEXT_LENGTH + 1) + ",Someone,2021-11-02,,,,\n"
                 + "3,Another good row,New person,2021-11-03,,,,\n")
    summary = import_files(seeded_db, [path])
    assert not summary.committed
    assert [str(e) for e in summary.errors] == [f"{path}:3: the text is 20,001 characters long; the limit is 20,000"]
    assert "Nothing was imported" in summary.headline() and "left as it was" in summary.headline()
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum


def test_a_non_web_link_is_dropped_with_a_warning_naming_its_line(db, tmp_path):
    path = write(tmp_path, "u.csv", HEADER + "1,A,B,,,,javascript:alert(1),\n2,C,B,,,,https://ok.example/x,\n")
    summary = import_files(db, [path])
    assert summary.committed
    assert [(w.line, "javascript:alert(1)" in w.message) for w in summary.warnings] == [(2, True)]
    assert [s.url for s in statements(db)] == ["", "https://ok.example/x"]


def test_unknown_columns_are_listed_in_a_warning(db, tmp_path):
    path = write(tmp_path, "c.csv", "text,speaker,Colour,Mood\nA,B,red,calm\n")
    summary = import_files(db, [path])
    assert summary.committed
    assert [str(w) for w in summary.warnings] == [f"{path}:1: columns Parallax does not know were left out: “Colour”, “Mood”"]


def test_rebuts_an_id_in_the_file_or_an_existing_statement(seeded_db, tmp_path):
    from desktop.services.cards import statement_detail

    target = statements(seeded_db)[0].id
    path = write(tmp_path, "r.csv", HEADER + f"a,Denial one,Peskov,2021-11-20,,,,b\nb,The claim,US media,2021-11-19,,,,\n"
                 f"c,Denial two,Peskov,2021-11-21,,,,#{target}\n")
    summary = import_files(seeded_db, [path])
    assert summary.committed and summary.links == 2, summary.report()
    new = {s.text: s.id for s in statements(seeded_db)}
    first = statement_detail(seeded_db, new["Denial one"])
    assert [(e.type.value, e.outgoing, e.other.id) for e in first.links] == [("rebuts", True, new["The claim"])]
    second = statement_detail(seeded_db, new["Denial two"])
    assert [(e.type.value, e.other.id) for e in second.links] == [("rebuts", target)]


def test_a_reference_to_nothing_is_an_error(db, tmp_path):
    path = write(tmp_path, "x.csv", HEADER + "a,Denial,Peskov,,,,,zzz\n")
    summary = import_files(db, [path])
    assert [str(e) for e in summary.errors] == [f"{path}:2: “zzz” is neither an id in this file nor a stored statement"]
    assert counts(db)["statement"] == 0


def _many(tmp_path, rows: int):
    lines = "".join(f"{n},Claim number {n},Speaker {n % 7},2021-11-{1 + n % 28:02d},Side {n % 3},Outlet {n % 5},,\n" for n in range(rows))
    return write(tmp_path, "many.csv", HEADER + lines)


def test_cancelling_changes_nothing(seeded_db, tmp_path):
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    reports = []
    summary = import_files(seeded_db, [_many(tmp_path, 3000)], progress=lambda d, t: reports.append(d),
                           cancelled=lambda: len(reports) >= 8)
    assert summary.cancelled and not summary.committed and summary.imported > 2000
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum


def _schema(db) -> list[tuple]:
    path = db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
        return connection.execute(query).fetchall()  # the statistics ANALYZE keeps left aside


def test_a_cancelled_bulk_import_keeps_the_indexes_and_triggers(seeded_db, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)  # a small file takes the bulk path
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    reports = []
    summary = import_files(seeded_db, [_many(tmp_path, 3000)], progress=lambda d, t: reports.append(d),
                           cancelled=lambda: len(reports) >= 8)
    assert summary.cancelled and not summary.committed
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum


def test_a_bulk_import_reports_building_its_indexes_and_can_be_cancelled_then(seeded_db, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)
    path = _many(tmp_path, 3000)
    schema, before, checksum = _schema(seeded_db), counts(seeded_db), fingerprint(seeded_db)
    reports = []
    summary = import_files(seeded_db, [path], progress=lambda done, total: reports.append(done / total),
                           cancelled=lambda: bool(reports) and reports[-1] > 0.8)  # once the rows are all read
    assert summary.cancelled and not summary.committed and 0.8 < max(reports) < 1
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum and _schema(seeded_db) == schema
    reports.clear()
    summary = import_files(seeded_db, [path], progress=lambda done, total: reports.append(done / total))
    assert summary.committed and reports == sorted(reports) and reports[-1] == 1
    assert len([share for share in reports if 0.8 < share < 1]) >= 6  # a report a step: FTS5's merge, each index


def test_a_row_the_database_refuses_mid_bulk_import_changes_nothing(seeded_db, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)
    with sqlite3.connect(seeded_db.url.removeprefix("sqlite:///")) as connection:  # a rule the importer cannot know
        connection.execute("CREATE TRIGGER no_2500 BEFORE INSERT ON statement WHEN new.text = 'Claim number 2500' "
                           "BEGIN SELECT RAISE(ABORT, 'claim 2500 is refused'); END")
    schema, before, checksum = _schema(seeded_db), counts(seeded_db), fingerprint(seeded_db)
    summary = import_files(seeded_db, [_many(tmp_path, 3000)])
    assert not summary.committed
    assert "the database refused the import" in summary.report() and "claim 2500 is refused" in summary.report()
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum and _schema(seeded_db) == schema


def _content(db) -> list:
    """The statements, speakers, sides, outlets and links, ids and all, without the times of writing."""
    with sqlite3.connect(db.url.removeprefix("sqlite:///")) as connection:
        return [connection.execute(query).fetchall() for query in (
            "SELECT id, text, said_on, speaker_id, side_id, outlet_id FROM statement ORDER BY id",
            "SELECT id, name, role, side_id FROM speaker ORDER BY id", "SELECT id, name FROM side ORDER BY id",
            "SELECT id, name FROM outlet ORDER BY id", "SELECT from_id, to_id, type FROM link ORDER BY 1, 2, 3",
        )]


def test_a_bulk_import_takes_new_names_at_any_row_and_skips_stored_statements_as_a_small_one_does(
    seeded_db, tmp_path, monkeypatch
):
    stored = [s for s in statements(seeded_db) if s.said_on is not None and '"' not in s.text and "," not in s.text]
    with seeded_db.reading() as session:
        names = {s.id: session.get(Speaker, s.speaker_id).name for s in stored}
    rows = [f"{n},Claim number {n},Speaker {n // 3},2021-11-{1 + n % 28:02d},Side {n % 3},Outlet {n % 50},,"
            f"{n - 1 if n % 10 == 0 else ''}\n" for n in range(1, 3001)]  # a new speaker every third row
    for place, statement in zip((1000, 2000, 2999), stored):  # stored statements, named as stored
        rows.insert(place, f"s{statement.id},{statement.text},{names[statement.id]},{statement.said_on},,,,\n")
    path = write(tmp_path, "names.csv", HEADER + "".join(rows))
    other = Database(tmp_path / "small.parallax")
    load_seed(other)
    queries = []
    event.listen(seeded_db.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)
    summary = import_files(seeded_db, [path])
    assert summary.committed and (summary.imported, summary.duplicates) == (3000, 3), summary.report()
    assert summary.created_count("speaker") == len({n // 3 for n in range(1, 3001)})
    assert len([sql for sql in queries if "speaker_id IN" in sql]) == 0  # no reading of the table per new name
    monkeypatch.setattr(bulk, "_MIN_ROWS", 10**9)  # the same file, statement by statement
    assert import_files(other, [path]).report() == summary.report()
    assert _content(other) == _content(seeded_db)
    other.close()


def test_a_bulk_import_is_indexed_searchable_and_linked(seeded_db, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)
    schema, before = _schema(seeded_db), counts(seeded_db)
    lines = "".join(f"{n},Claim number {n} about grain,Speaker {n % 7},2021-11-{1 + n % 28:02d},Side {n % 3},,,"
                    f"{n - 1 if n % 10 == 0 else ''}\n" for n in range(1, 3001))
    summary = import_files(seeded_db, [write(tmp_path, "bulk.csv", HEADER + lines)])
    assert summary.committed and (summary.imported, summary.links) == (3000, 300), summary.report()
    assert _schema(seeded_db) == schema
    assert counts(seeded_db)["statement"] == before["statement"] + 3000
    with sqlite3.connect(seeded_db.url.removeprefix("sqlite:///")) as connection:
        connection.execute("INSERT INTO statement_fts(statement_fts) VALUES ('integrity-check')")
        found = connection.execute("SELECT count(*) FROM statement_fts WHERE statement_fts MATCH 'grain'").fetchone()
        stored = connection.execute("SELECT count(*) FROM statement WHERE text LIKE '%grain%'").fetchone()
        assert found == stored == (3000,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        settings = dict(connection.execute("SELECT k, v FROM statement_fts_config").fetchall())
        assert (settings.get("automerge", 4), settings.get("crisismerge", 16)) == (4, 16)  # merging as it goes again
        assert connection.execute("SELECT count(DISTINCT segid) FROM statement_fts_idx").fetchone() == (1,)  # merged


def test_a_process_that_dies_mid_import_changes_nothing(seeded_db, tmp_path):
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    script = textwrap.dedent(f"""
        import os
        from desktop.storage.database import Database
        from desktop.services.importing import import_files
        calls = []
        def progress(done, total):
            calls.append(done)
            if len(calls) == 8:
                os._exit(3)
        import_files(Database({seeded_db.url!r}), [{str(_many(tmp_path, 3000))!r}], progress=progress)
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=120).returncode == 3
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum


def test_an_import_is_one_undoable_step(seeded_db, tmp_path):
    before = counts(seeded_db)
    path = _many(tmp_path, 40)
    summary = import_files(seeded_db, [path])
    operation = ImportOperation([path], ImportOptions(), summary)
    assert "statement" in operation.apply(seeded_db).tables  # adopts the import already made
    assert counts(seeded_db)["statement"] == before["statement"] + 40
    operation.revert(seeded_db)
    assert counts(seeded_db) == before
    operation.apply(seeded_db)  # redo imports the unchanged file again
    assert counts(seeded_db)["statement"] == before["statement"] + 40
    operation.revert(seeded_db)
    assert counts(seeded_db) == before


def test_undoing_a_large_import_deletes_its_statements_at_once_and_leaves_search_and_indexes_whole(
    seeded_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(bulk, "_MIN_ROWS", 100)
    database = seeded_db.url.removeprefix("sqlite:///")
    search = "SELECT rowid FROM statement_fts WHERE statement_fts MATCH 'russia* OR claim*' ORDER BY rowid"
    with sqlite3.connect(database) as connection:
        found = connection.execute(search).fetchall()
    schema, before, content = _schema(seeded_db), counts(seeded_db), _content(seeded_db)
    path = _many(tmp_path, 3000)
    operation = ImportOperation([path], ImportOptions(), import_files(seeded_db, [path]))
    operation.apply(seeded_db)
    deleted = []
    event.listen(seeded_db.engine, "before_cursor_execute", lambda *args: deleted.append(args[2]))
    operation.revert(seeded_db)
    assert any("'rebuild'" in sql for sql in deleted), "the search index is built again from what stays"
    assert counts(seeded_db) == before and _content(seeded_db) == content and _schema(seeded_db) == schema
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO statement_fts(statement_fts) VALUES ('integrity-check')")
        assert found and connection.execute(search).fetchall() == found
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT tbl, row_id FROM change_log ORDER BY seq DESC LIMIT 1").fetchone() == ("all", 0)


def test_repeats_and_reused_ids_are_caught_inside_a_batch_of_known_names(db, tmp_path):
    """Rows whose names are all known are added a batch at a time; a statement repeated within the
    batch, or an id given twice, is still skipped or reported as one by one."""
    warm_up = "".join(f"{n},Claim {n},Known,2021-11-01,,,,\n" for n in range(1, 40))
    batch = "100,Same words,Known,2021-11-02,,,,\n101,same   WORDS,Known,2021-11-02,,,,\n102,Other,Known,2021-11-02,,,,\n"
    summary = import_files(db, [write(tmp_path, "b.csv", HEADER + warm_up + batch)])
    assert (summary.imported, summary.duplicates) == (41, 1), summary.report()

    reused = "".join(f"{n},Claim again {n},Known,2021-11-03,,,,\n" for n in range(1, 40)) + "7,Another,Known,2021-11-04,,,,\n"
    summary = import_files(db, [write(tmp_path, "r.csv", HEADER + reused)])
    assert [(e.line, "given to another statement" in e.message) for e in summary.errors] == [(41, True)]


@pytest.mark.parametrize("texts", [
    ["Plain words", "More plain words", "UPPER case"],
    ["Two  spaces", "plain"],
    ["tab\there", "plain"],
    ["new\nline", "file\x1cseparator", "vertical\x0btab"],
    [" leading", "trailing "],
    ["", "after an empty one"],
    ["Заявление", "plain"],
    ["no\u00a0break space", "ideographic\u3000space"],
    ["Straße", "STRASSE"],
])
def test_text_keys_of_a_batch_are_those_of_each_statement(texts):
    said = [date(2021, 11, 1)] * len(texts)
    assert service._text_keys(said, texts) == [service._text_key(day, text) for day, text in zip(said, texts)]
