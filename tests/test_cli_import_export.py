"""`parallax import`, `parallax export` and `parallax chart`: summaries, exit codes, files written."""

import json
import os
import signal
import zipfile

from desktop.cli import main
from desktop.commands import import_files as import_command
from desktop.logging_setup import log_file
from importing_helpers import counts, fingerprint, write


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
    assert capsys.readouterr().out.strip().endswith("(United States 4, Russia 5)")
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
