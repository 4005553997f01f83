"""The command line under Ctrl+C, hostile text and failing articles: one line each, shown, never obeyed."""

import os
import signal

import pytest

from desktop.cli import main
from desktop.commands.terminal import escaped
from desktop.paths import seeds_dir
from desktop.services.exporting import csv_export
from desktop.services.stats import statement_stats
from desktop.storage.database import Database
from desktop.ui.exporting.brief_document import TypesetBrief
from importing_helpers import write

EARLIER = b"an earlier export"
HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil\r"


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)  # as Ctrl+C in a terminal: Python's own handler raises KeyboardInterrupt


def _interrupted_csv_rows(real):
    def rows(*args):
        for number, row in enumerate(real(*args)):
            if number == 3:
                _ctrl_c()
            yield row

    return rows


def _interrupted_paint(real):
    def paint(self, device):
        real(self, device)
        _ctrl_c()

    return paint


@pytest.mark.parametrize("key, suffix", [("csv", ".csv"), ("brief-pdf", ".pdf")])
def test_ctrl_c_during_an_export_is_one_line_exit_130_and_the_earlier_file_kept(qapp, seeded_db, tmp_path, capsys, monkeypatch, key, suffix):
    if key == "csv":
        monkeypatch.setattr(csv_export, "export_rows", _interrupted_csv_rows(csv_export.export_rows))
    else:
        monkeypatch.setattr(TypesetBrief, "paint", _interrupted_paint(TypesetBrief.paint))
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"brief{suffix}"
    target.write_bytes(EARLIER)
    try:
        status = main(["export", "--db", seeded_db.url, "--format", key, "-o", str(target)])
    except KeyboardInterrupt:
        status = "a traceback"
    assert status == 130
    error = capsys.readouterr().err
    assert error == "parallax: export stopped by Ctrl+C; nothing was written, and an earlier file of that name was left as it was.\n"
    assert target.read_bytes() == EARLIER and [p.name for p in folder.iterdir()] == [target.name]


def test_control_characters_are_written_out_never_sent_raw():
    assert escaped("a\x1b[31mb\x07c\x00d\x7fe\x85f\u202eg\u2066h\ufeffi\tj\nk") == (
        "a\\x1b[31mb\\x07c\\x00d\\x7fe\\x85f\\u202eg\\u2066h\\ufeffi\tj\nk"
    )
    assert escaped("one\ntwo\r", lines=False) == "one\\x0atwo\\x0d"
    assert escaped("Café, Київ, 東京 — “quoted”") == "Café, Київ, 東京 — “quoted”"


def test_warnings_and_errors_from_hostile_files_reach_the_terminal_escaped(db, tmp_path, capsys):
    column = HOSTILE.rstrip("\r")  # a CR would end the CSV's first line
    sheet = write(tmp_path, "in.csv", f"text,speaker,{column}\nA claim,Peskov,x\n")
    article = tmp_path / f"{HOSTILE}.txt"
    article.write_bytes(b"\xff\xfe\x00\x00\x00\xd8 not text")
    db.close()
    assert main(["import", str(sheet), str(article), "--db", db.url]) == 1
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert not {c for c in HOSTILE if not c.isprintable()} & set(printed)
    assert f"not know were left out: “{escaped(column)}”" in captured.out  # the unknown column, in the warning
    assert f"{escaped(HOSTILE)}.txt" in captured.err  # the article that cannot be read, in its error


def test_an_error_message_stays_one_line_and_escaped(tmp_path, capsys):
    not_a_db = tmp_path / f"notes{HOSTILE}.parallax"
    not_a_db.write_text("just some text, not a database\n" * 50)
    assert main(["stats", "--db", str(not_a_db)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "\x1b" not in error and "\\x1b]0;owned" in error


def test_one_failing_article_does_not_stop_the_others(tmp_path, capsys):
    seed = seeds_dir() / "kremlin-refutes-invasion-reports.txt"
    first = write(tmp_path, "a.txt", seed.read_text(encoding="utf-8"))
    broken = write(tmp_path, "b.html", "<div>" * 2000 + "Peskov said: “Nothing.”")  # nested deeper than any page
    unreadable = tmp_path / "c.txt"
    unreadable.write_bytes(b"\xff\xfe\x00\x00\x00\xd8 not text")
    last = write(tmp_path, "d.txt", 'Maria Zakharova said on Monday: "The reports of an invasion are a provocation."\n')
    database = tmp_path / "desk.parallax"
    status = main(["import", str(first), str(broken), str(unreadable), str(last), "--db", str(database), "--min-confidence", "0.3"])
    captured = capsys.readouterr()
    assert status == 1
    stored = [line.split(":")[0] for line in captured.out.splitlines() if not line.split()[1].startswith("0")]
    assert stored == [str(first), str(last)], captured.out
    errors = captured.err.splitlines()
    assert [line.split(":")[0] for line in errors[:2]] == [str(broken), str(unreadable)]
    assert errors[2:] == ["2 of 4 articles could not be imported; the others were."]
    db = Database(database)
    try:
        assert statement_stats(db)["speakers"].keys() >= {"Dmitry Peskov", "Maria Zakharova"}
    finally:
        db.close()
