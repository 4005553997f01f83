"""The process, not only the objects: `parallax` started, every dialog opened and closed, quit, a clean exit.

A crash on quit happens while the process ends, where no in-process test can see it;
so each run here is a child process driven by tests/dialog_tour.py.
"""

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.services.seed import load_seed
from desktop.storage.database import Database

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20
ARTICLE = ROOT / "seeds" / "kremlin-refutes-invasion-reports.txt"


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.parallax"
    db = Database(path)
    load_seed(db)
    db.close()
    return path


def _tour(seed_file: Path, folder: Path) -> subprocess.CompletedProcess:
    folder.mkdir()
    database = folder / "desk.parallax"
    shutil.copy(seed_file, database)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder), "PYTHONPATH": str(ROOT)}
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(folder / variable.lower())
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", str(ROOT / "tests" / "dialog_tour.py"), str(database), str(ARTICLE)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def test_every_dialog_opened_and_closed_then_quit_exits_cleanly_every_time(seed_file, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda n: _tour(seed_file, tmp_path / f"run{n}"), range(RUNS)))
    failed = [(n, run.returncode, run.stderr[-3000:], run.stdout[-600:]) for n, run in enumerate(runs) if run.returncode or run.stderr]
    assert not failed, f"{len(failed)} of {RUNS} runs ended badly; the first: {failed[0]}"


def test_the_tour_reaches_every_dialog(seed_file, tmp_path):
    """The tour itself works: it opens the dialogs it means to close (else the test above proves nothing)."""
    env_probe = _tour(seed_file, tmp_path / "probe")
    assert env_probe.returncode == 0, env_probe.stderr
    assert "opened: StatementDialog" in env_probe.stdout
    assert "opened: LinkDialog" in env_probe.stdout
    assert "opened: ExportDialog" in env_probe.stdout
    assert "opened: ReviewWindow" in env_probe.stdout


def test_quitting_while_an_article_is_read_opens_no_review_afterwards(qtbot, window):
    from desktop.ui.review import ReviewWindow, review_pasted_text

    reading = review_pasted_text(window, ARTICLE.read_text(encoding="utf-8"))
    assert reading is not None
    window.close()
    with qtbot.waitSignal(reading.destroyed, timeout=30_000):
        pass
    assert not [review for review in window.findChildren(ReviewWindow) if review.isVisible()]
