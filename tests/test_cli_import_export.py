"""`parallax import`, `parallax export` and `parallax chart`: summaries, exit codes, files written."""

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased

from desktop.cli import main
from desktop.commands import import_files as import_command
from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement
from desktop.logging_setup import log_file
from desktop.storage.database import Database
from importing_helpers import counts, fingerprint, write

CASE_LIST = Path(__file__).parent / "fixtures" / "case-list.csv"  # date, id, title, countries, keywords, languages, outlets
CASE_LIST_OPTIONS = ["--map", "title=text", "--map", "outlets=outlet", "--side", "Russia", "--speaker", "pro-Kremlin media"]


def test_import_prints_a_summary_and_exits_zero(db, tmp_path, capsys):
    path = write(tmp_path, "in.csv", "text,speaker,date,url,Mood\nA claim,Peskov,12 Nov 2021,ftp://x,calm\nA claim,Peskov,2021-11-12,,\n")
    db.close()
    assert main(["import", str(path), "--db", db.url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 1 statement (new: 1 speaker); 1 duplicate skipped.")
    assert "warnings: 2" in out and f"warning: {path}:1: columns Parallax does not know" in out
    assert f"warning: {path}:2: the link “ftp://x” was dropped" in out and "errors: 0" in out


def test_import_errors_exit_non_zero_and_leave_the_database_as_it_was(seeded_db, tmp_path, capsys):
    good = write(tmp_path, "good.csv", "text,speaker\nFine,Peskov\n")
    bad = write(tmp_path, "bad.csv", "text,speaker,date\nFine too,Peskov,11/12/2021\n,Peskov,\n")
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    assert main(["import", str(good), str(bad), "--db", seeded_db.url]) == 1
    out = capsys.readouterr().out
    assert "Nothing was imported: 2 errors" in out
    assert f"error: {bad}:2: the date “11/12/2021” could be" in out and f"error: {bad}:3: the row has no statement text" in out
    assert counts(seeded_db) == before and fingerprint(seeded_db) == checksum
    logged = log_file().read_text(encoding="utf-8")
    assert "parallax import of" in logged and f"error: {bad}:3: the row has no statement text" in logged

    assert main(["import", str(good), str(bad), "--month-first", "--db", seeded_db.url]) == 1  # the empty row remains
    bad.write_text("text,speaker,date\nFine too,Peskov,11/12/2021\n")
    assert main(["import", str(good), str(bad), "--month-first", "--db", seeded_db.url]) == 0
    assert counts(seeded_db)["statement"] == before["statement"] + 2


def test_import_refuses_files_it_cannot_read_without_touching_the_database(seeded_db, tmp_path, capsys):
    sheet = write(tmp_path, "claims.xlsx", "PK not really a spreadsheet")
    before = fingerprint(seeded_db)
    assert main(["import", str(sheet), "--db", seeded_db.url]) == 1
    assert "claims.xlsx" in capsys.readouterr().out
    assert fingerprint(seeded_db) == before


def test_export_every_format(seeded_db, tmp_path, capsys):
    for fmt, name in (("csv", "a.csv"), ("json", "a.json"), ("claimreview", "a.jsonld"), ("brief-html", "a.html"),
                      ("brief-pdf", "a.pdf"), ("brief-odt", "a.odt")):
        out = tmp_path / name
        assert main(["export", "--db", seeded_db.url, "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
        assert capsys.readouterr().out.startswith("Exported ")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["format"] == "parallax"
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert main(["export", "--db", seeded_db.url, "--format", "brief-html", "--left", "Russia", "--right", "Ukraine",
                 "-o", str(tmp_path / "b.html")]) == 0
    assert "Russia and Ukraine" in (tmp_path / "b.html").read_text(encoding="utf-8")
    assert main(["export", "--db", seeded_db.url, "--format", "brief-odt", "--title", "Kremlin <denials>",
                 "-o", str(tmp_path / "b.odt")]) == 0
    assert b"Kremlin &lt;denials&gt;" in zipfile.ZipFile(tmp_path / "b.odt").read("content.xml")
    assert main(["export", "--db", seeded_db.url, "--format", "brief-html", "--left", "Mars", "-o", str(tmp_path / "c.html")]) == 1
    assert "no side is named 'Mars'" in capsys.readouterr().err


def test_chart_png_and_svg(seeded_db, tmp_path, capsys):
    assert main(["chart", "--db", seeded_db.url, "-o", str(tmp_path / "c.png"), "--by", "day"]) == 0
    assert capsys.readouterr().out.strip().endswith("(United States 4, Russia 5; 7 undated, not drawn)")
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    assert main(["chart", "--db", seeded_db.url, "-o", str(tmp_path / "c.svg")]) == 0
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()
    assert main(["chart", "--db", seeded_db.url, "-o", str(tmp_path / "c.gif")]) == 1


def test_ctrl_c_stops_an_import_with_nothing_changed(seeded_db, tmp_path, capsys, monkeypatch):
    rows = "".join(f"Claim number {n},Speaker {n % 7}\n" for n in range(3000))
    path = write(tmp_path, "many.csv", "text,speaker\n" + rows)
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    real = import_command.import_files
    reports = []

    def interrupted_at_the_third_report(db, paths, options, progress, cancelled):
        def report(done, total):
            reports.append(done)
            if len(reports) == 3:
                os.kill(os.getpid(), signal.SIGINT)  # as Ctrl+C in a terminal

        return real(db, paths, options, report, cancelled)

    monkeypatch.setattr(import_command, "import_files", interrupted_at_the_third_report)
    assert main(["import", str(path), "--db", seeded_db.url]) == 130
    captured = capsys.readouterr()
    assert captured.out.startswith("Import cancelled; the database was left as it was.")
    assert "Stopping: nothing will be changed" in captured.err
    assert 3 <= len(reports) < 12 and counts(seeded_db) == before and fingerprint(seeded_db) == checksum
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was


def _carried(db) -> tuple[list[tuple], list[tuple]]:
    """Each statement as (text, outlet, speaker, side), and each link as (type, from text, from outlet, to outlet)."""
    source, target = aliased(Statement), aliased(Statement)
    from_outlet, to_outlet = aliased(Outlet), aliased(Outlet)
    with db.reading() as session:
        rows = session.execute(
            select(Statement.text, Outlet.name, Speaker.name, Side.name)
            .join(Speaker, Speaker.id == Statement.speaker_id)
            .join(Side, Side.id == Speaker.side_id)
            .outerjoin(Outlet, Outlet.id == Statement.outlet_id)
            .order_by(Statement.id)
        ).all()
        links = session.execute(
            select(Link.type, source.text, from_outlet.name, to_outlet.name)
            .join(source, source.id == Link.from_id).join(target, target.id == Link.to_id)
            .join(from_outlet, from_outlet.id == source.outlet_id).join(to_outlet, to_outlet.id == target.outlet_id)
            .order_by(Link.id)
        ).all()
    return [tuple(row) for row in rows], [tuple(link) for link in links]


def test_import_maps_a_case_list_as_the_window_does_one_statement_per_outlet(tmp_path, capsys):
    database = tmp_path / "cases.parallax"
    assert main(["import", str(CASE_LIST), "--db", str(database), *CASE_LIST_OPTIONS]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 9 statements and 4 links (new: 1 side, 1 speaker, 5 outlets); 0 duplicates skipped.")
    db = Database(database)
    try:
        statements, links = _carried(db)
    finally:
        db.close()
    assert {(speaker, side) for _text, _outlet, speaker, side in statements} == {("pro-Kremlin media", "Russia")}
    outlets = {}
    for text, outlet, _speaker, _side in statements:
        outlets.setdefault(text[:24], []).append(outlet)
    assert outlets == {
        "The western alliance is ": ["TASS - Russian", "RT English"],
        "Reports of a planned off": ["Sputnik Lite", "Daily Herald of the Steppe"],
        "The sanctions were draft": ["TASS - Russian"],
        "Peaceful exercises on ho": [None],
        "Satellite pictures of th": ["RT English", "Canal Vingt+", "Sputnik Lite"],
    }
    assert [(kind, text[:24], copy, first) for kind, text, copy, first in links] == [
        ("repeats", "The western alliance is ", "RT English", "TASS - Russian"),
        ("repeats", "Reports of a planned off", "Daily Herald of the Steppe", "Sputnik Lite"),
        ("repeats", "Satellite pictures of th", "Canal Vingt+", "RT English"),
        ("repeats", "Satellite pictures of th", "Sputnik Lite", "RT English"),
    ]

    assert main(["import", str(CASE_LIST), "--db", str(database), *CASE_LIST_OPTIONS]) == 0
    assert capsys.readouterr().out.startswith("Imported 0 statements; 9 duplicates skipped.")


def test_import_without_a_mapping_says_how_to_map_and_a_wrong_mapping_is_refused(tmp_path, capsys):
    database = str(tmp_path / "cases.parallax")
    assert main(["import", str(CASE_LIST), "--db", database]) == 1
    assert "no column holds the statement text" in capsys.readouterr().out
    assert main(["import", str(CASE_LIST), "--db", database, "--map", "Title=text", "--map", "Headline=note"]) == 1
    assert "there is no column “Headline” to map" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_status:
        main(["import", str(CASE_LIST), "--db", database, "--map", "title=txt"])
    assert exit_status.value.code == 2 and "“txt” is not a field" in capsys.readouterr().err


def test_import_progress_off_a_terminal_is_at_most_a_line_a_tenth(tmp_path):
    rows = "".join(f"Claim number {n},Speaker {n % 7}\n" for n in range(20_000))
    path = write(tmp_path, "many.csv", "text,speaker\n" + rows)
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "import", str(path), "--db", str(tmp_path / "many.parallax")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "\r" not in result.stderr and lines == sorted(set(lines), key=lines.index)
    assert lines and lines[-1] == "100%" and all(line in {f"{n}%" for n in range(10, 101, 10)} for line in lines)
