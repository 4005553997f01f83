"""Shared test set-up: Qt runs offscreen, and every test gets its own database and settings."""

import os
from pathlib import Path

# Offscreen, on the commonest newsroom laptop's screen (Qt's offscreen default is 800×800, which no editor has).
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={Path(__file__).parent / 'fixtures' / 'laptop-screen.json'}")

import pytest  # noqa: E402

from desktop.services.seed import load_seed  # noqa: E402
from desktop.storage.database import Database  # noqa: E402
from postgres import postgres_server, postgres_url, team_editors, team_url, team_window  # noqa: E402,F401  (team mode)
from web_server import web  # noqa: E402,F401  (pages served on 127.0.0.1)


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    """Keep settings, data and logs of the user running the tests untouched."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))


@pytest.fixture
def db(tmp_path):
    """An empty database in a file of its own."""
    database = Database(tmp_path / "test.parallax")
    yield database
    database.close()


@pytest.fixture
def seeded_db(db):
    """A database holding the seed story."""
    load_seed(db)
    return db


@pytest.fixture
def window(qtbot, seeded_db):
    """The main window on the seed story, shown offscreen."""
    from desktop.app import build_main_window

    main_window = build_main_window(seeded_db)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


class _Landed:
    """Steps of the operation runner, which run on the workspace's writer thread, waited for."""

    def __init__(self, qtbot):
        self._qtbot = qtbot

    def __call__(self, request, *args, timeout: int = 20_000):
        """Make a request of the runner (`runner.run, operation`, `runner.undo`, `runner.redo`…) and
        wait until it has landed; its result (what changed or None, whether the stack moved)."""
        results = []
        request(*args, results.append)
        self._qtbot.waitUntil(lambda: bool(results), timeout=timeout)
        return results[0]

    def settle(self, runner, timeout: int = 20_000) -> None:
        """Wait until every step asked of the runner (by an action, a dialog…) has landed."""
        self._qtbot.waitUntil(lambda: runner.idle, timeout=timeout)


@pytest.fixture
def landed(qtbot):
    """`landed(runner.run, operation)`: run a step and wait for it; `landed.settle(runner)`: wait for all."""
    return _Landed(qtbot)


@pytest.fixture
def gui_jobs(qtbot):
    """A jobs service delivering to the GUI thread, for widgets tested without a window."""
    from desktop.services.jobs import Jobs
    from desktop.ui.gui_thread import gui_deliver

    jobs = Jobs(gui_deliver())
    yield jobs
    jobs.close()
