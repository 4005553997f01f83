"""A real PostgreSQL server for the tests, on 127.0.0.1 only, in a temporary folder.

Debian's server binaries (`apt-get install postgresql`, which .ci/run does) are found
under /usr/lib/postgresql/*/bin; without them the PostgreSQL tests are skipped. The
server runs as the `postgres` system user when the tests run as root (initdb refuses
root), listens on a free loopback port and keeps its socket in its own folder.
Every test gets a fresh database on that one server.
"""

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

HOST = "127.0.0.1"
USER = "parallax"


def _server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class PostgresServer:
    """One running server; `new_database()` gives the URL of an empty database on it."""

    def __init__(self, binaries: Path, folder: Path):
        self.binaries, self.folder = binaries, folder
        self.data, self.port = folder / "data", _free_port()
        self._as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._names = itertools.count(1)

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_server_user, str(self.binaries / program), *args]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-c listen_addresses={HOST} -p {self.port} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@{HOST}:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(host=HOST, port=self.port, user=USER, dbname="postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server; the tests using it are skipped when it cannot be had."""
    binaries = _server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    # Not under pytest's own temporary folder: as root that folder is closed to the server's user.
    folder = Path(tempfile.mkdtemp(prefix="parallax-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = PostgresServer(binaries, folder)
    try:
        server.start()
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {error.stderr.decode(errors='replace')}")
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The SQLAlchemy URL of a new, empty database on the test server."""
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def team_url(request, tmp_path) -> str:
    """A new database on each backend in turn: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'team.parallax'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def team_editors(team_url):
    """Two editors' connections to one database holding the seed story: (mine, theirs)."""
    from desktop.services.seed import load_seed
    from desktop.storage.database import Database

    mine, theirs = Database(team_url), Database(team_url)
    load_seed(mine)
    yield mine, theirs
    mine.close()
    theirs.close()


@pytest.fixture
def team_window(qtbot, team_editors):
    """The main window of the first of the two editors, on statement 1."""
    from desktop.app import build_main_window

    window = build_main_window(team_editors[0])
    qtbot.addWidget(window)
    window.state.select_statement(1)
    return window
