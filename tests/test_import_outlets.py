"""Importing (in the window and on the command line alike): a cell naming several outlets, defaults
for rows that name nothing, and a column mapping chosen by name."""

import pytest
from sqlalchemy import select

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement
from desktop.services.importing import ImportOptions, import_files
from desktop.services.importing.rows import outlet_names
from importing_helpers import write


@pytest.mark.parametrize("cell, names", [
    ("TASS - Russian+RT English", ["TASS - Russian", "RT English"]),
    ("A; B", ["A", "B"]),
    ("A + B;C", ["A", "B", "C"]),
    ("Canal+", ["Canal+"]),
    ("Canal+ Afrique; RT", ["Canal+ Afrique", "RT"]),
    ("Bloomberg, L.P.", ["Bloomberg, L.P."]),
    ("RT; the RT ;rt", ["RT"]),
    (" ; ", []),
    ("", []),
])
def test_the_outlets_a_cell_names(cell, names):
    assert outlet_names(cell) == names


def _stored(db):
    with db.reading() as session:
        statements = session.execute(
            select(Statement.id, Statement.text, Speaker.name, Outlet.name, Side.name)
            .join(Speaker, Speaker.id == Statement.speaker_id)
            .outerjoin(Outlet, Outlet.id == Statement.outlet_id)
            .outerjoin(Side, Side.id == Statement.side_id)
            .order_by(Statement.id)
        ).all()
        links = session.execute(select(Link.from_id, Link.to_id, Link.type).order_by(Link.id)).all()
    return [tuple(row) for row in statements], [tuple(link) for link in links]


def test_a_statement_carried_by_several_outlets_is_one_per_outlet_repeating_the_first(db, tmp_path):
    path = write(tmp_path, "claims.jsonl", (
        '{"id": "c1", "text": "The drills are routine.", "speaker": "Defence ministry", "outlet": "Wire One; Wire Two+Wire Three"}\n'
        '{"text": "They are not routine.", "speaker": "Analyst", "outlet": "Wire Two", "rebuts": "c1"}\n'
    ))
    summary = import_files(db, [path])
    assert summary.committed and summary.imported == 4 and summary.links == 3
    statements, links = _stored(db)
    assert [(text, outlet) for _id, text, _speaker, outlet, _side in statements] == [
        ("The drills are routine.", "Wire One"), ("The drills are routine.", "Wire Two"),
        ("The drills are routine.", "Wire Three"), ("They are not routine.", "Wire Two"),
    ]
    first, second, third, answer = (row[0] for row in statements)
    assert links == [(second, first, "repeats"), (third, first, "repeats"), (answer, first, "rebuts")]

    again = import_files(db, [path])
    assert again.committed and again.imported == 0 and again.duplicates == 4


def test_defaults_fill_only_the_rows_that_name_nothing(db, tmp_path):
    path = write(tmp_path, "claims.csv", (
        "Claim text,Who,camp,outlet\n"
        "Named in full,Analyst,United States,Wire One\n"
        "Named by nothing,,,\n"
    ))
    options = ImportOptions(
        mappings={str(path): {"claim TEXT": "text", "who": "speaker"}},  # chosen as header names are matched
        defaults={"speaker": "Ministry", "side": "Russia", "outlet": "Wire Two"},
    )
    summary = import_files(db, [path], options)
    assert summary.committed and not summary.warnings, summary.report()
    statements, _links = _stored(db)
    assert [row[1:4] for row in statements] == [
        ("Named in full", "Analyst", "Wire One"), ("Named by nothing", "Ministry", "Wire Two"),
    ]
    with db.reading() as session:
        sides = dict(session.execute(select(Speaker.name, Side.name).join(Side, Side.id == Speaker.side_id)).all())
    assert sides == {"Analyst": "United States", "Ministry": "Russia"}
