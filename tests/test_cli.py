"""The `parallax` command line."""

import json
import subprocess
import sys

from PySide6.QtGui import QImage
from sqlalchemy import func, select

from desktop import __version__
from desktop.cli import main
from desktop.domain.entities import Link, Side
from desktop.storage.database import Database


def _parallax(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_version():
    result = _parallax("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_stats_prints_counts_as_json(seeded_db, capsys):
    assert main(["stats", "--db", str(seeded_db.url), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["statements"] == 16
    assert set(stats) == {"statements", "stories", "sides", "speakers", "outlets", "months"}
    assert stats["sides"]["Russia"] == 9
    assert stats["stories"] == {"Russian troop build-up near Ukraine, Nov 2021": 16}


def test_self_test_renders_the_window_and_summarises_it(seeded_db, tmp_path):
    shot = tmp_path / "shot.png"
    seeded_db.close()
    result = _parallax("self-test", "--db", seeded_db.url, "-o", str(shot))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [column["statements"] for column in summary["columns"]] == [7, 9]
    assert summary["chart_totals"] == {"United States": 4, "Russia": 5}
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 700


def test_a_new_database_named_on_the_command_line_is_created_empty(tmp_path, capsys):
    path = tmp_path / "fresh.parallax"
    assert main(["stats", "--db", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["statements"] == 0
    assert path.exists()


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
    assert main(["stats", "--db", str(database)]) == 0
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
